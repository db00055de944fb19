/**
 * The explanation page's first paint when its HTML did not bring it (Firefox, or a page the worker did not serve):
 * the brand line, headline, verdict and first evidence line from the address (src/shared/first-paint.ts), drawn as
 * nodes before the page's modules (preact, the views) have loaded and run. Text only: every value goes through the
 * DOM as text, never as markup.
 */
import { firstPaintView, type Say, type ViewNode } from '../../shared/first-paint';
import { shippedKey } from '../../shared/message-key';

interface I18nLike {
  i18n?: { getMessage(key: string, substitutions?: string[]): string };
}

/**
 * The extension's i18n without the polyfill (not loaded yet at this point): `browser` in Firefox, `chrome` in
 * Chromium. Written here, not imported from platform: the page's first paint loads nothing it does not need.
 */
function messages(): Say {
  const g = globalThis as { browser?: I18nLike; chrome?: I18nLike };
  const api = g.browser?.i18n ? g.browser : g.chrome;
  return (key, subs) => api?.i18n?.getMessage(shippedKey(key), subs) ?? '';
}

function toDom(node: ViewNode | string): Node | string {
  if (typeof node === 'string') return node;
  const element = document.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs)) element.setAttribute(name, value);
  element.append(...node.children.map(toDom));
  return element;
}

/**
 * Draws the first paint into an empty `#app` (one the worker's HTML already filled is left as it is); whether it
 * drew.
 */
export function paintHeadline(search: string = location.search, say: Say = messages()): boolean {
  const app = document.getElementById('app');
  if (!app || app.firstChild) return false;
  const view = firstPaintView(search, say);
  if (!view) return false;
  if (view.lang) document.documentElement.lang = view.lang;
  app.append(toDom(view.main));
  return true;
}
