import { describe, expect, it, vi } from 'vitest';
import { HistoryStore, type HistoryBackend } from '../../../src/background/history';
import { foldEntry, pruneEntries, repairEntries, toEntry } from '../../../src/shared/history-list';
import { LOCAL_REPAIRS, SESSION_REPAIRS } from '../../../src/shared/storage-repair';
import type { HistoryEntry } from '../../../src/shared/types';
import { failureOf, NOW } from '../../fixtures/rule-cases';

/** A storage backend with real async gaps between read and write, like storage.local. */
function slowBackend(initial: unknown = undefined): HistoryBackend & { data: unknown; writes: number } {
  const backend = {
    data: initial,
    writes: 0,
    async read() {
      await new Promise((r) => setTimeout(r, Math.random() * 3));
      // What platform/storage.ts's getLocal('history') gives.
      return LOCAL_REPAIRS.history(structuredClone(backend.data));
    },
    async write(list: HistoryEntry[]) {
      await new Promise((r) => setTimeout(r, Math.random() * 3));
      backend.data = structuredClone(list);
      backend.writes++;
    },
  };
  return backend;
}

const entry = (i: number, extra: Record<string, unknown> = {}) =>
  toEntry(
    failureOf({
      id: `id-${i}`,
      url: `http://127.0.0.1:${3000 + i}/`,
      error: 'net::ERR_CONNECTION_REFUSED',
      time: NOW + i,
      ...extra,
    }),
  );

describe('history store', () => {
  it('loses nothing when many failures are added at once', async () => {
    const backend = slowBackend();
    const store = new HistoryStore(
      backend,
      () => ({ limit: 1000, retentionDays: 30 }),
      () => NOW + 1000,
    );
    await Promise.all(Array.from({ length: 300 }, (_, i) => store.add(entry(i))));
    const list = await store.list();
    expect(list).toHaveLength(300);
    expect(new Set(list.map((e) => e.id)).size).toBe(300);
    expect(backend.writes).toBeLessThan(10);
  });

  it('loses nothing when adds arrive while a write is in flight', async () => {
    const backend = slowBackend();
    const store = new HistoryStore(
      backend,
      () => ({ limit: 1000, retentionDays: 30 }),
      () => NOW + 1000,
    );
    const pending: Promise<void>[] = [];
    for (let i = 0; i < 100; i++) {
      pending.push(store.add(entry(i)));
      if (i % 7 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(pending);
    expect(await store.list()).toHaveLength(100);
  });

  it('a clear, a list and an add are answered while a storm keeps adding (not once the storm ends)', async () => {
    const backend = slowBackend();
    // A write takes 20 ms (storage under load); short rounds (5 ms, 100 ms between writes); a new add every 5 ms:
    // changes always arrive while a write is in flight, as in a real storm.
    const write = backend.write.bind(backend);
    backend.write = async (list, added) => {
      await new Promise((r) => setTimeout(r, 20));
      return write(list, added);
    };
    const store = new HistoryStore(
      backend,
      () => ({ limit: 1000, retentionDays: 30 }),
      () => NOW + 1000,
      5,
    );
    let storming = true;
    let i = 0;
    const storm = (async () => {
      while (storming) {
        void store.add(entry(i++ % 20));
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await new Promise((r) => setTimeout(r, 150));
    const answered = await Promise.race([
      Promise.all([store.clear(), store.list(), store.add(entry(99))]).then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 1500)),
    ]);
    storming = false;
    await storm;
    expect(answered).toBe(true);
    await store.settled();
    // The clear took what came before it; what came after is kept, and the add asked for is there.
    expect((await store.list()).some((e) => e.id === 'id-99')).toBe(true);
  });

  it('folds repeats of the same failure into one entry with a count, newest first', async () => {
    const store = new HistoryStore(
      slowBackend(),
      () => ({ limit: 100, retentionDays: 30 }),
      () => NOW + 1000,
    );
    await Promise.all([store.add(entry(1)), store.add(entry(2)), store.add(entry(1, { id: 'again', time: NOW + 50 }))]);
    const list = await store.list();
    expect(list.map((e) => [e.id, e.count])).toEqual([
      ['again', 2],
      ['id-2', 1],
    ]);
  });

  it('caps the list and deletes and clears', async () => {
    const store = new HistoryStore(
      slowBackend(),
      () => ({ limit: 5, retentionDays: 30 }),
      () => NOW + 1000,
    );
    await Promise.all(Array.from({ length: 9 }, (_, i) => store.add(entry(i))));
    let list = await store.list();
    expect(list.map((e) => e.id)).toEqual(['id-8', 'id-7', 'id-6', 'id-5', 'id-4']);
    await store.delete('id-6');
    list = await store.list();
    expect(list.map((e) => e.id)).toEqual(['id-8', 'id-7', 'id-5', 'id-4']);
    await store.clear();
    expect(await store.list()).toEqual([]);
  });

  it('retries a failed write instead of dropping the failure', async () => {
    const backend = slowBackend();
    let failNext = 1;
    const write = backend.write.bind(backend);
    backend.write = async (list, added) => {
      if (failNext-- > 0) throw new Error('quota');
      return write(list, added);
    };
    const store = new HistoryStore(
      backend,
      () => ({ limit: 100, retentionDays: 30 }),
      () => NOW + 1000,
    );
    await store.add(entry(1));
    expect((await store.list()).map((e) => e.id)).toEqual(['id-1']);
  });

  it('storage.local refusing writes: keeps the newest in memory, says why, retries with backoff, never throws', async () => {
    const backend = slowBackend();
    let failing = true;
    const attempts: number[] = [];
    const write = backend.write.bind(backend);
    backend.write = async (list, added) => {
      attempts.push(Date.now());
      if (failing) throw new Error('QUOTA_BYTES quota exceeded');
      return write(list, added);
    };
    const store = new HistoryStore(
      backend,
      () => ({ limit: 5, retentionDays: 30 }),
      () => NOW + 1000,
      5,
      [20, 80],
    );
    await expect(Promise.all(Array.from({ length: 8 }, (_, i) => store.add(entry(i))))).resolves.toBeDefined();
    expect(store.problem).toBe('QUOTA_BYTES quota exceeded');
    // The newest, capped, in memory.
    expect((await store.list()).map((e) => e.id)).toEqual(['id-7', 'id-6', 'id-5', 'id-4', 'id-3']);
    // The retries' delays as the store asks for them (not wall-clock gaps, which a loaded machine stretches).
    const delays: number[] = [];
    const realSetTimeout = globalThis.setTimeout;
    const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      if (ms !== undefined && ms >= 20 && ms <= 80) delays.push(ms); // not the batch timers (5 and 100 ms)
      return realSetTimeout(fn, ms);
    }) as typeof setTimeout);
    while (attempts.length < 5) await new Promise((r) => realSetTimeout(r, 10));
    spy.mockRestore();
    expect(delays.slice(0, 3)).toEqual([40, 80, 80]); // doubling from 20 ms, up to the 80 ms ceiling
    expect(backend.data).toBeUndefined();
    failing = false;
    await new Promise((r) => setTimeout(r, 120));
    await store.settled();
    expect(store.problem).toBeNull();
    expect((backend.data as HistoryEntry[]).map((e) => e.id)).toEqual(['id-7', 'id-6', 'id-5', 'id-4', 'id-3']);
    const after = attempts.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(attempts.length).toBe(after); // stops retrying once saved
  });

  it('storage.local unreadable: adds never throw, the list shows what this worker saw, nothing stored is overwritten', async () => {
    const backend = slowBackend([entry(99)]);
    let failing = true;
    const read = backend.read.bind(backend);
    backend.read = async () => {
      if (failing) throw new Error('database corrupted');
      return read();
    };
    const store = new HistoryStore(
      backend,
      () => ({ limit: 100, retentionDays: 30 }),
      () => NOW + 1000,
      5,
      [20, 80],
    );
    await store.add(entry(1));
    expect(store.problem).toBe('database corrupted');
    expect((await store.list()).map((e) => e.id)).toEqual(['id-1']);
    expect(backend.writes).toBe(0);
    failing = false;
    await new Promise((r) => setTimeout(r, 60));
    await store.settled();
    expect((await store.list()).map((e) => e.id)).toEqual(['id-1', 'id-99']);
    expect(store.problem).toBeNull();
  });

  it('repairs garbage in storage instead of crashing', async () => {
    const store = new HistoryStore(
      slowBackend({ not: 'a list' }),
      () => ({ limit: 100, retentionDays: 30 }),
      () => NOW + 1000,
    );
    await store.add(entry(1));
    expect((await store.list()).map((e) => e.id)).toEqual(['id-1']);

    const { entries, dropped } = repairEntries([
      null,
      42,
      { url: 5 },
      { url: 'http://x.example/', error: 'net::ERR_CONNECTION_RESET' },
    ]);
    expect(dropped).toBe(3);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.cause).toBe('connection-dropped');
  });
});

