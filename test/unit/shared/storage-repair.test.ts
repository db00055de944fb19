/**
 * Issue 21.5: storage reads are typed by key. Every key of the schema has a repair (shared/storage-repair.ts) that
 * turns whatever storage holds into a valid value of the key's type: garbage never throws, what comes out passes the
 * key's own validity check (written here, apart from the repairs), a valid value comes back as it was, and a value
 * that needed repair says so (platform/storage.ts logs it once).
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, VERDICTS } from '../../../src/engine/errors/types';
import { toEntry } from '../../../src/shared/history-list';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '../../../src/shared/settings';
import { LOCAL_REPAIRS, SESSION_REPAIRS, type Repair } from '../../../src/shared/storage-repair';
import type { LocalSchema, SessionSchema } from '../../../src/shared/storage-schema';
import type { HistoryEntry } from '../../../src/shared/types';
import { failureOf, NOW } from '../../fixtures/rule-cases';

type Schema = LocalSchema & SessionSchema;
type Key = keyof Schema;

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

function validEntries(list: HistoryEntry[]): void {
  expect(Array.isArray(list)).toBe(true);
  for (const e of list) {
    expect(isObj(e)).toBe(true);
    for (const k of ['id', 'url', 'host', 'code', 'category', 'cause', 'title'] as const)
      expect(typeof e[k]).toBe('string');
    expect(e.url.length).toBeGreaterThan(0);
    expect(VERDICTS).toContain(e.verdict);
    expect([...CATEGORIES, 'slow', 'hung']).toContain(e.category);
    expect(typeof e.local).toBe('boolean');
    for (const k of ['time', 'firstTime', 'count'] as const) expect(finite(e[k])).toBe(true);
    expect(e.count).toBeGreaterThanOrEqual(1);
  }
  // Newest first.
  for (let i = 1; i < list.length; i++) expect(list[i - 1]!.time).toBeGreaterThanOrEqual(list[i]!.time);
}

const times = (v: Record<string, number>) => {
  expect(isObj(v)).toBe(true);
  for (const t of Object.values(v)) expect(finite(t)).toBe(true);
};

/** Each key's own validity check (what every reader may rely on), independent of the repair code. */
const VALID: { [K in Key]-?: (v: Schema[K]) => void } = {
  history: validEntries,
  privateHistory: validEntries,
  language: (v) => expect(v === '' || /^[a-z]{2,3}(_[A-Z]{2})?$/.test(v)).toBe(true),
  pageShell: (v) => {
    if (v !== null) expect([typeof v.version, typeof v.shell]).toEqual(['string', 'string']);
  },
  settings: (s) => {
    expect(isObj(s)).toBe(true);
    for (const [k, v] of Object.entries(s)) {
      expect(Object.keys(DEFAULT_SETTINGS)).toContain(k);
      expect(typeof v).toBe(typeof DEFAULT_SETTINGS[k as keyof Settings]);
    }
    if (s.version !== undefined) expect(s.version).toBe(SETTINGS_VERSION);
    if (s.probes !== undefined) expect(['off', 'loopback', 'remote']).toContain(s.probes);
    if (s.ignoredHosts !== undefined) for (const h of s.ignoredHosts) expect(typeof h).toBe('string');
    if (s.historyLimit !== undefined) expect(s.historyLimit >= 10 && s.historyLimit <= 2000).toBe(true);
  },
  customRules: (v) => expect(typeof v).toBe('string'),
  journalApplied: (v) => {
    expect(isObj(v)).toBe(true);
    for (const mark of Object.values(v))
      if (mark !== true) {
        expect(Array.isArray(mark)).toBe(true);
        for (const id of mark) expect(typeof id).toBe('string');
      }
  },
  neighbourhood: (v) => {
    expect(isObj(v)).toBe(true);
    times(v.successes);
    expect(Array.isArray(v.failures)).toBe(true);
    for (const f of v.failures) {
      expect([typeof f.host, typeof f.code]).toEqual(['string', 'string']);
      expect(finite(f.time)).toBe(true);
    }
    if (v.clock !== undefined) for (const n of v.clock) expect(finite(n)).toBe(true);
  },
  tabs: (v) => {
    expect(isObj(v)).toBe(true);
    for (const [key, tab] of Object.entries(v)) {
      expect(isObj(tab)).toBe(true);
      expect(Number.isInteger(tab.tabId) && String(tab.tabId) === String(Number(key))).toBe(true);
      expect(tab.failureId === null || typeof tab.failureId === 'string').toBe(true);
      expect(Array.isArray(tab.subresources)).toBe(true);
      for (const g of tab.subresources) {
        expect([typeof g.host, typeof g.code]).toEqual(['string', 'string']);
        expect(Number.isInteger(g.count) && g.count > 0).toBe(true);
        expect(g.reason === undefined || typeof g.reason === 'string').toBe(true);
      }
    }
  },
  loads: (v) => {
    expect(Array.isArray(v)).toBe(true);
    for (const l of v) {
      expect(finite(l.tabId) && finite(l.start) && typeof l.url === 'string').toBe(true);
      for (const t of [l.sentAt, l.responseAt]) expect(t === null || finite(t)).toBe(true);
      expect(l.hungId === null || typeof l.hungId === 'string').toBe(true);
    }
  },
  pages: times,
};

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
/** An entry as the worker writes it: its failure as capture makes it (every context field there). */
const entry = (i: number, extra: Record<string, unknown> = {}) => {
  const f = failureOf({
    id: `id-${i}`,
    url: `http://127.0.0.1:${3000 + i}/`,
    error: 'net::ERR_CONNECTION_REFUSED',
    time: NOW + i,
    ...extra,
  });
  const context = { ...f.context, clockOffsetMs: null, proxy: null, similarHosts: [] };
  return toEntry({ ...f, context });
};
const history = json([entry(2), entry(1, { error: 'net::ERR_NAME_NOT_RESOLVED', url: 'http://typo.example/' })]);
const load = { tabId: 3, url: 'http://127.0.0.1:4000/', start: 1000, sentAt: null, responseAt: null, hungId: null };
const group = { host: 'localhost:8000', code: 'ERR_CONNECTION_REFUSED', count: 2 };

