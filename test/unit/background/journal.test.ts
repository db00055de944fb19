/**
 * The journal with the history store and the request counter, wired as src/background/index.ts wires them, over
 * storage that a "forced stop" cuts off at any moment: a write already issued lands (the browser has it), nothing
 * after it runs. A new worker on the same storage replays the journal. Nothing lost, nothing counted twice.
 */
import { describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../src/background/history';
import { toEntry } from '../../../src/shared/history-list';
import { LOCAL_REPAIRS } from '../../../src/shared/storage-repair';
import { Journal, type AppliedBatches } from '../../../src/background/journal';
import { TabPrivacy } from '../../../src/background/privacy';
import { RequestFailureBatch } from '../../../src/background/request-batch';
import { toFailure, type Failure } from '../../../src/engine/failure';
import type { HistoryEntry } from '../../../src/shared/types';

interface Disk {
  local: { history?: HistoryEntry[]; journalApplied?: AppliedBatches };
  session: Map<string, unknown>;
  /** The browser's open tabs: id → incognito (a closed tab is not here: tabs.get fails). */
  tabs?: Map<number, boolean>;
}

const later = <T>(value: T, ms = Math.random() * 3) => new Promise<T>((r) => setTimeout(() => r(value), ms));
const never = new Promise<never>(() => undefined);

/** A worker: journal, request counter and history over `disk`; `stop()` cuts it off from storage. */
function startWorker(disk: Disk, opts: { failLocal?: () => boolean } = {}) {
  let alive = true;
  const journal = new Journal(
    {
      batches: () => (alive ? later(Object.fromEntries(structuredClone([...disk.session]))) : never),
      write: (key, failures) => {
        if (!alive) return never;
        disk.session.set(key, structuredClone(failures)); // issued: the browser applies it even if the worker dies
        return later(undefined);
      },
      remove: (keys) => {
        if (!alive) return never;
        for (const k of keys) disk.session.delete(k);
        return later(undefined);
      },
    },
    Date.now,
    () => undefined,
  );
  const replayed = later(structuredClone(disk.local.journalApplied)).then((a) =>
    journal.replay(LOCAL_REPAIRS.journalApplied(a)),
  );
  const history = new HistoryStore(
    {
      read: () => (alive ? later(LOCAL_REPAIRS.history(structuredClone(disk.local.history))) : never),
      write: async (list, added) => {
        await replayed;
        if (!alive) return never;
        if (opts.failLocal?.()) throw new Error('QUOTA_BYTES quota exceeded');
        const applied = journal.appliedWith(added);
        disk.local = structuredClone({ history: list, journalApplied: applied });
        await later(undefined);
        if (!alive) return never;
        journal.written(added);
      },
    },
    () => ({ limit: 5000, retentionDays: 30 }),
    Date.now,
    5,
    [5, 50],
  );
  // As src/background/index.ts: tabs not known to be normal are private (fail closed); a closed tab is unknown.
  const tabs = (disk.tabs ??= new Map([0, 1, 2].map((id) => [id, false])));
  const privacy = new TabPrivacy(async (id) => {
    await later(undefined);
    if (!tabs.has(id)) throw new Error(`No tab with id: ${id}`);
    return { incognito: tabs.get(id) };
  });
  for (const [id, incognito] of tabs) privacy.known(id, incognito);
  const privateList: HistoryEntry[] = [];
  const record = async (f: Failure, priv: Promise<boolean> = privacy.isPrivate(f.tabId)) => {
    if (await priv) {
      await later(undefined, 5); // its storage.session write
      if (!alive) return never;
      privateList.unshift(toEntry(f));
      disk.session.set('privateHistory', structuredClone(privateList));
      journal.recordedElsewhere(f.id);
      return;
    }
    await history.add(toEntry(f));
  };
  const noted = (f: Failure): Promise<boolean> => {
    const known = privacy.decided(f.tabId);
    journal.note(f, known === undefined ? {} : { private: known });
    if (known !== undefined) return Promise.resolve(known);
    const asked = privacy.isPrivate(f.tabId);
    void asked.then((p) => journal.decide(f, { private: p }));
    return asked;
  };
  const batch = new RequestFailureBatch(
    (f) => record(f),
    5,
    20,
    Date.now,
    (a, b) => journal.merged(a, b),
  );
  void replayed.then((list) =>
    list.forEach((r) => void record(r.failure, r.private === undefined ? undefined : Promise.resolve(r.private))),
  );
  return {
    journal,
    history,
    privateList,
    /** An event handler: journal first, then the batching that follows. */
    failed(f: Failure) {
      if (!alive) return false;
      void noted(f);
      batch.add(f);
      return true;
    },
    /** A top-level failure: recorded with the decision made now (as recordTop does), not after a batch. */
    failedTop(f: Failure) {
      if (!alive) return false;
      void record(f, noted(f));
      return true;
    },
    /** Stops the worker: its handlers run no more (what they issued to storage stays issued). */
    stop() {
      alive = false;
    },
    async settle() {
      await replayed;
      await batch.flush();
      await history.settled();
      await journal.flushed();
    },
  };
}

let n = 0;
const failure = (url: number, tab = 1): Failure =>
  toFailure({
    id: `f${n++}`,
    time: Date.now(),
    url: `http://127.0.0.1:9/r${url}`,
    tabId: tab,
    resourceType: 'xmlhttprequest',
    error: 'net::ERR_CONNECTION_REFUSED',
  })!;

const total = (disk: Disk) => (disk.local.history ?? []).reduce((s, e) => s + e.count, 0);

describe('journal', () => {
  it('a storm of 10,000 failures: one journal write each, and the session is empty once the history has them', async () => {
    const disk: Disk = { local: {}, session: new Map() };
    const w = startWorker(disk);
    for (let i = 0; i < 10_000; i++) {
      w.failed(failure(i % 50));
      if (i % 500 === 0) await later(undefined, 1);
    }
    await w.settle();
    await later(undefined, 20);
    expect(total(disk)).toBe(10_000);
    // One write per failure (see src/background/journal.ts: nothing waits in memory for a later write).
    expect(w.journal.writes).toBe(10_000);
    expect(w.journal.unsettled).toBe(0);
    expect(disk.session.size).toBe(0);
  });

  for (let run = 0; run < 30; run++) {
    it(`stopped at a random moment of a storm (run ${run + 1}): the next worker records every failure once`, async () => {
      const disk: Disk = { local: {}, session: new Map() };
      let w = startWorker(disk);
      let seen = 0;
      const stopAt = Math.random() * 40;
      const start = Date.now();
      let stopped = false;
      for (let i = 0; i < 2000; i++) {
        if (w.failed(failure(i % 37, i % 3))) seen++;
        // Torn down right after a handler, before its task's end (its microtasks never run).
        if (!stopped && Date.now() - start > stopAt) {
          w.stop();
          stopped = true;
          w = startWorker(disk); // woken by the next event
        }
        if (i % 20 !== 0) continue;
        await later(undefined, Math.random() * 2);
      }
      // Sometimes a second stop, right after the replay began.
      if (run % 3 === 0) {
        await later(undefined, Math.random() * 6);
        w.stop();
        w = startWorker(disk);
      }
      await w.settle();
      await later(undefined, 30);
      await w.settle();
      // Nothing counted twice; nothing lost.
      expect(total(disk)).toBe(seen);
      expect(new Set((disk.local.history ?? []).map((e) => e.url + e.tabId)).size).toBe(
        (disk.local.history ?? []).length,
      );
    });
  }

  it('a failure the history wrote before the stop is not replayed, even when the journal removal never happened', async () => {
    const disk: Disk = { local: {}, session: new Map() };
    const w = startWorker(disk);
    w.failed(failure(1));
    w.failed(failure(2));
    await w.settle();
    // The history has both; put the journal batch back as if the removal had not run.
    const [key] = Object.keys(disk.local.journalApplied ?? {});
    expect(key).toBeDefined();
    disk.session.set(key!, [failure(1), failure(2)]);
    w.stop();
    const next = startWorker(disk);
    await next.settle();
    expect(total(disk)).toBe(2);
    expect(disk.session.size).toBe(0);
  });

  it('storage.local refusing writes: the journal keeps the failures until the history is written', async () => {
    const disk: Disk = { local: {}, session: new Map() };
    let failing = true;
    const w = startWorker(disk, { failLocal: () => failing });
    for (let i = 0; i < 20; i++) w.failed(failure(i));
    await w.settle();
    expect(w.history.problem).toMatch(/quota/);
    expect(disk.session.size).toBeGreaterThan(0);
    failing = false;
    await later(undefined, 120);
    await w.settle();
    expect(w.history.problem).toBeNull();
    expect(total(disk)).toBe(20);
    await later(undefined, 10);
    expect(disk.session.size).toBe(0);
  });

  it('each failure is in the session when its handler returns, even with a write in flight (one write each)', async () => {
    const disk: Disk = { local: {}, session: new Map() };
    const w = startWorker(disk);
    await later(undefined, 30);
    w.failed(failure(1));
    // Issued from the handler itself: a worker torn down before the task's end still has it in the session.
    expect([...disk.session.keys()].filter((k) => k.startsWith('journal:'))).toHaveLength(1);
    // The next ones, with the first write still in flight: not merged into a later write.
    for (let i = 0; i < 100; i++) w.failed(failure(i));
    expect([...disk.session.keys()].filter((k) => k.startsWith('journal:'))).toHaveLength(101);
    await w.journal.flushed();
    expect(w.journal.writes).toBe(101);
  });

  it('a normal tab closed before the replay: its failure still goes to the history, as decided when it was seen', async () => {
    const disk: Disk = { local: {}, session: new Map(), tabs: new Map([[5, false]]) };
    const w = startWorker(disk);
    await later(undefined, 5);
    w.failedTop(failure(1, 5));
    await w.journal.flushed();
    w.stop(); // before the history wrote it (its batch waits 5 ms)
    disk.tabs!.delete(5); // the tab closed while no worker ran
    const next = startWorker(disk);
    await next.settle();
    await later(undefined, 20);
    await next.settle();
    expect(total(disk)).toBe(1);
    expect(next.privateList).toHaveLength(0);
    expect(disk.session.get('privateHistory')).toBeUndefined();
  });

  it('an incognito tab: replayed into the session-only list, never into storage.local, even once the tab is gone', async () => {
    const disk: Disk = { local: {}, session: new Map(), tabs: new Map([[6, true]]) };
    const w = startWorker(disk);
    await later(undefined, 5);
    w.failedTop(failure(2, 6));
    await w.journal.flushed();
    w.stop();
    const next = startWorker(disk);
    await next.settle();
    await later(undefined, 20);
    await next.settle();
    expect(next.privateList.map((e) => e.url)).toEqual(['http://127.0.0.1:9/r2']);
    expect(JSON.stringify(disk.local)).not.toContain('/r2');
  });

  it('a tab not known yet when its failure was seen: the answer that came later is journaled and replayed', async () => {
    const disk: Disk = { local: {}, session: new Map(), tabs: new Map() };
    const w = startWorker(disk); // tab 9 opened after the start: not known to this worker
    disk.tabs!.set(9, false);
    w.failedTop(failure(3, 9));
    await later(undefined, 4); // tabs.get answered (normal); the history has not written yet
    await w.journal.flushed();
    w.stop();
    disk.tabs!.delete(9);
    const next = startWorker(disk);
    await next.settle();
    await later(undefined, 20);
    await next.settle();
    expect(total(disk)).toBe(1);
    expect(next.privateList).toHaveLength(0);
  });
});
