/**
 * Nothing spoofed, nothing leaked — real Chromium, the built extension (dist/):
 * - a web page cannot create history entries, open the extension's pages or make it navigate (postMessage, DOM and
 *   custom events, forged runtime messages, links to extension pages);
 * - the explanation page opened with crafted parameters renders inert text, and Retry refuses anything but http(s);
 * - the built manifest: no externally_connectable, a strict CSP, minimal web_accessible_resources, no remote code;
 * - with default settings no request the extension makes leaves loopback; reports are redacted by default;
 * - with the extension allowed in incognito, an incognito failure is kept in storage.session only, never in
 *   storage.local.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionIdFor, gotoFailing, launchWithExtension, REPO_ROOT, type LaunchedBrowser } from '../support/chromium';
import { closedPort, startFaultServer, type FaultServer } from '../support/fault-server';
import { isLoopbackUrl } from '../support/request-log';
import { eventually, explain, journalSettled, laterFailureRecorded, storedHistory, type ChromeGlobal } from './helpers';

const DIST = join(REPO_ROOT, 'dist');
const EXPLAIN = 'src/pages/explain/index.html';
const MARK = 'pwned';
/** HTML and script that would leave a trace (an element with data-pwned, a dialog, a global) if ever rendered. */
const PAYLOADS = [
  `<img src=x onerror="alert(1);window.${MARK}=1" data-${MARK}>`,
  `<script data-${MARK}>alert(1);window.${MARK}=1</script>`,
  `"><svg onload=alert(1) data-${MARK}></svg>`,
  `'><iframe srcdoc="<script>parent.${MARK}=1</script>" data-${MARK}></iframe>`,
  `<a href="javascript:alert(1)" data-${MARK}>x</a>`,
  `<${MARK}-el data-${MARK}></${MARK}-el>`,
];

let fs: FaultServer;
let b: LaunchedBrowser;
let profileDir: string;
let port: number;

interface Extras {
  chrome: ChromeGlobal['chrome'] & {
    windows: {
      create(o: object): Promise<{ id?: number; tabs?: { id?: number }[] }>;
      remove(id: number): Promise<void>;
    };
    storage: ChromeGlobal['chrome']['storage'] & { local: { get(k: null | string): Promise<Record<string, unknown>> } };
  };
}

async function worker() {
  return b.waitForWorker();
}

async function allTabs(): Promise<{ id?: number; url?: string }[]> {
  const w = await worker();
  return w.evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.tabs.query({}));
}

beforeAll(async () => {
  fs = await startFaultServer();
  port = await closedPort();
  // A profile where the extension is allowed in incognito (chrome://extensions → "Allow in Incognito"): the setting
  // lives in the profile's Preferences, extensions.settings.<id>.incognito.
  profileDir = await mkdtemp(join(tmpdir(), 'netwhy-security-'));
  await mkdir(join(profileDir, 'Default'), { recursive: true });
  await writeFile(
    join(profileDir, 'Default', 'Preferences'),
    JSON.stringify({ extensions: { settings: { [extensionIdFor(DIST)]: { incognito: true } } } }),
  );
  b = await launchWithExtension({ profileDir, hostMap: { 'app.test': '127.0.0.1' } });
});

afterAll(async () => {
  await b?.close();
  await fs?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true, maxRetries: 3 });
});

describe('the built manifest', () => {
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as Record<string, unknown> & {
    content_security_policy?: { extension_pages?: string; sandbox?: string };
    web_accessible_resources?: { resources: string[]; matches: string[] }[];
  };

  it('has no externally_connectable: no web page or other extension can message it', () => {
    expect(manifest).not.toHaveProperty('externally_connectable');
  });

  it('has a strict extension CSP: scripts from the package only, no eval, no inline code, no remote hosts', () => {
    const csp = manifest.content_security_policy?.extension_pages ?? '';
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map(([k, ...v]) => [k!, v]),
    );
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|https?:|\*/);
    expect(manifest.content_security_policy).not.toHaveProperty('sandbox');
  });

  it('exposes to web pages only the page script the worker injects: no page, no chunk', () => {
    const war = manifest.web_accessible_resources ?? [];
    const resources = war.flatMap((w) => w.resources);
    for (const r of resources) {
      expect(r).toMatch(/^src\/content\/[\w-]+\.js$/);
      // Self-contained: it imports nothing that would have to be exposed too.
      const code = readFileSync(join(DIST, r), 'utf8');
      expect(code).not.toMatch(/\bimport\s*[({"'`]|\bimport\s+\w/);
    }
    expect(resources.some((r) => r.endsWith('.html'))).toBe(false);
  });

  it('loads no remote code: every script of every page is a file of the package', () => {
    const pages: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith('.html')) pages.push(join(dir, e.name));
      }
    };
    walk(DIST);
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      for (const m of html.matchAll(/<script\b[^>]*>/g)) expect(m[0]).toMatch(/src="\/[^"]+"/);
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
  });
});

