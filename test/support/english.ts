// Unit tests, the bench and the docs read the engine's words in English, from the same catalog the extension ships.
import { readCatalog } from '../../scripts/locales';
import { catalogTranslator, setTranslator } from '../../src/engine/i18n';

export const ENGLISH = readCatalog('en');
setTranslator(catalogTranslator(ENGLISH));
