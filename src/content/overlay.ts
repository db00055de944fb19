/**
 * The page script: an overlay card on a site's own HTTP error page, and the opt-in developer banner. Injected by the
 * worker after the document commits; no framework, no polyfill (it must stay small). Everything renders in a closed
 * shadow root as text; it never takes focus, never covers the page's message (a corner card), and goes away on dismiss.
 * Its own few words come from the extension's message catalogs (i18n.getMessage, synchronous, available to content
 * scripts in Chromium and Firefox); whatever the worker sends (title, summary, lines) is already in the user's
 * language.
 */
import { shippedKey } from '../shared/message-key';
import type { BannerData, ContentMessage, ContentRequest, OverlayData } from '../shared/types';

type Listener = (message: unknown, sender: { id?: string }) => void;
interface Api {
  runtime: { id: string; onMessage: { addListener(fn: Listener): void }; sendMessage(m: ContentRequest): unknown };
  i18n?: { getMessage(key: string, substitutions?: string[]): string };
}

const g = globalThis as unknown as { browser?: Api; chrome?: Api; __netwhyPageScript?: boolean };
const api = g.browser ?? g.chrome;

/**
 * The message `key` in the user's language with `$1`.. filled, or "" when there is none, asked for under its shipped
 * name (src/shared/message-key.ts, inlined into this script by its own build). Its own copy of the lookup, like its
 * own plural choice below: a module this script shared with the pages would become a chunk of its own in the build,
 * and the explanation page's entry would then need a second request before its first paint.
 */
function message(key: string, substitutions: (string | number)[] = []): string {
  return (g.chrome?.i18n ?? g.browser?.i18n)?.getMessage(shippedKey(key), substitutions.map(String)) ?? '';
}

/** A message to show; a missing one shows as its key (so it gets noticed). */
function msg(key: string, substitutions: (string | number)[] = []): string {
  return message(key, substitutions) || key;
}

const CSS = `
:host { all: initial; }
.card { position: fixed; z-index: 2147483647; font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  color: #1f2328; background: #fff; border: 1px solid #d0d7de; border-radius: 10px; box-shadow: 0 6px 24px rgba(0,0,0,.18);
  padding: 12px 14px; box-sizing: border-box; }
.overlay { right: 16px; bottom: 16px; width: min(360px, calc(100vw - 32px)); }
.banner { left: 16px; bottom: 16px; max-width: min(560px, calc(100vw - 32px)); padding: 8px 12px; }
.head { display: flex; gap: 8px; align-items: baseline; justify-content: space-between; }
.brand { font-size: 12px; color: #57606a; }
h2 { font-size: 15px; margin: 4px 0; }
p { margin: 4px 0; }
ul { margin: 4px 0; padding-left: 18px; }
.chip { display: inline-block; font-size: 12px; font-weight: 600; border: 1px solid currentColor; border-radius: 999px; padding: 0 8px; color: #1d4ed8; }
.chip.client { color: #9a3412; } .chip.network { color: #6d28d9; } .chip.unknown { color: #4b5563; }
/* Whose side: the card's left edge in the verdict colour (blue for the site: no alarm colours). */
.overlay { border-left: 4px solid #1d4ed8; } .overlay.client { border-left-color: #9a3412; }
.overlay.network { border-left-color: #6d28d9; } .overlay.unknown { border-left-color: #4b5563; }
.actions { display: flex; gap: 8px; margin-top: 8px; }
button { font: inherit; font-size: 13px; border: 1px solid #d0d7de; background: #f6f8fa; color: inherit; border-radius: 6px; padding: 2px 10px; cursor: pointer; }
button:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
.close { border: 0; background: transparent; font-size: 18px; line-height: 1; padding: 0 4px; }
@media (prefers-color-scheme: dark) {
  .card { color: #e6e6e6; background: #1b1c1f; border-color: #3a3d42; }
  .brand { color: #a8b0b8; } button { background: #25272b; border-color: #3a3d42; }
  .chip { color: #93c5fd; } .chip.client { color: #fdba74; } .chip.network { color: #c4b5fd; } .chip.unknown { color: #d1d5db; }
  .overlay { border-left-color: #93c5fd; } .overlay.client { border-left-color: #fdba74; }
  .overlay.network { border-left-color: #c4b5fd; } .overlay.unknown { border-left-color: #d1d5db; }
  button:focus-visible { outline-color: #8ab4f8; }
}`;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { class?: string; text?: string } = {},
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  node.append(...children);
  return node;
}

function button(label: string, onClick: () => void, cls?: string): HTMLButtonElement {
  const b = el('button', { class: cls, text: label });
  b.type = 'button';
  b.addEventListener('click', (e) => {
    e.stopPropagation();
    onClick();
  });
  return b;
}

