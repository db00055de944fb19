/** The overlay on a site's own HTTP error page, and the opt-in developer banner, in real Chromium. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type LaunchedBrowser } from '../support/chromium';
import { closedPort, startFaultServer, type FaultServer } from '../support/fault-server';
import type { Page } from 'playwright-core';
import { cards, eventually, setSettings as setSettingsIn, waitForCard, type ChromeGlobal } from './helpers';

let b: LaunchedBrowser;
let fs: FaultServer;

beforeAll(async () => {
  fs = await startFaultServer();
  b = await launchWithExtension();
});

afterAll(async () => {
  await b?.close();
  await fs?.close();
});

const setSettings = (patch: Record<string, unknown>) => setSettingsIn(b, patch);

/** The toolbar mark of the page's tab, read by the worker. */
const badgeOf = async (page: Page) =>
  (await b.waitForWorker()).evaluate(async (u: string) => {
    const { chrome } = globalThis as unknown as ChromeGlobal;
    const tab = (await chrome.tabs.query({})).find((t) => t.url === u);
    return tab?.id === undefined ? null : chrome.action.getBadgeText({ tabId: tab.id });
  }, page.url());

/** The overlay card's hooks, read inside its closed shadow root (CDP DOM.getDocument with pierce: true). */
const overlayHooks = (page: Page) => waitForCard(b, page, 'overlay');

/** A page with the site's own message and a link, like a real 5xx page. */
const sitePage = (code: number) =>
  fs.status(code, {
    body: `<html><head><title>site ${code}</title></head><body><h1 id="msg">Our own ${code} message</h1><a id="home" href="/ok?title=home">Go home</a></body></html>`,
  });

describe('overlay', () => {
  it("502 with a body: the overlay carries the hooks, the page's own text stays visible and clickable", async () => {
    const page = await b.newPage();
    const url = sitePage(502);
    await page.goto(url);
    expect(await overlayHooks(page)).toMatchObject({
      kind: 'overlay',
      errorCode: 'HTTP_502',
      verdict: 'server',
      cause: 'http-bad-gateway',
      local: 'true',
      url,
      httpStatus: '502',
    });
    // Nothing the page can read: the host element carries no attribute, and its shadow root is closed.
    await expect(
      page.evaluate(() => {
        const host = document.querySelector('netwhy-overlay')!;
        return { attrs: host.getAttributeNames(), shadow: host.shadowRoot === null, text: host.textContent };
      }),
    ).resolves.toEqual({ attrs: [], shadow: true, text: '' });
    await expect(page.locator('#msg').isVisible()).resolves.toBe(true);
    await page.locator('#home').click(); // not covered by the card
    await page.waitForURL(/title=home/);
    await expect(page.locator('netwhy-overlay').count()).resolves.toBe(0); // a 200 page gets nothing
    await page.close();
  });

  it('503: overlay with its cause', async () => {
    const page = await b.newPage();
    await page.goto(fs.status(503, { retryAfter: 120 }));
    expect(await overlayHooks(page)).toMatchObject({ cause: 'http-unavailable', httpStatus: '503' });
    await page.close();
  });

  it('dismiss works by keyboard and the card does not come back on the same page load', async () => {
    const page = await b.newPage();
    await page.goto(sitePage(500));
    const host = page.locator('netwhy-overlay');
    await overlayHooks(page);
    // The card never takes focus by itself.
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('BODY');
    // Closed shadow root: reach the Dismiss button by keyboard, as a person would.
    await page.locator('#home').focus();
    for (let i = 0; i < 6 && (await host.count()) > 0; i++) {
      await page.keyboard.press('Tab');
      const label = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el?.tagName === 'NETWHY-OVERLAY' ? 'overlay' : (el?.tagName ?? '');
      });
      if (label === 'overlay') {
        // Focus is inside the card: the first control is the × (Dismiss).
        await page.keyboard.press('Enter');
      }
    }
    await expect(host.count()).resolves.toBe(0);
    // The worker sends the card again to this page (as a repeated event would): delivered, and not shown.
    const worker = await b.waitForWorker();
    const delivered = await worker.evaluate(async (u: string) => {
      const { chrome } = globalThis as unknown as {
        chrome: {
          tabs: {
            query(q: object): Promise<{ id?: number; url?: string }[]>;
            sendMessage(id: number, m: object): Promise<unknown>;
          };
        };
      };
      const tab = (await chrome.tabs.query({})).find((t) => t.url === u);
      if (tab?.id === undefined) return false;
      const data = {
        code: 'HTTP_500',
        httpStatus: 500,
        verdict: 'server',
        cause: 'http-server-error',
        local: true,
        url: u,
      };
      await chrome.tabs
        .sendMessage(tab.id, {
          netwhy: 1,
          kind: 'overlay',
          data: { ...data, title: 'again', summary: 'again', verdictLabel: 'again' },
        })
        .catch(() => undefined);
      return true;
    }, page.url());
    expect(delivered).toBe(true);
    // The page script handles a message as it arrives: once sendMessage has returned, a card would be in the page.
    await expect(host.count()).resolves.toBe(0);
    await page.close();
  });

  it('404: no overlay by default; an overlay once the setting is on', async () => {
    const page = await b.newPage();
    await page.goto(sitePage(404));
    // A 500 loaded after it gets its card: the worker has handled the 404's commit (earlier) by then.
    const control = await b.newPage();
    await control.goto(sitePage(500) + '&after404=1');
    await overlayHooks(control);
    await control.close();
    await expect(page.locator('netwhy-overlay').count()).resolves.toBe(0);
    await setSettings({ overlay4xx: true });
    await page.goto(sitePage(404) + '&again=1');
    expect(await overlayHooks(page)).toMatchObject({ cause: 'http-not-found', httpStatus: '404' });
    await setSettings({ overlay4xx: false });
    await page.close();
  });

  it('"More" opens the explanation in a new tab', async () => {
    const page = await b.newPage();
    await page.goto(sitePage(502) + '&more=1');
    await overlayHooks(page);
    const opened = b.context.waitForEvent('page');
    // Keyboard path into the closed shadow root: Tab to the card, then to "More" (× first, then More).
    await page.locator('#home').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const explanation = await opened;
    await explanation.locator('main[data-ready="true"]').waitFor({ timeout: 15_000 });
    await expect(explanation.locator('main').getAttribute('data-cause')).resolves.toBe('http-bad-gateway');
    await explanation.close();
    await page.close();
  });
});

