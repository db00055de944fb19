/**
 * What netwhy keeps in storage, by key: the one schema the platform's storage functions are typed by, and the shapes
 * of the worker's saved state. Pure types (and the journal's key prefix).
 */
import type { Failure } from '../engine/failure';
import type { Settings } from './settings';
import type { HistoryEntry, TabState } from './types';

export interface PendingLoad {
  tabId: number;
  url: string;
  start: number;
  sentAt: number | null;
  responseAt: number | null;
  /** The id of the hung record, once reported. */
  hungId: string | null;
}

export interface NeighbourhoodState {
  successes: Record<string, number>;
  failures: { host: string; code: string; time: number }[];
  /** Recent samples of this device's clock minus servers' Date headers, ms. */
  clock?: number[];
}

export const JOURNAL_PREFIX = 'journal:';

/** What the worker decided about a failure when it saw it (kept in its journal row, used by the replay). */
export interface Decision {
  /** Incognito (or a tab not known to be normal: fail closed). Absent: not known yet when noted. */
  private?: boolean;
  /** The hung-load record of the same load that this failure replaces in the history. */
  replaces?: string;
}

/** One journal row: the failure and the decision made when it was noted. */
export interface JournalRow extends Decision {
  f: Failure;
}

export interface JournalArea {
  /** Every journal batch in storage.session (key → rows). */
  batches(): Promise<Record<string, unknown>>;
  write(key: string, rows: JournalRow[]): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/**
 * What `journalApplied` holds: a batch whose every failure is in the history (`true`), or the ids of those that are.
 */
export type AppliedBatches = Record<string, true | string[]>;

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
  /**
   * The language of the catalog the browser uses for the extension (its `lang` message), learned after this browser
   * session's first takeover; "" until then (background/language.ts).
   */
  language: string;
  /**
   * The explanation page as the worker serves it, prepared once in this browser session (Chromium): its HTML with the
   * stylesheets inlined, for the extension version it was made from (platform/explain-server.ts).
   */
  pageShell: { version: string; shell: string } | null;
}
