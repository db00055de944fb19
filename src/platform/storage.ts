/**
 * Typed storage: one key map, one place that reads and writes. Every read is repaired by the key's entry in
 * shared/storage-repair.ts, so readers get a valid value of the key's type whatever storage held.
 */
import { LOCAL_REPAIRS, SESSION_REPAIRS, type Repair, type Repairs } from '../shared/storage-repair';
import {
  JOURNAL_PREFIX,
  type JournalArea,
  type JournalRow,
  type LocalSchema,
  type SessionSchema,
} from '../shared/storage-schema';
import { browser, type Storage } from './browser';

export type { LocalSchema, SessionSchema };

/** Keys whose repair this context has said already (some are read more than once, e.g. the custom rules). */
const said = new Set<string>();

/** The stored value as a valid one; a key whose stored value needed repair is said once in the console. */
function repaired<S, K extends keyof S & string>(table: Repairs<S>, key: K, raw: unknown): S[K] {
  const repair: Repair<S[K]> = table[key];
  return repair(raw, (detail) => {
    if (said.has(key)) return;
    said.add(key);
    console.warn(`netwhy: repaired the stored "${key}": ${detail ?? 'invalid parts dropped'}`);
  });
}

export async function getLocal<K extends keyof LocalSchema>(key: K): Promise<LocalSchema[K]> {
  const got = await browser.storage.local.get(key);
  return repaired(LOCAL_REPAIRS, key, got[key]);
}

export async function setLocal<K extends keyof LocalSchema>(key: K, value: LocalSchema[K]): Promise<void> {
  await browser.storage.local.set({ [key]: value });
}

/** Several keys in one write: storage applies them together. */
export async function setLocalMany(values: Partial<LocalSchema>): Promise<void> {
  await browser.storage.local.set(values);
}

/** storage.session is missing in some older browsers: fall back to memory so nothing crashes. */
const memory: Partial<SessionSchema> = {};
type SessionArea = {
  get(k: string | null): Promise<Record<string, unknown>>;
  set(v: Record<string, unknown>): Promise<void>;
  remove(k: string[]): Promise<void>;
};
function sessionArea(): SessionArea | null {
  return (browser.storage as unknown as { session?: SessionArea }).session ?? null;
}

export async function getSession<K extends keyof SessionSchema>(key: K): Promise<SessionSchema[K]> {
  const area = sessionArea();
  const raw = area ? (await area.get(key))[key] : memory[key];
  return repaired(SESSION_REPAIRS, key, raw);
}

export async function setSession<K extends keyof SessionSchema>(key: K, value: SessionSchema[K]): Promise<void> {
  const area = sessionArea();
  if (!area) {
    memory[key] = value;
    return;
  }
  await area.set({ [key]: value });
}

/** The journal's batches: one storage.session key each (`journal:…`), next to the schema's keys. */
const journalMemory = new Map<string, JournalRow[]>();
export const journalArea: JournalArea = {
  async batches() {
    const area = sessionArea();
    if (!area) return Object.fromEntries(journalMemory);
    const all = await area.get(null);
    return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith(JOURNAL_PREFIX)));
  },
  async write(key, rows) {
    const area = sessionArea();
    if (!area) journalMemory.set(key, rows);
    else await area.set({ [key]: rows });
  },
  async remove(keys) {
    const area = sessionArea();
    if (!area) for (const k of keys) journalMemory.delete(k);
    else await area.remove(keys);
  },
};

type Changes = Record<string, Storage.StorageChange>;

/**
 * Changes of one storage area. Each area's own `onChanged` (Chrome 73, Firefox 101 for local) is used where the
 * browser has it: the global `storage.onChanged` would also wake this context for every write to `storage.session`,
 * where the journal writes and removes a key per failure (20,000 events for 10,000 failures, each with its value).
 * An area without its own event falls back to the global one, filtered.
 */
export function onAreaChanged(area: 'local' | 'managed', listener: (changes: Changes) => void): void {
  // Typed as always there, but not every browser gives every area its own event.
  const own = (browser.storage[area] as Partial<Storage.StorageArea> | undefined)?.onChanged;
  if (own) own.addListener(listener);
  else
    browser.storage.onChanged.addListener((changes, name) => {
      if (name === area) listener(changes);
    });
}
