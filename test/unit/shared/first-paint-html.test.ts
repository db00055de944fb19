// @vitest-environment happy-dom
/**
 * src/shared/first-paint.ts `viewToHtml`: the HTML the worker serves the explanation page with (Chromium,
 * platform/explain-server.ts) must be, once parsed, exactly the nodes the page draws itself from the same address
 * (pages/explain/first-paint.ts), for every rule fixture in every language; and nothing in the address ever becomes
 * markup.
 */
import { describe, expect, it } from 'vitest';
import { locales, readCatalog } from '../../../scripts/locales';
import { diagnose } from '../../../src/engine/diagnose';
import { installFirefoxVocabulary } from '../../../src/engine/errors/vocabulary';
import { catalogTranslator, setTranslator } from '../../../src/engine/i18n';
import { RULES } from '../../../src/engine/rules';
import { escapeHtml, firstPaintView, viewToHtml } from '../../../src/shared/first-paint';
import { paintHeadline } from '../../../src/pages/explain/first-paint';
import { failureOf, RULE_CASES } from '../../fixtures/rule-cases';
import { sayIn } from '../../support/catalog-say';

(globalThis as unknown as { chrome: unknown }).chrome = {
  runtime: { id: 'test', getURL: (path: string) => `chrome-extension://test/${path}` },
};
const { firstPaint } = await import('../../../src/background/presenter');
const { explainUrl } = await import('../../../src/platform/pages');

installFirefoxVocabulary();

/** The served HTML as the browser parses it: the nodes inside `#app`. */
function parsed(html: string): Element {
  return new DOMParser().parseFromString(`<div id="app">${html}</div>`, 'text/html').getElementById('app')!;
}

/** What the page's entry draws into an empty `#app` from the same address. */
function drawn(search: string, say: (key: string, params?: string[]) => string): Element {
  document.body.replaceChildren();
  const app = document.createElement('div');
  app.id = 'app';
  document.body.append(app);
  paintHeadline(search, say);
  return app;
}

/**
 * The same nodes: names, attributes, text, in the same order (DOM `isEqualNode`). The page's adjacent text nodes
 * (the space before an evidence line) are one in parsed HTML: compared merged.
 */
function expectSameNodes(served: Element, page: Element, name: string): void {
  expect(served.children.length, name).toBe(1);
  page.normalize();
  expect(served.isEqualNode(page), `${name}: ${served.textContent} / ${page.textContent}`).toBe(true);
}

describe('the served first paint', () => {
  for (const lang of locales()) {
    it(`${lang}: for every fixture, the served HTML parses into the nodes the page would draw`, () => {
      const say = sayIn(lang);
      setTranslator(catalogTranslator(readCatalog(lang)));
      for (const c of RULE_CASES) {
        const failure = failureOf(c.failure);
        const url = new URL(explainUrl({ ...failure, id: 'f1', tabId: 1 }, firstPaint(diagnose(failure, RULES))));
        const view = firstPaintView(url.search, say)!;
        expect(view, c.name).not.toBeNull();
        expect(view.lang).toBe(lang);
        const html = viewToHtml(view.main);
        expectSameNodes(parsed(html), drawn(url.search, say), c.name);
        expect(html, c.name).toContain(`<h1>${escapeHtml(firstPaint(diagnose(failure, RULES)).headline)}</h1>`);
      }
    });
  }

  it('writes whatever the address holds as text, in content and in attributes', () => {
    const hostile = `"><script>alert(1)</script><img src=x onerror=alert(2)>'&amp;`;
    const search = new URLSearchParams({
      url: 'http://example.com/',
      h: hostile,
      v: hostile,
      vl: hostile,
      vc: hostile,
      ep: hostile,
      epl: hostile,
      e: hostile,
    }).toString();
    const say = sayIn('en');
    const html = viewToHtml(firstPaintView(`?${search}`, say)!.main);
    expect(html).not.toMatch(/<script|<img src=x|onerror=alert\(2\)>/);
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(doc.querySelector('script, [onerror]')).toBeNull();
    expect(doc.querySelector('h1')?.textContent).toBe(hostile);
    // Cut to 20 characters as the page would: the verdict's class is one of the four verdicts, whatever is sent.
    expect(doc.querySelector('[data-testid="verdict"]')?.className).toBe('verdict verdict-unknown');
    expect(doc.querySelector('li')?.getAttribute('data-points-to')).toBe(hostile.slice(0, 20));
    expectSameNodes(parsed(html), drawn(`?${search}`, say), 'hostile');
  });

  it('escapes the five characters HTML gives a meaning to', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;',
    );
  });

  it('has nothing to draw without a headline', () => {
    expect(firstPaintView('?url=http%3A%2F%2Fexample.com%2F', sayIn('en'))).toBeNull();
  });
});
