/**
 * The name a message is shipped under in _locales/<lang>/messages.json: four characters hashed from its key
 * (`r_no_listener_summary` → e.g. `k3x9`). The source catalogs and the code keep the readable keys; everything that
 * asks the browser for a message (i18n.getMessage) asks for this name, and the build writes the catalogs with it.
 * Why: the keys were a quarter of each catalog (44.6 of 177.8 KB in English) and, one zip entry per language, about
 * 12 KB of the package after deflate.
 *
 * Only `a-z` and `0-9`: the browsers compare message names ignoring case and allow `[A-Za-z0-9_@]`. The build fails
 * when two keys get the same name (scripts/locales.ts), and says which seed to use instead.
 */

/** FNV-1a's offset basis is xor-ed with this; a build that finds two keys with one name names the next seed to try. */
export const KEY_SEED = 3;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const CHARS = `${LETTERS}0123456789`;

/** FNV-1a (32-bit) over the key's UTF-16 units, then mixed: the same in every engine. */
function fnv1a(key: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  // MurmurHash3's finalizer: FNV's low bits, which the name is cut from, barely move with a key's last characters.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A letter, then three of `a-z0-9`: 26 × 36³ ≈ 1.2 million names. */
export function shippedKey(key: string, seed = KEY_SEED): string {
  let h = fnv1a(key, seed);
  let out = LETTERS[h % 26]!;
  h = Math.floor(h / 26);
  for (let i = 0; i < 3; i++) {
    out += CHARS[h % 36];
    h = Math.floor(h / 36);
  }
  return out;
}