describe('developer banner', () => {
  it('is off by default', async () => {
    const page = await b.newPage();
    await page.goto(fs.subresourcePage(await closedPort()));
    await page.locator('body[data-done="true"]').waitFor({ timeout: 15_000 });
    // The worker counted both failed requests on the toolbar mark: it decided about a banner for them then.
    await eventually(async () => (await badgeOf(page)) === '2', 15_000);
    // Turned on, a banner reaches a second such page: banners are delivered, and this page's would have come first.
    await setSettings({ devBanner: true });
    const control = await b.newPage();
    await control.goto(fs.subresourcePage(await closedPort()));
    await waitForCard(b, control, 'banner');
    await setSettings({ devBanner: false });
    await control.close();
    await expect(page.locator('netwhy-overlay').count()).resolves.toBe(0);
    await page.close();
  });

  it('when on, a page whose fetch to a closed port fails shows the banner with the right count', async () => {
    await setSettings({ devBanner: true });
    const port = await closedPort();
    const page = await b.newPage();
    await page.goto(fs.subresourcePage(port, { kinds: ['fetch', 'xhr', 'img'] }));
    await page.locator('body[data-done="true"]').waitFor({ timeout: 15_000 });
    await waitForCard(b, page, 'banner');
    const hooks = await eventually(async () => {
      const card = (await cards(b, page)).find((c) => c.hooks['kind'] === 'banner');
      return card && Number(card.hooks['count']) >= 3 ? card.hooks : null;
    });
    expect(hooks['count']).toBe('3');
    expect(hooks['errorCode']).toBe('ERR_CONNECTION_REFUSED');
    expect(hooks['local']).toBe('true');
    await expect(
      page.evaluate(() => [...document.querySelectorAll('netwhy-overlay')].flatMap((h) => h.getAttributeNames())),
    ).resolves.toEqual([]);
    await setSettings({ devBanner: false });
    await page.close();
  });
});
