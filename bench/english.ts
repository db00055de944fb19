/** The English catalog for the bench's Node processes (bundled in, so they need no files at run time). */
import type { Catalog } from '../src/engine/i18n';
import engine from '../src/locales/en/engine.json';
import errors from '../src/locales/en/errors.json';
import ui from '../src/locales/en/ui.json';

export const ENGLISH: Catalog = { ...errors, ...engine, ...ui };
