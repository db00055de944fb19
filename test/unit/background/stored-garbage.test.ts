/**
 * Issue 21.5: the real worker (src/background/index.ts) on the in-memory browser of bench/fake-browser.ts, started
 * over storage that holds garbage under every key of storage.local and storage.session (and in a journal batch).
 * It starts, takes over and records a failure, writes a valid history, lists it, and says once per key that what was
 * stored was repaired.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOCAL_REPAIRS, SESSION_REPAIRS } from '../../../src/shared/storage-repair';

vi.mock('webextension-polyfill', async () => await import('../../../bench/fake-browser'));

/** Under each key, a value of about its kind with every part broken (the table's own tests cover every other kind). */
const GARBAGE: Record<string, unknown> = {
  history: [null, 42, { url: 5 }, { url: 'http://old.example/', error: 7, verdict: 'nonsense', time: 'x' }],
  privateHistory: { not: 'a list' },
  settings: { version: -3, takeover: 'yes', historyLimit: 'lots', probes: 'all', junk: {} },
  customRules: { rules: 1 },
  journalApplied: ['journal:x:1'],
  neighbourhood: { successes: 5, failures: [null, { host: 1 }], clock: 'x' },
  tabs: { '3': { tabId: 'x', failureId: 5, subresources: [null, { host: 1 }] }, x: null },
  loads: [null, { tabId: 'x' }, { tabId: 3, url: 7, start: 'then' }],
  pages: [{ 'a.example': 'x' }],
};

type Row = { id: string; url: string; count: number; cause: string };

afterEach(() => vi.restoreAllMocks());

describe('a worker started over garbage in storage', () => {
  it('starts, records a failure, writes and lists a valid history, and says what it repaired', async () => {
    const fake = await import('../../../bench/fake-browser');
    const { event, storage, tabs, EXTENSION_ORIGIN } = fake;
    for (const key of Object.keys(LOCAL_REPAIRS)) storage.local.data.set(key, GARBAGE[key]);
    for (const key of Object.keys(SESSION_REPAIRS)) storage.session.data.set(key, GARBAGE[key]);
    storage.session.data.set('journal:old:1', { f: 'garbage' });
    const warned: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warned.push(args.map(String).join(' ')));
    const errors: unknown[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args));
    tabs.set(3, { id: 3, url: 'about:blank', incognito: false, active: true, windowId: 1 });
    const updates: string[] = [];
    (fake.browser.tabs as unknown as Record<string, unknown>).update = (_id: number, p: { url: string }) => {
      updates.push(p.url);
      return Promise.resolve();
    };

    await import('../../../src/background/index');
    const url = 'http://127.0.0.1:9/after-garbage';
    event('webRequest', 'onErrorOccurred').dispatch({
      tabId: 3,
      frameId: 0,
      parentFrameId: -1,
      url,
      type: 'main_frame',
      requestId: 'g1',
      error: 'net::ERR_CONNECTION_REFUSED',
      timeStamp: Date.now(),
    });
    expect(updates[0]).toContain(`${EXTENSION_ORIGIN}src/pages/explain/index.html`);

    // The history is written, with the failure in it; read again, nothing in it needs repair.
    const written = await vi.waitFor(
      () => {
        const h = storage.local.data.get('history') as Row[] | undefined;
        expect(Array.isArray(h) && h.some((e) => e.url === url)).toBe(true);
        return h!;
      },
      { timeout: 5000, interval: 20 },
    );
    const saidRepaired: string[] = [];
    const reread = LOCAL_REPAIRS.history(structuredClone(written), (d) => saidRepaired.push(d ?? ''));
    expect(saidRepaired).toEqual([]);
    const summary = (list: Row[]) => list.map((e) => [e.id, e.url, e.count, e.cause]).sort();
    expect(summary(reread)).toEqual(summary(written));
    // The old row with a bad verdict was diagnosed again and kept; the unreadable ones are gone.
    expect(written.map((e) => e.url).sort()).toEqual([url, 'http://old.example/'].sort());

    // The popup's list (it reads storage.session's incognito list too) has it.
    const reply = await new Promise<{ ok: boolean; value?: Row[] }>((resolve) =>
      event('runtime', 'onMessage').dispatch(
        { netwhy: 1, type: 'history:list', data: {} },
        { id: fake.browser.runtime.id, url: `${EXTENSION_ORIGIN}src/pages/popup/index.html` },
        resolve,
      ),
    );
    expect(reply.ok).toBe(true);
    expect(reply.value?.find((e) => e.url === url)?.cause).toBe('no-listener');

    // Every key was read, and said to be repaired once.
    await vi.waitFor(() => {
      for (const key of [...Object.keys(LOCAL_REPAIRS), ...Object.keys(SESSION_REPAIRS)])
        expect(
          warned.filter((w) => w.startsWith(`netwhy: stored ${key} was repaired`)),
          key,
        ).toHaveLength(1);
    });
    expect(errors).toEqual([]);
  }, 20_000);
});
