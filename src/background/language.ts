/**
 * The language a worker just started can serve the explanation page in without looking up a message. Its first
 * `i18n.getMessage` makes the browser load and parse the extension's catalog, a synchronous wait of 20–67 ms on a cold
 * start (measured: the served page's request waited for it). The browser's own answer to "which language" is that
 * lookup (`i18n.getUILanguage()` named English in a Chromium started with `--lang=de`), so it is learned once: after
 * this browser session's first takeover, it is kept in storage.session, which a restart (the only way the browser's
 * language changes) clears. Later cold starts read that catalog's file instead (platform/i18n.ts): the page's request
 * no longer waits for the catalog's load (netwhy cold ÷ before, side by side: docs/performance.md).
 */
import type { Say } from '../shared/first-paint';

export interface LanguageDeps {
  /** The language kept in storage.session ("" if not learned yet) and its writer. */
  read(): Promise<string>;
  write(lang: string): Promise<void>;
  /** A language's catalog file, opened, or null (platform/i18n.ts openCatalogFile). */
  open(lang: string): Promise<Response | null>;
  /** The words of an opened catalog file (platform/i18n.ts catalogFileSay). */
  words(file: Response): Promise<Say>;
  /** The catalog's own `lang` message: the browser's first lookup (synchronous, loads the catalog). */
  lookUp(): string;
}

export interface SessionLanguage {
  /** The words of the language learned in this browser session, without a lookup; null if not learned yet. */
  words(): Promise<Say | null>;
  /** Looks the language up (loading the catalog) and keeps it for the next cold start if it is new. */
  learn(): Promise<void>;
}

/** Reads the kept language at once (with the worker's other state), so that a takeover finds it known. */
export function sessionLanguage(deps: LanguageDeps): SessionLanguage {
  let known: Promise<string> = deps.read().catch(() => '');
  const open = (): Promise<Response | null> => known.then((lang) => (lang ? deps.open(lang) : null)).catch(() => null);
  return {
    async words() {
      const file = await open();
      return file ? deps.words(file).catch(() => null) : null;
    },
    async learn() {
      const lang = deps.lookUp();
      if (!lang || lang === (await known)) return;
      known = Promise.resolve(lang);
      await deps.write(lang).catch((err: unknown) => console.warn('netwhy: language not kept', err));
    },
  };
}
