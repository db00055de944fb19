/** A language's catalog as the browser's i18n.getMessage answers: a key the catalog lacks gives "". */
import { readCatalog } from '../../scripts/locales';
import { catalogTranslator } from '../../src/engine/i18n';

export function sayIn(lang: string): (key: string, params?: string[]) => string {
  const translate = catalogTranslator(readCatalog(lang));
  return (key, params) => {
    const text = translate(key, params);
    return text === key ? '' : text;
  };
}
