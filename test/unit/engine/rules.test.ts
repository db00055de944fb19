import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/engine/diagnose';
import { RULES } from '../../../src/engine/rules';
import { failureOf, RULE_CASES } from '../../fixtures/rule-cases';

describe('rules data', () => {
  it('every rule has a cause id in kebab-case, unique', () => {
    const ids = RULES.map((r) => r.cause);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every rule has at least one fixture', () => {
    const covered = new Set(RULE_CASES.map((c) => c.expect.cause));
    const missing = RULES.map((r) => r.cause).filter((id) => !covered.has(id));
    expect(missing).toEqual([]);
  });

  it('every fixture names a cause that exists', () => {
    const ids = new Set(RULES.map((r) => r.cause));
    const unknown = RULE_CASES.map((c) => c.expect.cause).filter((id) => !ids.has(id) && id !== 'browser-error');
    expect(unknown).toEqual([]);
  });
});

describe.each(RULE_CASES)('fixture: $name', (c) => {
  const d = diagnose(failureOf(c.failure));

  it(`gives cause ${c.expect.cause} with verdict ${c.expect.verdict}`, () => {
    expect(d.cause.id).toBe(c.expect.cause);
    expect(d.verdict).toBe(c.expect.verdict);
    if (c.expect.local !== undefined) expect(d.local).toBe(c.expect.local);
    if (c.expect.code) expect(d.error.code).toBe(c.expect.code);
  });

  it('says something plain, with evidence, in well-formed parts', () => {
    expect(d.cause.title.length).toBeGreaterThan(3);
    expect(d.cause.summary.length).toBeGreaterThan(10);
    expect(d.confidence).toBeGreaterThan(0);
    expect(d.confidence).toBeLessThanOrEqual(1);
    expect(['likely', 'probably', 'unsure']).toContain(d.confidenceWord);
    for (const e of d.evidence) expect(['client', 'network', 'server', 'unknown', 'neutral']).toContain(e.pointsTo);
    for (const s of d.steps) expect(['you', 'owner', 'developer']).toContain(s.audience);
    expect(d.alternatives.map((a) => a.id)).not.toContain(d.cause.id);
  });
});
