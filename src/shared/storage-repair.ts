/**
 * What storage holds becomes a valid value of its key's type: one repair per key of the schema, applied by every read
 * (src/platform/storage.ts). Missing or unusable: the key's default; a value with broken parts keeps its valid ones
 * (a history list its readable entries). Pure, so every key is tested over garbage in Node.
 */
import { repairEntries } from './history-list';
import { settingsNeedRepair, userSettings } from './settings';
import type { AppliedBatches, LocalSchema, NeighbourhoodState, PendingLoad, SessionSchema } from './storage-schema';
import type { TabState } from './types';

/**
 * Whatever was stored under a key (undefined when nothing) as a valid value. `repaired` is called when something
 * stored was dropped or replaced (`detail` says what), not when a valid value is only moved to the current version.
 */
export type Repair<T> = (raw: unknown, repaired?: (detail?: string) => void) => T;

/** One repair for every key: a key added to the schema without its repair fails the typecheck. */
export type Repairs<S> = { [K in keyof S]-?: Repair<S[K]> };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Structural equality of stored (JSON-like) values; the order of object keys does not count. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  if (!isObj(a) || !isObj(b)) return false;
  const keys = Object.keys(a).filter((k) => a[k] !== undefined);
  return (
    keys.length === Object.keys(b).filter((k) => b[k] !== undefined).length &&
    keys.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]))
  );
}

/** A repair that keeps valid values as they are: whatever it changed in a stored value was a repair. */
const checked =
  <T>(repair: (raw: unknown) => T): Repair<T> =>
  (raw, repaired) => {
    const value = repair(raw);
    if (raw !== undefined && !sameValue(raw, value)) repaired?.();
    return value;
  };

/** `{ name: time }`, keeping the finite numbers. */
function times(raw: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (isObj(raw)) for (const [k, v] of Object.entries(raw)) if (isNum(v)) out[k] = v;
  return out;
}

/** Which journal batches the history holds: `true`, or the ids of the failures it holds. */
function toApplied(raw: unknown): AppliedBatches {
  if (!isObj(raw)) return {};
  const out: AppliedBatches = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === true) out[key] = true;
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return out;
}

function toLoads(raw: unknown): PendingLoad[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((v: unknown): PendingLoad[] =>
    isObj(v) && isNum(v.tabId) && typeof v.url === 'string' && isNum(v.start)
      ? [
          {
            tabId: v.tabId,
            url: v.url,
            start: v.start,
            sentAt: isNum(v.sentAt) ? v.sentAt : null,
            responseAt: isNum(v.responseAt) ? v.responseAt : null,
            hungId: typeof v.hungId === 'string' ? v.hungId : null,
          },
        ]
      : [],
  );
}

function toNeighbourhood(raw: unknown): NeighbourhoodState {
  const s = isObj(raw) ? raw : {};
  const failures = (Array.isArray(s.failures) ? (s.failures as unknown[]) : []).flatMap((f) =>
    isObj(f) && typeof f.host === 'string' && typeof f.code === 'string' && isNum(f.time)
      ? [{ host: f.host, code: f.code, time: f.time }]
      : [],
  );
  const out: NeighbourhoodState = { successes: times(s.successes), failures };
  if (Array.isArray(s.clock)) out.clock = s.clock.filter(isNum);
  return out;
}

type Group = TabState['subresources'][number];
const isGroup = (g: unknown): g is Group =>
  isObj(g) &&
  typeof g.host === 'string' &&
  typeof g.code === 'string' &&
  Number.isInteger(g.count) &&
  (g.count as number) > 0 &&
  (g.reason === undefined || typeof g.reason === 'string');

/** Tab states by tab id; a state's tab id is its key. */
function toTabs(raw: unknown): Record<string, TabState> {
  const out: Record<string, TabState> = {};
  if (!isObj(raw)) return out;
  for (const [key, v] of Object.entries(raw)) {
    const tabId = Number(key);
    if (!Number.isInteger(tabId) || !isObj(v)) continue;
    out[key] = {
      tabId,
      failureId: typeof v.failureId === 'string' ? v.failureId : null,
      subresources: Array.isArray(v.subresources) ? v.subresources.filter(isGroup) : [],
    };
  }
  return out;
}

/** A history list: its readable entries, newest first (rows from an older version are diagnosed again). */
const entries: Repair<LocalSchema['history']> = (raw, repaired) => {
  const { entries, dropped } = repairEntries(raw);
  if (dropped > 0) repaired?.(`dropped ${dropped} unreadable history rows`);
  return entries;
};

export const LOCAL_REPAIRS: Repairs<LocalSchema> = {
  history: entries,
  settings: (raw, repaired) => {
    if (settingsNeedRepair(raw)) repaired?.('invalid or unknown values now use defaults');
    return userSettings(raw);
  },
  customRules: checked((raw) => (typeof raw === 'string' ? raw : '')),
  journalApplied: checked(toApplied),
};

export const SESSION_REPAIRS: Repairs<SessionSchema> = {
  neighbourhood: checked(toNeighbourhood),
  tabs: checked(toTabs),
  loads: checked(toLoads),
  privateHistory: entries,
  pages: checked(times),
  // A catalog folder's name (`_locales/<lang>`): anything else is read as not known.
  language: checked((raw) => (typeof raw === 'string' && /^[a-z]{2,3}(_[A-Z]{2})?$/.test(raw) ? raw : '')),
  pageShell: checked((raw) =>
    isObj(raw) && typeof raw.version === 'string' && typeof raw.shell === 'string'
      ? { version: raw.version, shell: raw.shell }
      : null,
  ),
};
