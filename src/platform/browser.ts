/**
 * The one place that knows which browser this is and how its APIs differ.
 * Everything else imports `browser` from here, never from the polyfill or `chrome` directly.
 */
import type { Browser } from 'webextension-polyfill';

export type { Runtime, Storage, Tabs, WebNavigation, WebRequest } from 'webextension-polyfill';

/**
 * The extension API. In pages, the browser's own promise-returning object (Firefox's `browser`, Chromium's MV3
 * `chrome`): what pages call (messages, storage, tabs, i18n, permissions) returns promises natively, and the polyfill
 * cost each page 3.8 KB gzip of its 16 KB budget (issue #21). The worker, whose listeners and older APIs the polyfill
 * evens out, installs the polyfill before anything else runs (platform/polyfill.ts, its first import). A live binding:
 * modules read it when they call, never at import.
 */
export let browser: Browser = ((globalThis as { browser?: Browser }).browser ??
  (globalThis as { chrome?: Browser }).chrome) as Browser;

/** The worker's start: every module reads `browser` from here, so from now on they all use the polyfill's. */
export function usePolyfill(polyfill: Browser): void {
  browser = polyfill;
}

/** Main-document requests. Firefox reports frameId 0 for more than the top document: trust `type`. */
export function isTopDocument(details: { type: string }): boolean {
  return details.type === 'main_frame';
}

export function browserName(): { name: string; version: string; os: string } {
  const ua = typeof navigator === 'object' ? navigator.userAgent : '';
  const ff = /Firefox\/([\d.]+)/.exec(ua);
  const ch = /Chrom(?:e|ium)\/([\d.]+)/.exec(ua);
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Mac OS X/.test(ua)
      ? 'macOS'
      : /CrOS/.test(ua)
        ? 'ChromeOS'
        : /Android/.test(ua)
          ? 'Android'
          : /Linux/.test(ua)
            ? 'Linux'
            : 'unknown';
  if (ff) return { name: 'Firefox', version: ff[1] ?? '', os };
  if (ch) return { name: /Chromium/.test(ua) ? 'Chromium' : 'Chrome', version: ch[1] ?? '', os };
  return { name: 'unknown', version: '', os };
}

/** The extension's own page URL for a path inside the built package. */
export function extensionUrl(path: string): string {
  return browser.runtime.getURL(path);
}

declare const __NETWHY_BROWSER__: 'chrome' | 'firefox';

/**
 * Chromium shows a listener the Origin, Cookie and Authorization request headers (and some response headers) only
 * when it asks for 'extraHeaders'; Firefox shows them anyway and has no such value. Used for CORS (cors-tracker.ts).
 */
export const SEND_HEADERS: ('requestHeaders' | 'extraHeaders')[] =
  __NETWHY_BROWSER__ === 'firefox' ? ['requestHeaders'] : ['requestHeaders', 'extraHeaders'];
export const RECEIVED_HEADERS: ('responseHeaders' | 'extraHeaders')[] =
  __NETWHY_BROWSER__ === 'firefox' ? ['responseHeaders'] : ['responseHeaders', 'extraHeaders'];
/**
 * Top-level documents only (`isTopDocument`): the listeners that time a page's load ask for nothing else, so the
 * browser does not wake the worker for every image, script and fetch of every page.
 */
export const TOP_DOCUMENTS: { urls: string[]; types: 'main_frame'[] } = { urls: ['<all_urls>'], types: ['main_frame'] };
/** The requests a page's own script makes (fetch, XHR; preflights are reported with them or as 'other'). */
export const SCRIPT_REQUESTS: { urls: string[]; types: ('xmlhttprequest' | 'other')[] } = {
  urls: ['<all_urls>'],
  types: ['xmlhttprequest', 'other'],
};

/*
 * APIs the polyfill's types lack or name differently: typed here, the only casts of a browser API in the code.
 */

export interface ActionApi {
  setBadgeText(d: { tabId: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(d: { tabId: number; color: string }): Promise<void>;
  setTitle(d: { tabId: number; title: string }): Promise<void>;
}

/** MV3 has `action`; Firefox's MV2-era builds only `browserAction`. */
export function actionApi(): ActionApi | null {
  const b = browser as unknown as { action?: ActionApi; browserAction?: ActionApi };
  return b.action ?? b.browserAction ?? null;
}

export interface ScriptingApi {
  executeScript(d: {
    target: { tabId: number; frameIds?: number[]; documentIds?: string[] };
    files: string[];
  }): Promise<unknown>;
}

export function scriptingApi(): ScriptingApi | null {
  return (browser as unknown as { scripting?: ScriptingApi }).scripting ?? null;
}

/** Sends to one document of a tab: Chromium knows documents by id (a newer document of the tab is not it). */
export function sendToDocument(tabId: number, message: unknown, documentId?: string): Promise<unknown> {
  return browser.tabs.sendMessage(tabId, message, documentId ? ({ documentId } as never) : { frameId: 0 });
}

export interface NotificationsApi {
  create(id: string, options: object): Promise<string>;
}

/** Optional permission: absent until the user allows notifications. */
export function notificationsApi(): NotificationsApi | null {
  return (browser as unknown as { notifications?: NotificationsApi }).notifications ?? null;
}
