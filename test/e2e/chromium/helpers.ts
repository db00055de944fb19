/** Shared steps of the Chromium suites: reach the explanation page, read its hooks, open the popup. */
import type { Page } from 'playwright-core';
import { gotoFailing, type LaunchedBrowser } from '../support/chromium';
import { eventually } from '../support/eventually';

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
      session: { get(k: string): Promise<Record<string, unknown>> };
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

/** The popup, opened as a page in its own tab; `tabId` makes it describe that tab. */
export async function openPopup(b: LaunchedBrowser, tabId?: number): Promise<Page> {
  const page = await b.newPage();
  await page.goto(b.extensionUrl(`src/pages/popup/index.html${tabId ? `?tab=${tabId}` : ''}`));
  await page.locator('.popup').waitFor();
  return page;
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
