/**
 * The message catalogs, read in Node: src/locales/<lang>/*.json are parts of one catalog per language (errors, engine,
 * ui), merged into the _locales/<lang>/messages.json the browsers read. Used by the build, the tests, the bench and
 * the docs generator.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '../src/engine/i18n';
import { KEY_SEED, shippedKey } from '../src/shared/message-key';

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

/** The message names manifest.json asks for (`__MSG_name__`): the browser looks these up by name, so they keep it. */
export function manifestKeys(): string[] {
  const manifest = readFileSync(join(import.meta.dirname, '..', 'manifest.json'), 'utf8');
  return [...new Set([...manifest.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)].map((m) => m[1]!))];
}

/**
 * Each key's shipped name (src/shared/message-key.ts). Throws when two keys would share one, naming the next seed
 * with which none do.
 */
export function shippedKeys(keys: readonly string[], seed = KEY_SEED): Map<string, string> {
  const names = new Map<string, string>();
  const owner = new Map<string, string>();
  for (const key of keys) {
    const name = shippedKey(key, seed);
    const other = owner.get(name);
    if (other !== undefined) {
      let next = seed + 1;
      while (new Set(keys.map((k) => shippedKey(k, next))).size < keys.length) next++;
      throw new Error(
        `"${key}" and "${other}" would both ship as "${name}": set KEY_SEED to ${next} in src/shared/message-key.ts`,
      );
    }
    owner.set(name, key);
    names.set(key, name);
  }
  return names;
}

/**
 * messages.json as shipped: only `message`, no descriptions, no spaces, every message under its shipped name
 * (src/shared/message-key.ts); the manifest's own messages under their names as well.
 */
export function messagesJson(lang: string): string {
  return JSON.stringify(shippedCatalog(lang));
}

/** One language's catalog as the browser reads it from messages.json. */
export function shippedCatalog(lang: string): Record<string, { message: string }> {
  const catalog = readCatalog(lang);
  const names = shippedKeys(Object.keys(readCatalog(DEFAULT_LOCALE)));
  const shipped: Record<string, { message: string }> = {};
  for (const [key, { message }] of Object.entries(catalog)) shipped[names.get(key) ?? shippedKey(key)] = { message };
  for (const key of manifestKeys()) if (Object.hasOwn(catalog, key)) shipped[key] = { message: catalog[key]!.message };
  return shipped;
}
