#!/usr/bin/env node
/**
 * npm run store-listing — writes docs/store-listing.md: the Chrome Web Store and addons.mozilla.org listing text in
 * every language, taken from the message catalogs (src/locales/<lang>/*.json) by scripts/store.ts.
 *
 *   npm run store-listing              rewrites docs/store-listing.md
 *   npm run store-listing -- --check   exits 1 when it is stale (test/unit/docs/store.test.ts checks the same)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, importTs } from './lib/support.mjs';

const file = join(ROOT, 'docs', 'store-listing.md');
const { storeListing } = await importTs('scripts/store.ts');
const expected = storeListing();
let current = '';
try {
  current = readFileSync(file, 'utf8');
} catch {
  // not written yet
}
if (process.argv.includes('--check')) {
  if (current !== expected) {
    console.error('docs/store-listing.md is stale: run npm run store-listing');
    process.exit(1);
  }
  console.log('docs/store-listing.md is up to date');
} else if (current === expected) {
  console.log('docs/store-listing.md is up to date');
} else {
  writeFileSync(file, expected);
  console.log('wrote docs/store-listing.md');
}
