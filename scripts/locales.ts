/**
 * The message catalogs, read in Node: src/locales/<lang>/*.json are parts of one catalog per language (errors, engine,
 * ui), merged into the _locales/<lang>/messages.json the browsers read. Used by the build, the tests, the bench and
 * the docs generator.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '../src/engine/i18n';

export const DEFAULT_LOCALE = 'en';
export const LOCALES_DIR = join(import.meta.dirname, '..', 'src', 'locales');

/** Every language with a folder under src/locales. */
export function locales(): string[] {
  return readdirSync(LOCALES_DIR)
    .filter((name) => !name.includes('.'))
    .sort();
}

/** The parts of one language, by file name. */
export function readParts(lang: string): Record<string, Catalog> {
  const dir = join(LOCALES_DIR, lang);
  const parts: Record<string, Catalog> = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    parts[file] = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Catalog;
  }
  return parts;
}

/** One language's whole catalog. Throws when two parts define the same key (browsers compare keys ignoring case). */
export function readCatalog(lang: string): Catalog {
  const merged: Record<string, Catalog[string]> = {};
  const seen = new Map<string, string>();
  for (const [file, part] of Object.entries(readParts(lang))) {
    for (const [key, value] of Object.entries(part)) {
      const folded = key.toLowerCase();
      if (seen.has(folded)) throw new Error(`${lang}/${file}: "${key}" is already defined in ${seen.get(folded)}`);
      seen.set(folded, file);
      merged[key] = value;
    }
  }
  return merged;
}

/** messages.json as shipped: only `message`, no descriptions, no spaces. */
export function messagesJson(lang: string): string {
  const catalog = readCatalog(lang);
  const slim = Object.fromEntries(Object.entries(catalog).map(([key, { message }]) => [key, { message }]));
  return JSON.stringify(slim);
}
