/**
 * Real failures on loopback, real Firefox ESR, the built Firefox package (dist-firefox/): each reaches the right
 * explanation with the stable hooks, or is recorded without taking over where that is the rule. Firefox words
 * failures differently from Chromium (`Error code <nsresult>` from webNavigation, `NS_ERROR_*` names or localized
 * sentences from webRequest, resets after retries, real NS_BINDING_ABORTED for replaced loads): the extension must
 * reach the same canonical codes and causes as in Chromium.
 *
 * Runs in the loopback-only network namespace (scripts/firefox-netns.mjs); names resolve through the suite's DNS stub.
 */
import { hostname } from 'node:os';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, startFaultServer, type FaultServer } from '../support/fault-server';
import { launchFirefox, navigate, type LaunchedFirefox } from './support/firefox';
import { checkIsolation } from './support/isolation';
import {
  type BrowserGlobal,
  EXPLAIN,
  eventually,
  explain,
  laterFailureRecorded,
  onExplanationPage,
  openPopup,
  storedHistory,
} from './helpers';

let ff: LaunchedFirefox;
let fs: FaultServer;
const pages: Page[] = [];

/** A new tab; every tab a test opens is closed after the suite (closing mid-navigation is not worth a flake). */
async function newPage(): Promise<Page> {
  const page = await ff.newPage();
  pages.push(page);
  return page;
}

const text = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent ?? '');

beforeAll(async () => {
  fs = await startFaultServer();
  ff = await launchFirefox({ hosts: { 'app.test': '127.0.0.1' } });
});

afterAll(async () => {
  for (const p of pages) await p.close().catch(() => undefined);
  await ff?.close();
  await fs?.close();
});

describe('Firefox ESR with the built package', () => {
  it('runs the real Firefox ESR with netwhy installed as netwhy@netwhy.dev, its background answering', () => {
    expect(ff.version).toMatch(/^firefox\/\d+\.\d+/);
    expect(Number(/^firefox\/(\d+)/.exec(ff.version)?.[1])).toBeGreaterThanOrEqual(140);
    expect(ff.extensionId).toBe('netwhy@netwhy.dev');
    expect(ff.extensionUrl('')).toMatch(/^moz-extension:\/\/[0-9a-f-]{36}\/$/);
  });

  it('has its host permissions (without them webRequest would never fire)', async () => {
    const granted = await ff.inExtension(() =>
      (globalThis as unknown as BrowserGlobal).browser.permissions.contains({ origins: ['<all_urls>'] }),
    );
    expect(granted).toBe(true);
  });
});

