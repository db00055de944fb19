/** Shared steps of the Firefox suites: reach the explanation page, read its hooks, open the popup, read storage. */
import type { Page } from 'puppeteer-core';
import { navigate, type LaunchedFirefox } from './support/firefox';
import { eventually } from '../support/eventually';
import { JOURNAL_PREFIX } from '../../../src/shared/storage-schema';

export { eventually };

export interface Hooks {
  errorCode: string;
  verdict: string;
  cause: string;
  local: string;
  url: string;
}

export const EXPLAIN = 'src/pages/explain/index.html';
export const POPUP = 'src/pages/popup/index.html';

export interface StoredEntry {
  id: string;
  url: string;
  host: string;
  code: string;
  cause: string;
  verdict: string;
  count: number;
  resourceType: string;
  httpStatus: number | null;
  /** The browser's own words, e.g. `NS_ERROR_CONNECTION_REFUSED` or `Error code 2152398861`. */
  error: string | null;
}

/** The few WebExtension calls tests make inside an extension page (evaluated there, typed here). */
export interface BrowserGlobal {
  browser: {
    tabs: {
      query(q: object): Promise<{ id?: number; url?: string }[]>;
      create(p: { url: string }): Promise<{ id?: number }>;
    };
    storage: {
      local: { get(k: string): Promise<Record<string, unknown>> };
      session: { get(k: string | null): Promise<Record<string, unknown>> };
    };
    permissions: { contains(p: { origins: string[] }): Promise<boolean> };
    action: { getTitle(d: object): Promise<string>; getBadgeText(d: object): Promise<string> };
  };
}

/** Navigates to a failing URL (without awaiting it) and waits for the explanation page's final diagnosis. */
export async function explain(ff: LaunchedFirefox, page: Page, url: string): Promise<Hooks> {
  navigate(page, url);
  await onExplanationPage(ff, page);
  return readHooks(page);
}

export async function onExplanationPage(ff: LaunchedFirefox, page: Page, not?: string): Promise<string> {
  return ff.waitForUrl(page, (u) => u.startsWith(ff.extensionUrl(EXPLAIN)) && u !== not, 20_000);
}

export async function readHooks(page: Page): Promise<Hooks> {
  const main = await page.waitForSelector('main[data-ready="true"]', { timeout: 20_000 });
  if (!main) throw new Error('no <main data-ready="true">');
  return main.evaluate((el) => {
    const d = (el as HTMLElement).dataset;
    return {
      errorCode: d.errorCode ?? '',
      verdict: d.verdict ?? '',
      cause: d.cause ?? '',
      local: d.local ?? '',
      url: d.url ?? '',
    };
  });
}

/**
 * The popup's document as a page. Without `describe`: in a tab of its own (so it describes no failed tab). With
 * `describe`: that page is made the active tab and the popup document opens in a background tab of the same window,
 * so the popup finds the tab it describes as the toolbar's popup does (`tabs.query({ active: true, currentWindow:
 * true })`); there is no test-only parameter. (WebDriver BiDi reaches content tabs only, not the toolbar's panel.)
 */
export async function openPopup(ff: LaunchedFirefox, describe?: Page): Promise<Page> {
  const url = ff.extensionUrl(POPUP);
  let page: Page;
  if (!describe) {
    page = await ff.newPage();
    await ff.openPage(page, url);
  } else {
    await ff.inExtension(() => true); // the helper tab exists before the described tab is brought to the front
    const before = new Set(await ff.browser.pages());
    await describe.bringToFront();
    await ff.inExtension(async (u: string) => {
      const { browser } = globalThis as unknown as {
        browser: {
          windows: { getLastFocused(): Promise<{ id: number }> };
          tabs: { create(p: object): Promise<unknown> };
        };
      };
      await browser.tabs.create({ url: u, active: false, windowId: (await browser.windows.getLastFocused()).id });
    }, url);
    // The new tab (puppeteer's url() over BiDi lags: its document says where it is).
    page = await eventually(async () => (await ff.browser.pages()).find((p) => !before.has(p)));
    await ff.waitForUrl(page, (u) => u.startsWith(url));
  }
  await page.waitForSelector('.popup', { timeout: 20_000 });
  return page;
}

/** The tab id of a page, asked through the extension's tabs API. */
export async function tabIdOf(ff: LaunchedFirefox, page: Page): Promise<number> {
  const url = await page.evaluate(() => location.href);
  return ff.inExtension(async (u: string) => {
    const { browser } = globalThis as unknown as BrowserGlobal;
    const tabs = await browser.tabs.query({});
    return tabs.find((t) => t.url === u)?.id ?? -1;
  }, url);
}

/** Entries of the stored history, read from storage.local in an extension page. */
export async function storedHistory(ff: LaunchedFirefox): Promise<StoredEntry[]> {
  return ff.inExtension(async () => {
    const { browser } = globalThis as unknown as BrowserGlobal;
    return ((await browser.storage.local.get('history')).history ?? []) as StoredEntry[];
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until every failure the background has seen is settled: recorded in the history (or in the incognito list,
 * or dropped on purpose). Each stays in a `journal:` key of storage.session until then (src/background/journal.ts).
 */
export async function journalSettled(ff: LaunchedFirefox, timeoutMs = 30_000): Promise<void> {
  await eventually(async () => {
    const keys = await ff.inExtension(async () => {
      const { browser } = globalThis as unknown as {
        browser: { storage: { session: { get(k: null): Promise<object> } } };
      };
      return Object.keys(await browser.storage.session.get(null));
    });
    return keys.every((k) => !k.startsWith(JOURNAL_PREFIX));
  }, timeoutMs);
}

/**
 * A positive signal for a negative check ("nothing happened"): a failure made now in `page` (a closed port), waited
 * for in the history, then the journal settled. Events reach the background in order, so by then it has handled
 * every event before it, and recorded whatever it was going to record of them. Returns its URL.
 */
export async function laterFailureRecorded(ff: LaunchedFirefox, page: Page, port: number, label = 'later') {
  const url = `http://127.0.0.1:${port}/${label}-${Date.now()}`;
  await explain(ff, page, url);
  await eventually(async () => (await storedHistory(ff)).some((e) => e.url === url), 30_000);
  await journalSettled(ff);
  return url;
}
