/** What netwhy shows inside web pages: the overlay card on a site's own error page, and the developer banner. */
import { bannerLine } from '../engine/banner';
import { diagnose } from '../engine/diagnose';
import type { Failure } from '../engine/failure';
import type { Rule } from '../engine/types';
import { verdictLabel } from '../engine/words';
import type { Settings } from '../platform/settings';
import type { ContentMessage, TabState } from '../platform/types';

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
  /** Per tab: the banner's pending update and the last failed request (for its Details link). */
  private banners = new Map<number, { timer: ReturnType<typeof setTimeout> | null; last: Failure; page: string | null }>();

  constructor(private readonly deps: InPageDeps) {}

  /** The overlay card on a site's own 4xx/5xx page, as the settings say. */
  async overlay(failure: Failure, documentId?: string): Promise<void> {
    const status = failure.httpStatus;
    if (!status || failure.error || this.overlaid.has(failure.id)) return;
    const s = this.deps.settings();
    if (!(status >= 500 ? s.overlay5xx : status >= 400 && s.overlay4xx)) return;
    this.overlaid.add(failure.id);
    const d = diagnose(failure, this.deps.rules());
    await this.deps.deliver(failure.tabId, {
      netwhy: 1,
      kind: 'overlay',
      data: {
        code: d.error.code, httpStatus: status, verdict: d.verdict, cause: d.cause.id, local: d.local, url: failure.url,
        title: d.cause.title, summary: d.cause.summary, verdictLabel: verdictLabel(d.verdict, d.local),
      },
    }, documentId);
  }

  /** A request of the page failed: update the banner a moment after the burst, not once per request. */
  requestFailed(failure: Failure, pageUrl: string | null): void {
    const entry = this.banners.get(failure.tabId) ?? { timer: null, last: failure, page: pageUrl };
    entry.last = failure;
    entry.page = pageUrl ?? entry.page;
    this.banners.set(failure.tabId, entry);
    if (entry.timer) return;
    entry.timer = setTimeout(() => {
      entry.timer = null;
      const state = this.deps.tabState(failure.tabId);
      if (!state || state.subresources.length === 0) return;
      const groups = [...state.subresources].sort((a, b) => b.count - a.count);
      const first = diagnose(entry.last, this.deps.rules());
      void this.deps.deliver(failure.tabId, {
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
      });
    }, BANNER_DELAY_MS);
  }

  lastFailedRequest(tabId: number): Failure | undefined {
    return this.banners.get(tabId)?.last;
  }

  /** A new page in the tab: its banner starts over. */
  pageLoaded(tabId: number): void {
    this.banners.delete(tabId);
  }
}
