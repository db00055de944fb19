/**
 * Capture: turns browser events into failures. One failure per navigation although webRequest and webNavigation
 * both report it: the first event acts, the second only adds what the first lacked. Aborts are not failures.
 * Browser-agnostic: the wiring in index.ts passes plain event details in.
 */
import { takeoverFor } from '../engine/errors/table';
import { normalizeError } from '../engine/errors/normalize';
import type { CorsExchange } from '../engine/cors';
import type { Failure } from '../engine/failure';
import { pickHopHeaders } from '../engine/hop';
import { similarHosts } from '../engine/similar';
import { analyzeUrl } from '../engine/url';
import type { Settings } from '../shared/settings';
import { KnownPages } from './known-pages';
import type { NeighbourhoodTracker } from './neighbourhood';

export interface ErrorDetails {
  requestId?: string;
  method?: string;
  tabId: number;
  url: string;
  error?: string;
  frameId: number;
  type?: string;
  timeStamp?: number;
  initiator?: string;
  documentUrl?: string;
  originUrl?: string;
  /** The document that made the request (Chromium). */
  documentId?: string;
}

export interface CompletedDetails {
  tabId: number;
  url: string;
  frameId: number;
  type: string;
  statusCode: number;
  ip?: string;
  timeStamp?: number;
  responseHeaders?: { name: string; value?: string }[];
  initiator?: string;
  documentUrl?: string;
  originUrl?: string;
}

export interface CaptureDeps {
  /** This extension's own origin (`chrome-extension://<id>/`): its own requests are not the user's failures. */
  ownOrigin: string;
  now(): number;
  online(): boolean | null;
  settings(): Settings;
  /** The neighbourhood of normal tabs (mirrored to storage.session). */
  neighbourhood: NeighbourhoodTracker;
  /**
   * Incognito: tabs known to be normal, and the in-memory neighbourhood (never persisted, never read for normal
   * tabs) that every other tab's events feed: incognito tabs, tabs not known yet, requests outside tabs. Without
   * it every tab counts as normal.
   */
  incognito?: { isNormal(tabId: number): boolean; neighbourhood: NeighbourhoodTracker };
  /** Hosts of top-level pages loaded in normal tabs: the typo candidates (in memory when not given). */
  knownPages?: KnownPages;
  newId(): string;
  /** What a failed cross-origin request said about CORS (see cors-tracker.ts), if it was one. */
  corsOf?(d: ErrorDetails): CorsExchange | undefined;
  /** Send the tab to the explanation page. Called synchronously from the event: nothing awaited before it. */
  takeover(failure: Failure): void;
  /**
   * A top-level failure to record (and to show in the popup for its tab). `pageComing`: this very event sent the tab
   * to the explanation page (takeover was just called), so the page's load is under way.
   */
  recordTop(failure: Failure, pageComing: boolean): void;
  /** A failed request of a page; `documentId`: the top document that made it, where the browser says. */
  recordSub(failure: Failure, pageUrl: string | null, documentId?: string): void;
  /**
   * The browser's error page, or the site's own HTTP error page, of a recorded failure committed (commits reset tab
   * badges; the site's page may get the overlay). `documentId` names that document where the browser says.
   */
  failedPageShown(failure: Failure, documentId?: string): void;
  /** A top-level document loaded fine in this tab (`documentId` names it where the browser says). */
  topLoaded(tabId: number, url: string, documentId?: string): void;
  /** The failure would loop back into an explanation page it came from (Back). */
  isReturnToExplained(tabId: number, url: string): boolean;
  /** Step the tab back past the failed entry. */
  goBack(tabId: number): void;
}

interface NavRecord {
  url: string;
  time: number;
  failure: Failure;
  tookOver: boolean;
}

