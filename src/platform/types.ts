import type { Verdict } from '../engine/errors/types';
import type { Failure } from '../engine/failure';

/** A history entry: the failure plus the summary the popup filters and the tests look for. */
export interface HistoryEntry extends Failure {
  host: string;
  code: string;
  category: string;
  verdict: Verdict;
  cause: string;
  /** The cause's short title, so the list renders without diagnosing every entry. */
  title: string;
  local: boolean;
}

/** What the popup shows for one tab. */
export interface TabState {
  tabId: number;
  /** The top-level failure of the tab's current navigation, if any. */
  failureId: string | null;
  /** Failed requests of the page, grouped by host and code. */
  subresources: { host: string; code: string; count: number }[];
}
