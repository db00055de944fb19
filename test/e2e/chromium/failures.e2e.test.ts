/**
 * Real failures on loopback, real Chromium, the built extension: each reaches the right explanation with the
 * stable hooks, or is recorded without taking over where that is the rule.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoFailing, launchWithExtension, type LaunchedBrowser } from '../support/chromium';
import { closedPort, startFaultServer, type FaultServer } from '../support/fault-server';
import { isLoopbackUrl } from '../support/request-log';
import { EXPLAIN_PAGE } from '../../../src/platform/pages';
import {
  eventually,
  explain,
  journalSettled,
  laterFailureRecorded,
  onExplanationPage,
  openPopup,
  openToolbarPopup,
  storedHistory,
  tabIdOf,
  type ChromeGlobal,
} from './helpers';

let b: LaunchedBrowser;
let fs: FaultServer;

beforeAll(async () => {
  fs = await startFaultServer();
  b = await launchWithExtension({ hostMap: { 'app.test': '127.0.0.1' } });
});

afterAll(async () => {
  await b?.close();
  await fs?.close();
});

describe('top-frame network failures take the tab to the explanation page', () => {
  it('refused port on 127.0.0.1: your own server is not running', async () => {
    const port = await closedPort();
    const page = await b.newPage();
    const url = `http://127.0.0.1:${port}/`;
    const hooks = await explain(b, page, url);
    expect(hooks).toEqual({
      errorCode: 'ERR_CONNECTION_REFUSED',
      verdict: 'server',
      cause: 'no-listener',
      local: 'true',
      url,
    });
    await expect(page.locator('h1').textContent()).resolves.toBe(
      `Nothing on your computer is answering at port ${port}.`,
    );
    await expect(page.getByTestId('verdict').textContent()).resolves.toContain('A server on this computer');
    await expect(page.locator('body').textContent()).resolves.toContain(`ss -ltnp 'sport = :${port}'`);
    // A look for the person reading a failed run (the README's screenshots come from `npm run screenshots`).
    const dir = 'test-results/screenshots';
    mkdirSync(dir, { recursive: true });
    await page.setViewportSize({ width: 900, height: 1100 });
    await page.screenshot({ path: `${dir}/explain-refused.png`, fullPage: false });
    await page.close();
  });

  it('reset by the server', async () => {
    const page = await b.newPage();
    const hooks = await explain(b, page, fs.url('/reset'));
    expect(hooks.errorCode).toBe('ERR_CONNECTION_RESET');
    expect(hooks.cause).toBe('connection-dropped');
    expect(hooks.verdict).toBe('server');
    await page.close();
  });

  it('empty response', async () => {
    const page = await b.newPage();
    const hooks = await explain(b, page, fs.url('/empty'));
    expect(hooks.errorCode).toBe('ERR_EMPTY_RESPONSE');
    expect(hooks.cause).toBe('connection-dropped');
    await expect(page.locator('body').textContent()).resolves.toContain('without sending a single byte');
    await page.close();
  });

  it('unresolvable name', async () => {
    const page = await b.newPage();
    const hooks = await explain(b, page, 'http://no-such-host.example/');
    expect(hooks).toMatchObject({ errorCode: 'ERR_NAME_NOT_RESOLVED', cause: 'name-not-found', local: 'false' });
    await expect(page.locator('h1').textContent()).resolves.toContain('no-such-host.example could not be found');
    await expect(page.locator('body').textContent()).resolves.toContain('DNS_PROBE_FINISHED_NXDOMAIN');
    await page.close();
  });

  it('https:// to a plain-HTTP port', async () => {
    const page = await b.newPage();
    const hooks = await explain(b, page, fs.url('/', { scheme: 'https' }));
    expect(hooks).toMatchObject({ errorCode: 'ERR_SSL_PROTOCOL_ERROR', cause: 'tls-on-plain-port', local: 'true' });
    // The fix is offered as a link to the http:// address.
    await expect(page.locator(`a[href="${fs.url('/')}"]`).count()).resolves.toBe(1);
    await page.close();
  });

  it('redirect loop (webRequest says aborted, webNavigation says too many redirects)', async () => {
    const page = await b.newPage();
    const hooks = await explain(b, page, fs.redirectLoop());
    expect(hooks).toMatchObject({ errorCode: 'ERR_TOO_MANY_REDIRECTS', cause: 'redirect-loop', verdict: 'server' });
    await page.close();
  });

  it('unsafe port', async () => {
    const page = await b.newPage();
    const hooks = await explain(b, page, 'http://127.0.0.1:6000/');
    expect(hooks).toMatchObject({ errorCode: 'ERR_UNSAFE_PORT', cause: 'unsafe-port', verdict: 'client' });
    await page.close();
  });

  it('non-HTTP answer', async () => {
    const page = await b.newPage();
    const listener = await fs.listen('nonHttp');
    const hooks = await explain(b, page, listener.url('/'));
    expect(hooks).toMatchObject({ errorCode: 'ERR_INVALID_HTTP_RESPONSE', cause: 'invalid-response' });
    await page.close();
  });

  it('502 with an empty body arrives as a network error and is explained with its status', async () => {
    const page = await b.newPage();
    const hooks = await explain(b, page, fs.status(502, { body: null }));
    expect(hooks).toMatchObject({
      errorCode: 'ERR_HTTP_RESPONSE_CODE_FAILURE',
      cause: 'http-bad-gateway',
      verdict: 'server',
    });
    await expect(page.locator('footer').textContent()).resolves.toContain('HTTP 502');
    await page.close();
  });
});

describe('failures that keep their page', () => {
  it('self-signed certificate: the browser warning stays, the failure is recorded', async () => {
    const tls = await fs.listenTls();
    const page = await b.newPage();
    const url = tls.url('/');
    const nav = await gotoFailing(page, url);
    expect(nav.code).toBe('ERR_CERT_AUTHORITY_INVALID');
    // Recorded: the worker has handled the failure, and decided against a takeover by then.
    const entry = await eventually(async () => (await storedHistory(b)).find((e) => e.url === url));
    expect(page.url()).not.toContain('chrome-extension://');
    expect(b.context.pages().some((p) => p.url().startsWith(b.extensionUrl('src/pages/explain/')))).toBe(false);
    expect(entry.code).toBe('ERR_CERT_AUTHORITY_INVALID');
    expect(entry.cause).toBe('certificate-untrusted');
    await page.close();
  });

  it("502 with a body: the site's page stays, the failure is recorded with its status", async () => {
    const page = await b.newPage();
    const url = fs.status(502);
    const response = await page.goto(url);
    expect(response?.status()).toBe(502);
    const entry = await eventually(async () => (await storedHistory(b)).find((e) => e.url === url));
    expect(entry).toMatchObject({ code: 'HTTP_502', cause: 'http-bad-gateway', httpStatus: 502 });
    expect(page.url()).toBe(url);
    await page.close();
  });

  it('a page whose fetch fails: recorded as a subresource failure, no takeover, shown for its tab', async () => {
    const port = await closedPort();
    const page = await b.newPage();
    const pageUrl = fs.subresourcePage(port);
    await page.goto(pageUrl);
    await page.locator('body[data-done="true"]').waitFor({ timeout: 15_000 });
    expect(page.url()).toBe(pageUrl);
    const entries = await eventually(async () => {
      const list = (await storedHistory(b)).filter((e) => e.url.startsWith(`http://127.0.0.1:${port}/`));
      return list.length >= 2 ? list : null;
    });
    expect(entries.map((e) => e.resourceType).sort()).toEqual(expect.arrayContaining(['image', 'xmlhttprequest']));
    for (const e of entries) expect(e.code).toBe('ERR_CONNECTION_REFUSED');

    const popup = await openToolbarPopup(b, page);
    const group = await popup.attrs(`[data-sub-host="127.0.0.1:${port}"]`);
    expect(group['data-error-code']).toBe('ERR_CONNECTION_REFUSED');
    expect(Number(group['data-count'])).toBeGreaterThanOrEqual(2);
    await popup.close();
    await page.close();
  });
});

/**
 * Opens a failing address, and checks that the explanation page's first paint shows what the page shows at the end,
 * in the same nodes; and that it came in the page's HTML, served by the worker (platform/explain-server.ts): the
 * headline is in the document before any script, the styles are inlined, and the one script comes after the content.
 */
