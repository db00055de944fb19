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
  /** Failed requests of the page, grouped by host, code and (for CORS) why. */
  subresources: { host: string; code: string; count: number; reason?: string }[];
}

/** What the worker sends the page script to show on top of a site's own error page. */
export interface OverlayData {
  code: string;
  httpStatus: number | null;
  verdict: Verdict;
  cause: string;
  local: boolean;
  url: string;
  title: string;
  summary: string;
  verdictLabel: string;
}

/** The developer banner for a page whose own requests fail. */
export interface BannerData {
  url: string;
  total: number;
  /** The first group's code and the verdict the worst group points to. */
  code: string;
  verdict: Verdict;
  local: boolean;
  lines: string[];
}

/** Worker → page script. */
export type ContentMessage =
  { netwhy: 1; kind: 'overlay'; data: OverlayData } | { netwhy: 1; kind: 'banner'; data: BannerData };

/** Page script → worker: the only thing a page script may ask. */
export interface ContentRequest {
  netwhy: 1;
  kind: 'content:open';
  what: 'overlay' | 'banner';
}
