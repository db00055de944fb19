/**
 * i18n.getMessage without webextension-polyfill, for code that runs without it or before it has loaded: the page
 * script in web pages (it must stay small) and the explanation page's first paint. Imports nothing.
 */
interface I18nApi {
  i18n?: { getMessage(key: string, substitutions?: string[]): string };
}

/** The message `key` in the user's language with `$1`.. filled; "" when the catalog has none. */
export function getMessage(key: string, substitutions: readonly (string | number)[] = []): string {
  const g = globalThis as { browser?: I18nApi; chrome?: I18nApi };
  // Firefox has both; Chromium only `chrome`.
  const i18n = g.browser?.i18n ?? g.chrome?.i18n;
  return i18n?.getMessage(key, substitutions.map(String)) ?? '';
}