async function firstPaintThenFinal(url: string): Promise<{ deferred: boolean }> {
  const page = await b.newPage();
  const documents: { fromWorker: boolean; html: Promise<string>; csp: string | null }[] = [];
  // The page's other files (its modules, icons): the worker's static route sends them straight to the package, so
  // none waits on its fetch handler (DevTools says which router rule a response matched).
  const files: { url: string; router: string | null; status: number }[] = [];
  const cdp = await b.context.newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.responseReceived', (e) => {
    const r = e.response as { url: string; serviceWorkerRouterInfo?: { matchedSourceType?: string } };
    if (e.type !== 'Document' && r.url.startsWith(b.extensionUrl('')))
      files.push({
        url: r.url,
        router: r.serviceWorkerRouterInfo?.matchedSourceType ?? null,
        status: e.response.status,
      });
  });
  page.on('response', (r) => {
    if (r.request().resourceType() !== 'document' || !r.url().startsWith(b.extensionUrl(EXPLAIN_PAGE))) return;
    const csp = r.headers()['content-security-policy'] ?? null;
    documents.push({ fromWorker: r.fromServiceWorker(), html: r.text().catch(() => ''), csp });
  });
  // The page as it was when the headline first appeared, and whether those nodes are the ones still shown at the end.
  await page.addInitScript(() => {
    const w = window as unknown as { __first?: FirstPaintSeen };
    new MutationObserver((_, observer) => {
      const h1 = document.querySelector('main h1');
      if (!h1 || w.__first) return;
      w.__first = {
        h1: h1.textContent ?? '',
        verdict: document.querySelector('[data-testid="verdict"]')?.textContent ?? '',
        evidence: document.querySelector('main .evidence li')?.textContent ?? '',
        checking: document.querySelector('[data-testid="checking"]')?.textContent ?? '',
        headerChildren: h1.parentElement?.children.length ?? 0,
        node: h1,
      };
      observer.disconnect();
    }).observe(document, { subtree: true, childList: true });
  });
  const hooks = await explain(b, page, url);
  expect(hooks.cause).toBe('no-listener');
  const first = await page.evaluate(() => {
    const f = (window as unknown as { __first: FirstPaintSeen }).__first;
    return {
      ...f,
      node: undefined,
      same: f.node === document.querySelector('main h1'),
      final: document.querySelector('main h1')?.textContent,
      finalVerdict: document.querySelector('[data-testid="verdict"]')?.textContent,
      finalEvidence: document.querySelector('main .evidence li')?.textContent,
      finalChecking: document.querySelector('[data-testid="checking"]')?.textContent ?? null,
    };
  });
  // Brand line, headline, verdict and "checking": drawn before the modules ran (the page's own header adds the
  // buttons, and the worker's answer ends the checking).
  expect(first.headerChildren).toBe(4);
  expect(first.checking).toBe('Checking nearby evidence…');
  expect(first.finalChecking).toBeNull();
  expect(first.h1).toBe(first.final);
  expect(first.h1).toMatch(/^Nothing on your computer is answering at port \d+\.$/);
  expect(first.verdict).toBe(first.finalVerdict);
  expect(first.verdict).toBe('A server on this computer(likely)');
  expect(first.evidence).not.toBe('');
  expect(first.evidence).toBe(first.finalEvidence);
  expect(first.same).toBe(true);
  // Served by the worker with the first paint in it.
  expect(documents).toHaveLength(1);
  expect(documents[0]!.fromWorker).toBe(true);
  expect(documents[0]!.csp).toContain("script-src 'self'");
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
  expect(marks).toContain('netwhy:served');
  expect(marks).not.toContain('netwhy:drawn');
  const html = await documents[0]!.html;
  expect(html).toContain(`<h1>${first.h1}</h1>`); // digits and words: nothing to escape
  expect(html).not.toContain('<link rel="stylesheet"');
  expect(html.match(/<script/g)).toHaveLength(1);
  expect(html.indexOf('<script')).toBeGreaterThan(html.indexOf('</main>'));
  expect(files.map((f) => f.url)).toContainEqual(expect.stringContaining('/assets/explain-app.js'));
  expect(files.filter((f) => f.router !== 'network')).toEqual([]);
  // The app and the modules it imports are preloaded after the content, every one a file of the package.
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]!);
  expect(preloaded).toContain('/assets/explain-app.js');
  expect(preloaded.some((p) => /\/assets\/preact-[\w-]+\.js$/.test(p))).toBe(true);
  expect(html.indexOf('modulepreload')).toBeGreaterThan(html.indexOf('</main>'));
  for (const p of preloaded) expect(files.find((f) => new URL(f.url).pathname === p)?.status, p).toBe(200);
  const deferred = (new URL(page.url()).searchParams.get('h') ?? '').includes('\u0001');
  await page.close();
  return { deferred };
}