describe('top-frame network failures take the tab to the explanation page', () => {
  it('refused port on 127.0.0.1: your own server is not running', async () => {
    const port = await closedPort();
    const page = await newPage();
    const url = `http://127.0.0.1:${port}/`;
    const hooks = await explain(ff, page, url);
    expect(hooks).toEqual({
      errorCode: 'ERR_CONNECTION_REFUSED',
      verdict: 'server',
      cause: 'no-listener',
      local: 'true',
      url,
    });
    await expect(text(page, 'h1')).resolves.toBe(`Nothing on your computer is answering at port ${port}.`);
    // Firefox's worker serves no page (an event page gets no fetch events): the page drew its first paint itself.
    const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
    expect(marks).toContain('netwhy:drawn');
    expect(marks).not.toContain('netwhy:served');
    await expect(text(page, '[data-testid="verdict"]')).resolves.toContain('A server on this computer');
    // Both of Firefox's reports of this one navigation became one failure, kept in Firefox's own words.
    const entries = await eventually(async () => {
      const list = (await storedHistory(ff)).filter((e) => e.url === url);
      return list.length ? list : null;
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.count).toBe(1);
    expect(entries[0]!.error).toMatch(/^(NS_ERROR_CONNECTION_REFUSED|Error code 2152398861)$/);
  });

  it('unresolvable name: NXDOMAIN from the loopback stub resolver, never an outside one', async () => {
    const page = await newPage();
    const url = 'http://no-such-host.example/';
    const hooks = await explain(ff, page, url);
    expect(hooks).toMatchObject({ errorCode: 'ERR_NAME_NOT_RESOLVED', cause: 'name-not-found', local: 'false', url });
    await expect(text(page, 'h1')).resolves.toContain('no-such-host.example could not be found');
    // Firefox really asked the system resolver, and the answer came from the suite's stub on 127.0.0.1.
    const lookups = ff.dns.queries.filter((q) => q.name === 'no-such-host.example');
    expect(lookups.length).toBeGreaterThan(0);
    expect(lookups.every((q) => q.answer === 'NXDOMAIN')).toBe(true);
  });

  it('reset by the server: Firefox retries, then one NS_ERROR_NET_RESET failure is explained', async () => {
    const page = await newPage();
    const url = fs.url('/reset');
    const hooks = await explain(ff, page, url);
    expect(hooks).toMatchObject({
      errorCode: 'ERR_CONNECTION_RESET',
      cause: 'connection-dropped',
      verdict: 'server',
      local: 'true',
    });
    expect(fs.requests.filter((r) => r.path === '/reset').length).toBeGreaterThan(1); // the retries reached the server
    // History writes are batched: wait for this failure's entry, then check there is one (Firefox's retries are not
    // several failures).
    const entries = await eventually(async () => {
      const found = (await storedHistory(ff)).filter((e) => e.url === url);
      return found.length ? found : null;
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.error).toMatch(/^(NS_ERROR_NET_RESET|Error code 2152398868)$/);
  });

  it('closed without an answer: Firefox has no "empty response", it is a reset too', async () => {
    const page = await newPage();
    const hooks = await explain(ff, page, fs.url('/empty'));
    expect(hooks).toMatchObject({ errorCode: 'ERR_CONNECTION_RESET', cause: 'connection-dropped', verdict: 'server' });
  });

  it('https:// to a plain-HTTP port (Firefox says it in a sentence: "SSL received a record that exceeded...")', async () => {
    const page = await newPage();
    const url = fs.url('/', { scheme: 'https' });
    const hooks = await explain(ff, page, url);
    expect(hooks).toMatchObject({
      errorCode: 'ERR_SSL_PROTOCOL_ERROR',
      cause: 'tls-on-plain-port',
      local: 'true',
      url,
    });
    // The fix is offered as a link to the http:// address.
    expect(await page.$$eval(`a[href="${fs.url('/')}"]`, (els) => els.length)).toBe(1);
  });

  it('Retry loads the page once the server has started', async () => {
    const later = await fs.later();
    const page = await newPage();
    const url = later.url('/ok?title=back%20up');
    const hooks = await explain(ff, page, url);
    expect(hooks.errorCode).toBe('ERR_CONNECTION_REFUSED');
    await later.start();
    await page.click('button.primary');
    await ff.waitForUrl(page, (u) => u === url, 15_000);
    await eventually(async () => (await page.title()) === 'back up');
  });

  it('Retry while still down explains again', async () => {
    const page = await newPage();
    const port = await closedPort();
    await explain(ff, page, `http://127.0.0.1:${port}/again`);
    const first = await page.evaluate(() => location.href);
    await page.click('button.primary');
    await onExplanationPage(ff, page, first);
    const main = await page.waitForSelector('main[data-ready="true"]', { timeout: 20_000 });
    expect(await main!.evaluate((el) => (el as HTMLElement).dataset.cause)).toBe('no-listener');
  });
});

describe('loads that are not failures', () => {
  it('a first load in a new tab, opened by BiDi or by tabs.create, is left alone', async () => {
    const before = (await storedHistory(ff)).length;
    const page = await newPage();
    const url = `http://app.test:${fs.port}/ok?title=first%20load`; // resolved by the stub to 127.0.0.1
    navigate(page, url);
    await ff.waitForUrl(page, (u) => u === url);
    await eventually(async () => (await page.title()) === 'first load');
    const created = fs.ok('created tab');
    const createdTab = await ff.inExtension(
      (u: string) => (globalThis as unknown as BrowserGlobal).browser.tabs.create({ url: u }).then((t) => t.id ?? -1),
      created,
    );
    // The created tab's load has ended, and a later failure is recorded: the background has handled every event of
    // both loads (a wrong takeover or record would be under way).
    await eventually(() =>
      ff.inExtension(
        async (u: string) =>
          (
            (await (globalThis as unknown as BrowserGlobal).browser.tabs.query({})) as {
              url?: string;
              status?: string;
            }[]
          ).some((t) => t.url === u && t.status === 'complete'),
        created,
      ),
    );
    const marker = await laterFailureRecorded(ff, await newPage(), await closedPort(), 'after-first-loads');
    expect(await page.evaluate(() => location.href)).toBe(url);
    expect((await storedHistory(ff)).filter((e) => e.url !== marker)).toHaveLength(before);
    // No load of that tab is pending any more: Firefox may deliver its onSendHeaders after its onCommitted, and the
    // load tracker took the committed load up again (a false "hung" record 10 s later) until it learnt that order.
    await eventually(() =>
      ff.inExtension(async (tabId: number) => {
        const { loads } = (await (globalThis as unknown as BrowserGlobal).browser.storage.session.get('loads')) as {
          loads?: { tabId: number }[];
        };
        return !(loads ?? []).some((l) => l.tabId === tabId);
      }, createdTab),
    );
    await ff.inExtension(
      (id: number) =>
        (globalThis as unknown as { browser: { tabs: { remove(id: number): Promise<void> } } }).browser.tabs.remove(id),
      createdTab,
    );
  });

  it('a navigation replaced by another (a real NS_BINDING_ABORTED) is not a failure', async () => {
    const page = await newPage();
    const slow = fs.slow(4000);
    navigate(page, slow);
    await fs.waitForRequest((r) => r.path.startsWith('/slow'));
    const after = fs.ok('after');
    navigate(page, after);
    await ff.waitForUrl(page, (u) => u === after);
    await laterFailureRecorded(ff, await newPage(), await closedPort(), 'after-replaced');
    expect(await page.evaluate(() => location.href)).toBe(after);
    expect((await storedHistory(ff)).some((e) => e.url === slow)).toBe(false);
  });

  it('a load the user stops (NS_BINDING_ABORTED again) is not a failure', async () => {
    const page = await newPage();
    const hang = fs.url('/hang?stop');
    navigate(page, hang);
    await fs.waitForRequest((r) => r.path === '/hang?stop');
    await page.evaluate(() => window.stop());
    await laterFailureRecorded(ff, await newPage(), await closedPort(), 'after-stop');
    expect(await page.evaluate(() => location.href)).not.toContain(ff.extensionUrl(EXPLAIN));
    expect((await storedHistory(ff)).some((e) => e.url === hang)).toBe(false);
    // Nor is the stopped load still tracked: Firefox may report its request as sent after the stop, and the load
    // tracker took that for a new load (a false "hung" record 10 s later) until it learnt that order.
    const pending = await ff.inExtension(async () => {
      const got = (await (globalThis as unknown as BrowserGlobal).browser.storage.session.get('loads')) as {
        loads?: { url: string }[];
      };
      return (got.loads ?? []).map((l) => l.url);
    });
    expect(pending).not.toContain(hang);
  });
});

describe('failures that keep their page', () => {
  it('a page whose fetch fails: recorded as a subresource failure, no takeover, shown for its tab', async () => {
    const port = await closedPort();
    const page = await newPage();
    const pageUrl = fs.subresourcePage(port);
    navigate(page, pageUrl);
    await page.waitForSelector('body[data-done="true"]', { timeout: 15_000 });
    expect(await page.evaluate(() => location.href)).toBe(pageUrl);
    const results = JSON.parse(await page.evaluate(() => document.body.dataset.results ?? '{}')) as Record<
      string,
      string
    >;
    expect(results).toEqual({ fetch: 'error', img: 'error' });
    const entries = await eventually(async () => {
      const list = (await storedHistory(ff)).filter((e) => e.url.startsWith(`http://127.0.0.1:${port}/`));
      return list.length >= 2 ? list : null;
    }, 30_000);
    expect(entries.map((e) => e.resourceType).sort()).toEqual(expect.arrayContaining(['image', 'xmlhttprequest']));
    for (const e of entries) expect(e.code).toBe('ERR_CONNECTION_REFUSED');
    await laterFailureRecorded(ff, await newPage(), await closedPort(), 'after-subresources');
    expect(await page.evaluate(() => location.href)).toBe(pageUrl); // still no takeover

    const popup = await openPopup(ff, page);
    pages.push(popup);
    const group = await popup.waitForSelector(`[data-sub-host="127.0.0.1:${port}"]`, { timeout: 20_000 });
    const attrs = await group!.evaluate((el) => ({
      code: el.getAttribute('data-error-code'),
      count: Number(el.getAttribute('data-count')),
    }));
    expect(attrs.code).toBe('ERR_CONNECTION_REFUSED');
    expect(attrs.count).toBeGreaterThanOrEqual(2);
  });
});

describe('popup', () => {
  it('lists what failed, newest first, with the hooks', async () => {
    // Its own two failures, one after the other (not what earlier tests left behind).
    const older = `http://no-such-host.example/popup-${Date.now()}`;
    await explain(ff, await newPage(), older);
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/popup?token=secret`;
    await explain(ff, await newPage(), url);
    const stored = await eventually(async () => {
      const h = await storedHistory(ff);
      const ids = [h.find((e) => e.url === url)?.id, h.find((e) => e.url === older)?.id];
      return ids.every(Boolean) ? (ids as string[]) : null;
    });
    const popup = await openPopup(ff);
    pages.push(popup);
    const selector = `section[aria-labelledby="recent"] li[data-host="127.0.0.1:${port}"][data-error-code="ERR_CONNECTION_REFUSED"]`;
    await popup.waitForSelector(selector, { timeout: 10_000 });
    const first = await popup.$eval(selector, (el) => ({ ...(el as HTMLElement).dataset }));
    expect(first).toMatchObject({
      errorCode: 'ERR_CONNECTION_REFUSED',
      verdict: 'server',
      cause: 'no-listener',
      host: `127.0.0.1:${port}`,
    });
    const listed = await popup.$$eval('section[aria-labelledby="recent"] li[data-error-code]', (els) =>
      els.map((e) => ({
        id: e.getAttribute('data-failure-id'),
        code: e.getAttribute('data-error-code'),
        cause: e.getAttribute('data-cause'),
        host: e.getAttribute('data-host'),
      })),
    );
    // Newest first: this test's refusal leads the list, its name failure comes right after it.
    expect(listed.slice(0, 2)).toEqual([
      { id: stored[0], code: 'ERR_CONNECTION_REFUSED', cause: 'no-listener', host: `127.0.0.1:${port}` },
      { id: stored[1], code: 'ERR_NAME_NOT_RESOLVED', cause: 'name-not-found', host: 'no-such-host.example' },
    ]);
  });

  it("for the tab on the explanation page, shows that tab's failure first", async () => {
    const port = await closedPort();
    const page = await newPage();
    const url = `http://127.0.0.1:${port}/this-tab`;
    await explain(ff, page, url);
    // A newer failure in another tab: the popup must describe the active tab, not the newest failure.
    const newer = `http://no-such-host.example/newer-${Date.now()}`;
    await explain(ff, await newPage(), newer);
    await eventually(async () => (await storedHistory(ff)).some((e) => e.url === newer));
    const popup = await openPopup(ff, page);
    pages.push(popup);
    const current = await popup.waitForSelector('section[aria-labelledby="this-tab"] li[data-failure-id]', {
      timeout: 10_000,
    });
    const id = await current!.evaluate((el) => el.getAttribute('data-failure-id'));
    const stored = await eventually(async () => (await storedHistory(ff)).find((e) => e.url === url)?.id);
    expect(id).toBe(stored);
  });
});

describe('the keyboard shortcut', () => {
  // Headless Firefox routes no keys to the toolbar: what can be checked is what the browser registered.
  it('Alt+Shift+K is the shortcut Firefox assigned to the toolbar popup (_execute_action)', async () => {
    const commands = await ff.inExtension(() =>
      (
        globalThis as unknown as {
          browser: { commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> } };
        }
      ).browser.commands.getAll(),
    );
    expect(commands.map((c) => [c.name, c.shortcut])).toEqual([['_execute_action', 'Alt+Shift+K']]);
  });
});

describe('isolation', () => {
  it("ran in a loopback-only network namespace, and looked up only the test's own names", async () => {
    expect(checkIsolation()).toMatchObject({ ok: true, interfaces: ['lo'] });
    // Its own lookups (not earlier tests'): a mapped name that loads and one that does not exist.
    const page = await newPage();
    navigate(page, fs.url('/ok?title=isolation', { host: 'app.test' }));
    await ff.waitForUrl(page, (u) => u.startsWith('http://app.test:'), 20_000);
    await explain(ff, await newPage(), 'http://no-such-host.example/isolation');
    // Every name anything in the namespace resolved went to the stub: Firefox's own background traffic
    // (telemetry, remote settings, captive portal, updates...) would show up here by its host names.
    // The machine's own host name is the system's lookup, not traffic (a container whose /etc/hosts lacks it asks).
    const own = hostname().toLowerCase();
    expect(
      ff.dns
        .names()
        .filter((n) => n !== own)
        .sort(),
    ).toEqual(['app.test', 'no-such-host.example']);
    expect(ff.dns.queries.find((q) => q.name === 'app.test' && q.type === 'A')?.answer).toBe('127.0.0.1');
  });
});
