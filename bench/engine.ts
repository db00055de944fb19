/**
 * Engine (a child process of `npm run bench`): diagnose() per failure over the rule fixtures
 * (test/fixtures/rule-cases.ts RULE_CASES: every rule family, Chromium and Firefox spellings, HTTP statuses,
 * neighbourhood and probe evidence), each case equally often.
 * After a warm-up, every call is timed on its own (process.hrtime.bigint, ~50 ns resolution and overhead) in
 * rounds that shuffle the cases (a fixed seed), so the JIT sees the same mix it would in a worker. GC pauses land in
 * whichever call they interrupt, as they would in the worker.
 *
 *   node engine-child.mjs [rounds]   → prints one JSON line
 */
import fc from 'fast-check';
import { diagnose } from '../src/engine/diagnose';
import { normalizeError } from '../src/engine/errors/normalize';
import { installFirefoxVocabulary } from '../src/engine/errors/vocabulary';
import { catalogTranslator, setTranslator } from '../src/engine/i18n';
import type { Failure } from '../src/engine/failure';
import { RULE_CASES, failureOf } from '../test/fixtures/rule-cases';
import { HUGE_ERROR_STRINGS, longErrorString } from '../test/fixtures/hostile-inputs';
import { repairSettings } from '../src/shared/settings';
import { Diagnoses } from '../src/background/diagnoses';
import { RULES } from '../src/engine/rules';
import { ENGLISH } from './english';
import { summarize } from './stats';

// The fixtures speak both browsers' words; the sentences come out in English.
setTranslator(catalogTranslator(ENGLISH));
installFirefoxVocabulary();

const rounds = Number(process.argv[2] ?? 400);

/** Deterministic shuffle (mulberry32). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const cases: { name: string; failure: Failure }[] = RULE_CASES.map((c) => ({
  name: c.name,
  failure: failureOf(c.failure),
}));

let sink = 0;
// Warm-up: let the JIT settle.
for (let i = 0; i < 200; i++) for (const c of cases) sink += diagnose(c.failure).evidence.length;

const all: number[] = [];
const byCase = new Map<string, number[]>(cases.map((c) => [c.name, []]));
for (let r = 0; r < rounds; r++) {
  for (const c of shuffled(cases, r + 1)) {
    const t0 = process.hrtime.bigint();
    const d = diagnose(c.failure);
    const t1 = process.hrtime.bigint();
    sink += d.evidence.length;
    const us = Number(t1 - t0) / 1000;
    all.push(us);
    byCase.get(c.name)!.push(us);
  }
}

// Throughput: the whole mix, back to back, no per-call timer.
const batchRounds = Math.max(50, Math.floor(rounds / 4));
const b0 = process.hrtime.bigint();
for (let r = 0; r < batchRounds; r++) for (const c of cases) sink += diagnose(c.failure).steps.length;
const meanUs = Number(process.hrtime.bigint() - b0) / 1000 / (batchRounds * cases.length);

// The worker's cache (background/diagnoses.ts): a page asking again for a failure already diagnosed costs a
// serialization of its evidence and a comparison, not a diagnosis. Each lookup timed on its own, like diagnose() above.
const cache = new Diagnoses(() => RULES);
// The fixtures share one id; the worker's failures each have their own.
const own = cases.map((c, i) => ({ name: c.name, failure: { ...c.failure, id: `case-${i}` } }));
for (const c of own) cache.of(c.failure);
const hits: number[] = [];
for (let r = 0; r < rounds; r++) {
  for (const c of shuffled(own, r + 1)) {
    const t0 = process.hrtime.bigint();
    const d = cache.of(c.failure);
    hits.push(Number(process.hrtime.bigint() - t0) / 1000);
    sink += d.steps.length;
  }
}
if (cache.made !== cases.length) throw new Error(`the cache diagnosed again: ${cache.made} of ${cases.length}`);

// Hostile inputs (figures that were limits in the unit tests, which now check only what comes out): the slowest
// normalizeError over huge strings and over long strings of error-pattern pieces, and the slowest repairSettings over
// arbitrary stored values and a huge ignore list. Each call timed on its own, in ms.
function slowestMs<T>(inputs: readonly T[], fn: (input: T) => unknown): number {
  let worst = 0;
  for (const input of inputs) {
    const t0 = process.hrtime.bigint();
    sink += fn(input) ? 1 : 0;
    worst = Math.max(worst, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return worst;
}
const storedSettings: unknown[] = [
  ...fc.sample(
    fc.oneof(
      fc.jsonValue(),
      fc.record({ ignoredHosts: fc.array(fc.string(), { maxLength: 2000 }), historyLimit: fc.jsonValue() }),
    ),
    { numRuns: 1000, seed: 1 },
  ),
  { ignoredHosts: Array.from({ length: 100_000 }, (_, i) => `host-${i}.example`) },
];
const hostile = {
  normalizeHugeMs: slowestMs(HUGE_ERROR_STRINGS, (s) => normalizeError(s).code),
  normalizeLongMs: slowestMs(fc.sample(longErrorString, { numRuns: 100, seed: 1 }), (s) => normalizeError(s).code),
  repairSettingsMs: slowestMs(storedSettings, (raw) => repairSettings(raw).version),
};

const perCase = [...byCase.entries()]
  .map(([name, v]) => ({ name, median: summarize(v).median }))
  .sort((a, b) => b.median - a.median);
const result = {
  cases: cases.length,
  rounds,
  perCall: summarize(all),
  batchMeanUs: meanUs,
  cacheHit: summarize(hits),
  slowest: perCase.slice(0, 5),
  fastest: perCase.slice(-3),
  hostile,
  sink: sink > 0,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
