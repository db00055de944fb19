/**
 * CORS in Firefox ESR: a page on http://app.test:<p> calls an API on http://127.0.0.1:<q>.
 * What Firefox's webRequest shows (verified here, written in docs/platform.md):
 * - a failed preflight: the OPTIONS request with its Origin and Access-Control-Request-* headers, its status, then
 *   onErrorOccurred for the real request with `NS_ERROR_DOM_BAD_URI` → explained like in Chromium;
 * - a simple request whose answer lacks Access-Control-Allow-Origin: the request completes (200) and no error event
 *   fires; the page's fetch fails, but netwhy is never told of a failure. The second test pins that behaviour.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultServer, type FaultServer, type Listener } from '../support/fault-server';
import { launchFirefox, type LaunchedFirefox } from './support/firefox';
import { eventually, openPopup, storedHistory } from './helpers';

let ff: LaunchedFirefox;
let fs: FaultServer;
let api: Listener;
const pages: Page[] = [];

beforeAll(async () => {
  fs = await startFaultServer();
  api = await fs.listenHttp({ host: '127.0.0.1' });
  fs.route('/api/none', (_req, res) => {
    res.removeHeader('Access-Control-Allow-Origin');
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  fs.route('/api/no-options', (req, res) => {
    res.removeHeader('Access-Control-Allow-Origin');
    if (req.method === 'OPTIONS') res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    else res.writeHead(200).end('{}');
  });
  fs.route('/app', (req, res) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const init = q.get('put') === '1' ? `{ method: 'PUT', headers: { 'x-custom': '1' } }` : '{}';
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(
        `<!doctype html><title>app</title><body><script>fetch(${JSON.stringify(q.get('api') ?? '')}, ${init}).then(() => { document.body.dataset.done = 'ok'; }, () => { document.body.dataset.done = 'blocked'; });</script></body>`,
      );
  });
  ff = await launchFirefox({ hosts: { 'app.test': '127.0.0.1' } });
});

afterAll(async () => {
  for (const p of pages) await p.close().catch(() => undefined);
  await ff?.close();
  await fs?.close();
});

async function blocked(path: string, put = false): Promise<string> {
  const apiUrl = `http://127.0.0.1:${api.port}${path}`;
  const page = await ff.newPage();
  pages.push(page);
  await page.goto(`http://app.test:${fs.port}/app?api=${encodeURIComponent(apiUrl)}${put ? '&put=1' : ''}`);
  await eventually(async () => (await page.evaluate(() => document.body.dataset.done ?? '')) === 'blocked', 10_000);
  return apiUrl;
}

describe('CORS in Firefox', () => {
  it('a PUT whose preflight is answered 404: NS_ERROR_DOM_BAD_URI, explained as a failed preflight with the fix', async () => {
    const apiUrl = await blocked('/api/no-options', true);
    const entry = await eventually(async () => (await storedHistory(ff)).find((e) => e.url === apiUrl), 10_000);
    expect(entry).toMatchObject({ error: 'NS_ERROR_DOM_BAD_URI', cause: 'cors-preflight-failed' });
    const popup = await openPopup(ff);
    pages.push(popup);
    const selector = `section[aria-labelledby="recent"] li[data-host="127.0.0.1:${api.port}"]`;
    await popup.waitForSelector(selector, { timeout: 10_000 });
    expect(await popup.$eval(selector, (el) => (el as HTMLElement).dataset.cause)).toBe('cors-preflight-failed');
    await popup.click(`${selector} .entry-head`);
    const text = await eventually(async () => {
      const t = await popup.$eval(selector, (el) => (el as HTMLElement).innerText);
      return t.includes('Access-Control-Allow-Origin: http://app.test') ? t : undefined;
    }, 10_000);
    expect(text).toContain(`Access-Control-Allow-Origin: http://app.test:${fs.port}`);
  });

  it("a simple request answered without Access-Control-Allow-Origin: Firefox reports no error to extensions (the page's fetch still fails)", async () => {
    const apiUrl = await blocked('/api/none');
    // A positive signal first: the request reached the API and was answered.
    await eventually(async () => fs.requests.some((r) => r.path === '/api/none'), 5_000);
    // Then a later failure, recorded after it: the history is written in order, so by then the first would be there.
    const after = await blocked('/api/no-options', true);
    await eventually(async () => (await storedHistory(ff)).some((e) => e.url === after), 10_000);
    expect((await storedHistory(ff)).some((e) => e.url === apiUrl)).toBe(false);
  });
});
