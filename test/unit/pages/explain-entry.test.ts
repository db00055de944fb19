/**
 * The explanation page's entry loads the page's modules by their built name (a bundled import would bring vite's
 * preload helper into the one module the page runs before its first paint). The name in main.ts must be the one
 * vite.config.ts gives that entry, or the page would show its headline and never complete.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXPLAIN_APP } from '../../../src/shared/explain-app';

describe("the explanation page's entry", () => {
  it('imports the app by the name the build gives it', () => {
    const main = readFileSync('src/pages/explain/main.ts', 'utf8');
    expect(main).toContain(`const app = '/${EXPLAIN_APP}';`);
    expect(main).toContain('import(/* @vite-ignore */ app)');
    expect(readFileSync('vite.config.ts', 'utf8')).toContain("chunk.name === 'explain-app' ? EXPLAIN_APP");
  });
});