/** Events for the same tab and URL within this window belong to one navigation. */
const SAME_NAV_MS = 5000;
/**
 * A site's own 4xx/5xx page commits (and completes) after its status arrived, and on a loaded machine much later:
 * 100 tabs answered at once committed up to 8 s after their headers. Its record lasts until the tab navigates again
 * (onBeforeNavigate ends it), within this bound, so the late commit still gets its card and the late onCompleted is
 * not a second failure.
 */
const HTTP_PAGE_MS = 60_000;

/** Whether an event for `url` at `now` belongs to the navigation `nav` records. */
function sameNav(nav: NavRecord | undefined, url: string, now: number): nav is NavRecord {
  if (!nav || nav.url !== url) return false;
  const sitePage = nav.failure.error === null && nav.failure.httpStatus !== null;
  return now - nav.time < (sitePage ? HTTP_PAGE_MS : SAME_NAV_MS);
}

const header = (d: CompletedDetails, name: string) =>
  d.responseHeaders?.find((h) => h.name.toLowerCase() === name)?.value;

/** What an HTTP error answer says: its status, address, Retry-After and who answered (never other headers). */
interface HttpAnswer {
  status: number;
  ip: string | null;
  retryAfter: string | null;
  hopHeaders?: Record<string, string>;
}

function httpOf(d: CompletedDetails, ip: string | null): HttpAnswer {
  const hopHeaders = pickHopHeaders(d.responseHeaders);
  return {
    status: d.statusCode,
    ip,
    retryAfter: header(d, 'retry-after') ?? null,
    ...(hopHeaders ? { hopHeaders } : {}),
  };
}

const webUrl = (url: string) => /^https?:\/\//i.test(url);

/** Stops, downloads, replaced navigations: cancelled loads are not failures, in any browser's words. */
const isAbort = (raw: string | undefined) => !!raw && normalizeError(raw).category === 'aborted';

export class Capture {
  private navs = new Map<number, NavRecord>();
  /**
   * The last document each tab committed without a known failure. Firefox can deliver the commit (and the tab's
   * completion) before webRequest says the document was a 5xx: the status then finds its document here.
   */
  private commits = new Map<number, { url: string; time: number; documentId?: string }>();
  /** The last web page each tab showed: a typo is often one edit away from it. */
  private lastPage = new Map<number, string>();

  private readonly knownPages: KnownPages;

  constructor(private readonly deps: CaptureDeps) {
    this.knownPages = deps.knownPages ?? new KnownPages(() => undefined);
  }

  private normal(tabId: number): boolean {
    return this.deps.incognito ? this.deps.incognito.isNormal(tabId) : true;
  }

  /** The neighbourhood this tab's events feed and its failures read: never a normal one for an incognito tab. */
  private neighbourhood(tabId: number): NeighbourhoodTracker {
    return this.normal(tabId) ? this.deps.neighbourhood : this.deps.incognito!.neighbourhood;
  }

  /** webRequest.onErrorOccurred: documents and subresources. */
  onRequestError(d: ErrorDetails): void {
    if (!webUrl(d.url) || isAbort(d.error) || this.ignored(d.url) || this.ours(d)) return;
    if (d.type === 'main_frame') this.topFailure(d.tabId, d.url, d.error ?? '', null);
    else this.subFailure(d);
  }

  /** webNavigation.onErrorOccurred: the top frame only. */
  onNavigationError(d: ErrorDetails): void {
    if (d.frameId !== 0 || !webUrl(d.url) || isAbort(d.error) || this.ignored(d.url)) return;
    this.topFailure(d.tabId, d.url, d.error ?? '', null);
  }

  /** webRequest.onCompleted: HTTP errors of documents; successes for the neighbourhood. */
  onCompleted(d: CompletedDetails): void {
    if (!webUrl(d.url) || this.ours(d)) return;
    const now = this.deps.now();
    const neighbourhood = this.neighbourhood(d.tabId);
    if (d.type === 'main_frame') neighbourhood.serverDate(header(d, 'date'), now);
    if (d.statusCode < 400) {
      neighbourhood.success(d.url, now);
      return;
    }
    if (this.ignored(d.url)) return;
    if (d.type === 'main_frame') {
      this.topFailure(d.tabId, d.url, null, httpOf(d, d.ip ?? null));
    } else if (d.statusCode >= 500) {
      this.subFailure({ ...d, error: undefined }, d.statusCode);
    }
  }