describe('a web page cannot spoof the extension', () => {
  /** Everything a hostile page can try from its own script. Returns what it observed. */
  async function attack(page: Page, extensionId: string): Promise<Record<string, unknown>> {
    return page.evaluate(
      async ({ id, explain, payloads }) => {
        const out: Record<string, unknown> = {};
        const forged = [
          { netwhy: 1, type: 'history:clear', data: {} },
          { netwhy: 1, type: 'settings:set', data: { takeover: false, redactQuery: false } },
          { netwhy: 1, kind: 'content:open', what: 'overlay' },
          { netwhy: 1, kind: 'overlay', data: { title: payloads[0], url: 'javascript:alert(1)' } },
          { url: 'javascript:alert(1)', error: 'net::ERR_CONNECTION_REFUSED', tabId: 1 },
        ];
        // postMessage to the window (where a content script could listen) and to the top, with every origin.
        for (const m of forged) {
          window.postMessage(m, '*');
          window.top?.postMessage(m, '*');
          window.dispatchEvent(new MessageEvent('message', { data: m, origin: `chrome-extension://${id}` }));
          for (const name of ['netwhy', 'netwhy:record', 'netwhy:open', 'message']) {
            document.dispatchEvent(new CustomEvent(name, { detail: m, bubbles: true }));
            window.dispatchEvent(new CustomEvent(name, { detail: m }));
          }
        }
        // The overlay host element, if any: events at it cannot reach the buttons inside its closed shadow root.
        const host = document.querySelector('netwhy-overlay');
        out.overlayShadowReachable = host ? (host as HTMLElement).shadowRoot !== null : false;
        // Nor can it read what netwhy concluded: nothing on the host element (attributes, text).
        out.overlayHostReadable = host ? [...host.getAttributeNames(), host.textContent ?? ''].filter(Boolean) : [];
        host?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
        host?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        // Forged runtime messages: a web page has no channel to the extension.
        const chromeRuntime = (
          globalThis as unknown as {
            chrome?: {
              runtime?: { sendMessage?: (...a: unknown[]) => unknown; connect?: (...a: unknown[]) => unknown };
            };
          }
        ).chrome?.runtime;
        out.hasRuntime = typeof chromeRuntime?.sendMessage === 'function';
        try {
          if (!chromeRuntime?.sendMessage) throw new Error('no chrome.runtime.sendMessage');
          await chromeRuntime.sendMessage(id, forged[0]);
          out.sendMessage = 'delivered';
        } catch (err) {
          out.sendMessage = `refused: ${String(err)}`;
        }
        try {
          if (!chromeRuntime?.connect) throw new Error('no chrome.runtime.connect');
          chromeRuntime.connect(id);
          out.connect = 'connected';
        } catch (err) {
          out.connect = `refused: ${String(err)}`;
        }
        // The extension's pages are not web-accessible: reading or framing them fails.
        const explainUrl = `chrome-extension://${id}/${explain}?url=${encodeURIComponent('javascript:alert(1)')}`;
        out.fetchExplain = await fetch(explainUrl).then(
          () => 'read',
          (err) => `refused: ${String(err)}`,
        );
        const frame = document.createElement('iframe');
        frame.src = explainUrl;
        // Read it once it has loaded (or failed to): a frame still loading would read as "not readable" too.
        out.frameSettled = await new Promise<string>((resolve) => {
          frame.addEventListener('load', () => resolve('load'));
          frame.addEventListener('error', () => resolve('error'));
          setTimeout(() => resolve('neither load nor error within 15 s'), 15_000);
          document.body.append(frame);
        });
        try {
          out.frameReadable = frame.contentDocument !== null && frame.contentDocument.querySelector('main') !== null;
        } catch {
          out.frameReadable = false;
        }
        return out;
      },
      { id: extensionId, explain: EXPLAIN, payloads: PAYLOADS },
    );
  }

  it('postMessage, DOM and custom events, forged runtime messages and links to its pages do nothing', async () => {
    const extensionId = b.extensionId!;
    // A real failure first, so that a forged history:clear would have something to clear.
    const kept = `http://127.0.0.1:${port}/kept-${Date.now()}`;
    const first = await b.newPage();
    await gotoFailing(first, kept, { settle: false });
    const before = await eventually(async () => {
      const h = await storedHistory(b);
      return h.some((e) => e.url === kept) ? h : null;
    }, 20_000);
    await first.close();
    const tabsBefore = (await allTabs()).length;
    const dialogs: string[] = [];
    /** The attacked pages, kept open until the worker has had its chance to act on what they did. */
    const attacked: Page[] = [];
    // A plain page, and a site's 503 page that carries the overlay (the page script is present there).
    for (const url of [fs.ok('hostile page'), fs.status(503, { body: '<h1>down</h1>' })]) {
      const page = await b.newPage();
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(url);
      if (url.includes('/status/'))
        await page.locator('netwhy-overlay').waitFor({ state: 'attached', timeout: 20_000 });
      const seen = await attack(page, extensionId);
      expect(seen.frameSettled).toBe('load');
      // From outside (Playwright sees into every frame): the frame holds no explanation page, whatever the page
      // itself may read of it.
      const frames = page.mainFrame().childFrames();
      expect(frames).toHaveLength(1);
      const inside = await frames[0]!.evaluate(() => ({
        href: location.href,
        main: document.querySelector('main') !== null,
      }));
      expect(inside).toEqual({ href: expect.not.stringMatching(/^chrome-extension:/), main: false });
      expect(seen.hasRuntime === false || String(seen.sendMessage).startsWith('refused')).toBe(true);
      expect(seen.sendMessage).not.toBe('delivered');
      expect(seen.connect).not.toBe('connected');
      expect(seen.fetchExplain).not.toBe('read');
      expect(seen.frameReadable).toBe(false);
      expect(seen.overlayShadowReachable).toBe(false);
      expect(seen.overlayHostReadable).toEqual([]);
      // A top-level navigation to the explanation page with a crafted URL is blocked too.
      await page
        .evaluate(
          (u) => {
            location.href = u;
          },
          b.extensionUrl(`${EXPLAIN}?url=${encodeURIComponent('javascript:alert(1)')}`),
        )
        .catch(() => undefined);
      // The navigation has ended (Chromium blocks it with its error page, chrome-error://): checked below, once a
      // later failure shows the worker has handled its events (a wrong takeover would have been under way).
      await eventually(async () => page.url() !== url, 15_000);
      attacked.push(page);
    }
    expect(dialogs).toEqual([]);
    // A failure made after every forged message was sent: once it is recorded, the worker has had its chance.
    const later = `http://127.0.0.1:${port}/after-attack-${Date.now()}`;
    const last = await b.newPage();
    await gotoFailing(last, later, { settle: false });
    const after = await eventually(async () => {
      const h = await storedHistory(b);
      return h.some((e) => e.url === later) ? h : null;
    }, 20_000);
    await journalSettled(b);
    await last.close();
    for (const page of attacked) expect(page.url().startsWith(b.extensionUrl())).toBe(false);
    expect(after.map((e) => e.url)).toContain(kept);
    // The 503 page itself is a real failure and may be recorded; nothing else is, and nothing was cleared.
    const added = after.filter((e) => !before.some((o) => o.id === e.id));
    expect(added.filter((e) => e.url !== later).every((e) => e.httpStatus === 503 && e.url.startsWith(fs.origin))).toBe(
      true,
    );
    for (const e of before) expect(after.some((a) => a.id === e.id)).toBe(true);
    // No tab was opened for the page (the forged content:open), none navigated to an extension page.
    const tabs = await allTabs();
    expect(tabs.length).toBeLessThanOrEqual(tabsBefore + attacked.length);
    expect(tabs.filter((t) => t.url?.startsWith(`chrome-extension://${extensionId}/`))).toEqual([]);
    for (const page of attacked) await page.close();
    // The settings the forged message tried to change are as they were.
    const stored = await (
      await worker()
    ).evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.storage.local.get('settings'));
    expect(JSON.stringify(stored)).not.toContain('"redactQuery":false');
  });

  it('the explanation page does not exist for web pages: Playwright can open it, a page link cannot', async () => {
    const page = await b.newPage();
    const links = fs.ok('links');
    await page.goto(links);
    const target = b.extensionUrl(
      `${EXPLAIN}?url=${encodeURIComponent('https://bank.example/')}&error=${encodeURIComponent('net::ERR_CONNECTION_REFUSED')}`,
    );
    await page.evaluate((u) => {
      const a = document.createElement('a');
      a.href = u;
      a.textContent = 'go';
      document.body.append(a);
      a.click();
    }, target);
    // The link's navigation has ended (blocked: Chromium's error page), and a later failure shows the worker has
    // handled its events.
    await eventually(async () => page.url() !== links, 15_000);
    await laterFailureRecorded(b, port, 'after-link');
    expect(page.url().startsWith(b.extensionUrl(EXPLAIN))).toBe(false);
    await page.close();
  });
});

