/**
 * The browser's message catalogs (_locales/<lang>/messages.json) as the engine's translator. Every page and the
 * worker call useBrowserLanguage() before they produce any text.
 */
import { setTranslator, substitute, type Translate } from '../engine/i18n';
import { shippedKey } from '../shared/message-key';
import { browser } from './browser';

let loaded = false;

/** i18n.getMessage as the pages call it, under the message's shipped name: "" for a key the catalog lacks. */
export const catalogSay = (key: string, substitutions?: string[]): string => {
  loaded = true;
  return browser.i18n.getMessage(shippedKey(key), substitutions) ?? '';
};

type Say = (key: string, substitutions?: string[]) => string;

/** A `Say` as the engine's translator: a key the catalog lacks comes back as itself, so it shows and is caught. */
const translatorOf =
  (say: Say): Translate =>
  (key, params) =>
    say(key, params?.map(String)) || key;

/** i18n.getMessage as the engine's translator (browsers would give "" for a missing key). */
export const browserTranslate: Translate = translatorOf(catalogSay);

/**
 * Whether this context has looked up a message yet. Its first lookup makes the browser load the language's catalog,
 * and the call waits for it (in a Chromium worker just started: 27–76 ms measured).
 */
export function catalogLoaded(): boolean {
  return loaded;
}

/**
 * A catalog file's words (`catalogFileSay`) as this context's translator, in place of i18n.getMessage: from here on a
 * lookup costs nothing and never waits for the browser's synchronous load of the catalog (but for a message the file
 * lacks). The worker uses it once it has read its language's file (background/language.ts).
 */
export function useCatalog(say: Say): void {
  setTranslator(translatorOf(say));
  loaded = true;
}

export function useBrowserLanguage(): void {
  setTranslator(browserTranslate);
  // The language of the catalog actually used (an unsupported UI language falls back to English).
  if (typeof document === 'object') document.documentElement.lang = browserTranslate('lang');
}

/**
 * `lang`'s catalog as the extension ships it (`_locales/<lang>/messages.json`), opened: its body is read by
 * `catalogFileSay`. `load` reads a path inside the package. null if the package has no such file.
 */
export async function openCatalogFile(
  lang: string,
  load: (path: string) => Promise<Response>,
): Promise<Response | null> {
  if (!/^[a-z]{2,3}(_[A-Z]{2})?$/.test(lang)) return null;
  const response = await load(`_locales/${lang}/messages.json`);
  return response.ok ? response : null;
}

/**
 * The words of an opened catalog file: what i18n.getMessage gives in its language, without its synchronous load. A
 * message the file lacks is asked of `fallback` (i18n.getMessage, which falls back to the default language as the
 * browser does).
 */
export async function catalogFileSay(file: Response, fallback: Say = catalogSay): Promise<Say> {
  const catalog = (await file.json()) as Record<string, { message?: unknown } | undefined>;
  return (key, substitutions) => {
    const message = catalog[shippedKey(key)]?.message;
    return typeof message === 'string' ? substitute(message, substitutions) : fallback(key, substitutions);
  };
}
