/**
 * Times one navigation of a tab on the browser's own monotonic clock, from DevTools protocol events of the tab's
 * page target (the target stays when the tab switches process, e.g. web page → extension page).
 *
 * - start (0): `Network.requestWillBeSent` of the navigation's document request — the browser process, when it
 *   starts the navigation's request (after the old page's beforeunload, before any network I/O).
 * - failed: `Network.loadingFailed` of that request (the network error reached the browser).
 * - redirect: `Network.requestWillBeSent` of a second document request in the same tab (an extension's tabs.update).
 * - commit: lifecycle `init` of the final document (it committed in its renderer).
 * - paint: lifecycle `firstContentfulPaint` of the final document (its presentation time): "rendered".
 * - marks: when each `selector` (×`count`) first matched in the final document, seen by a MutationObserver that
 *   a new-document script installs in matching pages; and, with `messages`, when each runtime.sendMessage of the
 *   page started and was answered (the script wraps chrome.runtime.sendMessage). Page times are moved onto the same
 *   clock through the paint: the page's `first-contentful-paint` PerformanceEntry and the lifecycle event are the
 *   same instant.
 * All of these are `base::TimeTicks` (CLOCK_MONOTONIC on Linux), shared by every Chromium process. Times are in ms
 * after start.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

export interface Mark {
  name: string;
  /** Applies to documents whose URL contains this. */
  urlPart: string;
  selector: string;
  count: number;
}

export interface PageMessage {
  type: string;
  start: number;
  end: number | null;
}

export interface NavTiming {
  url: string;
  finalUrl: string;
  /** Epoch ms (the browser's wall clock) of start: to compare with extension API `timeStamp`s. */
  startWall: number;
  failed: number | null;
  redirect: number | null;
  commit: number | null;
  paint: number | null;
  /** Mark name → ms after start (null: never matched, or no paint to bridge through). */
  marks: Record<string, number | null>;
  /** DOMContentLoaded of the final document, ms after start. */
  domContentLoaded: number | null;
  /** The page's runtime messages to the worker (with `messages`), ms after start. */
  messages: PageMessage[];
  /** The browser's error page painted first (before the final document): when. */
  errorPagePaint: number | null;
  /** The final page's own User Timing marks named `netwhy:*` (without the prefix), ms after start (with `marks`). */
  pageMarks: Record<string, number>;
  /** The final document's response end (its HTML received), ms after start (with `marks`). */
  responseEnd: number | null;
  /** With `selector`: whether it matched in the final document once every mark was in (else null). */
  matched: boolean | null;
}

interface Doc {
  loaderId: string;
  url: string;
  requested: number | null;
  requestedWall: number | null;
  failed: number | null;
  committedUrl: string | null;
  init: number | null;
  fcp: number | null;
}

const GLOBAL = '__netwhyBench';

function pageScript(marks: Mark[], messages: boolean): string {
  return `(() => {
  const marks = ${JSON.stringify(marks)}.filter((m) => location.href.includes(m.urlPart));
  if (!marks.length) return;
  const state = (window.${GLOBAL} = { marks: {}, messages: [] });
  const check = () => {
    let open = 0;
    for (const m of marks) {
      if (state.marks[m.name] !== undefined) continue;
      if (document.querySelectorAll(m.selector).length >= m.count) state.marks[m.name] = performance.now();
      else open++;
    }
    if (!open) obs.disconnect();
  };
  const obs = new MutationObserver(check);
  obs.observe(document, { subtree: true, childList: true, attributes: true });
  const rt = ${messages} && globalThis.chrome && chrome.runtime;
  if (rt && rt.sendMessage) {
    const send = rt.sendMessage.bind(rt);
    rt.sendMessage = (...args) => {
      const rec = { type: String((args[0] && args[0].type) || '?'), start: performance.now(), end: null };
      state.messages.push(rec);
      const done = () => { if (rec.end === null) rec.end = performance.now(); };
      const cb = args[args.length - 1];
      if (typeof cb === 'function') args[args.length - 1] = (...a) => { done(); return cb(...a); };
      const r = send(...args);
      if (r && typeof r.then === 'function') r.then(done, done);
      return r;
    };
  }
})();`;
}

