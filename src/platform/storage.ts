/** Typed storage: one key map, one place that reads and writes. */
import { browser } from './browser';
import type { AppliedBatches, JournalArea, JournalRow } from '../background/journal';
import { JOURNAL_PREFIX } from '../background/journal';
import type { PendingLoad } from '../background/loads';
import type { NeighbourhoodState } from '../background/neighbourhood';
import type { Settings } from './settings';
import type { HistoryEntry, TabState } from './types';

/** Persistent (storage.local). */
export interface LocalSchema {
  history: HistoryEntry[];
  /** Only the settings the user changed (policy defaults apply to the rest). */
  settings: Partial<Settings>;
  /** The user's custom rules, as the JSON text they wrote (so their formatting and comments-free text survive). */
  customRules: string;
  /** Journal batches the history holds (written with it, in the same set: see background/journal.ts). */
  journalApplied: AppliedBatches;
}

/** Memory-only, survives worker restarts, gone with the browser (storage.session). */
export interface SessionSchema {
  /** Recent successes and failures per site, and the clock offset samples. */
  neighbourhood: NeighbourhoodState;
  tabs: Record<string, TabState>;
  /** Top-level loads not committed yet (for hung-load detection across worker restarts). */
  loads: PendingLoad[];
  /** Failures of incognito tabs (and of tabs not known to be normal): never written to storage.local. */
  privateHistory: HistoryEntry[];
  /** Hosts (`host[:port]`) of top-level pages loaded in normal tabs, with when: the typo candidates. */
  pages: Record<string, number>;
}

export async function getLocal<K extends keyof LocalSchema>(key: K): Promise<unknown> {
  const got = await browser.storage.local.get(key);
  return got[key];
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

export async function getSession<K extends keyof SessionSchema>(key: K): Promise<unknown> {
  const area = sessionArea();
  if (!area) return memory[key];
  const got = await area.get(key);
  return got[key];
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
