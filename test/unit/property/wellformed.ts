/** What "well-formed" means for the engine's outputs: shared by the property files. */
import { expect } from 'vitest';
import { CATEGORIES, VERDICTS } from '../../../src/engine/errors/types';
import { toFailure, type Failure } from '../../../src/engine/failure';
import type { Diagnosis } from '../../../src/engine/types';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const finite = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
const strOrNull = (v: unknown) => v === null || typeof v === 'string';

/** What every consumer of a Failure (engine, storage, messages, URL) relies on. */
export function expectWellFormedFailure(f: Failure): void {
  expect(typeof f.id).toBe('string');
  expect(finite(f.time)).toBe(true);
  expect(finite(f.firstTime)).toBe(true);
  expect(Number.isSafeInteger(f.count) || (Number.isInteger(f.count) && f.count > 0)).toBe(true);
  expect(f.count).toBeGreaterThanOrEqual(1);
  expect(typeof f.url).toBe('string');
  expect(f.url.length).toBeGreaterThan(0);
  expect(f.url.length).toBeLessThanOrEqual(4096);
  expect(Number.isInteger(f.tabId)).toBe(true);
  expect(typeof f.resourceType).toBe('string');
  expect(strOrNull(f.error)).toBe(true);
  expect(f.httpStatus === null || (Number.isInteger(f.httpStatus) && f.httpStatus >= 100 && f.httpStatus <= 999)).toBe(
    true,
  );
  expect(strOrNull(f.ip)).toBe(true);
  expect(strOrNull(f.retryAfter)).toBe(true);
  expect(f.online === null || typeof f.online === 'boolean').toBe(true);
  const c = f.context;
  expect(Array.isArray(c.recentSuccesses) && Array.isArray(c.recentFailures)).toBe(true);
  for (const s of c.recentSuccesses) expect(typeof s.host === 'string' && finite(s.time)).toBe(true);
  for (const s of c.recentFailures)
    expect(typeof s.host === 'string' && typeof s.code === 'string' && finite(s.time)).toBe(true);
  expect(c.hostLastSuccess === null || finite(c.hostLastSuccess)).toBe(true);
  expect(typeof f.probes === 'object' && f.probes !== null).toBe(true);
  for (const p of [f.probes.otherFamily, ...(f.probes.ports ?? [])]) {
    if (p === undefined) continue;
    expect(typeof p.target === 'string' && typeof p.host === 'string' && typeof p.open === 'boolean').toBe(true);
    expect(Number.isInteger(p.port) && p.port >= 0 && p.port <= 65535).toBe(true);
  }
  // Plain data: survives storage and messages unchanged (JSON is what chrome.storage and messaging keep).
  expectPlainData(f);
  // Repairing settles: a second repair (which also fills optional fields with their defaults) is final.
  const twice = toFailure(JSON.parse(JSON.stringify(toFailure(JSON.parse(JSON.stringify(f))))));
  expect(toFailure(JSON.parse(JSON.stringify(twice)))).toEqual(twice);
}

/**
 * Where `value` is not plain data, i.e. would not come back from storage or a message as it went in (JSON is what
 * chrome.storage and messaging keep): a Set, Map, Date or other class instance, a function, NaN or Infinity, an
 * undefined field. -0 is allowed (it comes back as 0, the same number for every use here).
 */
export function plainDataProblems(value: unknown, path = '$'): string[] {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return [];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path}: ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => plainDataProblems(v, `${path}[${i}]`));
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null)
      return [`${path}: ${proto?.constructor?.name ?? 'an object'} instance`];
    return Object.entries(value).flatMap(([k, v]) => plainDataProblems(v, `${path}.${k}`));
  }
  return [`${path}: ${typeof value}`];
}

export function expectPlainData(value: unknown): void {
  expect(plainDataProblems(value)).toEqual([]);
}

const SUSPICIOUS = /\bundefined\b|\[object Object\]|\bNaN\b/;

export function expectWellFormedDiagnosis(d: Diagnosis, input: Failure): void {
  expect(VERDICTS).toContain(d.verdict);
  expect(typeof d.local).toBe('boolean');
  expect(d.cause.id).toMatch(KEBAB);
  expect(d.cause.title.length).toBeGreaterThan(0);
  expect(d.cause.summary.length).toBeGreaterThan(0);
  expect(d.confidence >= 0 && d.confidence <= 1).toBe(true);
  expect(['likely', 'probably', 'unsure']).toContain(d.confidenceWord);
  for (const a of d.alternatives) {
    expect(a.id).toMatch(KEBAB);
    expect(VERDICTS).toContain(a.verdict);
    expect(a.confidence >= 0 && a.confidence <= 1).toBe(true);
    expect(a.title.length > 0 && a.summary.length > 0).toBe(true);
  }
  expect(d.evidence.length).toBeGreaterThan(0);
  for (const e of d.evidence) {
    expect(e.text.length).toBeGreaterThan(0);
    expect([...VERDICTS, 'neutral']).toContain(e.pointsTo);
    expect(['browser', 'url', 'device', 'history', 'probe', 'rule']).toContain(e.source);
  }
  // Steps may be empty (some codes have none yet: see the issue note), but each one is well-formed.
  for (const s of d.steps) {
    expect(['you', 'owner', 'developer']).toContain(s.audience);
    expect(s.text.length).toBeGreaterThan(0);
    if (s.link !== undefined) expect(['http:', 'https:']).toContain(new URL(s.link).protocol);
  }
  for (const c of d.commands) {
    expect(c.label.length > 0 && c.command.length > 0).toBe(true);
    expect(['any', 'linux', 'macos', 'windows']).toContain(c.platform);
  }
  expect(d.error.code.length).toBeGreaterThan(0);
  expect(CATEGORIES).toContain(d.error.category);
  expect(Number.isInteger(d.error.number)).toBe(true);
  // Sentences built from templates never show a missing value.
  const inputText = JSON.stringify(input);
  const texts = [
    d.cause.title,
    d.cause.summary,
    ...d.alternatives.flatMap((a) => [a.title, a.summary]),
    ...d.evidence.map((e) => e.text),
    ...d.steps.map((s) => s.text),
    ...d.commands.flatMap((c) => [c.label, c.command]),
  ];
  for (const t of texts) {
    const m = SUSPICIOUS.exec(t);
    if (m && !inputText.includes(m[0])) throw new Error(`template hole "${m[0]}" in: ${t}`);
  }
}
