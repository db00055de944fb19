/**
 * The typed messages between the extension's pages and the worker: one map of request and reply types. Pure types;
 * the sending and listening is src/platform/messages.ts.
 */
import type { Failure } from '../engine/failure';
import type { CauseSummary, Diagnosis, Verdict } from '../engine/types';
import type { Settings } from './settings';
import type { HistoryEntry, TabState } from './types';

export type ReportFormat = 'markdown' | 'text' | 'json';

/** What the explanation page's address says about its failure (untrusted: the worker checks it with toFailure). */
export interface FailureAddress {
  url: string;
  error: string | null;
  status: number | null;
  type: string;
  tabId: number;
}

/** A failure as the pages show it: the failure, the worker's diagnosis of it, and its history entry's summary. */
export interface DiagnosisView {
  failure: Failure;
  diagnosis: Diagnosis;
  entry: HistoryEntry;
}

export interface RuleTest {
  text: string;
  sampleUrl: string;
  sampleError: string;
}

export interface RuleTestResult {
  /** Problems of the rules as written (the editor lists them). */
  errors: string[];
  /** Valid rules. */
  count: number;
  /** What the rules (before the built-in ones) say about the sample, or null when the sample is not a failure. */
  sample: { cause: CauseSummary; verdict: Verdict } | null;
}

export interface Protocol {
  /**
   * A failure and its diagnosis, made by the worker (the pages carry no engine): by id, with the evidence the worker
   * gathered; when the worker no longer knows the id, from `address` (what the explanation page's URL says).
   */
  'diagnosis:get': { req: { id: string; address?: FailureAddress }; res: DiagnosisView | null };
  /** The report of a failure, for the clipboard (built by the worker: redaction and support contact applied). */
  'report:get': { req: { id: string; format: ReportFormat; address?: FailureAddress }; res: string | null };
  /** The options page's rule editor: are these rules valid, and what do they say about a sample failure? */
  'rules:test': { req: RuleTest; res: RuleTestResult };
  /**
   * The user's custom rules as they wrote them, read and saved by the worker (the page imports no storage: its reads
   * repair what they find, with the engine).
   */
  'rules:get': { req: Record<string, never>; res: string };
  'rules:set': { req: { text: string }; res: boolean };
  'history:list': { req: Record<string, never>; res: HistoryEntry[] };
  'history:delete': { req: { id: string }; res: boolean };
  /** `upTo`: when the user asked (what the browser saw until then is cleared, even what the worker meets later). */
  'history:clear': { req: { upTo?: number }; res: boolean };
  /** Why the history could not be saved (storage.local refused the last write), or null. */
  'history:status': { req: Record<string, never>; res: { problem: string | null } };
  'tab:state': { req: { tabId: number }; res: TabState | null };
  /** The explanation page is about to navigate its tab to the failed URL again: a new failure is not a Back. */
  'retry:intent': { req: { tabId: number; url: string }; res: boolean };
  'settings:get': { req: Record<string, never>; res: Settings };
  'settings:set': { req: Partial<Settings>; res: Settings };
  /** What the administrator's policy says: locked settings, a support contact, problems with custom rules. */
  'policy:get': {
    req: Record<string, never>;
    res: { locked: string[]; supportContact: string | null; ruleProblems: string[] };
  };
}

export type MessageType = keyof Protocol;
