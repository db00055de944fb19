/** Shared steps of the Chromium suites: reach the explanation page, read its hooks, open the popup. */
import type { Page } from 'playwright-core';
import { gotoFailing, type LaunchedBrowser } from '../support/chromium';
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

const EXPLAIN = 'src/pages/explain/index.html';

/** The few chrome.* calls tests make inside the extension's worker (evaluated there, typed here). */
export interface ChromeGlobal {
  chrome: {
    tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
    storage: {
      local: {
        get(k: string): Promise<Record<string, unknown>>;
        set(v: object): Promise<void>;
        clear(): Promise<void>;
      };
      session: { get(k: string | null): Promise<Record<string, unknown>> };
    };
    action: { getBadgeText(d: { tabId: number }): Promise<string>; getTitle(d: { tabId: number }): Promise<string> };
  };
}

/** Navigates to a failing URL and waits for the explanation page to render its final diagnosis. */
export async function explain(b: LaunchedBrowser, page: Page, url: string): Promise<Hooks> {
  await gotoFailing(page, url, { settle: false });
  await onExplanationPage(b, page);
  return readHooks(page);
}

/** Polls the URL: waitForURL gives up when the failed navigation it watches is aborted by the takeover. */
export async function onExplanationPage(b: LaunchedBrowser, page: Page, not?: string): Promise<void> {
  await eventually(async () => page.url().startsWith(b.extensionUrl(EXPLAIN)) && page.url() !== not, 20_000);
}

export async function readHooks(page: Page): Promise<Hooks> {
  const main = page.locator('main[data-ready="true"]');
  await main.waitFor({ timeout: 20_000 });
  return main.evaluate((el: HTMLElement) => ({
    errorCode: el.dataset.errorCode ?? '',
    verdict: el.dataset.verdict ?? '',
    cause: el.dataset.cause ?? '',
    local: el.dataset.local ?? '',
    url: el.dataset.url ?? '',
  }));
}

const POPUP = 'src/pages/popup/index.html';

/** A page, or a tab id (for a tab whose load never ends: Playwright's bringToFront waits for it). */
export type TabRef = Page | { tabId: number };

/**
 * Makes the tab the active tab of its window and focuses that window (as a person does by clicking it), and returns
 * the window's id, asked from the extension worker.
 */
async function focus(b: LaunchedBrowser, tab: TabRef): Promise<number> {
  if (!('tabId' in tab)) await tab.bringToFront();
  const worker = await b.waitForWorker();
  return worker.evaluate(
    async (tabId: number | null) => {
      const { chrome } = globalThis as unknown as {
        chrome: {
          windows: { getLastFocused(): Promise<{ id: number }>; update(id: number, p: object): Promise<unknown> };
          tabs: { update(id: number, p: object): Promise<{ windowId: number }> };
        };
      };
      if (tabId === null) return (await chrome.windows.getLastFocused()).id;
      const { windowId } = await chrome.tabs.update(tabId, { active: true });
      await chrome.windows.update(windowId, { focused: true });
      return windowId;
    },
    'tabId' in tab ? tab.tabId : null,
  );
}

/**
 * The popup's document as a Playwright page (for what needs the whole Playwright API: axe, the keyboard, viewport).
 * Without `describe`: in a tab of its own (so it describes no failed tab). With `describe`: that page's tab is made the
 * active tab of its window and the popup document opens in a background tab of the same window, so the popup finds
 * the tab it describes as the toolbar's popup does (`tabs.query({ active: true, currentWindow: true })`) — there is no
 * test-only parameter. What the toolbar button itself opens is `openToolbarPopup`.
 */
export async function openPopup(b: LaunchedBrowser, describe?: TabRef): Promise<Page> {
  if (!describe) {
    const page = await b.newPage();
    await page.goto(b.extensionUrl(POPUP));
    await page.locator('.popup').waitFor();
    return page;
  }
  const windowId = await focus(b, describe);
  const opened = b.context.waitForEvent('page', { predicate: (p) => p.url().startsWith(b.extensionUrl(POPUP)) });
  const worker = await b.waitForWorker();
  await worker.evaluate(
    ({ url, windowId }) =>
      (globalThis as unknown as { chrome: { tabs: { create(p: object): Promise<unknown> } } }).chrome.tabs.create({
        url,
        windowId,
        active: false,
      }),
    { url: b.extensionUrl(POPUP), windowId },
  );
  const page = await opened;
  await page.locator('.popup').waitFor();
  return page;
}

