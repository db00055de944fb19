/**
 * src/background/language.ts: the language of the extension's catalog, learned at a browser session's first takeover
 * that looked a message up and kept in storage.session, so that a worker started later reads that catalog's file
 * instead of waiting for the browser's synchronous load of it.
 */
import { describe, expect, it, vi } from 'vitest';
import { sessionLanguage, type LanguageDeps } from '../../../src/background/language';

function deps(kept = '', over: Partial<LanguageDeps> = {}) {
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
    ...over,
  };
  return { d, writes, files, lookups: () => lookups };
}

describe('session language', () => {
  it('has no words before the language is learned, and reads no file', async () => {
    const { d, files, lookups } = deps('');
    expect(await sessionLanguage(d).words()).toBeNull();
    expect(files).toEqual([]);
    expect(lookups()).toBe(0);
  });

  it("gives the kept language's file words without a lookup", async () => {
    const { d, files, lookups } = deps('fr');
    const say = await sessionLanguage(d).words();
    expect(say?.('explain_brand')).toBe('fr:explain_brand');
    expect(files).toEqual(['fr']);
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

  it('writes nothing when the kept language is the one looked up', async () => {
    const { d, writes } = deps('de');
    await sessionLanguage(d).learn();
    expect(writes).toEqual([]);
  });

  it('has no words when the kept value cannot be read or the file cannot be', async () => {
    const unreadable = deps('de', { read: () => Promise.reject(new Error('no session storage')) });
    expect(await sessionLanguage(unreadable.d).words()).toBeNull();
    const missing = deps('de', { open: () => Promise.reject(new Error('404')) });
    expect(await sessionLanguage(missing.d).words()).toBeNull();
    const absent = deps('de', { open: () => Promise.resolve(null) });
    expect(await sessionLanguage(absent.d).words()).toBeNull();
    const broken = deps('de', { words: () => Promise.reject(new SyntaxError('not JSON')) });
    expect(await sessionLanguage(broken.d).words()).toBeNull();
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
