/**
 * A page's failing requests come in bursts of the same few (a dead API polled, a missing CDN): they are counted in
 * memory for a moment and recorded as one failure per tab, request and error, with the count. History folds them
 * the same way; counting first spares the worker a history entry, a diagnosis lookup and a promise chain per request.
 */
import type { Failure } from '../engine/failure';

export class RequestFailureBatch {
  private pending = new Map<string, Failure>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastFlush = -Infinity;

  constructor(
    private readonly record: (failure: Failure) => Promise<void> | void,
    private readonly waitMs = 50,
    /** While failures keep coming, they are recorded at most this often. */
    private readonly sustainedMs = 1000,
    private readonly now: () => number = Date.now,
    /** A failure counted into another (its id is replaced by the newer one's). */
    private readonly merged: (from: string, into: string) => void = () => undefined,
  ) {}

  add(failure: Failure): void {
    const key = `${failure.tabId}|${failure.resourceType}|${failure.error}|${failure.httpStatus}|${failure.url}`;
    const seen = this.pending.get(key);
    if (seen) {
      // The latest one's id and time, all of their counts, the earliest first time.
      this.merged(seen.id, failure.id);
      seen.id = failure.id;
      seen.time = failure.time;
      seen.count += failure.count;
      seen.firstTime = Math.min(seen.firstTime, failure.firstTime);
    } else {
      this.pending.set(key, { ...failure });
    }
    if (this.timer) return;
    const wait = Math.max(this.waitMs, this.lastFlush + this.sustainedMs - this.now());
    this.timer = setTimeout(() => void this.flush(), wait);
  }

  /** Records everything counted so far; resolves once it is recorded. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastFlush = this.now();
    const failures = [...this.pending.values()];
    this.pending.clear();
    await Promise.all(failures.map((failure) => this.record(failure)));
  }
}
