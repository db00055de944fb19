/** A language's catalog as the browser's i18n.getMessage answers: a key the catalog lacks gives "". */
import { readCatalog } from '../../scripts/locales';
import { catalogTranslator } from '../../src/engine/i18n';
import { shippedKey } from '../../src/shared/message-key';

export function sayIn(lang: string): (key: string, params?: string[]) => string {
  const translate = catalogTranslator(readCatalog(lang));
  return (key, params) => {
    const text = translate(key, params);
    return text === key ? '' : text;
  };
}

const SOURCE_KEYS = new Map(Object.keys(readCatalog('en')).map((key) => [shippedKey(key), key]));

/**
 * The source key of a message's shipped name (src/shared/message-key.ts): what a fake i18n.getMessage receives from
 * the extension's code, which asks for shipped names as the browsers' catalogs hold them.
 */
export function sourceKey(name: string): string | undefined {
  return SOURCE_KEYS.get(name);
}
