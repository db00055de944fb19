/**
 * src/background/language.ts: the language of the extension's catalog, learned at a browser session's first takeover
 * that looked a message up and kept in storage.session, so that a worker started later reads that catalog's file
 * instead of waiting for the browser's synchronous load of it.
 */
import { describe, expect, it, vi } from 'vitest';
import { sessionLanguage, type LanguageDeps } from '../../../src/background/language';

function deps(kept = '', over: Partial<LanguageDeps> = {}) {
  const used: string[] = [];
  const writes: string[] = [];
  const files: string[] = [];
  let lookups = 0;
  const d: LanguageDeps = {
    read: () => Promise.resolve(kept),
    write: (lang) => {
      writes.push(lang);
      return Promise.resolve();
    },
    open: (lang) => {
      files.push(lang);
      return Promise.resolve(new Response(lang));
    },
    words: async (file) => {
      const lang = await file.text();
      return (key: string) => `${lang}:${key}`;
    },
    lookUp: () => {
      lookups++;
      return 'de';
    },
    use: (say) => void used.push(say('lang')),
    ...over,
  };
  return { d, writes, files, used, lookups: () => lookups };
}

describe('session language', () => {
  it('reads the kept language once, as it starts', async () => {
    let reads = 0;
    const { d } = deps('es', { read: () => (reads++, Promise.resolve('es')) });
    const language = sessionLanguage(d);
    expect(reads).toBe(1);
    await language.words();
    await language.learn();
    expect(reads).toBe(1);
  });

  it('has no words before the language is learned, and reads no file', async () => {
    const { d, files, lookups } = deps('');
    expect(await sessionLanguage(d).words()).toBeNull();
    expect(files).toEqual([]);
    expect(lookups()).toBe(0);
  });

  it("gives the kept language's file words without a lookup, and makes them the worker's own", async () => {
    const { d, files, used, lookups } = deps('fr');
    const language = sessionLanguage(d);
    const say = await language.words();
    expect(say?.('explain_brand')).toBe('fr:explain_brand');
    expect(files).toEqual(['fr']);
    expect(used).toEqual(['fr:lang']);
    // Known: learning it again looks nothing up (that would load the catalog) and writes nothing.
    await language.learn();
    expect(lookups()).toBe(0);
  });

  it('learns the language with one lookup, keeps it once, and uses it from then on', async () => {
    const { d, writes, files } = deps('');
    const language = sessionLanguage(d);
    await language.learn();
    await language.learn();
    expect(writes).toEqual(['de']);
    expect((await language.words())?.('x')).toBe('de:x');
    expect(files).toEqual(['de']);
  });

  it('looks nothing up and writes nothing when the language is kept already', async () => {
    const { d, writes, lookups } = deps('de');
    await sessionLanguage(d).learn();
    expect(writes).toEqual([]);
    expect(lookups()).toBe(0);
  });

  it("has no words, and keeps the browser's lookups, when the kept value or the file cannot be read", async () => {
    const unreadable = deps('de', { read: () => Promise.reject(new Error('no session storage')) });
    expect(await sessionLanguage(unreadable.d).words()).toBeNull();
    expect(unreadable.used).toEqual([]);
    const missing = deps('de', { open: () => Promise.reject(new Error('404')) });
    expect(await sessionLanguage(missing.d).words()).toBeNull();
    const absent = deps('de', { open: () => Promise.resolve(null) });
    expect(await sessionLanguage(absent.d).words()).toBeNull();
    const broken = deps('de', { words: () => Promise.reject(new SyntaxError('not JSON')) });
    expect(await sessionLanguage(broken.d).words()).toBeNull();
    expect([...missing.used, ...absent.used, ...broken.used]).toEqual([]);
  });

  it('says, and goes on, when the language cannot be kept', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { d } = deps('', { write: () => Promise.reject(new Error('quota')) });
    await expect(sessionLanguage(d).learn()).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith('netwhy: language not kept', expect.any(Error));
    warn.mockRestore();
  });

  it('keeps nothing when the lookup gives no language', async () => {
    const { d, writes } = deps('', { lookUp: () => '' });
    await sessionLanguage(d).learn();
    expect(writes).toEqual([]);
  });
});