  /**
   * webRequest.onHeadersReceived of the main document: an HTTP error status is known before the page commits (its
   * onCompleted may come after the commit), so the commit can carry the overlay.
   */
  onHeaders(d: CompletedDetails): void {
    if (d.type !== 'main_frame' || d.statusCode < 400 || !webUrl(d.url) || this.ignored(d.url)) return;
    this.topFailure(d.tabId, d.url, null, httpOf(d, null));
  }

  /** webNavigation.onBeforeNavigate for frame 0: a new web navigation starts, earlier reports are done. */
  onBeforeNavigate(d: { tabId: number; frameId: number; url: string }): void {
    if (d.frameId !== 0) return;
    this.commits.delete(d.tabId);
    if (webUrl(d.url)) this.navs.delete(d.tabId);
  }

  /** webNavigation.onCommitted for frame 0: a document that committed without an error event loaded. */
  onCommitted(d: { tabId: number; frameId: number; url: string; documentId?: string }): void {
    if (d.frameId !== 0 || !webUrl(d.url)) return;
    const nav = this.navs.get(d.tabId);
    if (sameNav(nav, d.url, this.deps.now())) {
      // The failed navigation committing its error page (or the site's 4xx/5xx page).
      if (!nav.tookOver) this.deps.failedPageShown(nav.failure, d.documentId);
      return;
    }
    this.navs.delete(d.tabId);
    this.commits.set(d.tabId, {
      url: d.url,
      time: this.deps.now(),
      ...(d.documentId ? { documentId: d.documentId } : {}),
    });
    // Typo candidates: top-level pages of normal tabs only (never a subresource, never incognito).
    if (this.normal(d.tabId)) {
      this.lastPage.set(d.tabId, d.url);
      this.knownPages.loaded(d.url, this.deps.now());
    }
    this.deps.topLoaded(d.tabId, d.url, d.documentId);
  }

  /**
   * tabs.onUpdated reported a finished load. The browser's own error page commits without a webNavigation event,
   * and each commit resets the tab's badge: mark the tab again once it is shown.
   */
  onTabComplete(tabId: number, url: string | undefined): void {
    const nav = this.navs.get(tabId);
    if (nav && !nav.tookOver && (url === undefined || url === nav.url)) this.deps.failedPageShown(nav.failure);
  }

  tabClosed(tabId: number): void {
    this.navs.delete(tabId);
    this.commits.delete(tabId);
    this.lastPage.delete(tabId);
  }

  private topFailure(tabId: number, url: string, error: string | null, http: HttpAnswer | null): void {
    const now = this.deps.now();
    const nav = this.navs.get(tabId);
    if (sameNav(nav, url, now)) {
      // The second report of the same navigation: only complete what was missing.
      if (http?.ip && !nav.failure.ip) nav.failure.ip = http.ip;
      if (http?.hopHeaders && !nav.failure.hopHeaders) nav.failure.hopHeaders = http.hopHeaders;
      if (error && !nav.failure.error) {
        nav.failure.error = error;
        this.deps.recordTop(nav.failure, this.maybeTakeover(nav));
      }
      return;
    }
    const failure: Failure = {
      id: this.deps.newId(),
      time: now,
      firstTime: now,
      count: 1,
      url,
      tabId,
      resourceType: 'main_frame',
      error,
      httpStatus: http?.status ?? null,
      ip: http?.ip ?? null,
      retryAfter: http?.retryAfter ?? null,
      online: this.deps.online(),
      context: this.neighbourhood(tabId).snapshot(url, now),
      probes: {},
      ...(http?.hopHeaders ? { hopHeaders: http.hopHeaders } : {}),
    };
    if (error && normalizeError(error).category === 'dns') failure.context.similarHosts = this.similar(tabId, url);
    const record: NavRecord = { url, time: now, failure, tookOver: false };
    this.navs.set(tabId, record);
    const pageComing = this.maybeTakeover(record);
    this.neighbourhood(tabId).failure(url, error ? normalizeError(error).code : `HTTP_${http?.status}`, now);
    this.deps.recordTop(failure, pageComing);
    // The site's error page already committed (Firefox's order): show the card on that very document now.
    const committed = this.commits.get(tabId);
    if (http && !record.tookOver && committed && committed.url === url && now - committed.time < SAME_NAV_MS) {
      this.commits.delete(tabId);
      this.deps.failedPageShown(failure, committed.documentId);
    }
  }

