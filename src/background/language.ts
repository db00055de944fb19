/**
 * The language a worker just started can serve the explanation page in without looking up a message. Its first
 * `i18n.getMessage` makes the browser load and parse the extension's catalog, a synchronous wait of 20–67 ms on a cold
 * start (measured: the served page's request waited for it). The browser's own answer to "which language" is that
 * lookup (`i18n.getUILanguage()` named English in a Chromium started with `--lang=de`), so it is learned once: after
 * this browser session's first takeover, it is kept in storage.session, which a restart (the only way the browser's
 * language changes) clears. A later cold start reads that catalog's file and uses it for every word it says
 * (platform/i18n.ts useCatalog): it never looks a message up, so neither its first page nor the browser's paint of it
 * waits for the catalog's load (measured side by side: docs/performance.md).
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
  /** Makes words read from the file the worker's own, in place of i18n.getMessage (platform/i18n.ts useCatalog). */
  use(say: Say): void;
}

export interface SessionLanguage {
  /**
   * The words of the language learned in this browser session, read from its catalog file and made the worker's own
   * (no lookup of i18n.getMessage's in this worker from then on, so none of its synchronous loads); null if not
   * learned yet.
   */
  words(): Promise<Say | null>;
  /** Unless known, looks the language up (loading the catalog) and keeps it for the next cold start. */
  learn(): Promise<void>;
}

/**
 * Reads the kept language as the worker starts, one small storage.session read beside its other state. Read at the
 * takeover instead (with the kept page, platform/explain-server.ts), both queued behind the journal's write, and a cold
 * start's page got its HTML 11 ms later (20 cold rounds side by side; its first event was handled no sooner).
 */
export function sessionLanguage(deps: LanguageDeps): SessionLanguage {
  let known: Promise<string> = deps.read().catch(() => '');
  const read = (): Promise<string> => known;
  const open = (): Promise<Response | null> =>
    read()
      .then((lang) => (lang ? deps.open(lang) : null))
      .catch(() => null);
  return {
    async words() {
      const file = await open();
      const say = file ? await deps.words(file).catch(() => null) : null;
      if (say) deps.use(say);
      return say;
    },
    async learn() {
      // A browser session's language never changes: once known, no lookup (it would load the catalog).
      if (await read()) return;
      const lang = deps.lookUp();
      if (!lang) return;
      known = Promise.resolve(lang);
      await deps.write(lang).catch((err: unknown) => console.warn('netwhy: language not kept', err));
    },
  };
}
