/**
 * The recent neighbourhood: which sites loaded fine and which failed in the last minutes. Kept in memory for the
 * hot path and mirrored to storage.session (throttled) so a restarted worker still remembers.
 */
import type { Neighbourhood } from '../engine/failure';
import type { NeighbourhoodState } from '../shared/storage-schema';
import { analyzeUrl, siteLabel } from '../engine/url';

export const WINDOW_MS = 10 * 60_000;
const MAX_FAILURES = 100;
const MAX_SUCCESS_HOSTS = 500;

export type { NeighbourhoodState };

const CLOCK_SAMPLES = 5;
const CLOCK_EVERY_MS = 10_000;

/** `host` for default ports, `host:port` otherwise: other ports of one machine are other servers. */
export function siteKey(url: string): string {
  // Failing requests repeat their URLs: parse each once.
  let key = siteKeys.get(url);
  if (key === undefined) {
    if (siteKeys.size >= 256) siteKeys.clear();
    key = parseSiteKey(url);
    siteKeys.set(url, key);
  }
  return key;
}
const siteKeys = new Map<string, string>();

function parseSiteKey(url: string): string {
  const u = analyzeUrl(url);
  return u.valid ? siteLabel(u) : '';
}

export class NeighbourhoodTracker {
  private successes = new Map<string, number>();
  private failures: { host: string; code: string; time: number }[] = [];
  private clock: number[] = [];
  private lastClockSample = 0;
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly persist: (state: NeighbourhoodState) => Promise<void> | void,
    private readonly delayMs = 1000,
  ) {}

  /** Merges what a previous worker stored (older than what this one saw). */
  restore(s: NeighbourhoodState): void {
    for (const [host, time] of Object.entries(s.successes)) {
      if (!(this.successes.get(host)! > time)) this.successes.set(host, time);
    }
    if (s.clock && this.clock.length === 0) this.clock = s.clock.slice(-CLOCK_SAMPLES);
    this.failures = [...this.failures, ...s.failures].sort((a, b) => b.time - a.time).slice(0, MAX_FAILURES);
  }

  success(url: string, time: number): void {
    const key = siteKey(url);
    if (!key) return;
    const prev = this.successes.get(key);
    if (prev !== undefined && time - prev < 1000) return; // a burst of requests to one host: nothing new to say
    this.successes.delete(key);
    this.successes.set(key, time);
    if (this.successes.size > MAX_SUCCESS_HOSTS) this.successes.delete(this.successes.keys().next().value!);
    this.touch();
  }

  failure(url: string, code: string, time: number): void {
    const key = siteKey(url);
    if (!key) return;
    const last = this.failures[0];
    if (last && last.host === key && last.code === code && time - last.time < 1000) return;
    this.failures.unshift({ host: key, code, time });
    if (this.failures.length > MAX_FAILURES) this.failures.length = MAX_FAILURES;
    this.touch();
  }

  /** A response's Date header: how far this device's clock is from the servers'. Sampled, never per request. */
  serverDate(header: string | undefined, now: number): void {
    if (!header || now - this.lastClockSample < CLOCK_EVERY_MS) return;
    const server = Date.parse(header);
    if (!Number.isFinite(server)) return;
    this.lastClockSample = now;
    this.clock = [...this.clock, now - server].slice(-CLOCK_SAMPLES);
    this.touch();
  }

  /** Median offset of the samples (device minus servers), or null before any. */
  clockOffset(): number | null {
    if (this.clock.length === 0) return null;
    const sorted = [...this.clock].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  }

  /** Every host that loaded fine in this browser session (for typo suggestions). */
  knownHosts(): IterableIterator<string> {
    return this.successes.keys();
  }

  /** What the engine sees for a failure of `url` at `time`. */
  snapshot(url: string, time: number): Neighbourhood {
    const key = siteKey(url);
    const since = time - WINDOW_MS;
    const recentSuccesses: Neighbourhood['recentSuccesses'] = [];
    for (const [host, t] of this.successes) if (host !== key && t >= since) recentSuccesses.push({ host, time: t });
    recentSuccesses.sort((a, b) => b.time - a.time);
    const recentFailures = this.failures.filter((f) => f.host !== key && f.time >= since).slice(0, 20);
    const last = this.successes.get(key);
    return {
      recentSuccesses: recentSuccesses.slice(0, 10),
      recentFailures,
      hostLastSuccess: last !== undefined && last < time ? last : null,
      clockOffsetMs: this.clockOffset(),
    };
  }

  state(): NeighbourhoodState {
    return { successes: Object.fromEntries(this.successes), failures: this.failures, clock: this.clock };
  }

  private touch(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.dirty) return;
      this.dirty = false;
      void Promise.resolve(this.persist(this.state())).catch((err) =>
        console.warn('netwhy: neighbourhood not saved', err),
      );
    }, this.delayMs);
  }
}
