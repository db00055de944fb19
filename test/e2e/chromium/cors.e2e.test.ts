/**
 * CORS in real Chromium: a page on http://localhost:<p> calls an API on http://127.0.0.1:<q> (two loopback origins).
 * Each way of getting CORS wrong is explained with its cause in the popup's history and the exact header line in the
 * report; the developer banner says why.
 */
import type http from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type LaunchedBrowser } from '../support/chromium';
import { startFaultServer, type FaultServer, type Listener } from '../support/fault-server';
import { cards, eventually, openPopup, type ChromeGlobal } from './helpers';

let b: LaunchedBrowser;
let fs: FaultServer;
let api: Listener;

/** API routes: each answers like a misconfigured server (without the fault server's default `*`). */
function apiRoute(path: string, handle: (req: http.IncomingMessage, res: http.ServerResponse) => void): void {
  fs.route(path, (req, res) => {
    res.removeHeader('Access-Control-Allow-Origin');
    handle(req, res);
  });
}

beforeAll(async () => {
  fs = await startFaultServer();
  api = await fs.listenHttp({ host: '127.0.0.1' });
  apiRoute('/api/none', (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  apiRoute('/api/other', (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': 'http://other.example' })
      .end('{}'),
  );
  apiRoute('/api/wildcard', (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end('{}'),
  );
  apiRoute('/api/no-options', (req, res) => {
    if (req.method === 'OPTIONS') res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    else res.writeHead(200, { 'access-control-allow-origin': '*' }).end('{}');
  });
  // The page: its script calls the API as the test says, then marks itself done.
  fs.route('/app', (req, res) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const target = JSON.stringify(q.get('api') ?? '');
    const init =
      q.get('put') === '1'
        ? `{ method: 'PUT', headers: { 'x-custom': '1' } }`
        : q.get('credentials') === '1'
          ? `{ credentials: 'include' }`
          : '{}';
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(
        `<!doctype html><title>app</title><body><script>fetch(${target}, ${init}).then(() => { document.body.dataset.done = 'ok'; }, () => { document.body.dataset.done = 'blocked'; });</script></body>`,
      );
  });
  b = await launchWithExtension();
  const worker = await b.waitForWorker();
  await worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as ChromeGlobal;
    const current = ((await chrome.storage.local.get('settings')).settings ?? { version: 1 }) as Record<
      string,
      unknown
    >;
    await chrome.storage.local.set({ settings: { ...current, devBanner: true } });
  });
});

afterAll(async () => {
  await b?.close();
  await fs?.close();
});

/** Opens the app page on localhost, lets its fetch be blocked, and returns the page. */
async function blocked(
  apiPath: string,
  put = false,
  credentials = false,
): Promise<{ page: Page; apiUrl: string; pageOrigin: string }> {
  const apiUrl = `http://127.0.0.1:${api.port}${apiPath}`;
  const pageOrigin = `http://localhost:${fs.port}`;
  const page = await b.newPage();
  await page.goto(
    `${pageOrigin}/app?api=${encodeURIComponent(apiUrl)}${put ? '&put=1' : ''}${credentials ? '&credentials=1' : ''}`,
  );
  await expect.poll(() => page.evaluate(() => document.body.dataset.done ?? ''), { timeout: 10_000 }).toBe('blocked');
  return { page, apiUrl, pageOrigin };
}

/** The history entry of the blocked request, in the popup; its report copied. */
async function entryAndReport(apiUrl: string): Promise<{ cause: string; report: string }> {
  const popup = await openPopup(b);
  const entry = popup.locator(`section[aria-labelledby="recent"] li[data-host="127.0.0.1:${api.port}"]`).first();
  await eventually(async () => (await entry.count()) > 0, 10_000);
  const cause = (await entry.getAttribute('data-cause')) ?? '';
  await b.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await entry.locator('.entry-head').click();
  await entry.getByRole('button', { name: 'Copy report' }).click();
  await entry.getByRole('button', { name: 'Copied' }).waitFor();
  const report = await popup.evaluate(() => navigator.clipboard.readText());
  expect(report).toContain(apiUrl);
  await popup.close();
  return { cause, report };
}

async function clearHistory(): Promise<void> {
  const worker = await b.waitForWorker();
  await worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as ChromeGlobal;
    await chrome.storage.local.set({ history: [] });
  });
}

describe('CORS failures in real Chromium', () => {
  it("no Access-Control-Allow-Origin: the cause, and the header line with the page's origin", async () => {
    await clearHistory();
    const { page, apiUrl, pageOrigin } = await blocked('/api/none');
    const { cause, report } = await entryAndReport(apiUrl);
    expect(cause).toBe('cors-missing-allow-origin');
    expect(report).toContain(`Access-Control-Allow-Origin: ${pageOrigin}`);
    expect(report).toContain(`the page at ${pageOrigin}: the response has no Access-Control-Allow-Origin header`);
    // The developer banner (on for this suite) says why, on the page itself.
    const banner = await eventually(async () => (await cards(b, page)).find((c) => c.hooks.kind === 'banner'), 10_000);
    expect(banner.text).toContain(
      `1 request to 127.0.0.1:${api.port} was blocked by CORS: no Access-Control-Allow-Origin for ${pageOrigin}`,
    );
    await page.close();
  });

  it('Access-Control-Allow-Origin for another origin: both shown', async () => {
    const { page, apiUrl, pageOrigin } = await blocked('/api/other');
    const { cause, report } = await entryAndReport(apiUrl);
    expect(cause).toBe('cors-origin-mismatch');
    expect(report).toContain(`the page at ${pageOrigin}: the response allows http://other.example instead`);
    expect(report).toContain(`Access-Control-Allow-Origin: ${pageOrigin}`);
    await page.close();
  });

  it("credentials with Access-Control-Allow-Origin: * — not allowed; the fix names the page's origin", async () => {
    const { page, apiUrl, pageOrigin } = await blocked('/api/wildcard', false, true);
    const { cause, report } = await entryAndReport(apiUrl);
    expect(cause).toBe('cors-credentials-wildcard');
    expect(report).toContain('an answer with Access-Control-Allow-Origin: \\* may not be read with them');
    expect(report).toContain(`Access-Control-Allow-Origin: ${pageOrigin}`);
    await page.close();
  });

  it('a PUT with a custom header whose preflight is answered 404: the preflight failed', async () => {
    const { page, apiUrl } = await blocked('/api/no-options', true);
    const { cause, report } = await entryAndReport(apiUrl);
    expect(cause).toBe('cors-preflight-failed');
    expect(report).toContain('was answered with HTTP 404');
    expect(report).toContain("-H 'Access-Control-Request-Method: PUT'");
    await page.close();
  });
});
