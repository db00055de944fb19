/**
 * Localized text. The engine holds no user-facing sentences: it names messages by key (they live in
 * src/locales/<lang>/*.json, shipped as _locales/<lang>/messages.json) and asks the translator installed at start-up.
 * In the browser that is i18n.getMessage; in Node (tests, bench, docs) a catalog read from disk.
 */

export type Params = readonly (string | number)[];
export type Translate = (key: string, params?: Params) => string;

/** The shape of a messages.json file. */
export type Catalog = Readonly<Record<string, { readonly message: string; readonly description?: string }>>;

let current: Translate = (key) => key;

/** Installs the translator every later `t()` call uses. */
export function setTranslator(translate: Translate): void {
  current = translate;
}

/** Runs `run` with `translate` in place of the installed translator (synchronous work only). */
export function withTranslator<T>(translate: Translate, run: () => T): T {
  const before = current;
  current = translate;
  try {
    return run();
  } finally {
    current = before;
  }
}

/**
 * Words not looked up yet: a message as its key and parameters, `\u0001key\u0002param\u0002param\u0003`, nested as the
 * messages are. A worker just started has not loaded its language's catalog: its first lookup waits on the browser
 * (a synchronous round trip, 27–76 ms measured). Its first takeover sends these instead, and they are looked up with
 * the same catalog once the page is on its way (src/shared/first-paint.ts, `lookUp`: by the worker serving the page in
 * Chromium, by the page in Firefox), so the words are the same.
 */
export const deferredTranslate: Translate = (key, params) =>
  `\u0001${key}${params && params.length > 0 ? `\u0002${params.map(String).join('\u0002')}` : ''}\u0003`;

/** The message `key` in the user's language, with `$1`..`$9` replaced by `params`. */
export function t(key: string, params?: Params): string {
  return current(key, params);
}

/**
 * Which of two messages fits a count: `one` for exactly 1, `other` for any other number. The catalogs have no plural
 * rules, so each countable sentence is a `_one` and an `_other` message.
 */
export function plural(n: number, one: string, other: string): string {
  return n === 1 ? one : other;
}

/** The browsers' substitution rules: `$1`..`$9` take the parameters, `$$` is a dollar sign. */
export function substitute(message: string, params: Params = []): string {
  if (!message.includes('$')) return message;
  return message.replace(/\$(\$|[1-9])/g, (_, c: string) => (c === '$' ? '$' : String(params[Number(c) - 1] ?? '')));
}

/** A translator over a catalog; a missing key comes back as the key itself, so it shows (and tests catch it). */
export function catalogTranslator(catalog: Catalog): Translate {
  return (key, params) => {
    const entry = Object.hasOwn(catalog, key) ? catalog[key] : undefined;
    return entry ? substitute(entry.message, params) : key;
  };
}
