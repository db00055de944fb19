/**
 * The worker's words without i18n.getMessage's first call. In Chromium's service worker that first call is a
 * synchronous round trip in which the browser loads and parses the language's messages.json (about 180 KB): the
 * bench measured 40–75 ms of a cold start's takeover there (load average 11 on 2 cores), in the event's handler,
 * because the explanation page's address carries the diagnosis's first words. The worker reads the same file itself,
 * asynchronously, from its first moments: by the time the event that woke it is handled, its words come from memory.
 * Until the file is read (or when it cannot be: a language the package does not have, no fetch), i18n.getMessage
 * serves, as before. The same file, the same substitutions ($1..$9, $$; the catalogs use no named placeholders): the
 * same words. Firefox's event page keeps i18n.getMessage.
 */
import { catalogTranslator, setTranslator, type Catalog } from '../engine/i18n';
import { browser } from './browser';

declare const __NETWHY_BROWSER__: 'chrome' | 'firefox';

/** The package's folder for a UI language as Chromium picks it for these catalogs: `en-US` → `en`. */
export function catalogFolder(uiLanguage: string): string | null {
  const primary = /^([a-z]{2,3})(?:[-_]|$)/i.exec(uiLanguage)?.[1];
  return primary ? primary.toLowerCase() : null;
}

export interface CatalogSource {
  fetcher?: typeof fetch;
  uiLanguage?: () => string;
  url?: (path: string) => string;
  /** The Chrome build only (Firefox's event page keeps i18n.getMessage). */
  enabled?: boolean;
}

/** Starts reading the worker's catalog; resolves true once its words come from it. */
export function preloadCatalog(source: CatalogSource = {}): Promise<boolean> {
  const {
    fetcher = globalThis.fetch,
    uiLanguage = () => browser.i18n.getUILanguage(),
    url = (path: string) => browser.runtime.getURL(path),
    enabled = __NETWHY_BROWSER__ === 'chrome',
  } = source;
  if (!enabled || typeof fetcher !== 'function') return Promise.resolve(false);
  try {
    const folder = catalogFolder(uiLanguage());
    if (!folder) return Promise.resolve(false);
    return fetcher(url(`_locales/${folder}/messages.json`))
      .then((response) => (response.ok ? (response.json() as Promise<unknown>) : null))
      .then((catalog) => {
        if (!catalog || typeof catalog !== 'object' || !Object.hasOwn(catalog, 'lang')) return false;
        setTranslator(catalogTranslator(catalog as Catalog));
        return true;
      })
      .catch(() => false);
  } catch {
    return Promise.resolve(false);
  }
}
