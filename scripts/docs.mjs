#!/usr/bin/env node
/**
 * `npm run docs`: regenerates docs/errors.md from the error table. The unit test only compares (it never writes): a
 * stale file fails the test run and is fixed here, on purpose.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, importTs } from './lib/support.mjs';

const DOC = join(ROOT, 'docs/errors.md');
const { renderErrorsDoc } = await importTs('scripts/errors-doc.ts');
const text = renderErrorsDoc();
const before = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
if (before === text) {
  console.log('docs/errors.md is up to date');
} else {
  writeFileSync(DOC, text);
  console.log('docs/errors.md rewritten');
}
