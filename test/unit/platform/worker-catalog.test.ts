/**
 * The worker reads its message catalog itself (platform/worker-catalog.ts): the same file i18n.getMessage reads, so
 * the same words, without the browser's slow first call on a cold start's takeover.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { setTranslator, t } from '../../../src/engine/i18n';
import { catalogFolder, preloadCatalog } from '../../../src/platform/worker-catalog';
import { messagesJson } from '../../../scripts/locales';

const MARK: (key: string) => string = (key) => `getMessage:${key}`;

function fetchFrom(files: Record<string, string>): { fetcher: typeof fetch; asked: string[] } {
  const asked: string[] = [];
  const fetcher = ((input: string) => {
    asked.push(input);
    const body = files[input];
    return Promise.resolve(
      body === undefined ? new Response('', { status: 404 }) : new Response(body, { status: 200 }),
    );
  }) as unknown as typeof fetch;
  return { fetcher, asked };
}

describe("the worker's catalog", () => {
  afterEach(() => setTranslator((key) => key));

  it("picks the package's folder from the UI language", () => {
    expect(catalogFolder('en-US')).toBe('en');
    expect(catalogFolder('de')).toBe('de');
    expect(catalogFolder('fr_CA')).toBe('fr');
    expect(catalogFolder('es-419')).toBe('es');
    expect(catalogFolder('')).toBeNull();
  });

  it('gives the words of the shipped messages.json, substitutions included', async () => {
    setTranslator(MARK);
    const { fetcher, asked } = fetchFrom({ 'ext:/_locales/de/messages.json': messagesJson('de') });
    const read = await preloadCatalog({ fetcher, uiLanguage: () => 'de-DE', url: (p) => `ext:/${p}`, enabled: true });
    expect(read).toBe(true);
    expect(asked).toEqual(['ext:/_locales/de/messages.json']);
    const de = JSON.parse(readFileSync('src/locales/de/ui.json', 'utf8')) as Record<string, { message: string }>;
    expect(t('lang')).toBe('de');
    const [key, entry] = Object.entries(de).find(([, v]) => v.message.includes('$1'))!;
    expect(t(key, ['X'])).toBe(entry.message.replace(/\$1/g, 'X').replace(/\$\$/g, '$'));
  });

  it('leaves i18n.getMessage in place when the file cannot be read', async () => {
    setTranslator(MARK);
    const { fetcher } = fetchFrom({});
    expect(await preloadCatalog({ fetcher, uiLanguage: () => 'pt-BR', url: (p) => p, enabled: true })).toBe(false);
    expect(t('lang')).toBe('getMessage:lang');
    const broken = (() => Promise.reject(new Error('offline'))) as unknown as typeof fetch;
    expect(await preloadCatalog({ fetcher: broken, uiLanguage: () => 'en', url: (p) => p, enabled: true })).toBe(false);
    const junk = fetchFrom({ '_locales/en/messages.json': '{"nope": 1' }).fetcher;
    expect(await preloadCatalog({ fetcher: junk, uiLanguage: () => 'en', url: (p) => p, enabled: true })).toBe(false);
    expect(t('lang')).toBe('getMessage:lang');
  });

  it('is the Chrome build only', async () => {
    setTranslator(MARK);
    const { fetcher, asked } = fetchFrom({ '_locales/en/messages.json': messagesJson('en') });
    expect(await preloadCatalog({ fetcher, uiLanguage: () => 'en', url: (p) => p, enabled: false })).toBe(false);
    expect(asked).toEqual([]);
    expect(t('lang')).toBe('getMessage:lang');
  });
});
