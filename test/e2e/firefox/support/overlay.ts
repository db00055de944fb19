/**
 * Reads netwhy's overlay card in Firefox: the card sits in a closed shadow root that page scripts cannot see, so it is
 * read through WebDriver BiDi (script.callFunction with serializationOptions `includeShadowTree: "all"`).
 */
import type { Browser, Page } from 'puppeteer-core';
import { eventually } from '../../support/eventually';
import type { LaunchedFirefox } from './firefox';

export interface OverlayCard {
  card: Record<string, string>;
  host: Record<string, string>;
  text: string;
}

/** A node as WebDriver BiDi serializes it (script.callFunction with serializationOptions). */
interface BidiNode {
  type: string;
  value?: {
    nodeType: number;
    localName?: string;
    nodeValue?: string;
    attributes?: Record<string, string>;
    children?: BidiNode[];
    shadowRoot?: BidiNode | null;
  };
}

interface BidiConnection {
  send(
    method: string,
    params: object,
  ): Promise<{ result: { type: string; result?: BidiNode; exceptionDetails?: unknown } }>;
}

function dataAttrs(n: BidiNode): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(n.value?.attributes ?? {})) if (k.startsWith('data-')) out[k.slice(5)] = v;
  return out;
}

function find(n: BidiNode, match: (n: BidiNode) => boolean): BidiNode | null {
  if (match(n)) return n;
  for (const c of [...(n.value?.children ?? []), ...(n.value?.shadowRoot ? [n.value.shadowRoot] : [])]) {
    const hit = find(c, match);
    if (hit) return hit;
  }
  return null;
}

function textOf(n: BidiNode): string {
  const v = n.value;
  if (!v) return '';
  if (v.nodeType === 3) return v.nodeValue ?? '';
  if (v.localName === 'style' || v.localName === 'script') return '';
  return (v.children ?? []).map(textOf).join(' ');
}

/** Reads the overlay card (kind `overlay`) through WebDriver BiDi, closed shadow root included. */
export async function readOverlay(ff: LaunchedFirefox, page: Page, timeoutMs = 20_000): Promise<OverlayCard> {
  const connection = (ff.browser as Browser & { connection: BidiConnection }).connection;
  const context = (page.mainFrame() as unknown as { _id: string })._id;
  let seen = 'nothing yet';
  return eventually(async () => {
    const { result } = await connection.send('script.callFunction', {
      functionDeclaration: '() => document.querySelector("netwhy-overlay")',
      awaitPromise: false,
      target: { context },
      serializationOptions: { includeShadowTree: 'all', maxDomDepth: 30 },
    });
    const host = result.result;
    const shadow = host?.type === 'node' ? host.value?.shadowRoot : null;
    seen = JSON.stringify(result).slice(0, 300);
    if (!host || !shadow) throw new Error(`no <netwhy-overlay> with a shadow root (last: ${seen})`);
    const card =
      find(
        shadow,
        (n) => n.value?.nodeType === 1 && Object.keys(dataAttrs(n)).some((k) => k === 'cause' || k === 'http-status'),
      ) ??
      (shadow.value?.children ?? []).find((n) => n.value?.nodeType === 1 && n.value.localName !== 'style') ??
      null;
    if (!card) throw new Error(`no card in the shadow root (last: ${seen})`);
    const text = textOf(shadow).replace(/\s+/g, ' ').trim();
    if (!text) throw new Error(`the card has no text yet (last: ${seen})`);
    return { card: dataAttrs(card), host: dataAttrs(host), text };
  }, timeoutMs);
}

export function overlayHooks(o: OverlayCard): Record<string, string> {
  return 'cause' in o.card ? o.card : { ...o.host, ...o.card };
}
