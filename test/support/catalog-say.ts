/** A language's messages as the extension's code meets them, for tests in Node. */
import { readCatalog, shippedCatalog } from '../../scripts/locales';
import { catalogTranslator, substitute } from '../../src/engine/i18n';

/** A `Say` by source key (src/shared/first-paint.ts): its message, or "" for a key the catalog lacks. */
export function sayIn(lang: string): (key: string, params?: string[]) => string {
  const translate = catalogTranslator(readCatalog(lang));
  return (key, params) => {
    const text = translate(key, params);
    return text === key ? '' : text;
  };
}

/**
 * The browser's i18n.getMessage over the language's messages.json as the build writes it (scripts/locales.ts): asked
 * for a message's shipped name (src/shared/message-key.ts), "" for a name the catalog lacks.
 */
export function shippedGetMessage(lang: string): (name: string, params?: string[]) => string {
  const catalog = shippedCatalog(lang);
  return (name, params) => (Object.hasOwn(catalog, name) ? substitute(catalog[name]!.message, params) : '');
}
