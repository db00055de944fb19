import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderErrorsDoc } from '../../../src/engine/errors/catalogue-doc';
import { ALL_ERRORS } from '../../../src/engine/errors/table';
import { entryTitle } from '../../../src/engine/errors/text';

const DOC = fileURLToPath(new URL('../../../docs/errors.md', import.meta.url));

describe('docs/errors.md', () => {
  const expected = renderErrorsDoc();

  // Only compares: `npm run docs` (scripts/docs.mjs) rewrites the file, outside the test run.
  it('is generated from the table and up to date', () => {
    const current = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
    expect(current === expected, 'docs/errors.md is stale: run npm run docs').toBe(true);
  });

  it('documents every entry once, with its title', () => {
    for (const entry of ALL_ERRORS) {
      const heading = `### \`${entry.code}\` (`;
      expect(expected.split(heading).length - 1, entry.code).toBe(1);
      expect(expected).toContain(`**${entryTitle(entry)}.**`);
    }
  });

  it('is the same every time', () => {
    expect(renderErrorsDoc()).toBe(expected);
  });
});
