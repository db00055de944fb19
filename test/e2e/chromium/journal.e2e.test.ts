/**
 * Nothing lost when the worker is stopped while busy (issue 22), in real Chromium with the built extension:
 * - the worker force-stopped (CDP ServiceWorker.stopAllWorkers) while 20 tabs make 400 failed requests, with hundreds
 *   of events queued → no failure is counted twice, and every failure is in the history except those whose events
 *   Chromium had queued for the stopped worker (see QUEUED_MS); the log line says how many;
 * - the browser closed and reopened on the same profile, then the same again → the history is unchanged by the
 *   restart (no replay counts anything twice) and the second forced stop loses nothing either.
 * `npm run soak` runs this file in a loop (SOAK_RUNS, default 20); CI runs it once with the e2e suite.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type LaunchedBrowser } from '../support/chromium';
import { closedPort, startFaultServer, type FaultServer } from '../support/fault-server';
import { eventually, laterFailureRecorded, storedHistory, type ChromeGlobal } from './helpers';

const TABS = 20;
const URLS_PER_TAB = 10;
const REPEATS = 2;
const MADE = TABS * URLS_PER_TAB * REPEATS; // 400 failed requests per wave

let fs: FaultServer;
let b: LaunchedBrowser;
let profileDir: string;
let port: number;

type Row = Awaited<ReturnType<typeof storedHistory>>[number];
interface Wave {
  rows: Row[];
  stopMs: number;
  /** Every failed request as its page saw it: URL and time (ms since epoch). */
  failedAt: [string, number][];
  stopStart: number;
  /** When a worker ran again after the stop. */
  stopEnd: number;
}
/**
 * Events Chromium had queued for the worker when it was stopped are dropped with it before any handler runs (seen
 * with a counting listener: the handlers of both workers saw 371 of 400, the history held all 371), and after a
 * browser restart some dispatched while the next worker starts are too. Those can only be failures made shortly
 * before the stop request, or between it and the moment a worker runs again; every other one must be in the history.
 * How far back depends on how busy the worker was: on this 2-core machine shared with other browsers, up to ~1.3 s
 * was seen (soak, 2026-12-07); 3 s leaves room.
 */
const QUEUED_MS = 3000;
const total = (rows: Row[]) => rows.reduce((s, r) => s + r.count, 0);

beforeAll(async () => {
  fs = await startFaultServer();
  port = await closedPort();
  fs.route('/jstorm', (req, res) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const base = `http://127.0.0.1:${port}/jstorm-w${q.get('wave')}-t${q.get('tab')}-r`;
    const script = `
      const all = [];
      const failed = [];
      for (let j = 0; j < ${URLS_PER_TAB}; j++)
        for (let k = 0; k < ${REPEATS}; k++) all.push(fetch('${base}' + j, { cache: 'no-store' }).then(() => 'ok', () => { failed.push(['${base}' + j, Math.round(performance.timeOrigin + performance.now())]); return 'error'; }));
      Promise.all(all).then((r) => {
        document.body.dataset.failed = JSON.stringify(failed);
        document.body.dataset.errors = String(r.filter((x) => x === 'error').length);
        document.body.dataset.done = 'true';
      });`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`<!doctype html><title>storm</title><body><script>${script}</script></body>`);
  });
  profileDir = await mkdtemp(join(tmpdir(), 'netwhy-journal-'));
  b = await launchWithExtension({ profileDir });
  // Two waves of 200 entries each must fit: raise the cap (written as an earlier choice of the user would be).
  await eventually(async () => {
    const w = await b.waitForWorker();
    await w.evaluate(async () => {
      await (globalThis as unknown as ChromeGlobal).chrome.storage.local.set({
        settings: { version: 1, historyLimit: 2000, at: Date.now() },
      });
    });
    const page = await b.newPage();
    try {
      await page.goto(b.extensionUrl('src/pages/options/index.html'));
      const limit = await page.evaluate(() =>
        (
          globalThis as unknown as {
            chrome: { runtime: { sendMessage(m: object): Promise<{ value: { historyLimit: number } }> } };
          }
        ).chrome.runtime
          .sendMessage({ netwhy: 1, type: 'settings:get', data: {} })
          .then((r) => r.value.historyLimit),
      );
      return limit === 2000;
    } finally {
      await page.close();
    }
  }, 30_000);
});

afterAll(async () => {
  await b?.close();
  await fs?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true, maxRetries: 3 });
});

