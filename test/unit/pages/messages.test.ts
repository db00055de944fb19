/**
 * The UI catalog (src/locales/en/ui.json) and the pages agree: every key the pages and the page script name exists,
 * every UI message is used, and each message follows the browsers' rules (and ours) for translators.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readParts } from '../../../scripts/locales';
import { ENGLISH } from '../../support/english';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const UI = readParts('en')['ui.json']!;
const PREFIXES = /^(?:common|popup|explain|options|rules|cat|overlay)_[a-z0-9_]+$/;
/** Keys that predate the UI's own: the language code and the manifest's name and description. */
const BASE = ['lang', 'extName', 'extDescription'];

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => join(dir, f));
}
const FILES = [...sources('src/pages'), ...sources('src/shared'), 'src/content/overlay.ts'];
const code = FILES.map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n');
const used = new Set(
  [...code.matchAll(/['"`]((?:common|popup|explain|options|rules|cat|overlay)_[a-z0-9_]+)['"`]/g)].map((m) => m[1]!),
);

describe('the UI catalog', () => {
  it('has every key the pages and the page script use', () => {
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !Object.hasOwn(UI, k))).toEqual([]);
    // Merged with the other parts: nothing shadows a UI key.
    for (const k of used) expect(ENGLISH[k]).toEqual(UI[k]);
  });

  it('has no message the pages do not use', () => {
    expect(Object.keys(UI).filter((k) => !BASE.includes(k) && !used.has(k))).toEqual([]);
  });

  it('names keys by screen', () => {
    expect(Object.keys(UI).filter((k) => !BASE.includes(k) && !PREFIXES.test(k))).toEqual([]);
  });

  it('uses only $1..$9 and $$, numbered from $1, and describes every parameter', () => {
    for (const [key, { message, description }] of Object.entries(UI)) {
      expect(message.trim(), key).not.toBe('');
      const rest = message.replace(/\$\$/g, '');
      expect(rest, `${key}: a $ that is not $1..$9`).not.toMatch(/\$(?![1-9])/);
      const params = [...new Set([...rest.matchAll(/\$([1-9])/g)].map((m) => Number(m[1])))].sort();
      expect(params, `${key}: parameters numbered from $1 without gaps`).toEqual(params.map((_, i) => i + 1));
      if (params.length > 0) {
        expect(description, `${key} has parameters and needs a description`).toBeTruthy();
        for (const p of params) expect(description, `${key}: the description says what $${p} is`).toContain(`$${p}`);
      }
    }
  });

  it('pairs every _one with an _other of the same parameters', () => {
    for (const key of Object.keys(UI).filter((k) => k.endsWith('_one'))) {
      const other = UI[key.replace(/_one$/, '_other')];
      expect(other, key).toBeDefined();
      const params = (m: string) =>
        [...m.matchAll(/\$([1-9])/g)]
          .map((x) => x[1])
          .sort()
          .join();
      expect(params(UI[key]!.message), key).toBe(params(other!.message));
    }
  });
});
