/**
 * src/platform/i18n.ts `catalogFileSay`: a worker started in a browser session that has told it its language serves
 * the explanation page in words read from that language's shipped messages.json, not from i18n.getMessage (whose
 * first call waits while the browser loads the catalog). For every rule fixture's cold first paint and every
 * language, the served page must be exactly the one i18n.getMessage's words make.
 */
import { describe, expect, it } from 'vitest';
import { locales, shippedCatalog } from '../../../scripts/locales';
import { diagnose } from '../../../src/engine/diagnose';
import { installFirefoxVocabulary } from '../../../src/engine/errors/vocabulary';
import { deferredTranslate, withTranslator } from '../../../src/engine/i18n';
import { RULES } from '../../../src/engine/rules';
import { shippedKey } from '../../../src/shared/message-key';
import { failureOf, RULE_CASES } from '../../fixtures/rule-cases';
import { shippedGetMessage } from '../../support/catalog-say';

// The worker's modules read the extension's URL from the browser's API.
(globalThis as unknown as { chrome: unknown }).chrome = {
  runtime: { id: 'test', getURL: (path: string) => `chrome-extension://test/${path}` },
};
const { firstPaint } = await import('../../../src/background/presenter');
const { explainUrl } = await import('../../../src/platform/pages');
const { servedPage } = await import('../../../src/platform/explain-server');
const { catalogFileSay, openCatalogFile } = await import('../../../src/platform/i18n');

installFirefoxVocabulary();

const SHELL = '<!doctype html><html lang="en"><head></head><body><div id="app"></div></body></html>';
const files = (path: string) => {
  const lang = /^_locales\/([^/]+)\/messages\.json$/.exec(path)?.[1];
  return Promise.resolve(
    lang && locales().includes(lang)
      ? new Response(JSON.stringify(shippedCatalog(lang)))
      : new Response('', { status: 404 }),
  );
};
const unused = (key: string) => {
  throw new Error(`looked up ${key}`);
};

describe("a cold worker's words from the catalog file", () => {
  for (const lang of locales()) {
    it(`${lang}: every fixture's served page is the one i18n.getMessage's words make`, async () => {
      const getMessage = shippedGetMessage(lang);
      const browserSay = (key: string, subs?: string[]) => getMessage(shippedKey(key), subs);
      const file = await openCatalogFile(lang, files);
      expect(file).not.toBeNull();
      const fileSay = await catalogFileSay(file!, unused);
      for (const c of RULE_CASES) {
        const failure = failureOf(c.failure);
        const keys = withTranslator(deferredTranslate, () => firstPaint(diagnose(failure, RULES)));
        const search = new URL(explainUrl({ ...failure, id: 'f1', tabId: 1 }, keys)).search;
        const served = servedPage(SHELL, search, fileSay);
        expect(served, c.name).not.toBeNull();
        expect(served, c.name).toBe(servedPage(SHELL, search, browserSay));
        expect(served, c.name).toContain(`<html lang="${lang}"`);
      }
    });
  }

  it('asks i18n.getMessage for a message the file lacks, and opens no file the package lacks', async () => {
    const asked: string[] = [];
    const say = await catalogFileSay((await openCatalogFile('en', files))!, (key) => (asked.push(key), 'fallback'));
    expect(say('no_such_message_anywhere')).toBe('fallback');
    expect(asked).toEqual(['no_such_message_anywhere']);
    expect(await openCatalogFile('pt', files)).toBeNull();
    const opened: string[] = [];
    const spy = (path: string) => (opened.push(path), files(path));
    for (const odd of ['../en', 'en/../../x', 'EN', '']) expect(await openCatalogFile(odd, spy), odd).toBeNull();
    expect(opened).toEqual([]);
  });
});