/** What a read gives when nothing is stored. */
const DEFAULTS: { [K in Key]-?: Schema[K] } = {
  history: [],
  privateHistory: [],
  settings: {},
  customRules: '',
  journalApplied: {},
  neighbourhood: { successes: {}, failures: [] },
  tabs: {},
  loads: [],
  pages: {},
  language: '',
  pageShell: null,
};

/** Valid values: each comes back deep-equal, with no repair said. */
const GOOD: { [K in Key]-?: Schema[K][] } = {
  history: [[], history],
  privateHistory: [[], history],
  settings: [
    { version: 1 },
    { version: 1, takeover: false, historyLimit: 500, ignoredHosts: ['a.example'], probes: 'off' },
  ],
  customRules: ['', '[{"id":"mine","when":{"code":"ERR_CONNECTION_REFUSED"}}]'],
  journalApplied: [{}, { 'journal:k1:1': true, 'journal:k1:2': ['f1', 'f2'], 'journal:k1:3': [] }],
  neighbourhood: [
    { successes: {}, failures: [] },
    {
      successes: { 'a.example': 1000, 'localhost:3000': 1500 },
      failures: [{ host: 'b.example', code: 'ERR_CONNECTION_RESET', time: 2000 }],
      clock: [12, -5],
    },
  ],
  tabs: [
    {},
    {
      '3': {
        tabId: 3,
        failureId: 'f1',
        subresources: [group, { ...group, host: 'api.example', reason: 'cors-preflight-failed' }],
      },
      '4': { tabId: 4, failureId: null, subresources: [] },
    },
  ],
  loads: [[], [load, { ...load, tabId: 4, sentAt: 1100, responseAt: 1200, hungId: 'h1' }]],
  pages: [{}, { 'a.example': 1000, 'localhost:3000': 2000 }],
  language: ['', 'en', 'de', 'pt_BR'],
  pageShell: [null, { version: '0.1.0', shell: '<html><body><div id="app"></div></body></html>' }],
};