describe('the explanation page opened with crafted parameters', () => {
  async function open(params: Record<string, string>): Promise<{ page: Page; dialogs: string[] }> {
    const page = await b.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(b.extensionUrl(`${EXPLAIN}?${new URLSearchParams(params).toString()}`));
    await page.locator('main[data-ready="true"]').waitFor({ timeout: 20_000 });
    // An onerror/onload of anything the render inserted would have fired by now: an image and a frame of the same
    // kinds, added after it, have fired theirs (the frame is removed again).
    await page.evaluate(() =>
      Promise.all([
        new Promise((resolve) => {
          const img = new Image();
          img.onload = img.onerror = resolve;
          img.src = 'x';
        }),
        new Promise((resolve) => {
          const frame = document.createElement('iframe');
          frame.onload = () => {
            frame.remove();
            resolve(null);
          };
          frame.srcdoc = '<p>probe</p>';
          document.body.append(frame);
        }),
      ]),
    );
    return { page, dialogs };
  }

  async function expectInert(page: Page, dialogs: string[]): Promise<void> {
    expect(dialogs).toEqual([]);
    const trace = await page.evaluate(
      (mark) => ({
        marked: document.querySelectorAll(`[data-${mark}]`).length,
        custom: document.querySelectorAll(`${mark}-el`).length,
        global: (window as unknown as Record<string, unknown>)[mark] ?? null,
        scripts: [...document.scripts].map((s) => s.src).filter((src) => !src.startsWith(location.origin)),
        frames: document.querySelectorAll('iframe, object, embed').length,
        badLinks: [...document.querySelectorAll('a[href]')]
          .map((a) => a.getAttribute('href')!)
          .filter((h) => !/^(https?:|#|\/|chrome-extension:)/i.test(h)),
      }),
      MARK,
    );
    expect(trace).toEqual({ marked: 0, custom: 0, global: null, scripts: [], frames: 0, badLinks: [] });
  }

  it('javascript: and data: URLs: rendered as text, no Retry', async () => {
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(document.domain)//http://x',
      `data:text/html,${PAYLOADS[1]}`,
      'file:///etc/passwd',
    ]) {
      const { page, dialogs } = await open({ id: 'x', tab: '-1', url, error: 'net::ERR_CONNECTION_REFUSED' });
      await expectInert(page, dialogs);
      await expect(page.locator('main').getAttribute('data-url')).resolves.toBe(url);
      await expect(page.getByRole('button', { name: 'Retry' }).count()).resolves.toBe(0);
      await expect(page.locator('body').textContent()).resolves.toContain(url.slice(0, 30));
      await page.close();
    }
  });

  it('HTML and script in every field stay text', async () => {
    for (const payload of PAYLOADS) {
      const { page, dialogs } = await open({
        id: payload,
        tab: payload,
        url: `http://127.0.0.1:${port}/${payload}?q=${payload}#${payload}`,
        error: payload,
        status: payload,
        type: payload,
      });
      await expectInert(page, dialogs);
      await page.close();
    }
    // The raw browser string is shown, as text, where people look for it.
    const { page, dialogs } = await open({ url: `http://127.0.0.1:${port}/`, error: PAYLOADS[0]! });
    await expectInert(page, dialogs);
    await expect(page.locator('footer').textContent()).resolves.toContain(PAYLOADS[0]);
    await page.close();
  });

  it('huge values render (cut) without hanging the page', async () => {
    const huge = 'A'.repeat(300_000);
    const { page, dialogs } = await open({
      id: huge,
      url: `http://127.0.0.1:${port}/${huge}`,
      error: `net::ERR_CONNECTION_REFUSED ${huge}`,
    });
    await expectInert(page, dialogs);
    const url = await page.locator('main').getAttribute('data-url');
    expect(url!.length).toBeLessThanOrEqual(4096);
    await page.close();
  });

  it('Retry goes only to the http(s) address it explains', async () => {
    // The server is back: Retry must load exactly the address explained, and nothing else.
    const target = fs.ok(`retry-target-${Date.now()}`);
    const { pathname, search } = new URL(target);
    const { page, dialogs } = await open({ id: 'r', tab: '-1', url: target, error: 'net::ERR_CONNECTION_REFUSED' });
    await expectInert(page, dialogs);
    const retry = page.getByRole('button', { name: 'Retry' });
    await expect(retry.count()).resolves.toBe(1);
    const requestsBefore = fs.requests.length;
    const served = fs.waitForRequest((r) => r.path === pathname + search, 15_000);
    await retry.click();
    await served;
    await page.waitForURL(target, { timeout: 15_000 });
    expect(page.url()).toBe(target);
    await expect(page.locator('h1').textContent()).resolves.toBe(new URL(target).searchParams.get('title'));
    // The one request Retry made went to the address explained.
    expect(
      fs.requests
        .slice(requestsBefore)
        .map((r) => r.path)
        .filter((p) => p !== '/favicon.ico'),
    ).toEqual([pathname + search]);
    await page.close();
  });
});

