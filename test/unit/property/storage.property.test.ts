/**
 * Whatever storage holds (garbage, an old schema, another version's rows) is repaired, never fatal, never slow:
 * repairSettings and repairEntries over arbitrary JSON; the history store loses nothing under interleaved writes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HistoryStore, type HistoryBackend } from '../../../src/background/history';
import { foldEntries, foldEntry, repairEntries, toEntry } from '../../../src/shared/history-list';
import { LOCAL_REPAIRS } from '../../../src/shared/storage-repair';
import { CATEGORIES, VERDICTS } from '../../../src/engine/errors/types';
import { toFailure } from '../../../src/engine/failure';
import { DEFAULT_SETTINGS, repairSettings, SETTINGS_VERSION, type Settings } from '../../../src/shared/settings';
import type { HistoryEntry } from '../../../src/shared/types';
import { check, checkAsync, failureArb, hostileString, jsonish, timeout } from './arbitraries';
import { expectWellFormedFailure } from './wellformed';

const SETTINGS_KEYS = Object.keys(DEFAULT_SETTINGS).sort();

function expectValidSettings(s: Settings): void {
  expect(Object.keys(s).sort()).toEqual(SETTINGS_KEYS);
  expect(s.version).toBe(SETTINGS_VERSION);
  for (const k of ['takeover', 'overlay5xx', 'overlay4xx', 'devBanner', 'redactQuery', 'redactPath'] as const)
    expect(typeof s[k]).toBe('boolean');
  expect(['off', 'loopback', 'remote']).toContain(s.probes);
  expect(Number.isInteger(s.historyLimit) && s.historyLimit >= 10 && s.historyLimit <= 2000).toBe(true);
  expect(Number.isInteger(s.retentionDays) && s.retentionDays >= 1 && s.retentionDays <= 365).toBe(true);
  expect(Array.isArray(s.ignoredHosts) && s.ignoredHosts.length <= 500).toBe(true);
  for (const h of s.ignoredHosts) expect(typeof h === 'string' && h.length > 0 && h.length < 256).toBe(true);
  // Settings added later: at least the type of their default.
  for (const k of SETTINGS_KEYS)
    expect(typeof s[k as keyof Settings]).toBe(typeof DEFAULT_SETTINGS[k as keyof Settings]);
}

/** Settings-shaped objects with every field right, wrong, missing or from an older version. */
const settingsish: fc.Arbitrary<unknown> = fc.oneof(
  jsonish,
  fc.record(
    {
      version: fc.oneof(
        fc.integer(),
        fc.double(),
        fc.constantFrom(-1e15, -(2 ** 31), 0, 1, 2, 99, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER),
        hostileString,
      ),
      takeover: fc.oneof(fc.boolean(), fc.jsonValue()),
      overlay5xx: fc.oneof(fc.boolean(), fc.jsonValue()),
      overlay: fc.oneof(fc.boolean(), fc.jsonValue()),
      redact: fc.oneof(fc.boolean(), fc.jsonValue()),
      probes: fc.oneof(fc.constantFrom('off', 'loopback', 'remote', 'all'), fc.jsonValue()),
      historyLimit: fc.oneof(fc.integer(), fc.double(), fc.jsonValue()),
      retentionDays: fc.oneof(fc.integer(), fc.double(), fc.jsonValue()),
      ignoredHosts: fc.oneof(fc.array(fc.oneof(hostileString, fc.jsonValue()), { maxLength: 20 }), fc.jsonValue()),
      __proto__: fc.jsonValue(),
      constructor: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
);

describe('repairSettings (property)', () => {
  // How long a repair takes is bench's figure (bench/engine.ts); here, what comes out.
  it(
    'gives valid current settings for any stored value',
    () => {
      check(
        'repairSettings/any',
        1000,
        fc.property(settingsish, (raw) => {
          const s = repairSettings(raw);
          expectValidSettings(s);
          // Repairing again changes nothing; storage keeps it as it is.
          expect(repairSettings(JSON.parse(JSON.stringify(s)))).toEqual(s);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
      );
    },
    timeout(5_000),
  );

  it(
    'keeps valid settings exactly as they are',
    () => {
      const valid = fc
        .record(
          {
            takeover: fc.boolean(),
            overlay5xx: fc.boolean(),
            overlay4xx: fc.boolean(),
            devBanner: fc.boolean(),
            probes: fc.constantFrom('off' as const, 'loopback' as const, 'remote' as const),
            historyLimit: fc.integer({ min: 10, max: 2000 }),
            retentionDays: fc.integer({ min: 1, max: 365 }),
            redactQuery: fc.boolean(),
            redactPath: fc.boolean(),
            ignoredHosts: fc.array(fc.string({ minLength: 1, maxLength: 255 }), { maxLength: 20 }),
          },
          { requiredKeys: [] },
        )
        .map((s): Settings => ({ ...DEFAULT_SETTINGS, ...s }));
      check(
        'repairSettings/valid',
        500,
        fc.property(valid, (s) => {
          expect(repairSettings(s)).toEqual(s);
        }),
      );
    },
    timeout(2_000),
  );
});

function expectWellFormedEntry(e: HistoryEntry): void {
  expectWellFormedFailure(e);
  for (const k of ['host', 'code', 'category', 'verdict', 'cause', 'title'] as const)
    expect(typeof e[k]).toBe('string');
  expect(VERDICTS).toContain(e.verdict);
  expect(CATEGORIES).toContain(e.category);
  expect(e.code.length).toBeGreaterThan(0);
  expect(e.cause.length).toBeGreaterThan(0);
  expect(typeof e.local).toBe('boolean');
}

/** Stored lists: arrays of rows that are right, half right (an older version's) or junk. */
const storedList: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 1, arbitrary: jsonish },
  {
    weight: 3,
    arbitrary: fc.array(
      fc.oneof(
        failureArb
          .map((f) => toFailure(JSON.parse(JSON.stringify(f))))
          .filter((f) => f !== null)
          .map((f) => toEntry(f!))
          .chain((e) =>
            fc.constantFrom<unknown>(
              e,
              { ...e, verdict: 'nonsense' },
              { ...e, category: 42 },
              { ...e, local: 'yes' },
              { ...e, title: null },
            ),
          ),
        failureArb,
        jsonish,
      ),
      { maxLength: 12 },
    ),
  },
);

describe('repairEntries (property)', () => {
  it(
    'turns anything into well-formed entries, newest first, counting what it dropped',
    () => {
      check(
        'repairEntries/any',
        400,
        fc.property(storedList, (raw) => {
          const { entries, dropped } = repairEntries(raw);
          for (const e of entries) expectWellFormedEntry(e);
          for (let i = 1; i < entries.length; i++)
            expect(entries[i - 1]!.time).toBeGreaterThanOrEqual(entries[i]!.time);
          if (Array.isArray(raw)) expect(entries.length + dropped).toBe(raw.length);
          else expect(entries).toEqual([]);
          // Repair settles: a second pass (which may fill optional fields with defaults) is final.
          const twice = repairEntries(JSON.parse(JSON.stringify(entries))).entries;
          expect(repairEntries(JSON.parse(JSON.stringify(twice))).entries).toEqual(twice);
        }),
      );
    },
    timeout(6_000),
  );
});

/** storage.local in memory: JSON in and out, with async gaps that let the store's batches interleave. */
function backend(initial: unknown, delays: number[]): HistoryBackend & { data: unknown } {
  let n = 0;
  const gap = () => new Promise((r) => setTimeout(r, delays[n++ % delays.length]));
  const b = {
    data: initial,
    async read() {
      await gap();
      return LOCAL_REPAIRS.history(JSON.parse(JSON.stringify(b.data ?? null)) ?? undefined);
    },
    async write(list: HistoryEntry[]) {
      await gap();
      b.data = JSON.parse(JSON.stringify(list));
    },
  };
  return b;
}

describe('history store (property)', () => {
  it(
    'loses no failure and counts every repeat, whatever the interleaving of adds and writes',
    async () => {
      const NOW = Date.UTC(2026, 10, 27, 12);
      await checkAsync(
        'historyStore/interleaved',
        60,
        fc.asyncProperty(
          fc.array(fc.record({ url: fc.integer({ min: 0, max: 15 }), wait: fc.boolean() }), {
            minLength: 1,
            maxLength: 60,
          }),
          fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }),
          fc.constantFrom<unknown>(undefined, [], 'garbage', [null, 42, { url: 5 }]),
          async (adds, delays, initial) => {
            const store = new HistoryStore(
              backend(initial, delays),
              () => ({ limit: 2000, retentionDays: 30 }),
              () => NOW + 1000,
            );
            const pending: Promise<void>[] = [];
            let i = 0;
            for (const a of adds) {
              const f = toFailure({
                id: `id-${i}`,
                url: `http://127.0.0.1:${3000 + a.url}/`,
                error: 'net::ERR_CONNECTION_REFUSED',
                time: NOW + i,
              })!;
              i++;
              pending.push(store.add(toEntry(f)));
              if (a.wait) await new Promise((r) => setTimeout(r, 0));
            }
            await Promise.all(pending);
            const list = await store.list();
            expect(list.reduce((sum, e) => sum + e.count, 0)).toBe(adds.length);
            expect(list).toHaveLength(new Set(adds.map((a) => a.url)).size);
          },
        ),
      );
    },
    timeout(10_000),
  );

  it(
    'foldEntry keeps the total count and at most one entry per failure',
    () => {
      check(
        'foldEntry/counts',
        300,
        fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 50 }), (urls) => {
          let list: HistoryEntry[] = [];
          urls.forEach((u, i) => {
            list = foldEntry(
              list,
              toEntry(
                toFailure({
                  id: `id-${i}`,
                  url: `http://h${u}.example/`,
                  error: 'net::ERR_CONNECTION_RESET',
                  time: i + 1,
                })!,
              ),
              2000,
            );
          });
          expect(list.reduce((s, e) => s + e.count, 0)).toBe(urls.length);
          expect(list).toHaveLength(new Set(urls).size);
        }),
      );
    },
    timeout(3_000),
  );

  it(
    'foldEntries gives what folding one by one gives, when nothing is pushed past the limit',
    () => {
      const row = fc.record({
        url: fc.integer({ min: 0, max: 5 }),
        code: fc.constantFrom('net::ERR_CONNECTION_RESET', 'net::ERR_CONNECTION_REFUSED'),
        again: fc.boolean(),
      });
      check(
        'foldEntries/sequential',
        300,
        fc.property(fc.array(row, { maxLength: 12 }), fc.array(row, { maxLength: 40 }), (before, batch) => {
          const entry = (r: { url: number; code: string; again: boolean }, i: number, prefix: string) =>
            // `again`: the same failure recorded a second time (a later event completing it): it keeps its id.
            toEntry(
              toFailure({
                id: r.again && i > 0 ? `${prefix}-${i - 1}` : `${prefix}-${i}`,
                url: `http://h${r.url}.example/`,
                error: r.code,
                time: i + 1,
              })!,
            );
          let list: HistoryEntry[] = [];
          before.forEach((r, i) => {
            list = foldEntry(list, entry(r, i, 'a'), 2000);
          });
          const adds = batch.map((r, i) => entry(r, i, 'b'));
          let sequential = list;
          for (const a of adds) sequential = foldEntry(sequential, a, 2000);
          expect(foldEntries(list, adds, 2000)).toEqual(sequential);
        }),
      );
    },
    timeout(3_000),
  );
});