/** Valid values with one broken part, and values of the right shape with wrong field types: each is said repaired. */
const BROKEN: { [K in Key]-?: unknown[] } = {
  history: [[...history, { url: 5 }], [null, ...history], [{ ...history[0], url: '' }]],
  privateHistory: [[...history, 'x'], [{ id: 1 }]],
  settings: [
    { version: 1, takeover: 'yes' },
    { version: 1, historyLimit: 'lots', takeover: false },
    { version: 1, probes: 'all' },
    { version: 1, ignoredHosts: 'a.example' },
    { version: 1, surprise: true },
  ],
  customRules: [42, ['x'], { text: 'x' }, null],
  journalApplied: [{ 'journal:a:1': 'yes' }, { 'journal:a:2': [1, 'f'] }, ['journal:a:1']],
  neighbourhood: [
    { successes: { a: 'x', b: 1 }, failures: [] },
    { successes: {}, failures: [null, { host: 1, code: 'x', time: 1 }, { host: 'h', code: 'c', time: 2 }] },
    { successes: {}, failures: [], clock: ['x', 3] },
    { successes: 5, failures: 'x' },
  ],
  tabs: [
    { x: { tabId: 1, failureId: null, subresources: [] } },
    { '3': null },
    { '4': { tabId: 4, failureId: 5, subresources: [] } },
    { '4': { tabId: 4, failureId: null, subresources: [null, { host: 1 }, group, { ...group, count: 'x' }] } },
    { '4': { tabId: 4, failureId: null, subresources: 'x' } },
  ],
  loads: [[null, load], [{ tabId: 'x' }], [load, { ...load, tabId: 9, sentAt: 'x' }], [{ ...load, url: 5 }]],
  pages: [{ a: 'x', b: 1 }, [1, 2], { a: null }],
  // Read as a catalog's folder name: a path, a URL or an odd case must never be.
  language: ['../en', 'en/../../x', 'EN', 'http://x', 5, ['de']],
  pageShell: [{ version: 1, shell: '<html>' }, { version: '0.1.0' }, '<html>', { version: '0.1.0', shell: ['x'] }],
};

/** Garbage any key may meet: wrong types, arrays of garbage, objects with wrong field types. */
const GARBAGE: unknown[] = [
  undefined,
  null,
  0,
  1,
  -1,
  '',
  'x',
  true,
  false,
  [],
  {},
  [null],
  [0, 'x', {}, [], true],
  [[]],
  { a: null },
  { a: 'x', b: [1], c: {} },
  { tabId: 'x', url: 5, start: null, successes: 'x', failures: {}, clock: 'x', f: 1, host: 2, time: 'now' },
  { version: -1e15, takeover: 'maybe', historyLimit: Infinity, ignoredHosts: [1, null] },
  { '1': 'x', '2': null, '3': { tabId: 'x', subresources: [null] } },
  { 'journal:a:1': 'x', 'journal:a:2': [null, 1] },
  [{ url: 5 }, { url: '' }, { url: null }, { f: 1 }],
];

const REPAIRS = { ...LOCAL_REPAIRS, ...SESSION_REPAIRS } as { [K in Key]: Repair<Schema[K]> };
const KEYS = Object.keys(REPAIRS) as Key[];

/** The repair of `raw` under `key`, and whether it said it repaired something. */
function read<K extends Key>(key: K, raw: unknown): { value: Schema[K]; said: string[] } {
  const said: string[] = [];
  const repair: Repair<Schema[K]> = REPAIRS[key];
  const value = repair(raw, (detail) => said.push(detail ?? ''));
  return { value, said };
}