export class TabTimer {
  private docs = new Map<string, Doc>();
  private order: string[] = [];
  private waiters = new Set<() => void>();
  private mainFrameId = '';

  private constructor(
    readonly page: Page,
    private readonly session: CDPSession,
  ) {}

  static async attach(
    context: BrowserContext,
    page: Page,
    opts: { marks?: Mark[]; messages?: boolean } = {},
  ): Promise<TabTimer> {
    const session = await context.newCDPSession(page);
    const t = new TabTimer(page, session);
    const doc = (loaderId: string): Doc => {
      let d = t.docs.get(loaderId);
      if (!d) {
        d = {
          loaderId,
          url: '',
          requested: null,
          requestedWall: null,
          failed: null,
          committedUrl: null,
          init: null,
          fcp: null,
        };
        t.docs.set(loaderId, d);
      }
      return d;
    };
    const wake = () => {
      for (const w of t.waiters) w();
    };
    session.on('Network.requestWillBeSent', (e) => {
      if (
        e.type !== 'Document' ||
        e.requestId !== e.loaderId ||
        (e.frameId && t.mainFrameId && e.frameId !== t.mainFrameId)
      )
        return;
      const d = doc(e.loaderId);
      if (d.requested !== null) return; // a redirect of the same navigation
      d.url = e.request.url;
      d.requested = e.timestamp * 1000;
      d.requestedWall = e.wallTime * 1000;
      t.order.push(e.loaderId);
      wake();
    });
    session.on('Network.loadingFailed', (e) => {
      const d = t.docs.get(e.requestId);
      if (d && d.failed === null) d.failed = e.timestamp * 1000;
    });
    session.on('Page.frameNavigated', (e) => {
      if (e.frame.parentId) return;
      doc(e.frame.loaderId).committedUrl = e.frame.url + (e.frame.urlFragment ?? ''); // CDP keeps the fragment apart
      wake();
    });
    session.on('Page.lifecycleEvent', (e) => {
      if (t.mainFrameId && e.frameId !== t.mainFrameId) return;
      const d = doc(e.loaderId);
      if (e.name === 'init' && d.init === null) d.init = e.timestamp * 1000;
      if (e.name === 'firstContentfulPaint' && d.fcp === null) d.fcp = e.timestamp * 1000;
      wake();
    });
    await session.send('Network.enable');
    await session.send('Page.enable');
    await session.send('Page.setLifecycleEventsEnabled', { enabled: true });
    if (opts.marks?.length)
      await session.send('Page.addScriptToEvaluateOnNewDocument', {
        source: pageScript(opts.marks, opts.messages ?? false),
      });
    const tree = await session.send('Page.getFrameTree');
    t.mainFrameId = tree.frameTree.frame.id;
    return t;
  }

