/**
 * Top-level loads from start to commit. When one has not committed after the threshold it is "hung": the popup and
 * badge explain which phase is stuck. A load that commits after the threshold was "slow"; one that fails after a
 * long wait carries its timing. State is mirrored to storage.session so a stopped worker picks it up again.
 */
import type { LoadPhase, LoadTiming } from '../engine/failure';
import type { PendingLoad } from '../shared/storage-schema';

export type { PendingLoad };

export interface LoadDeps {
  now(): number;
  thresholdMs(): number;
  newId(): string;
  persist(loads: PendingLoad[]): void;
  /** Wake up at this time to check (a timer while the worker lives, an alarm in case it is stopped). */
  wakeAt(time: number): void;
  onHung(load: PendingLoad, timing: LoadTiming): void;
  onSlow(load: PendingLoad, timing: LoadTiming): void;
}

export class LoadTracker {
  private loads = new Map<number, PendingLoad>();
  /**
   * The last load of each tab that ended: committed, stopped or replaced. Firefox can report a document's request as
   * sent after that load ended (a tab opened with tabs.create: committed at 728 ms, headers sent at 881 ms; a load the
   * user stopped): adopted as a new load, it became a false hung record 10 s later.
   */
  private lastEnded = new Map<number, { url: string; time: number }>();

  constructor(private readonly deps: LoadDeps) {}

  /** Adds what a previous worker stored (the loads this one tracks already win). */
  restore(stored: readonly PendingLoad[]): void {
    for (const v of stored) if (!this.loads.has(v.tabId)) this.loads.set(v.tabId, { ...v });
  }

  started(tabId: number, url: string): void {
    this.lastEnded.delete(tabId);
    const start = this.deps.now();
    this.loads.set(tabId, { tabId, url, start, sentAt: null, responseAt: null, hungId: null });
    this.deps.wakeAt(start + this.deps.thresholdMs());
    this.save();
  }

  /**
   * A top-level load found under way without its start having been seen: a tab still loading when the worker starts
   * (install, a restored session, a cold wake-up whose first events were not delivered). Counted from now.
   */
  adopt(tabId: number, url: string): void {
    if (tabId < 0 || this.loads.has(tabId)) return; // prerenders and prefetches belong to no tab
    this.started(tabId, url);
  }

  /** webRequest.onSendHeaders of the main document (the request is on its way). */
  sent(tabId: number, url: string): void {
    if (!this.loads.has(tabId)) {
      // The request of a load that already ended (Firefox's order): that load is done.
      const done = this.lastEnded.get(tabId);
      if (done && done.url === url && this.deps.now() - done.time < this.deps.thresholdMs()) return;
      // Its start was not seen (the worker was starting): track it from here.
      this.adopt(tabId, url);
    }
    const load = this.loads.get(tabId);
    if (!load || load.sentAt !== null) return;
    load.url = url; // redirects change the URL
    load.sentAt = this.deps.now();
    this.save();
  }

  /** webRequest.onResponseStarted / onHeadersReceived of the main document. */
  responded(tabId: number): void {
    const load = this.loads.get(tabId);
    if (!load || load.responseAt !== null) return;
    load.responseAt = this.deps.now();
    this.save();
  }

  /** The document committed: done. Slow when it took longer than the threshold. */
  committed(tabId: number): void {
    const load = this.loads.get(tabId);
    if (!load) return;
    this.loads.delete(tabId);
    this.lastEnded.set(tabId, { url: load.url, time: this.deps.now() });
    this.save();
    const timing = this.timing(load, 'slow');
    if (load.hungId || timing.waitedMs >= this.deps.thresholdMs()) this.deps.onSlow(load, timing);
  }

  /** The load failed: its timing when it took long (and the hung record it replaces), else null. */
  failed(tabId: number): { timing: LoadTiming; hungId: string | null } | null {
    const load = this.loads.get(tabId);
    if (!load) return null;
    this.loads.delete(tabId);
    this.save();
    const timing = this.timing(load, 'failed');
    return load.hungId || timing.waitedMs >= this.deps.thresholdMs() ? { timing, hungId: load.hungId } : null;
  }

  /** A failure of this load was recorded (replayed from the journal): forget the load if it is still the one. */
  ended(tabId: number, url: string, failedAt: number): void {
    const load = this.loads.get(tabId);
    if (load && load.url === url && load.start <= failedAt) this.dropped(tabId, url);
  }

  /**
   * Stopped, replaced by another navigation, or failed: forget the tab's load (a hung record stays in history).
   * `url`: the navigation that ended, as its event names it. Not always the load tracked: the navigation that
   * replaced it may have started already, and its request is still to be taken up when it is sent.
   */
  dropped(tabId: number, url?: string): void {
    const ended = url ?? this.loads.get(tabId)?.url;
    if (ended !== undefined) this.lastEnded.set(tabId, { url: ended, time: this.deps.now() });
    if (this.loads.delete(tabId)) this.save();
  }

  /** The tab closed: nothing of it is kept. */
  closed(tabId: number): void {
    this.lastEnded.delete(tabId);
    if (this.loads.delete(tabId)) this.save();
  }

  /** Reports every load past the threshold that was not reported yet. Safe to call any time. */
  check(): void {
    const now = this.deps.now();
    for (const load of this.loads.values()) {
      if (load.hungId || now - load.start < this.deps.thresholdMs()) continue;
      load.hungId = this.deps.newId();
      this.save();
      this.deps.onHung(load, this.timing(load, 'hung'));
    }
  }

  pending(tabId: number): PendingLoad | null {
    return this.loads.get(tabId) ?? null;
  }

  private timing(load: PendingLoad, state: LoadTiming['state']): LoadTiming {
    const now = this.deps.now();
    const phase: LoadPhase = load.responseAt !== null ? 'receiving' : load.sentAt !== null ? 'sent' : 'starting';
    const since = load.responseAt ?? load.sentAt ?? load.start;
    // For a finished load the phase that took the time is the longest one.
    if (state !== 'hung') {
      const parts: [LoadPhase, number][] = [
        ['starting', (load.sentAt ?? now) - load.start],
        ['sent', load.sentAt === null ? 0 : (load.responseAt ?? now) - load.sentAt],
        ['receiving', load.responseAt === null ? 0 : now - load.responseAt],
      ];
      const [longest, ms] = parts.reduce((a, b) => (b[1] > a[1] ? b : a));
      return { state, phase: longest, waitedMs: now - load.start, phaseMs: ms };
    }
    return { state, phase, waitedMs: now - load.start, phaseMs: now - since };
  }

  private save(): void {
    this.deps.persist([...this.loads.values()]);
  }
}