  /** Sends the tab to the explanation page when this failure calls for it; true when it did so now. */
  private maybeTakeover(nav: NavRecord): boolean {
    const { failure } = nav;
    if (nav.tookOver || !failure.error || failure.tabId < 0) return false;
    if (!this.deps.settings().takeover) return false;
    if (!takeoverFor(normalizeError(failure.error))) return false;
    nav.tookOver = true;
    if (this.deps.isReturnToExplained(failure.tabId, failure.url)) {
      this.deps.goBack(failure.tabId);
      return false;
    }
    this.deps.takeover(failure);
    return true;
  }

  private subFailure(d: ErrorDetails, status: number | null = null): void {
    // When the browser saw it (a worker behind a storm handles events seconds later): what "Delete all" compares.
    const now = validTime(d.timeStamp, this.deps.now());
    const failure: Failure = {
      id: this.deps.newId(),
      time: now,
      firstTime: now,
      count: 1,
      url: d.url,
      tabId: d.tabId,
      resourceType: d.type ?? 'other',
      error: d.error ?? null,
      httpStatus: status,
      ip: null,
      retryAfter: null,
      online: this.deps.online(),
      context: { recentSuccesses: [], recentFailures: [], hostLastSuccess: null },
      probes: {},
    };
    const cors = d.error ? this.deps.corsOf?.(d) : undefined;
    if (cors) failure.cors = cors;
    this.neighbourhood(d.tabId).failure(d.url, d.error ? normalizeError(d.error).code : `HTTP_${status}`, now);
    this.deps.recordSub(failure, d.documentUrl ?? d.initiator ?? null, d.frameId === 0 ? d.documentId : undefined);
  }

  /** Typo candidates: top-level pages loaded in normal tabs in this session, and the tab's previous page. */
  private similar(tabId: number, url: string): string[] {
    const host = analyzeUrl(url).host;
    const previous = this.lastPage.get(tabId);
    const candidates = [...this.knownPages.list()].reverse(); // newest first
    if (previous) candidates.unshift(analyzeUrl(previous).host);
    return similarHosts(host, candidates);
  }

  /** Requests the extension itself made (probes, watch mode): never the user's failures or successes. */
  private ours(d: { type?: string; initiator?: string; documentUrl?: string; originUrl?: string }): boolean {
    if (d.type === 'main_frame') return false; // Retry from the explanation page is the user's navigation
    const from = d.initiator ?? d.originUrl ?? d.documentUrl ?? '';
    return from.startsWith(this.deps.ownOrigin.replace(/\/$/, ''));
  }

  private ignored(url: string): boolean {
    const hosts = this.deps.settings().ignoredHosts;
    if (hosts.length === 0) return false;
    try {
      const host = new URL(url).hostname;
      return hosts.some((h) => host === h || host.endsWith(`.${h}`));
    } catch {
      return false;
    }
  }
}

/** An event's own time when it is one (ms since the epoch, not in the future), else the worker's clock. */
function validTime(timeStamp: number | undefined, now: number): number {
  return typeof timeStamp === 'number' && Number.isFinite(timeStamp) && timeStamp > 0 && timeStamp <= now
    ? Math.floor(timeStamp)
    : now;
}
