/** Typed storage: one key map, one place that reads and writes. */
import { browser } from './browser';
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

/** storage.session is missing in some older browsers: fall back to memory so nothing crashes. */
const memory: Partial<SessionSchema> = {};
type SessionArea = { get(k: string): Promise<Record<string, unknown>>; set(v: Record<string, unknown>): Promise<void> };
function sessionArea(): SessionArea | null {
  return ((browser.storage as unknown as { session?: SessionArea }).session) ?? null;
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