/** One host element per kind and page load; a dismissed one does not come back. */
const dismissed = new Set<string>();
/** The host elements, held here: the page must not be able to tell them apart or read anything from them. */
const hosts = new Map<string, HTMLElement>();

/**
 * The host element carries nothing (no attribute, no text): what netwhy concluded is on the card's root element,
 * inside the closed shadow root, where the page cannot read it and tests can (DevTools' DOM domain with
 * `pierce: true`, WebDriver BiDi with `includeShadowTree: "all"`).
 */
function mount(kind: 'overlay' | 'banner', attrs: Record<string, string>, card: HTMLElement): void {
  if (dismissed.has(kind) || window.top !== window || !document.documentElement) return;
  hosts.get(kind)?.remove();
  const host = document.createElement('netwhy-overlay');
  hosts.set(kind, host);
  card.dataset.kind = kind;
  for (const [k, v] of Object.entries(attrs)) card.setAttribute(`data-${k}`, v);
  const root = host.attachShadow({ mode: 'closed' });
  // The card speaks the catalog's language, which need not be the page's.
  const lang = message('lang');
  if (lang) card.lang = lang;
  root.append(el('style', { text: CSS }), card);
  document.documentElement.append(host);
}

function dismiss(kind: 'overlay' | 'banner'): void {
  dismissed.add(kind);
  hosts.get(kind)?.remove();
  hosts.delete(kind);
}

function open(what: 'overlay' | 'banner'): void {
  try {
    void api?.runtime.sendMessage({ netwhy: 1, kind: 'content:open', what });
  } catch {
    // The extension was reloaded: the link simply does nothing.
  }
}

function showOverlay(d: OverlayData): void {
  const card = el(
    'section',
    { class: `card overlay ${d.verdict}` },
    el(
      'div',
      { class: 'head' },
      el('span', { class: 'brand', text: msg('overlay_brand', [d.httpStatus ?? '']).trim() }),
      button('×', () => dismiss('overlay'), 'close'),
    ),
    el('h2', { text: d.title }),
    el('p', { text: d.summary }),
    el('p', {}, el('span', { class: `chip ${d.verdict}`, text: d.verdictLabel })),
    el(
      'div',
      { class: 'actions' },
      button(msg('overlay_more'), () => open('overlay')),
      button(msg('overlay_dismiss'), () => dismiss('overlay')),
    ),
  );
  card.setAttribute('role', 'complementary');
  card.setAttribute('aria-label', msg('overlay_label'));
  card.querySelector('.close')?.setAttribute('aria-label', msg('overlay_dismiss'));
  mount(
    'overlay',
    {
      'error-code': d.code,
      verdict: d.verdict,
      cause: d.cause,
      local: String(d.local),
      url: d.url,
      'http-status': String(d.httpStatus ?? ''),
    },
    card,
  );
}

function showBanner(d: BannerData): void {
  const shown = d.lines.slice(0, 3);
  const more = d.lines.length - shown.length;
  const card = el(
    'section',
    { class: 'card banner' },
    el(
      'div',
      { class: 'head' },
      el('span', { class: 'brand', text: msg('overlay_banner_brand') }),
      button('×', () => dismiss('banner'), 'close'),
    ),
    shown.length === 1 ? el('p', { text: shown[0] }) : el('ul', {}, ...shown.map((l) => el('li', { text: l }))),
    ...(more > 0
      ? [el('p', { text: msg(more === 1 ? 'overlay_banner_more_one' : 'overlay_banner_more_other', [more]) })]
      : []),
    el(
      'div',
      { class: 'actions' },
      button(msg('overlay_banner_details'), () => open('banner')),
      button(msg('overlay_dismiss'), () => dismiss('banner')),
    ),
  );
  card.setAttribute('role', 'status');
  card.setAttribute('aria-label', msg('overlay_banner_label'));
  card.querySelector('.close')?.setAttribute('aria-label', msg('overlay_dismiss'));
  mount(
    'banner',
    { 'error-code': d.code, verdict: d.verdict, local: String(d.local), url: d.url, count: String(d.total) },
    card,
  );
}

function isMessage(m: unknown): m is ContentMessage {
  const v = m as ContentMessage | null;
  return (
    !!v &&
    typeof v === 'object' &&
    v.netwhy === 1 &&
    (v.kind === 'overlay' || v.kind === 'banner') &&
    !!v.data &&
    typeof v.data === 'object'
  );
}

if (api && !g.__netwhyPageScript) {
  g.__netwhyPageScript = true;
  // Only the extension itself can message a content script; the sender check guards against anything else.
  api.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== api.runtime.id || !isMessage(message)) return;
    if (message.kind === 'overlay') showOverlay(message.data);
    else showBanner(message.data);
  });
}
