/**
 * The explanation page's first paint: its headline, verdict and first evidence line, before the page's modules
 * (preact, the views) have loaded and run. The worker puts its words into the address (`h` the headline,
 * `v`/`vl`/`vc` the verdict, its label and confidence, `ep`/`epl`/`e` the first evidence line); the page's entry
 * calls this at once, in the same small module (one request: a separate script cost the page a parser-blocking fetch
 * before it could paint). It draws the same elements and classes the page renders, so preact takes the nodes over
 * and nothing moves. Text only: every value goes through the DOM as text, never as markup.
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

/**
 * The worker's words as the page shows them. A worker that had not loaded its catalog yet (its first takeover after a
 * start) sends messages as keys with their parameters, `\u0001key\u0002param\u0003`, nested
 * (src/engine/i18n.ts, `deferredTranslate`): looked up here with the same catalog. Plain text passes as it is; a
 * broken or cut sequence never throws, and none of its control characters is shown.
 */
export function lookUp(text: string, say: Say): string {
  if (!text.includes('\u0001') && !text.includes('\u0002') && !text.includes('\u0003')) return text;
  let i = 0;
  let depth = 0; // the worker's messages nest a few deep (every fixture in every language: tested); 8 is plenty
  // Text up to a separator or the end of the current message (or of the string).
  const until = (): string => {
    let out = '';
    while (i < text.length) {
      const c = text[i]!;
      if (c === '\u0002' || c === '\u0003') return out;
      i++;
      out += c === '\u0001' ? message() : c;
    }
    return out;
  };
  const message = (): string => {
    if (++depth > 8) {
      i = text.length;
      return '';
    }
    const key = until();
    const params: string[] = [];
    while (text[i] === '\u0002') {
      i++;
      params.push(until());
    }
    depth--;
    if (text[i] !== '\u0003') return ''; // cut short: nothing to look up
    i++;
    return /^\w{1,100}$/.test(key) ? say(key, params) : '';
  };
  let out = '';
  while (i < text.length) {
    out += until();
    i++; // a separator or an end outside any message
  }
  return out; // every control character was consumed above: a message's start, a separator or an end
}

function el(tag: string, attrs: Record<string, string>, children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

export function paintHeadline(search: string = location.search, say: Say = messages()): void {
  const params = new URLSearchParams(search);
  const word = (key: string, max = 500) => lookUp((params.get(key) ?? '').slice(0, 4 * max), say).slice(0, max);
  const headline = word('h');
  const app = document.getElementById('app');
  if (!headline || !app || app.firstChild) return;
  const address = params.get('url') ?? '';
  const where = URL.canParse(address) ? new URL(address).host : '';
  const lang = say('lang');
  if (lang) document.documentElement.lang = lang;
  const brand = where ? say('explain_brand', [where]) : say('explain_brand_no_host');
  // Only the worker's four verdicts become a class name.
  const side = (v: string) => (/^(client|network|server|unknown)$/.test(v) ? v : 'unknown');
  const header = el('header', {}, [
    el('p', { class: 'muted small brand' }, [
      el('img', { src: '/icons/icon-32.png', alt: '', width: '16', height: '16' }, []),
      el('span', {}, [brand]),
    ]),
    el('h1', {}, [headline]),
  ]);
  if (word('vl')) {
    header.append(
      el('div', { class: 'where' }, [
        el('p', { class: `verdict verdict-${side(word('v', 20))}`, 'data-testid': 'verdict' }, [
          el('span', {}, [word('vl', 100)]),
          el('span', { class: 'small' }, [word('vc', 100)]),
        ]),
      ]),
    );
  }
  // Until the worker's answer renders the page (its evidence may wait on probes, up to 1.5 s): say so.
  header.append(
    el('p', { class: 'small muted', role: 'status', 'data-testid': 'checking' }, [say('explain_checking_evidence')]),
  );
  const main = el('main', { 'data-ready': 'false', 'aria-busy': 'true' }, [header]);
  if (word('e')) {
    const points = word('ep', 20);
    main.append(
      el('section', { 'aria-labelledby': 'why' }, [
        el('h2', { id: 'why' }, [say('common_why')]),
        el('ul', { class: 'evidence' }, [
          el('li', { 'data-points-to': points }, [
            el('span', { class: `points verdict-${points === 'neutral' ? 'unknown' : side(points)}` }, [
              word('epl', 100),
            ]),
            ' ',
            word('e'),
          ]),
        ]),
      ]),
    );
  }
  app.append(main);
}