  /**
   * Navigates the tab to `url` (browser-initiated, like typing it) and waits until a document whose committed URL
   * passes `isFinal` has painted. With `marks`, waits for every mark of that document and reads them; with
   * `pageMarks`, for the page's own User Timing marks of those names (`netwhy:<name>`), which need no script added to
   * the page: the latency bench measures that way (see bench/latency.ts).
   */
  async navigate(
    url: string,
    isFinal: (committedUrl: string) => boolean,
    opts: { marks?: string[]; pageMarks?: string[]; selector?: string; timeoutMs?: number } = {},
  ): Promise<NavTiming> {
    this.docs.clear();
    this.order = [];
    const timeoutMs = opts.timeoutMs ?? 15_000;
    const finalDoc = (): Doc | undefined =>
      [...this.docs.values()].find((d) => d.committedUrl !== null && isFinal(d.committedUrl) && d.fcp !== null);
    const done = new Promise<Doc>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(
            `no painted final document within ${timeoutMs} ms for ${url}: ${JSON.stringify([...this.docs.values()])}`,
          ),
        );
      }, timeoutMs);
      const check = (): void => {
        const d = finalDoc();
        if (!d) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(d);
      };
      this.waiters.add(check);
    });
    // Page.navigate answers when the navigation commits or fails; the takeover may replace it: never wait on it.
    this.session.send('Page.navigate', { url }).catch(() => undefined);
    const final = await done;
    const first = this.docs.get(this.order[0] ?? '');
    if (!first || first.requested === null) throw new Error(`no document request seen for ${url}`);
    const t0 = first.requested;
    const rel = (v: number | null) => (v === null ? null : v - t0);
    const second = this.order[1] ? this.docs.get(this.order[1]) : undefined;
    const errorPage = [...this.docs.values()].find((d) => d.committedUrl?.startsWith('chrome-error://') && d !== final);

    const marks: Record<string, number | null> = {};
    let domContentLoaded: number | null = null;
    let messages: PageMessage[] = [];
    const pageMarks: Record<string, number> = {};
    let responseEnd: number | null = null;
    let matched: boolean | null = null;
    if (opts.marks?.length || opts.pageMarks?.length) {
      const want = opts.marks ?? [];
      const wantPage = opts.pageMarks ?? [];
      // The paint can come before a later mark (e.g. the page paints, then completes with the worker's answer).
      const read = () =>
        this.page.evaluate(
          ({ g, names, pageNames, selector }) => {
            const state = (
              window as unknown as Record<
                string,
                { marks: Record<string, number>; messages: PageMessage[] } | undefined
              >
            )[g];
            const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
            return {
              fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
              dcl: nav && nav.domContentLoadedEventEnd > 0 ? nav.domContentLoadedEventEnd : null,
              marks: state?.marks ?? {},
              messages: state?.messages ?? [],
              all:
                names.every((n) => state?.marks[n] !== undefined) &&
                pageNames.every((n) => performance.getEntriesByName(`netwhy:${n}`, 'mark').length > 0),
              pageMarks: performance
                .getEntriesByType('mark')
                .filter((m) => m.name.startsWith('netwhy:'))
                .map((m) => [m.name.slice('netwhy:'.length), m.startTime] as const),
              matched: selector ? document.querySelector(selector) !== null : null,
              responseEnd: nav && nav.responseEnd > 0 ? nav.responseEnd : null,
            };
          },
          { g: GLOBAL, names: want, pageNames: wantPage, selector: opts.selector ?? null },
        );
      let info = await read();
      const until = Date.now() + timeoutMs;
      while (!info.all && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        info = await read();
      }
      // Page time → ms after start, through the paint (the same instant on both clocks).
      const shift = info.fcp === null ? null : final.fcp! - t0 - info.fcp;
      const toStart = (v: number | null | undefined) =>
        v === null || v === undefined || shift === null ? null : v + shift;
      for (const n of want) marks[n] = toStart(info.marks[n]);
      domContentLoaded = toStart(info.dcl);
      messages = info.messages.map((m) => ({ type: m.type, start: toStart(m.start)!, end: toStart(m.end) }));
      for (const [name, at] of info.pageMarks) {
        const v = toStart(at);
        if (v !== null) pageMarks[name] = v;
      }
      responseEnd = toStart(info.responseEnd);
      matched = info.matched;
    }
    return {
      url,
      finalUrl: final.committedUrl!,
      startWall: first.requestedWall!,
      failed: rel(first.failed),
      redirect: second && second !== first ? rel(second.requested) : null,
      commit: rel(final.init),
      paint: rel(final.fcp),
      marks,
      domContentLoaded,
      messages,
      pageMarks,
      responseEnd,
      matched,
      errorPagePaint:
        errorPage && errorPage.fcp !== null && final.fcp !== null && errorPage.fcp < final.fcp
          ? rel(errorPage.fcp)
          : null,
    };
  }

  async detach(): Promise<void> {
    await this.session.detach().catch(() => undefined);
  }
}
