/**
 * Chromium steps of the real-world suite: Debian's Chromium with the built extension (dist/), resolving names through
 * the namespace's dnsmasq (the launcher's `systemDns`: no `MAP * ~NOTFOUND` rules), and readers for what netwhy shows:
 * the explanation page's hooks and text, and the overlay card inside its closed shadow root (through CDP
 * `DOM.getDocument` with `pierce: true`, as DevTools sees it; page scripts cannot).
 */
import type { Page } from 'playwright-core';
import { launchWithExtension, type LaunchedBrowser } from '../../e2e/support/chromium';
import { onExplanationPage, readHooks, storedHistory, type Hooks } from '../../e2e/chromium/helpers';
import { eventually } from '../../e2e/support/eventually';
import { assertRealWorldNamespace, LAN_IP, SITE } from '../support/namespace';
import type { ExplainedPage } from '../support/scenarios';

export { eventually, type Hooks };

export async function launchChromium(): Promise<LaunchedBrowser> {
  assertRealWorldNamespace();
  return launchWithExtension({ systemDns: true });
}

/**
 * Loads a URL that must fail at the network level; returns the browser's own error (e.g. net::ERR_CONNECTION_REFUSED).
 */
export async function loadRefused(page: Page, url: string): Promise<string> {
  try {
    await page.goto(url, { timeout: 30_000, waitUntil: 'commit' });
  } catch (err) {
    const code = /net::ERR_[A-Z0-9_]+/.exec(String(err))?.[0];
    if (code) return code;
    throw err;
  }
  throw new Error(`${url} loaded; it should have failed`);
}

/**
 * `browserError`: Chromium's net::ERR_* for the failed main-frame request as it reported it to the extension (the
 * history entry's raw `error`); else as Playwright saw the request fail (not ERR_ABORTED: that is the takeover).
 */
export type Explained = ExplainedPage<Hooks>;

/**
 * Starts a navigation with `navigate` (page.goto, or page.reload for "the user pressed reload") without awaiting it
 * — the extension replaces it — and waits for the explanation page's final diagnosis.
 */
export async function explainNavigation(
  b: LaunchedBrowser,
  page: Page,
  url: string,
  navigate: () => Promise<unknown>,
  timeoutMs = 30_000,
): Promise<Explained> {
  const start = Date.now();
  const from = b.requests.entries.length;
  void navigate().catch(() => undefined);
  await eventually(async () => page.url().startsWith(b.extensionUrl('src/pages/explain/index.html')), timeoutMs);
  await onExplanationPage(b, page);
  const hooks = await readHooks(page);
  const elapsed = Date.now() - start;
  const headline = ((await page.locator('main h1').first().textContent()) ?? '').trim();
  const text = await page.locator('main').innerText();
  const failed = b.requests.entries
    .slice(from)
    .find((e) => e.url === url && e.resourceType === 'document' && e.failure && e.failure !== 'net::ERR_ABORTED');
  // The history is written around the takeover: poll it (bounded).
  const stored = await eventually(
    async () =>
      (await storedHistory(b)).find((e) => e.url === url && e.resourceType === 'main_frame') as
        { error?: string | null } | undefined,
    10_000,
  ).catch(() => undefined);
  return { hooks, browserError: stored?.error ?? failed?.failure ?? null, headline, text, elapsed };
}

export const explain = (b: LaunchedBrowser, page: Page, url: string, timeoutMs?: number): Promise<Explained> =>
  explainNavigation(b, page, url, () => page.goto(url, { timeout: 60_000 }), timeoutMs);

/** What the overlay card says and carries, read inside its closed shadow root. */
export interface OverlayCard {
  /**
   * data-* of the card's root element inside the shadow root (error-code, verdict, cause, local, url, http-status,
   * kind).
   */
  card: Record<string, string>;
  /** data-* on the <netwhy-overlay> host element (should be empty: the page must not read the diagnosis). */
  host: Record<string, string>;
  /** The card's visible text (style elements left out). */
  text: string;
}

interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

function dataAttrs(node: DomNode): Record<string, string> {
  const out: Record<string, string> = {};
  const a = node.attributes ?? [];
  for (let i = 0; i + 1 < a.length; i += 2) if (a[i]!.startsWith('data-')) out[a[i]!.slice(5)] = a[i + 1]!;
  return out;
}

function findNode(node: DomNode, match: (n: DomNode) => boolean): DomNode | null {
  if (match(node)) return node;
  for (const c of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const hit = findNode(c, match);
    if (hit) return hit;
  }
  return null;
}

function textOf(node: DomNode): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.nodeName === 'STYLE' || node.nodeName === 'SCRIPT') return '';
  return (node.children ?? []).map(textOf).join(' ');
}

/** Reads the overlay card (kind `overlay`) once it is there, through CDP (closed shadow roots included). */
export async function readOverlay(b: LaunchedBrowser, page: Page, timeoutMs = 20_000): Promise<OverlayCard> {
  const session = await b.cdp(page);
  try {
    return await eventually(async () => {
      const { root } = (await session.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
      const host = findNode(root, (n) => n.nodeName === 'NETWHY-OVERLAY' && (n.shadowRoots?.length ?? 0) > 0);
      if (!host) return null;
      const shadow = host.shadowRoots![0]!;
      // The card's root: the first element in the shadow root that carries netwhy's data-* hooks, else its first
      // element that is not a <style>.
      const card =
        findNode(
          shadow,
          (n) => n.nodeType === 1 && Object.keys(dataAttrs(n)).some((k) => k === 'cause' || k === 'http-status'),
        ) ??
        (shadow.children ?? []).find((n) => n.nodeType === 1 && n.nodeName !== 'STYLE') ??
        null;
      if (!card) return null;
      const text = textOf(shadow).replace(/\s+/g, ' ').trim();
      if (!text) return null;
      return { card: dataAttrs(card), host: dataAttrs(host), text };
    }, timeoutMs);
  } finally {
    await session.detach().catch(() => {});
  }
}

/**
 * The hooks of the card as the tests assert them: the card root's own data-* (DESIGN: nothing on the host). A build
 * that still puts them on the host element is read there, so the diagnosis can be compared anyway; the suite
 * records where they were found.
 */
export function overlayHooks(o: OverlayCard): Record<string, string> {
  return 'cause' in o.card ? o.card : { ...o.host, ...o.card };
}

export { clocks } from '../support/clock';
export { LAN_IP, SITE };