describe('history list', () => {
  it('reads the incognito list from storage.session whatever it holds, never throwing', () => {
    // What record() did before: `((raw as HistoryEntry[] | undefined) ?? []).filter(...)` threw for all but the list.
    const before = (raw: unknown) => ((raw as HistoryEntry[] | undefined) ?? []).filter((e) => e.id !== 'x');
    expect(() => before({ not: 'a list' })).toThrow(TypeError);
    expect(() => before('text')).toThrow(TypeError);
    for (const raw of [undefined, null, 42, 'text', { not: 'a list' }, [null, 'x', { url: 7 }]])
      expect(SESSION_REPAIRS.privateHistory(raw)).toEqual([]);
    const good = entry(1);
    const list = SESSION_REPAIRS.privateHistory([{ junk: true }, good, { ...entry(2), verdict: 'nonsense' }]);
    expect(list.map((e) => e.id)).toEqual(['id-2', 'id-1']);
    expect(list[0]!.verdict).not.toBe('nonsense');
  });

  it('prunes entries older than the retention', () => {
    const old = entry(1, { time: NOW - 40 * 86_400_000 });
    const fresh = entry(2);
    expect(pruneEntries([fresh, old], NOW, 30, 100).map((e) => e.id)).toEqual(['id-2']);
  });

  it('does not fold different errors of the same URL', () => {
    const a = entry(1);
    const b = toEntry(failureOf({ id: 'b', url: a.url, error: 'net::ERR_CONNECTION_RESET' }));
    expect(foldEntry([a], b, 10)).toHaveLength(2);
  });
});