/** Moving settings to the current version is no repair: the value differs from what was stored only by it. */
const onlyUpgraded = (key: Key, raw: unknown, value: unknown) =>
  key === 'settings' && isObj(raw) && isDeepStrictEqual({ ...raw, version: 1 }, value);

/** The schema's keys, read from its source (the types are gone at run time). */
function schemaKeys(name: 'LocalSchema' | 'SessionSchema'): string[] {
  const path = new URL('../../../src/shared/storage-schema.ts', import.meta.url);
  const sf = ts.createSourceFile('storage-schema.ts', readFileSync(path, 'utf8'), ts.ScriptTarget.Latest);
  const decl = sf.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name,
  );
  return (decl?.members ?? []).map((m) => (m.name as ts.Identifier).text).sort();
}

describe('the storage repair table', () => {
  it('has one repair for each key of the schema, and no other', () => {
    expect(schemaKeys('LocalSchema')).toEqual(['customRules', 'history', 'journalApplied', 'settings']);
    expect(Object.keys(LOCAL_REPAIRS).sort()).toEqual(schemaKeys('LocalSchema'));
    expect(Object.keys(SESSION_REPAIRS).sort()).toEqual(schemaKeys('SessionSchema'));
    for (const repair of KEYS.map((k) => REPAIRS[k])) expect(typeof repair).toBe('function');
  });

  describe.each(KEYS)('%s', (key) => {
    it('turns garbage into a valid value, and says so when it changed what was stored', () => {
      for (const raw of [...GARBAGE, ...BROKEN[key]]) {
        const stored = structuredClone(raw);
        const { value, said } = read(key, stored);
        expect(stored, 'the stored value is not changed in place').toEqual(raw);
        VALID[key](value as never);
        const changed = !isDeepStrictEqual(raw, value) && !onlyUpgraded(key, raw, value);
        expect(said.length, `${JSON.stringify(raw)} → ${JSON.stringify(value)}`).toBe(
          raw !== undefined && changed ? 1 : 0,
        );
        // What a repair gives is valid: read again, it comes back as it is.
        const again = read(key, json(value));
        if (!onlyUpgraded(key, value, again.value)) expect(again.value).toEqual(value);
        expect(again.said).toEqual([]);
      }
    });

    it('says it repaired a valid value with one broken part, and keeps its valid parts', () => {
      for (const raw of BROKEN[key]) expect(read(key, structuredClone(raw)).said, JSON.stringify(raw)).toHaveLength(1);
      const [, good] = GOOD[key];
      if (Array.isArray(good) && good.length > 0)
        expect(read(key, [...structuredClone(good), { broken: true }]).value).toEqual(good);
    });

    it('gives a valid value back deep-equal, saying nothing; nothing stored is its default, silently', () => {
      for (const good of GOOD[key]) {
        VALID[key](good as never);
        const { value, said } = read(key, structuredClone(good));
        expect(value).toEqual(good);
        expect(said).toEqual([]);
      }
      const missing = read(key, undefined);
      expect(missing.said).toEqual([]);
      expect(missing.value).toEqual(DEFAULTS[key]);
    });
  });

  it('reads settings of an older version without a repair, moved to the current one', () => {
    const { value, said } = read('settings', { redact: false, overlay: false, takeover: false });
    expect(said).toEqual([]);
    expect(value).toEqual({ redactQuery: false, overlay5xx: false, takeover: false, version: SETTINGS_VERSION });
  });

  it('keeps the user part of the settings only: keys they did not set stay unset (policy defaults apply)', () => {
    const { value, said } = read('settings', { version: 1, historyLimit: 5000, takeover: 'x', junk: 1 });
    expect(said).toHaveLength(1);
    // Out of range: the nearest valid value; invalid: the default (as the effective settings always had it).
    expect(value).toEqual({ version: 1, historyLimit: 2000, takeover: DEFAULT_SETTINGS.takeover });
  });
});
