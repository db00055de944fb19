/**
 * A worker's first takeover after a start sends the first paint's words as message keys with their parameters
 * (src/engine/i18n.ts `deferredTranslate`); the explanation page looks them up (src/pages/explain/first-paint.ts
 * `lookUp`) with the same catalog. For every rule fixture and every language, what the page shows must be exactly what
 * the worker would have written itself; and nothing the address holds (cut, broken or hostile) makes it throw or
 * show a control character.
 */
import { describe, expect, it } from 'vitest';
import { locales, readCatalog } from '../../../scripts/locales';
import { diagnose } from '../../../src/engine/diagnose';
import { installFirefoxVocabulary } from '../../../src/engine/errors/vocabulary';
import { catalogTranslator, deferredTranslate, setTranslator, withTranslator } from '../../../src/engine/i18n';
import { RULES } from '../../../src/engine/rules';
import { lookUp } from '../../../src/shared/first-paint';
import { failureOf, RULE_CASES } from '../../fixtures/rule-cases';
import { sayIn } from '../../support/catalog-say';

// The worker's modules read the extension's URL from the browser's API.
(globalThis as unknown as { chrome: unknown }).chrome = {
  runtime: { id: 'test', getURL: (path: string) => `chrome-extension://test/${path}` },
};
const { firstPaint } = await import('../../../src/background/presenter');
const { explainUrl } = await import('../../../src/platform/pages');

installFirefoxVocabulary();

const CONTROL = ['\u0001', '\u0002', '\u0003'];

describe('deferred words', () => {
  for (const lang of locales()) {
    it(`${lang}: every fixture's first paint, looked up by the page, is what the worker would have written`, () => {
      const say = sayIn(lang);
      setTranslator(catalogTranslator(readCatalog(lang)));
      for (const c of RULE_CASES) {
        const failure = failureOf(c.failure);
        const words = firstPaint(diagnose(failure, RULES));
        const keys = withTranslator(deferredTranslate, () => firstPaint(diagnose(failure, RULES)));
        expect(keys.headline, c.name).toContain('\u0001');
        // Through the address as the worker builds it, and back as the page reads it.
        const params = new URL(explainUrl({ ...failure, id: 'f1', tabId: 1 }, keys)).searchParams;
        const read = (name: string) => lookUp(params.get(name) ?? '', say);
        expect(read('h'), c.name).toBe(words.headline);
        expect(read('vl'), c.name).toBe(words.verdictLabel);
        expect(read('vc'), c.name).toBe(words.confidence);
        expect(read('epl'), c.name).toBe(words.evidence?.label ?? '');
        expect(read('e'), c.name).toBe(words.evidence?.text ?? '');
        expect(params.get('v')).toBe(words.verdict);
      }
    });
  }

  it('passes plain text through, nested messages included', () => {
    const say = (key: string, params?: string[]) => `[${key}${params?.length ? `:${params.join('|')}` : ''}]`;
    expect(lookUp('Nothing answers at port 3000.', say)).toBe('Nothing answers at port 3000.');
    const nested = withTranslator(deferredTranslate, () => deferredTranslate('a', ['x', deferredTranslate('b', [7])]));
    expect(lookUp(`before ${nested} after`, say)).toBe('before [a:x|[b:7]] after');
  });

  it('shows no control character and never throws, whatever the address holds', () => {
    const say = (key: string) => `<${key}>`;
    const whole = deferredTranslate('r_offline_title', ['a', deferredTranslate('common_why')]);
    const samples = [
      ...Array.from({ length: whole.length }, (_, n) => whole.slice(0, n)), // cut anywhere
      ...Array.from({ length: whole.length }, (_, n) => whole.slice(n)), // started anywhere
      '\u0002\u0003\u0001',
      '\u0001\u0001\u0001',
      '\u0003stray end\u0002stray separator',
      '\u0001not a key!\u0003',
      `\u0001${'k'.repeat(200)}\u0003`,
      `${'\u0001'.repeat(5000)}x`,
    ];
    for (const text of samples) {
      const shown = lookUp(text, say);
      for (const c of CONTROL) expect(shown.includes(c), JSON.stringify(text)).toBe(false);
    }
    expect(lookUp('\u0001not a key!\u0003', say)).toBe('');
    expect(lookUp(whole.slice(0, -1), say)).toBe(''); // cut before its end: nothing half looked up
  });
});
