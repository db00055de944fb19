/** What netwhy shows inside web pages: the overlay card on a site's own error page, and the developer banner. */
import { bannerLine } from '../engine/banner';
import { diagnose } from '../engine/diagnose';
import type { Failure } from '../engine/failure';
import type { Rule } from '../engine/types';
import { verdictLabel } from '../engine/words';
import type { Settings } from '../shared/settings';
import type { ContentMessage, TabState } from '../shared/types';

export interface InPageDeps {
  settings(): Settings;
  rules(): readonly Rule[];
  tabState(tabId: number): TabState | null;
  deliver(tabId: number, message: ContentMessage, documentId?: string): Promise<boolean>;
}

const BANNER_DELAY_MS = 300;

export class InPageNotices {
  /** Failures whose page already got its overlay: one per page load. */
  private overlaid = new Set<string>();
  /**
   * Per tab: the banner's pending update, the last failed request (for its Details link), and the document it is
   * for: delivered to that exact document only, never to the next page of the tab.
   */
  private banners = new Map<
    number,
    { timer: ReturnType<typeof setTimeout> | null; last: Failure; page: string | null; documentId?: string }
  >();
  /** Per tab: the top document that committed last (where the browser names documents). */
  private documents = new Map<number, string>();

  constructor(private readonly deps: InPageDeps) {}

  /** The overlay card on a site's own 4xx/5xx page, as the settings say. */
  async overlay(failure: Failure, documentId?: string): Promise<void> {
    const status = failure.httpStatus;
    if (!status || failure.error || this.overlaid.has(failure.id)) return;
    const s = this.deps.settings();
    if (!(status >= 500 ? s.overlay5xx : status >= 400 && s.overlay4xx)) return;
    this.overlaid.add(failure.id);
    const d = diagnose(failure, this.deps.rules());
    await this.deps.deliver(
      failure.tabId,
      {
        netwhy: 1,
        kind: 'overlay',
        data: {
          code: d.error.code,
          httpStatus: status,
          verdict: d.verdict,
          cause: d.cause.id,
          local: d.local,
          url: failure.url,
          title: d.cause.title,
          summary: d.cause.summary,
          verdictLabel: verdictLabel(d.verdict, d.local),
        },
      },
      documentId,
    );
  }

  /**
   * A request of the page failed: update the banner a moment after the burst, not once per request. `documentId`:
   * the document that made the request, where the browser says (top-frame requests in Chromium).
   */
  requestFailed(failure: Failure, pageUrl: string | null, documentId?: string): void {
    const doc = documentId ?? this.documents.get(failure.tabId);
    let entry = this.banners.get(failure.tabId);
    if (entry && doc && entry.documentId !== doc) {
      this.cancel(failure.tabId);
      entry = undefined;
    }
    entry ??= { timer: null, last: failure, page: pageUrl, documentId: doc };
    entry.last = failure;
    entry.page = pageUrl ?? entry.page;
    this.banners.set(failure.tabId, entry);
    if (entry.timer) return;
    const pending = entry;
    entry.timer = setTimeout(() => {
      const entry = pending;
      entry.timer = null;
      if (this.banners.get(failure.tabId) !== entry) return; // the page changed meanwhile
      const state = this.deps.tabState(failure.tabId);
      if (!state || state.subresources.length === 0) return;
      const groups = [...state.subresources].sort((a, b) => b.count - a.count);
      const first = diagnose(entry.last, this.deps.rules());
      void this.deps.deliver(
        failure.tabId,
        {
          netwhy: 1,
          kind: 'banner',
          data: {
            url: entry.page ?? '',
            total: groups.reduce((n, g) => n + g.count, 0),
            code: groups[0]!.code,
            verdict: first.verdict,
            local: first.local,
            lines: groups.map(bannerLine),
          },
        },
        entry.documentId,
      );
    }, BANNER_DELAY_MS);
  }

  lastFailedRequest(tabId: number): Failure | undefined {
    return this.banners.get(tabId)?.last;
  }

  /** A new page in the tab: its banner starts over, and a pending one for the previous page is never sent. */
  pageLoaded(tabId: number, documentId?: string): void {
    // A request of the new document may have been reported before its commit: that banner is the new page's.
    if (!documentId || this.banners.get(tabId)?.documentId !== documentId) this.cancel(tabId);
    if (documentId) this.documents.set(tabId, documentId);
    else this.documents.delete(tabId);
  }

  closed(tabId: number): void {
    this.cancel(tabId);
    this.documents.delete(tabId);
  }

  private cancel(tabId: number): void {
    const entry = this.banners.get(tabId);
    if (entry?.timer) clearTimeout(entry.timer);
    this.banners.delete(tabId);
  }
}
