/**
 * Nothing lost under load and faults, in real Chromium with the built extension:
 * - a storm of 1,000 failed requests from 50 tabs within seconds, the worker stopped halfway and woken by the rest of
 *   the storm → the history holds every failure, with the right counts;
 * - the worker force-stopped while it handles events → no double count, no damaged entry, and it recovers;
 * - the browser restarted on the same profile → the history is still there;
 * - storage.local holding garbage and an old settings shape → repaired with a logged message (and none for what the
 *   worker had stored itself), never a crash: the worker records new failures and the explanation page works.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type LaunchedBrowser } from '../support/chromium';
import { closedPort, startFaultServer, type FaultServer } from '../support/fault-server';
import { eventually, explain, storedHistory, type ChromeGlobal } from './helpers';

const TABS = 50;
const URLS_PER_TAB = 10;
const REPEATS = 2; // each URL is requested twice: the history folds the pair into one entry with count 2
const FAILURES = TABS * URLS_PER_TAB * REPEATS; // 1,000

let fs: FaultServer;
let b: LaunchedBrowser;
let profileDir: string;
let port: number;
const workerLog: string[] = [];

/** Collects the worker's console (Playwright keeps one Worker object across stops and restarts). */
function listenToWorker(w: Worker | null): void {
  w?.on('console', (m) => workerLog.push(`${m.type()}: ${m.text()}`));
}

async function launch(): Promise<LaunchedBrowser> {
  const launched = await launchWithExtension({ profileDir });
  listenToWorker(launched.worker);
  return launched;
}

/** A page whose script requests URLS_PER_TAB distinct closed-port URLs REPEATS times each, then marks itself done. */
function stormPage(tab: number): string {
  return `/storm?tab=${tab}`;
}

async function setLocal(values: Record<string, unknown>): Promise<void> {
  const w = await b.waitForWorker();
  await w.evaluate(async (v) => {
    await (globalThis as unknown as ChromeGlobal).chrome.storage.local.set(v);
  }, values);
}

type Row = Awaited<ReturnType<typeof storedHistory>>[number];
const stormRows = (rows: Row[]) => rows.filter((r) => r.url.startsWith(`http://127.0.0.1:${port}/storm-`));
const total = (rows: Row[]) => rows.reduce((s, r) => s + r.count, 0);

beforeAll(async () => {
  fs = await startFaultServer();
  port = await closedPort();
  fs.route('/storm', (req, res) => {
    const tab = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('tab'));
    const script = `
      const base = 'http://127.0.0.1:${port}/storm-t${tab}-r';
      const all = [];
      for (let j = 0; j < ${URLS_PER_TAB}; j++)
        for (let k = 0; k < ${REPEATS}; k++) all.push(fetch(base + j, { cache: 'no-store' }).then(() => 'ok', () => 'error'));
      Promise.all(all).then((r) => {
        document.body.dataset.errors = String(r.filter((x) => x === 'error').length);
        document.body.dataset.done = 'true';
      });`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`<!doctype html><title>storm ${tab}</title><body><script>${script}</script></body>`);
  });
  profileDir = await mkdtemp(join(tmpdir(), 'netwhy-reliability-'));
  b = await launch();
  // The cap must hold the storm: 500 entries (and the user's limit can go to 2000).
  await raiseHistoryLimit(2000);
});

/** What the worker has in force, asked the way the options page asks. */
async function workerSettings(): Promise<{ historyLimit: number }> {
  const page = await b.newPage();
  try {
    await page.goto(b.extensionUrl('src/pages/options/index.html'));
    return await page.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: object): Promise<{ value: { historyLimit: number } }> } };
        }
      ).chrome.runtime
        .sendMessage({ netwhy: 1, type: 'settings:get', data: {} })
        .then((reply) => reply.value),
    );
  } finally {
    await page.close();
  }
}

/**
 * Writes the setting straight into storage.local (as a person's earlier choice would be) and waits until the worker
 * has it in force. Written again if a worker that was still starting missed the change (see the issue note).
 */
async function raiseHistoryLimit(limit: number): Promise<void> {
  let attempt = 0;
  await eventually(async () => {
    // A value that differs from the last write, or storage.onChanged does not fire at all.
    await setLocal({ settings: { version: 1, historyLimit: limit, writtenBy: `reliability test ${attempt++}` } });
    return (await workerSettings()).historyLimit === limit;
  }, 30_000);
  if (attempt > 1)
    console.log(`history limit in force after ${attempt} writes (the worker missed a change while starting)`);
}

afterAll(async () => {
  await b?.close();
  await fs?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true, maxRetries: 3 });
});

