/**
 * docs/errors.md as the engine renders it, in English (the catalog the extension ships). Loaded by scripts/docs.mjs,
 * which writes the file; test/unit/errors/errors-doc.test.ts compares the file with the same rendering.
 */
import '../test/support/english';
import '../test/support/firefox-vocabulary';
import { renderErrorsDoc } from '../src/engine/errors/catalogue-doc';

export { renderErrorsDoc };
