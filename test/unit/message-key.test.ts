/**
 * The catalogs as shipped (scripts/locales.ts `shippedCatalog`, src/shared/message-key.ts): every message under a
 * four-character name no other message has, the manifest's own messages under their names too, and nothing lost or
 * changed on the way. The real browsers reading these names are the e2e suites' business (every word they check comes
 * through them).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, locales, manifestKeys, readCatalog, shippedCatalog, shippedKeys } from '../../scripts/locales';
import { KEY_SEED, shippedKey } from '../../src/shared/message-key';

describe('shipped message names', () => {
  it('are four characters of a-z0-9, starting with a letter, and change with the seed', () => {
    for (const key of ['lang', 'r_no_listener_summary', 'é', '']) expect(shippedKey(key)).toMatch(/^[a-z][a-z0-9]{3}$/);
    expect(shippedKey('lang')).not.toBe(shippedKey('lang', KEY_SEED + 1));
  });

  it("give each of the catalog's keys a name of its own with the seed the build uses", () => {
    const keys = Object.keys(readCatalog(DEFAULT_LOCALE));
    expect(new Set(shippedKeys(keys).values()).size).toBe(keys.length);
  });

  it('fail the build when two keys would share a name, and name a seed with which none do', () => {
    const keys = Array.from({ length: 4000 }, (_, i) => `key_${i}`);
    const names = new Set(keys.map((k) => shippedKey(k, 0)));
    expect(names.size, '4,000 keys in 1.2 million names: some two share one').toBeLessThan(keys.length);
    let error: unknown;
    try {
      shippedKeys(keys, 0);
    } catch (e) {
      error = e;
    }
    const advice = /both ship as "([a-z0-9]{4})": set KEY_SEED to (\d+)/.exec(String(error));
    expect(advice, String(error)).not.toBeNull();
    const seed = Number(advice![2]);
    expect(seed).toBeGreaterThan(0);
    expect(() => shippedKeys(keys, seed)).not.toThrow();
  });

  it.each(locales())('carry every message of %s unchanged, and the manifest its own by name', (lang) => {
    const catalog = readCatalog(lang);
    const shipped = shippedCatalog(lang);
    for (const [key, { message }] of Object.entries(catalog))
      expect(shipped[shippedKey(key)], key).toEqual({ message });
    expect(manifestKeys().sort()).toEqual(['extDescription', 'extName']);
    for (const key of manifestKeys()) expect(shipped[key]).toEqual({ message: catalog[key]!.message });
    expect(Object.keys(shipped)).toHaveLength(Object.keys(catalog).length + manifestKeys().length);
  });
});
