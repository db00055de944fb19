/**
 * The explanation page's first paint: its headline, before the page's modules (engine, preact) have loaded and run.
 * The worker puts the headline it diagnosed into the address (`h`); the page's entry calls this at once, in the same
 * small module (one request: a separate script cost the page a parser-blocking fetch before it could paint). It draws
 * the same header the page renders (same elements and classes), so preact takes the nodes over and nothing moves.
 * Text only: every value goes through the DOM as text, never as markup.
 */
type Say = (key: string, substitutions?: string[]) => string;

interface I18nLike {
  i18n?: { getMessage(key: string, substitutions?: string[]): string };
}

/**
 * The extension's i18n without the polyfill (not loaded yet at this point): `browser` in Firefox, `chrome` in
 * Chromium. Written here, not imported: this module must import nothing, so that the page's first paint costs one
 * request (checked by test/e2e/sizes.e2e.test.ts).
 */
function messages(): Say {
  const g = globalThis as { browser?: I18nLike; chrome?: I18nLike };
  const api = g.browser?.i18n ? g.browser : g.chrome;
  return (key, subs) => api?.i18n?.getMessage(key, subs) ?? '';
}

function el(tag: string, attrs: Record<string, string>, children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

export function paintHeadline(search: string = location.search, say: Say = messages()): void {
  const params = new URLSearchParams(search);
  const headline = (params.get('h') ?? '').slice(0, 500);
  const app = document.getElementById('app');
  if (!headline || !app || app.firstChild) return;
  const address = params.get('url') ?? '';
  const where = URL.canParse(address) ? new URL(address).host : '';
  const lang = say('lang');
  if (lang) document.documentElement.lang = lang;
  const brand = where ? say('explain_brand', [where]) : say('explain_brand_no_host');
  app.append(
    el('main', { 'data-ready': 'false', 'aria-busy': 'true' }, [
      el('header', {}, [
        el('p', { class: 'muted small brand' }, [
          el('img', { src: '/icons/icon-32.png', alt: '', width: '16', height: '16' }, []),
          el('span', {}, [brand]),
        ]),
        el('h1', {}, [headline]),
      ]),
    ]),
  );
}