/** The explanation page as it was when its headline first appeared (recorded in the page by an init script). */
interface FirstPaintSeen {
  h1: string;
  verdict: string;
  evidence: string;
  checking: string;
  headerChildren: number;
  node: Element;
}

describe('navigation around the explanation page', () => {
  it("paints the worker's headline, verdict and first evidence first (first-paint.ts, from the address), then the page takes them over", async () => {
    await firstPaintThenFinal(`http://127.0.0.1:${await closedPort()}/`);
  });

  it('after a cold start, the words the page looks up from the keys in its address are the same', async () => {
    await journalSettled(b); // nothing for the next worker to replay (a replay would look up words before the event)
    // The page a worker prepared is kept for the next one (one read instead of its files), with the version.
    const kept = await (
      await b.waitForWorker()
    ).evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.storage.session.get('pageShell'));
    const shell = kept.pageShell as { version: string; shell: string } | undefined;
    expect(shell?.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(shell?.shell).toContain('<div id="app"></div>');
    expect(shell?.shell).toContain('rel="modulepreload"');
    await b.stopWorker();
    const first = await firstPaintThenFinal(`http://127.0.0.1:${await closedPort()}/cold-words`);
    expect(first.deferred).toBe(true); // the first takeover of a started worker sends keys
  });

  it("the served page writes what its address holds as text, under the extension's CSP", async () => {
    const page = await b.newPage();
    const hostile = `<img src=x onerror="document.title='pwned'"><script>document.title='pwned'</script>`;
    const address = new URLSearchParams({ id: 'nope', tab: '1', url: 'http://127.0.0.1:1/', h: hostile, vl: hostile });
    const served = page.waitForResponse((r) => r.request().resourceType() === 'document');
    await page.goto(`${b.extensionUrl(EXPLAIN_PAGE)}?${address.toString()}`);
    const response = await served;
    expect(response.fromServiceWorker()).toBe(true);
    const html = await response.text();
    expect(html).not.toContain('<img src=x');
    expect(html).toContain(`<h1>&#60;img src=x onerror=&#34;document.title=&#39;pwned&#39;&#34;&#62;&#60;script&#62;`);
    // Whatever the page then shows for an id the worker does not know, nothing of the address ran.
    await page.waitForLoadState('load');
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => document.querySelectorAll('img[src="x"], main script, h1 script').length)).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    await page.close();
  });

  it('Back from the explanation page returns to the page before the failed one', async () => {
    const page = await b.newPage();
    const before = fs.ok('before');
    await page.goto(before);
    const port = await closedPort();
    await explain(b, page, `http://127.0.0.1:${port}/`);
    await page.goBack().catch(() => undefined); // the failed entry fails again; the extension steps back past it
    // Polled, not waitForURL: the failed entry's load that the extension steps past ends as ERR_ABORTED, which
    // waitForURL reports as an error when it happens to be watching it. And the URL can come before the title.
    await eventually(async () => page.url() === before, 15_000);
    await eventually(async () => (await page.title()) === 'before');
    // and it stays there: no loop back into the explanation page. Once a later failure is recorded, the worker has
    // handled every event of the Back navigation; the tab has no navigation under way either.
    const tabId = await tabIdOf(b, page);
    await laterFailureRecorded(b, port, 'after-back');
    expect(page.url()).toBe(before);
    const tab = await (
      await b.waitForWorker()
    ).evaluate(
      (id) =>
        (
          globalThis as unknown as {
            chrome: { tabs: { get(id: number): Promise<{ url?: string; pendingUrl?: string }> } };
          }
        ).chrome.tabs.get(id),
      tabId,
    );
    expect(tab.pendingUrl ?? tab.url).toBe(before);
    await page.close();
  });

  it('Retry loads the page once the server has started', async () => {
    const later = await fs.later();
    const page = await b.newPage();
    const url = later.url('/ok?title=back%20up');
    const hooks = await explain(b, page, url);
    expect(hooks.errorCode).toBe('ERR_CONNECTION_REFUSED');
    await later.start();
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.waitForURL(url, { timeout: 15_000 });
    await expect(page.title()).resolves.toBe('back up');
    await page.close();
  });

  it('Retry while still down explains again instead of stepping back', async () => {
    const page = await b.newPage();
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/`;
    await explain(b, page, url);
    const first = page.url();
    await page.getByRole('button', { name: 'Retry' }).click();
    await onExplanationPage(b, page, first);
    await expect(page.locator('main[data-ready="true"]').getAttribute('data-cause')).resolves.toBe('no-listener');
    await page.close();
  });
});

describe('popup and reports', () => {
  it('lists what failed, newest first, with the hooks, and copies a Markdown report', async () => {
    const port = await closedPort();
    const page = await b.newPage();
    const url = `http://127.0.0.1:${port}/x?token=secret`;
    await explain(b, page, url);
    const popup = await openPopup(b);
    const entry = popup.locator(`li[data-host="127.0.0.1:${port}"][data-error-code="ERR_CONNECTION_REFUSED"]`).first();
    await entry.waitFor();
    await expect(entry.getAttribute('data-cause')).resolves.toBe('no-listener');
    await expect(entry.getAttribute('data-verdict')).resolves.toBe('server');
    expect(await entry.getAttribute('data-failure-id')).toBeTruthy();
    const codes = await popup
      .locator('section[aria-labelledby="recent"] li[data-error-code]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-error-code')));
    expect(codes).toEqual(
      expect.arrayContaining(['ERR_CONNECTION_RESET', 'ERR_NAME_NOT_RESOLVED', 'ERR_TOO_MANY_REDIRECTS']),
    );

    await b.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await entry.locator('.entry-head').click();
    await entry.getByRole('button', { name: 'Copy report' }).click();
    await entry.getByRole('button', { name: 'Copied' }).waitFor();
    const text = await popup.evaluate(() => navigator.clipboard.readText());
    expect(text).toContain('## netwhy report');
    expect(text).toContain('ERR_CONNECTION_REFUSED');
    expect(text).toContain(`http://127.0.0.1:${port}/x`);
    expect(text).not.toContain('secret');
    await popup.close();
    await page.close();
  });

  it('the explanation page copies the same report', async () => {
    const port = await closedPort();
    const page = await b.newPage();
    await explain(b, page, `http://127.0.0.1:${port}/`);
    await page.getByRole('button', { name: 'Copy report' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toContain(`Nothing on your computer is answering at port ${port}.`);
    await page.close();
  });
});

describe('worker restarts', () => {
  it('a stopped worker wakes for the failure, still takes over, and the history survives', async () => {
    const before = (await storedHistory(b)).length;
    expect(before).toBeGreaterThan(0);
    await b.stopWorker();
    const port = await closedPort();
    const page = await b.newPage();
    const hooks = await explain(b, page, `http://127.0.0.1:${port}/cold`);
    expect(hooks.cause).toBe('no-listener');
    const after = await eventually(async () => {
      const list = await storedHistory(b);
      return list.length > before ? list : null;
    });
    expect(after.some((e) => e.url === `http://127.0.0.1:${port}/cold`)).toBe(true);
    await page.close();
  });

  it("nothing requested in this suite left loopback (the one outside name is the test's own, and never resolves)", () => {
    expect(b.requests.entries.length).toBeGreaterThan(20);
    b.requests.assertLoopbackOnly({ allow: ['no-such-host.example'] });
    // The extension's own requests (loopback probes) stay on this computer.
    const own = b.requests.fromWorkers().filter((r) => !r.url.startsWith('chrome-extension://'));
    expect(own.length).toBeGreaterThan(0);
    expect(own.filter((r) => !isLoopbackUrl(r.url))).toEqual([]);
  });
});
