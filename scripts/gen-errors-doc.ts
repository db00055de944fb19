/**
 * Writes docs/errors.md from the error taxonomy. Needs a TypeScript-aware runner (a vite-node style loader); the
 * same job is done without one by `UPDATE_DOCS=1 vitest run --project unit test/unit/errors/errors-doc.test.ts`.
 */
import { writeFileSync } from 'node:fs';
import { renderErrorsDoc } from '../src/engine/errors/catalogue-doc';

const target = new URL('../docs/errors.md', import.meta.url);
writeFileSync(target, renderErrorsDoc());
console.log(`wrote ${target.pathname}`);