/** One wave: every tab fails its requests; the worker is force-stopped as soon as the first tab is done. */
async function waveWithForcedStop(wave: number): Promise<Wave> {
  const pages: Page[] = [];
  for (let i = 0; i < TABS; i++) pages.push(await b.newPage());
  const failedAt: [string, number][] = [];
  let firstDone!: () => void;
  const first = new Promise<void>((r) => (firstDone = r));
  const all = Promise.all(
    pages.map(async (page, tab) => {
      await page.goto(fs.url(`/jstorm?wave=${wave}&tab=${tab}`), { waitUntil: 'load', timeout: 60_000 });
      await page.locator('body[data-done="true"]').waitFor({ state: 'attached', timeout: 60_000 });
      firstDone();
      expect(await page.locator('body').getAttribute('data-errors')).toBe(String(URLS_PER_TAB * REPEATS));
      failedAt.push(
        ...(JSON.parse((await page.locator('body').getAttribute('data-failed')) ?? '[]') as [string, number][]),
      );
    }),
  );
  await first;
  const startedAt = Date.now();
  await b.stopWorker();
  const stopMs = Date.now() - startedAt;
  // The storm wakes a new worker (or the test's first look at the history does).
  const runningAgain = await Promise.race([b.waitForWorker().then(() => Date.now()), all.then(() => null)]);
  await all;
  const restartedAt: number = runningAgain ?? (await b.waitForWorker().then(() => Date.now()));
  const mine = (rows: Row[]) => rows.filter((r) => r.url.startsWith(`http://127.0.0.1:${port}/jstorm-w${wave}-`));
  // Settled: the count stops changing for 3 s once the woken worker has replayed and written what it got.
  let last = -1;
  let stableSince = Date.now();
  const rows = await eventually(async () => {
    const r = mine(await storedHistory(b));
    if (total(r) !== last) {
      last = total(r);
      stableSince = Date.now();
    }
    return Date.now() - stableSince > 3_000 ? r : null;
  }, 90_000);
  await Promise.all(pages.map((p) => p.close()));
  return { rows, stopMs, failedAt, stopStart: startedAt, stopEnd: restartedAt };
}

/** Checks a wave: nothing counted twice; nothing lost outside the stop window; says how many were lost in it. */
function check(label: string, w: Wave): void {
  const have = new Map(w.rows.map((r) => [r.url, r.count]));
  const byUrl = new Map<string, number[]>();
  for (const [url, t] of w.failedAt) byUrl.set(url, [...(byUrl.get(url) ?? []), t]);
  expect(w.failedAt).toHaveLength(MADE);
  let lost = 0;
  let lostOutside = 0;
  let doubled = 0;
  const lostAt: number[] = [];
  for (const [url, times] of byUrl) {
    const count = have.get(url) ?? 0;
    lostAt.push(
      ...times
        .sort((a, b) => a - b)
        .slice(count)
        .map((t) => t - w.stopStart),
    );
    doubled += Math.max(0, count - times.length);
    lost += Math.max(0, times.length - count);
    const outside = times.filter((t) => t < w.stopStart - QUEUED_MS || t > w.stopEnd).length;
    lostOutside += Math.max(0, outside - count);
  }
  const recorded = total(w.rows);
  console.log(
    `${label}: ${MADE} failures made, ${recorded} recorded, ${lost} lost (all within ${QUEUED_MS} ms before the stop request and the ` +
      `${w.stopEnd - w.stopStart} ms until a worker ran again; the stop took ${w.stopMs} ms), ${lostOutside} lost outside that window, ${doubled} counted twice` +
      (lost > 0
        ? ` (lost ones failed from ${Math.min(...lostAt)} to ${Math.max(...lostAt)} ms after the stop request)`
        : ''),
  );
  expect(doubled).toBe(0);
  expect(lostOutside).toBe(0);
  expect(w.rows.every((r) => r.code === 'ERR_CONNECTION_REFUSED')).toBe(true);
  expect(new Set(w.rows.map((r) => r.url)).size).toBe(w.rows.length);
}

describe('the journal', () => {
  it(`a forced stop with hundreds of events queued: of ${MADE} failures, none the worker saw is lost, none counted twice`, async () => {
    check('forced stop mid-storm', await waveWithForcedStop(1));
  }, 180_000);

  it('the browser closed and reopened on the same profile: the history is unchanged, and a second forced stop loses nothing the worker saw', async () => {
    const before = await storedHistory(b);
    await b.close();
    b = await launchWithExtension({ profileDir });
    // The new worker has replayed whatever it would (nothing: storage.session is gone, the history is exact): a failure
    // made after its start is in the history, and every failure it saw is settled.
    const marker = await laterFailureRecorded(b, port, 'after-restart');
    const after = (await storedHistory(b)).filter((r) => r.url !== marker);
    expect(after.map((r) => [r.id, r.url, r.count]).sort()).toEqual(before.map((r) => [r.id, r.url, r.count]).sort());
    check('forced stop after a browser restart', await waveWithForcedStop(2));
  }, 240_000);
});