/** The popup the toolbar button opens (no tab of its own), driven through DevTools. */
export interface ToolbarPopup {
  /** Runs `fn(arg)` in the popup's document and returns its (JSON) result. */
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /** Waits until `selector` matches an element. */
  waitFor(selector: string, timeoutMs?: number): Promise<void>;
  /** The attributes of the first element matching `selector` (waits for it). */
  attrs(selector: string): Promise<Record<string, string>>;
  /** The text of the first element matching `selector` (waits for it). */
  text(selector: string): Promise<string>;
  /** Clicks the first element matching `selector` (waits for it). */
  click(selector: string): Promise<void>;
  /** Sets a <select> or <input> value and fires the events preact listens to. */
  setValue(selector: string, value: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the popup as the toolbar button does: `chrome.action.openPopup()` called in the worker, for `page`'s window
 * after `page` was made the active tab of the focused window (Chromium allows it without a user gesture then, headless
 * included). Playwright does not attach to a popup view, so the popup is driven through a DevTools session on its
 * target (Target.attachToTarget, messages relayed through a page's session).
 */
export async function openToolbarPopup(b: LaunchedBrowser, tab: TabRef): Promise<ToolbarPopup> {
  const windowId = await focus(b, tab);
  const cdp = await b.cdp();
  interface TargetInfo {
    targetId: string;
    type: string;
    url: string;
  }
  const popupTargets = async () =>
    ((await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] }).targetInfos.filter(
      (t) => t.type === 'page' && t.url.startsWith(b.extensionUrl(POPUP)),
    );
  const before = new Set((await popupTargets()).map((t) => t.targetId));
  const worker = await b.waitForWorker();
  await worker.evaluate(
    (windowId: number) =>
      (
        globalThis as unknown as { chrome: { action: { openPopup(o: object): Promise<void> } } }
      ).chrome.action.openPopup({ windowId }),
    windowId,
  );
  const target = await eventually(async () => (await popupTargets()).find((t) => !before.has(t.targetId)));
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as {
    sessionId: string;
  };
  let next = 0;
  const pending = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (m.id !== undefined) pending.get(m.id)?.(m);
  });
  const call = async (method: string, params: object): Promise<unknown> => {
    const id = ++next;
    const answer = new Promise<{ result?: unknown; error?: { message: string } }>((r) => pending.set(id, r));
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    const m = await answer;
    pending.delete(id);
    if (m.error) throw new Error(`${method}: ${m.error.message}`);
    return m.result;
  };
  const evaluate = async <T, A>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> => {
    const r = (await call('Runtime.evaluate', {
      expression: `(${fn.toString()})(${JSON.stringify(arg ?? null)})`,
      awaitPromise: true,
      returnByValue: true,
    })) as { result: { value?: T }; exceptionDetails?: { text: string; exception?: { description?: string } } };
    if (r.exceptionDetails)
      throw new Error(`in the popup: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value as T;
  };
  const waitFor = async (selector: string, timeoutMs = 15_000): Promise<void> => {
    await eventually(() => evaluate((s: string) => document.querySelector(s) !== null, selector), timeoutMs);
  };
  const popup: ToolbarPopup = {
    evaluate,
    waitFor,
    async attrs(selector) {
      await waitFor(selector);
      return evaluate(
        (s: string) => Object.fromEntries([...document.querySelector(s)!.attributes].map((a) => [a.name, a.value])),
        selector,
      );
    },
    async text(selector) {
      await waitFor(selector);
      return evaluate((s: string) => (document.querySelector(s) as HTMLElement).innerText, selector);
    },
    async click(selector) {
      await waitFor(selector);
      await evaluate((s: string) => (document.querySelector(s) as HTMLElement).click(), selector);
    },
    async setValue(selector, value) {
      await waitFor(selector);
      await evaluate(
        ([s, v]: [string, string]) => {
          const el = document.querySelector(s) as HTMLSelectElement | HTMLInputElement;
          el.value = v;
          el.dispatchEvent(new Event('input', { bubbles: true }));
          el.dispatchEvent(new Event('change', { bubbles: true }));
        },
        [selector, value] as [string, string],
      );
    },
    async close() {
      await cdp.send('Target.closeTarget', { targetId: target.targetId }).catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    },
  };
  await waitFor('.popup');
  return popup;
}

/** The tab id of a page, asked from the extension worker. */
export async function tabIdOf(b: LaunchedBrowser, page: Page): Promise<number> {
  const worker = await b.waitForWorker();
  const url = page.url();
  return worker.evaluate(async (u: string) => {
    const { chrome } = globalThis as unknown as ChromeGlobal;
    const tabs = await chrome.tabs.query({});
    return tabs.find((t) => t.url === u)?.id ?? -1;
  }, url);
}

/** Entries of the stored history, read straight from storage.local by the worker. */
export async function storedHistory(b: LaunchedBrowser): Promise<
  {
    id: string;
    url: string;
    code: string;
    cause: string;
    count: number;
    resourceType: string;
    httpStatus: number | null;
  }[]
> {
  const worker = await b.waitForWorker();
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as ChromeGlobal;
    return ((await chrome.storage.local.get('history')).history ?? []) as never;
  });
}

interface DomNode {
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

/** One of netwhy's cards: its host element's attributes (there should be none) and the card root's `data-*` hooks. */
export interface Card {
  host: Record<string, string>;
  /**
   * The card root's data-* attributes by dataset name: kind, errorCode, verdict, cause, local, url, httpStatus, count.
   */
  hooks: Record<string, string>;
  /** The card's text, as a person reads it (text nodes joined, spaces folded; no style or script). */
  text: string;
}

function textOf(n: DomNode): string {
  if (n.nodeName === '#text') return n.nodeValue ?? '';
  if (n.nodeName === 'STYLE' || n.nodeName === 'SCRIPT') return '';
  return (n.children ?? []).map(textOf).join(' ');
}

const dataset = (attrs: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(attrs)
      .filter(([k]) => k.startsWith('data-'))
      .map(([k, v]) => [k.slice(5).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), v]),
  );

/**
 * netwhy's cards in a page, read as the design says tests read them: through DevTools' DOM domain with `pierce: true`,
 * which reaches into the closed shadow root (the page itself cannot).
 */
export async function cards(b: LaunchedBrowser, page: Page): Promise<Card[]> {
  const cdp = await b.cdp(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const attrs = (n: DomNode) => {
      const out: Record<string, string> = {};
      for (let i = 0; i + 1 < (n.attributes ?? []).length; i += 2) out[n.attributes![i]!] = n.attributes![i + 1]!;
      return out;
    };
    const found: Card[] = [];
    const walk = (n: DomNode): void => {
      if (n.nodeName === 'NETWHY-OVERLAY') {
        for (const shadow of n.shadowRoots ?? []) {
          for (const child of shadow.children ?? []) {
            const a = attrs(child);
            if (a['data-kind'])
              found.push({ host: attrs(n), hooks: dataset(a), text: textOf(child).replace(/\s+/g, ' ').trim() });
          }
        }
      }
      for (const c of [
        ...(n.children ?? []),
        ...(n.shadowRoots ?? []),
        ...(n.contentDocument ? [n.contentDocument] : []),
      ])
        walk(c);
    };
    walk(root);
    return found;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Waits for the card of this kind and returns its hooks (and checks that its host element carries nothing). */
export async function waitForCard(
  b: LaunchedBrowser,
  page: Page,
  kind: 'overlay' | 'banner',
  timeoutMs = 15_000,
): Promise<Record<string, string>> {
  const card = await eventually(
    async () => (await cards(b, page)).find((c) => c.hooks['kind'] === kind) ?? null,
    timeoutMs,
  );
  if (Object.keys(card.host).length > 0)
    throw new Error(`the page can read netwhy's host element: ${JSON.stringify(card.host)}`);
  return card.hooks;
}

/**
 * Changes settings the way the options page does (the worker's `settings:set`), then waits until the worker reports
 * them in force (`settings:get`): a test that acts on a setting never races the worker's storage.onChanged.
 */
export async function setSettings(b: LaunchedBrowser, patch: Record<string, unknown>): Promise<void> {
  const page = await b.newPage();
  try {
    await page.goto(b.extensionUrl('src/pages/options/index.html'));
    const ask = (type: string, data: Record<string, unknown>) =>
      page.evaluate(
        ({ type, data }) =>
          // A reply is { ok, value } (src/platform/messages.ts): the value, or null when the handler failed.
          (
            globalThis as unknown as {
              chrome: {
                runtime: { sendMessage(m: object): Promise<{ ok: boolean; value?: Record<string, unknown> } | null> };
              };
            }
          ).chrome.runtime
            .sendMessage({ netwhy: 1, type, data })
            .then((reply) => (reply?.ok ? (reply.value ?? null) : null)),
        { type, data },
      );
    await ask('settings:set', patch);
    await eventually(async () => {
      const inForce = await ask('settings:get', {});
      return (
        inForce !== null && Object.entries(patch).every(([k, v]) => JSON.stringify(inForce[k]) === JSON.stringify(v))
      );
    }, 15_000);
  } finally {
    await page.close();
  }
}

/**
 * Waits until every failure the worker has seen is settled: recorded in the history (or in the incognito list, or
 * dropped on purpose). The journal (src/background/journal.ts) keeps each failure in a `journal:` key of
 * storage.session from the moment it is seen until then. A positive signal for a negative check, once the failure in
 * question is known to have been seen (the handler that saw it writes its journal key at once).
 */
export async function journalSettled(b: LaunchedBrowser, timeoutMs = 30_000): Promise<void> {
  await eventually(async () => {
    const worker = await b.waitForWorker();
    const keys = await worker.evaluate(async () => {
      const { chrome } = globalThis as unknown as {
        chrome: { storage: { session: { get(k: null): Promise<object> } } };
      };
      return Object.keys(await chrome.storage.session.get(null));
    });
    return keys.every((k) => !k.startsWith(JOURNAL_PREFIX));
  }, timeoutMs);
}

/**
 * A positive signal for a negative check ("nothing happened"): a failure made now in a tab of its own (a closed port),
 * waited for in the history, then the journal settled. The browser hands events to the worker in order, so by then
 * the worker has handled every event before it, and recorded whatever it was going to record of them. Returns its URL.
 */
export async function laterFailureRecorded(b: LaunchedBrowser, port: number, label = 'later'): Promise<string> {
  const url = `http://127.0.0.1:${port}/${label}-${Date.now()}`;
  const page = await b.newPage();
  await gotoFailing(page, url, { settle: false });
  await eventually(async () => (await storedHistory(b)).some((e) => e.url === url), 30_000);
  await journalSettled(b);
  await page.close();
  return url;
}
