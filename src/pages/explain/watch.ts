/**
 * "Watch and reload": checks the failed address again with exponential backoff and reloads the tab when it answers.
 * Honours Retry-After on 503, pauses while offline, and ends with the page (closing the tab stops it).
 */
import { t } from '../../engine/i18n';
import { retryAfterMs } from '../../engine/retry-after';

export const BACKOFF_MS = [2000, 4000, 8000, 15_000, 30_000, 60_000];
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** The wait before check number `attempt` (0-based), or the server's Retry-After when it gave one. */
export function nextDelay(attempt: number, retryAfter: string | null, now: number): number {
  const fallback = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]!;
  const ms = retryAfterMs(retryAfter, now);
  return ms !== null && ms > 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : fallback;
}

export type CheckResult = { up: true } | { up: false; retryAfter: string | null; reason: string };

export type Fetch = (
  url: string,
  init: RequestInit,
) => Promise<{ status: number; headers: { get(name: string): string | null } }>;

/** One check: up when the server answers with anything but a 5xx. */
export async function checkOnce(url: string, fetcher: Fetch): Promise<CheckResult> {
  try {
    const res = await fetcher(url, { method: 'GET', cache: 'no-store', credentials: 'omit', redirect: 'follow' });
    if (res.status >= 500)
      return { up: false, retryAfter: res.headers.get('retry-after'), reason: t('common_http_status', [res.status]) };
    return { up: true };
  } catch {
    return { up: false, retryAfter: null, reason: t('explain_watch_reason_no_answer') };
  }
}

export interface WatchHooks {
  check: () => Promise<CheckResult>;
  online: () => boolean;
  waitOnline: () => Promise<void>;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  onStatus: (text: string) => void;
  onUp: () => void;
}

/** Runs until the address answers or `stopped()` says to stop. */
export async function watch(hooks: WatchHooks, stopped: () => boolean): Promise<void> {
  for (let attempt = 0; !stopped(); attempt++) {
    if (!hooks.online()) {
      hooks.onStatus(t('explain_watch_offline'));
      await hooks.waitOnline();
      if (stopped()) return;
    }
    hooks.onStatus(attempt === 0 ? t('explain_watch_checking') : t('explain_watch_checking_again', [attempt + 1]));
    const result = await hooks.check();
    if (stopped()) return;
    if (result.up) {
      hooks.onStatus(t('explain_watch_up'));
      hooks.onUp();
      return;
    }
    const delay = nextDelay(attempt, result.retryAfter, hooks.now());
    hooks.onStatus(t('explain_watch_down', [result.reason, Math.round(delay / 1000)]));
    await hooks.sleep(delay);
  }
}

/**
 * One watch loop per page. Watch starts one; Stop cancels it; Watch again starts a new one while the old one is still
 * asleep — the old one must not wake up and check (or reload) too, so each run has its own AbortController.
 */
export class WatchControl {
  private run: AbortController | null = null;

  get watching(): boolean {
    return this.run !== null;
  }

  /** Starts a loop, or stops the running one. Resolves when the started loop ends. */
  toggle(hooks: WatchHooks): Promise<void> {
    if (this.run) {
      this.run.abort();
      this.run = null;
      return Promise.resolve();
    }
    const run = new AbortController();
    this.run = run;
    return watch(hooks, () => run.signal.aborted).finally(() => {
      if (this.run === run) this.run = null;
    });
  }
}