/** Loads the storm page in every page at once; `onFirstDone` runs when the first page's requests have all failed. */
async function storm(pages: Page[], from: number, onFirstDone?: () => void): Promise<void> {
  await Promise.all(
    pages.map(async (page, i) => {
      await page.goto(fs.url(stormPage(from + i)), { waitUntil: 'load', timeout: 60_000 });
      await page.locator('body[data-done="true"]').waitFor({ state: 'attached', timeout: 60_000 });
      onFirstDone?.();
      onFirstDone = undefined;
      expect(await page.locator('body').getAttribute('data-errors')).toBe(String(URLS_PER_TAB * REPEATS));
    }),
  );
}

describe('nothing lost', () => {
  /** Waits until the storm rows of `tabs` add up to `expected` (or stop growing), and explains a shortfall. */
  async function settled(tabs: number[], expected: number, timeoutMs = 60_000): Promise<Row[]> {
    const mine = (rows: Row[]) => stormRows(rows).filter((r) => tabs.includes(Number(/storm-t(\d+)-/.exec(r.url)![1])));
    return eventually(async () => {
      const r = mine(await storedHistory(b));
      return total(r) >= expected ? r : null;
    }, timeoutMs).catch(async (err: unknown) => {
      const r = mine(await storedHistory(b));
      const byTab = new Map<number, number>();
      for (const e of r) {
        const t = Number(/storm-t(\d+)-/.exec(e.url)![1]);
        byTab.set(t, (byTab.get(t) ?? 0) + e.count);
      }
      const short = tabs
        .filter((t) => (byTab.get(t) ?? 0) < URLS_PER_TAB * REPEATS)
        .map((t) => `${t}:${byTab.get(t) ?? 0}`);
      throw new Error(
        `${String(err)}: history holds ${total(r)} of ${expected} failures in ${r.length} entries; tabs short: ${short.join(' ')}`,
      );
    });
  }

  it(`records ${FAILURES} failures from ${TABS} tabs within seconds; the worker stopped halfway and woken by the storm`, async () => {
    const pages: Page[] = [];
    for (let i = 0; i < TABS; i++) pages.push(await b.newPage());
    const half = TABS / 2;
    const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
    const started = Date.now();
    await storm(pages.slice(0, half), 0);
    await settled(range(0, half), FAILURES / 2);
    // Halfway: the worker is stopped (as MV3 does when idle), and the second half of the storm has to wake it.
    await b.stopWorker();
    const stoppedAt = Date.now() - started;
    await storm(pages.slice(half), half);
    const rows = await settled(range(0, TABS), FAILURES);
    const stormMs = Date.now() - started;
    expect(total(rows)).toBe(FAILURES);
    expect(rows).toHaveLength(TABS * URLS_PER_TAB);
    expect(rows.every((r) => r.count === REPEATS && r.code === 'ERR_CONNECTION_REFUSED')).toBe(true);
    expect(new Set(rows.map((r) => r.url)).size).toBe(TABS * URLS_PER_TAB);
    console.log(
      `storm: ${FAILURES} failures from ${TABS} tabs recorded in ${stormMs} ms (worker stopped at ${stoppedAt} ms); ${rows.length} entries, ${total(rows)} counted, 0 lost`,
    );
    await Promise.all(pages.map((p) => p.close()));
  }, 180_000);

  it('a forced stop while events are in flight never double-counts or corrupts the history, and the worker recovers', async () => {
    // CDP stops the worker in the middle of handling events. What it had not written yet, and events the browser was
    // dispatching to it, may be gone (see the issue note); what is stored must still be exact and well-formed.
    const tabs = 20;
    const from = TABS;
    const pages: Page[] = [];
    for (let i = 0; i < tabs; i++) pages.push(await b.newPage());
    const made = tabs * URLS_PER_TAB * REPEATS;
    const mine = (rows: Row[]) => stormRows(rows).filter((r) => Number(/storm-t(\d+)-/.exec(r.url)![1]) >= from);
    // Stop as soon as the first page is done: the other 19 are still failing, so events are in flight.
    let firstDone!: () => void;
    const first = new Promise<void>((r) => (firstDone = r));
    const wave = storm(pages, from, () => firstDone());
    await first;
    const startedAt = Date.now();
    await b.stopWorker();
    const stopMs = Date.now() - startedAt;
    await wave;
    // Settled: the count stops changing for 3 s once the woken worker has written what it got.
    let last = -1;
    let stableSince = Date.now();
    const rows = await eventually(async () => {
      const r = mine(await storedHistory(b));
      if (total(r) !== last) {
        last = total(r);
        stableSince = Date.now();
      }
      return Date.now() - stableSince > 3_000 ? r : null;
    }, 60_000);
    expect(total(rows)).toBeLessThanOrEqual(made);
    expect(rows.every((r) => r.count >= 1 && r.count <= REPEATS && r.code === 'ERR_CONNECTION_REFUSED')).toBe(true);
    expect(new Set(rows.map((r) => r.url)).size).toBe(rows.length);
    console.log(
      `forced stop in flight (after the first of ${tabs} tabs was done; the stop took ${stopMs} ms): ${made} failures made, ${total(rows)} recorded, ${made - total(rows)} lost`,
    );
    // The worker that woke up works: a failure after the stop is recorded.
    const after = `http://127.0.0.1:${port}/storm-after-forced-stop`;
    await pages[0]!.evaluate((u) => fetch(u).catch(() => undefined), after);
    await eventually(async () => (await storedHistory(b)).some((e) => e.url === after), 30_000);
    await Promise.all(pages.map((p) => p.close()));
  }, 180_000);

  it('keeps the history across a browser restart on the same profile', async () => {
    // Failures of its own (whatever earlier tests left is kept too): a page load and a repeated request, stored.
    const own = [`http://127.0.0.1:${port}/restart-page`, `http://127.0.0.1:${port}/restart-fetch`];
    await explain(b, await b.newPage(), own[0]!);
    const page = await b.newPage();
    await page.goto(fs.url('/ok?title=restart'));
    await page.evaluate(
      (u) => Promise.all([1, 2].map(() => fetch(u, { cache: 'no-store' }).catch(() => undefined))),
      own[1]!,
    );
    const before = await eventually(async () => {
      const h = await storedHistory(b);
      const fetched = h.find((e) => e.url === own[1]);
      return h.some((e) => e.url === own[0]) && fetched?.count === 2 ? h : null;
    }, 30_000);
    await b.close();
    b = await launch();
    const after = await storedHistory(b);
    expect(after.map((r) => [r.id, r.url, r.count]).sort()).toEqual(before.map((r) => [r.id, r.url, r.count]).sort());
  }, 120_000);

  it('repairs garbage and an old settings shape in storage with a logged message, and keeps working', async () => {
    // State the worker writes itself to storage.session (a failure fills the neighbourhood and the tab's state): read
    // again by the next worker below, it needs no repair.
    const before = await b.newPage();
    await explain(b, before, `http://127.0.0.1:${port}/before-garbage`);
    await eventually(async () => {
      const keys = await (
        await b.waitForWorker()
      ).evaluate(async () =>
        Object.keys(await (globalThis as unknown as ChromeGlobal).chrome.storage.session.get(null)),
      );
      const recorded = (await storedHistory(b)).some((e) => e.url.endsWith('/before-garbage'));
      return recorded && ['neighbourhood', 'tabs'].every((k) => keys.includes(k));
    }, 15_000);
    await before.close();
    const keep = (await storedHistory(b)).slice(0, 3);
    const junk = [null, 42, 'x', { url: 7 }, { url: '' }, [1, 2], { ...keep[0], verdict: 'nonsense', time: 'soon' }];
    await setLocal({
      history: [...keep, ...junk],
      // An older, unversioned shape, with junk in it.
      // (A version of -1e12 used to hang the worker in the migration loop.)
      settings: { redact: false, historyLimit: 'lots', takeover: 'yes', version: -1e12, ignoredHosts: 'none' },
    });
    await b.stopWorker();
    workerLog.length = 0;
    // A new failure wakes the worker and makes it write the history: the junk rows go, with a warning.
    const page = await b.newPage();
    const failed = `http://127.0.0.1:${port}/after-garbage`;
    const hooks = await explain(b, page, failed);
    expect(hooks).toMatchObject({ errorCode: 'ERR_CONNECTION_REFUSED', cause: 'no-listener', url: failed });
    const rows = await eventually(async () => {
      const r = await storedHistory(b);
      return r.some((e) => e.url === failed) ? r : null;
    }, 30_000);
    for (const row of keep) expect(rows.some((r) => r.url === row.url && r.count === row.count)).toBe(true);
    expect(rows.every((r) => typeof r.url === 'string' && r.url.length > 0 && r.count >= 1)).toBe(true);
    // The row with a bad verdict and time was diagnosed again, not kept as it was.
    const raw = await (
      await b.waitForWorker()
    ).evaluate(
      async () =>
        ((await (globalThis as unknown as ChromeGlobal).chrome.storage.local.get('history')).history ?? []) as {
          verdict: string;
        }[],
    );
    expect(raw.every((r) => ['client', 'network', 'server', 'unknown'].includes(r.verdict))).toBe(true);
    await eventually(async () => workerLog.some((l) => /dropped \d+ unreadable history rows/.test(l)), 10_000);
    // Said once each, for the two keys that held garbage; nothing for what the worker had written itself.
    const repaired = () => workerLog.flatMap((l) => /netwhy: repaired the stored "(\w+)"/.exec(l)?.[1] ?? []);
    await eventually(async () => repaired().includes('settings'), 10_000);
    expect(repaired().sort()).toEqual(['history', 'settings']);
    expect(workerLog.filter((l) => /^error/.test(l))).toEqual([]);
    await page.close();
  }, 120_000);
});
