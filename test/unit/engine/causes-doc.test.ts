/** docs/causes.md documents every cause id a rule can give, and nothing else. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/engine/rules';

const DOC = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'causes.md'), 'utf8');
const documented = new Set(
  [...DOC.matchAll(/^\| ([^|]+) \|/gm)].flatMap((m) => [...m[1]!.matchAll(/`([a-z0-9-]+)`/g)].map((x) => x[1]!)),
);
const ruled = new Set([...RULES.map((r) => r.cause), 'browser-error']);

describe('docs/causes.md', () => {
  it('lists every cause id a rule gives', () => {
    expect([...ruled].filter((id) => !documented.has(id))).toEqual([]);
  });
  it('lists no id that no rule gives', () => {
    expect([...documented].filter((id) => !ruled.has(id))).toEqual([]);
  });
});
