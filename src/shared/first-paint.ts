/**
 * The explanation page's first paint, as data: its brand line, headline, verdict and first evidence line, from the
 * words the worker put in the page's address (`h` the headline, `v`/`vl`/`vc` the verdict, its label and confidence,
 * `ep`/`epl`/`e` the first evidence line). Two places draw it, so that it is on screen before the page's modules run:
 * - in Chromium the worker serves the page's HTML with it inside (platform/explain-server.ts, `viewToHtml`): the
 *   page paints from its HTML alone;
 * - otherwise (Firefox, or a page the worker did not serve) the page's entry builds the same nodes
 *   (pages/explain/first-paint.ts).
 * Both draw the elements and classes the page renders, so that preact takes the nodes over and nothing moves.
 * Every value from the address is text: the DOM builder sets it as text, `viewToHtml` escapes it.
 */
export type Say = (key: string, substitutions?: string[]) => string;

export interface ViewNode {
  tag: string;
  attrs: Record<string, string>;
  children: (ViewNode | string)[];
}

export interface FirstPaintView {
  /** The catalog's language (`lang` message), for `<html lang>`; '' when unknown. */
  lang: string;
  /** The `<main>` the page renders into `#app`. */
  main: ViewNode;
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

const el = (tag: string, attrs: Record<string, string>, children: (ViewNode | string)[]): ViewNode => ({
  tag,
  attrs,
  children,
});

/** The first paint for a page address's query (`location.search`), or null when the address has no headline. */
export function firstPaintView(search: string, say: Say): FirstPaintView | null {
  const params = new URLSearchParams(search);
  const word = (key: string, max = 500) => lookUp((params.get(key) ?? '').slice(0, 4 * max), say).slice(0, max);
  const headline = word('h');
  if (!headline) return null;
  const address = params.get('url') ?? '';
  const where = URL.canParse(address) ? new URL(address).host : '';
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
    header.children.push(
      el('div', { class: 'where' }, [
        el('p', { class: `verdict verdict-${side(word('v', 20))}`, 'data-testid': 'verdict' }, [
          el('span', {}, [word('vl', 100)]),
          el('span', { class: 'small' }, [word('vc', 100)]),
        ]),
      ]),
    );
  }
  // Until the worker's answer renders the page (its evidence may wait on probes, up to 1.5 s): say so.
  header.children.push(
    el('p', { class: 'small muted', role: 'status', 'data-testid': 'checking' }, [say('explain_checking_evidence')]),
  );
  const main = el('main', { 'data-ready': 'false', 'aria-busy': 'true' }, [header]);
  if (word('e')) {
    const points = word('ep', 20);
    main.children.push(
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
  return { lang: say('lang'), main };
}

/** Text for HTML: safe in element content and in double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Elements with no end tag. */
const VOID = new Set(['img']);

/**
 * A view as HTML, every text and attribute value escaped. Tags and attribute names come from `firstPaintView` only
 * (constants), never from the address.
 */
export function viewToHtml(node: ViewNode | string): string {
  if (typeof node === 'string') return escapeHtml(node);
  const attrs = Object.entries(node.attrs)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
  if (VOID.has(node.tag)) return `<${node.tag}${attrs}>`;
  return `<${node.tag}${attrs}>${node.children.map(viewToHtml).join('')}</${node.tag}>`;
}
