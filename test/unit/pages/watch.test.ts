import { describe, expect, it } from 'vitest';
import {
  BACKOFF_MS,
  checkOnce,
  nextDelay,
  watch,
  WatchControl,
  type CheckResult,
} from '../../../src/pages/explain/watch';

describe('watch and reload', () => {
  it('backs off exponentially up to a minute', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((a) => nextDelay(a, null, 0))).toEqual([...BACKOFF_MS, 60_000]);
  });

  it('honours Retry-After in seconds or as a date, capped at ten minutes', () => {
    expect(nextDelay(0, '120', 0)).toBe(120_000);
    expect(nextDelay(0, new Date(90_000).toUTCString(), 0)).toBe(90_000);
    expect(nextDelay(0, '99999', 0)).toBe(600_000);
    expect(nextDelay(2, 'garbage', 0)).toBe(BACKOFF_MS[2]);
  });

  it('counts a 5xx as down and anything else as up', async () => {
    const res =
      (status: number, retry: string | null = null) =>
      async () => ({ status, headers: { get: () => retry } });
    await expect(checkOnce('http://x/', res(503, '30'))).resolves.toEqual({
      up: false,
      retryAfter: '30',
      reason: 'HTTP 503',
    });
    await expect(checkOnce('http://x/', res(404))).resolves.toEqual({ up: true });
    await expect(
      checkOnce('http://x/', async () => {
        throw new TypeError('Failed to fetch');
      }),
    ).resolves.toMatchObject({ up: false, reason: 'no answer' });
  });

  it('pauses while offline, sleeps between checks, and reloads when it answers', async () => {
    const log: string[] = [];
    const results: CheckResult[] = [
      { up: false, retryAfter: null, reason: 'no answer' },
      { up: false, retryAfter: '7', reason: 'HTTP 503' },
      { up: true },
    ];
    let online = false;
    await watch(
      {
        check: async () => results.shift()!,
        online: () => online,
        waitOnline: async () => {
          log.push('wait-online');
          online = true;
        },
        sleep: async (ms) => void log.push(`sleep ${ms}`),
        now: () => 0,
        onStatus: () => undefined,
        onUp: () => log.push('reload'),
      },
      () => false,
    );
    expect(log).toEqual(['wait-online', `sleep ${BACKOFF_MS[0]}`, 'sleep 7000', 'reload']);
  });

  it("says what it does, in the catalog's words", async () => {
    const statuses: string[] = [];
    const results: CheckResult[] = [
      { up: false, retryAfter: null, reason: 'no answer' },
      { up: false, retryAfter: '7', reason: 'HTTP 503' },
      { up: true },
    ];
    let online = false;
    await watch(
      {
        check: async () => results.shift()!,
        online: () => online,
        waitOnline: async () => void (online = true),
        sleep: async () => undefined,
        now: () => 0,
        onStatus: (text) => statuses.push(text),
        onUp: () => undefined,
      },
      () => false,
    );
    expect(statuses).toEqual([
      'Paused: this device is offline. Watching resumes when it is back online.',
      'Checking…',
      'Still down (no answer). Next check in 2 s.',
      'Checking again (attempt 2)…',
      'Still down (HTTP 503). Next check in 7 s.',
      'Checking again (attempt 3)…',
      'It answers again: reloading…',
    ]);
  });

  it('stops when told to', async () => {
    let checks = 0;
    await watch(
      {
        check: async () => (checks++, { up: false, retryAfter: null, reason: 'x' }),
        online: () => true,
        waitOnline: async () => undefined,
        sleep: async () => undefined,
        now: () => 0,
        onStatus: () => undefined,
        onUp: () => undefined,
      },
      () => checks >= 3,
    );
    expect(checks).toBe(3);
  });
});

describe('one watch loop per page', () => {
  it('Stop, then Watch again while the first loop sleeps: only the new loop checks and reloads', async () => {
    const control = new WatchControl();
    const wakeUps: (() => void)[] = [];
    let checks = 0;
    let reloads = 0;
    const hooks = {
      check: async (): Promise<CheckResult> => {
        checks++;
        return checks <= 1 ? { up: false, retryAfter: null, reason: 'no answer' } : { up: true };
      },
      online: () => true,
      waitOnline: async () => undefined,
      sleep: () => new Promise<void>((resolve) => wakeUps.push(resolve)),
      now: () => 0,
      onStatus: () => undefined,
      onUp: () => void reloads++,
    };
    const first = control.toggle(hooks); // Watch: checks once (down), then sleeps
    await new Promise((r) => setTimeout(r, 0));
    expect(checks).toBe(1);
    expect(wakeUps).toHaveLength(1);
    void control.toggle(hooks); // Stop, during the sleep
    expect(control.watching).toBe(false);
    const second = control.toggle(hooks); // Watch again, still during the first loop's sleep
    expect(control.watching).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(checks).toBe(2); // the new loop's first check: up → reload
    wakeUps[0]!(); // the first loop wakes up: it must end without checking
    await Promise.all([first, second]);
    expect(checks).toBe(2);
    expect(reloads).toBe(1);
    expect(control.watching).toBe(false);
  });
});