describe('nothing leaked', () => {
  it('reports are redacted by default: the copied report has no query, fragment or credentials', async () => {
    const page = await b.newPage();
    const url = `http://user:hunter2@127.0.0.1:${port}/account?token=S3CR3T#frag-S3CR3T`;
    const hooks = await explain(b, page, url);
    expect(hooks.errorCode).toBe('ERR_CONNECTION_REFUSED');
    await page.getByRole('button', { name: 'Copy report' }).click();
    const copied = await eventually(async () => {
      const text = await page.evaluate(() => navigator.clipboard.readText());
      return text.includes('netwhy report') ? text : null;
    });
    expect(copied).toContain(`127.0.0.1:${port}/account`);
    expect(copied).not.toMatch(/S3CR3T|hunter2|token=/);
    await page.close();
  });

  it('an incognito failure stays in storage.session, never in storage.local', async () => {
    const w = await worker();
    const url = `http://127.0.0.1:${port}/incognito-only-${Date.now()}`;
    const path = new URL(url).pathname;
    const allowed = await w.evaluate(() =>
      (
        globalThis as unknown as { chrome: { extension: { isAllowedIncognitoAccess(): Promise<boolean> } } }
      ).chrome.extension.isAllowedIncognitoAccess(),
    );
    expect(allowed).toBe(true);
    const windowId = await w.evaluate(
      async (u) => (await (globalThis as unknown as Extras).chrome.windows.create({ incognito: true, url: u })).id,
      url,
    );
    // The extension sees it (it is kept for the session's popup), so the check below is not vacuous.
    const session = await eventually(async () => {
      const s = await w.evaluate(() =>
        (globalThis as unknown as ChromeGlobal).chrome.storage.session.get('privateHistory'),
      );
      return JSON.stringify(s).includes(path) ? s : null;
    }, 20_000);
    expect(JSON.stringify(session)).toContain('ERR_CONNECTION_REFUSED');
    // Give a wrong write the time to land: a normal failure recorded after it is in storage.local, the private one not.
    const page = await b.newPage();
    const normal = `http://127.0.0.1:${port}/after-incognito`;
    await gotoFailing(page, normal, { settle: false });
    await eventually(async () => (await storedHistory(b)).some((e) => e.url === normal), 20_000);
    const local = await w.evaluate(() => (globalThis as unknown as Extras).chrome.storage.local.get(null));
    expect(JSON.stringify(local)).not.toContain(path);
    await w.evaluate((id) => (globalThis as unknown as Extras).chrome.windows.remove(id!), windowId);
    await page.close();
  });

  it('with default settings, no request the extension makes leaves loopback', async () => {
    // An unresolvable name on top of the loopback failures above: the remote DNS check is opt-in, so nothing goes out.
    const page = await b.newPage();
    await explain(b, page, 'http://no-such-host.example/');
    const refused = `http://127.0.0.1:${port}/probe-me`;
    await explain(b, page, refused);
    await page.close();
    const own = b.requests.entries.filter(
      (r) => r.fromServiceWorker || r.initiator?.startsWith(`chrome-extension://${b.extensionId}/`),
    );
    const network = own.filter((r) => /^(https?|wss?|ftp):/.test(r.url));
    // The worker's own requests (its loopback probes) are in the log: the check below is not vacuous.
    expect(network.some((r) => r.fromServiceWorker)).toBe(true);
    expect(network.filter((r) => !isLoopbackUrl(r.url))).toEqual([]);
    // Pages' own failures to the unresolvable test name are the only requests that tried to leave (and failed to
    // resolve).
    b.requests.assertLoopbackOnly({ allow: ['no-such-host.example', 'bank.example'] });
  });
});
