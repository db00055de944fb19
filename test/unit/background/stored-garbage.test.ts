/**
 * Issue 21.5: the real worker (src/background/index.ts) on the in-memory browser of bench/fake-browser.ts, started
 * over storage that holds garbage under every key of storage.local and storage.session (and in a journal batch).
 * It starts, takes over and records a failure, writes a valid history, lists it, and says once per key that what was
 * stored was repaired; a failed request in a tab whose stored state was broken is counted; and what the worker then
 * writes itself reads back with nothing to repair (no warning at every start).
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
  tabs: {
    '3': { tabId: 'x', failureId: 5, subresources: [null, { host: 1 }] },
    '5': { tabId: 5, failureId: null, subresources: [null, { host: '127.0.0.1:9', code: 'ERR_FAILED', count: 2 }] },
    x: null,
  },
  loads: [null, { tabId: 'x' }, { tabId: 3, url: 7, start: 'then' }],
  pages: [{ 'a.example': 'x' }],
  language: '../../secrets',
  pageShell: { version: 3, shell: ['<script>'] },
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
    tabs.set(5, { id: 5, url: 'http://127.0.0.1:9/app', incognito: false, active: false, windowId: 1 });
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

    // Every key was read, and said to be repaired once; but the page server's, which only the Chromium worker has
    // (these tests build the Firefox one): its repair is in storage-repair.test.ts, its use in explain-server.test.ts.
    await vi.waitFor(() => {
      for (const key of [...Object.keys(LOCAL_REPAIRS), ...Object.keys(SESSION_REPAIRS)].filter(
        (k) => k !== 'pageShell',
      ))
        expect(
          warned.filter((w) => w.startsWith(`netwhy: repaired the stored "${key}"`)),
          key,
        ).toHaveLength(1);
    });
    expect(errors).toEqual([]);

    // A failed request in the tab whose stored state held broken groups: counted, no throw (before the repair table,
    // a stored `null` group made the tab's next failed request throw in TabStates.subFailed).
    event('webRequest', 'onErrorOccurred').dispatch({
      tabId: 5,
      frameId: 0,
      parentFrameId: -1,
      url: 'http://127.0.0.1:9/api/data',
      type: 'xmlhttprequest',
      requestId: 'g2',
      error: 'net::ERR_CONNECTION_REFUSED',
      timeStamp: Date.now(),
    });
    // A setting changed by the user, and a top-level load under way: the worker writes those keys too.
    await new Promise((resolve) =>
      event('runtime', 'onMessage').dispatch(
        { netwhy: 1, type: 'settings:set', data: { historyLimit: 300 } },
        { id: fake.browser.runtime.id, url: `${EXTENSION_ORIGIN}src/pages/options/index.html` },
        resolve,
      ),
    );
    event('webNavigation', 'onBeforeNavigate').dispatch({ tabId: 4, frameId: 0, url: 'http://127.0.0.1:9/slow' });

    // What the worker wrote itself reads back as it is: a worker started over it would say nothing was repaired.
    const rewritten = (area: 'local' | 'session', keys: string[]) =>
      keys.filter((k) => storage[area].data.has(k) && storage[area].data.get(k) !== GARBAGE[k]);
    const mine = await vi.waitFor(
      () => {
        const local = rewritten('local', Object.keys(LOCAL_REPAIRS));
        const session = rewritten('session', Object.keys(SESSION_REPAIRS));
        // The mirrors write at most once a second.
        expect(session).toEqual(expect.arrayContaining(['tabs', 'neighbourhood', 'loads']));
        expect(local).toEqual(expect.arrayContaining(['history', 'settings']));
        return { local, session };
      },
      { timeout: 8000, interval: 50 },
    );
    const saidOf = (repair: (raw: unknown, said: (d?: string) => void) => unknown, raw: unknown) => {
      const said: string[] = [];
      repair(structuredClone(raw), (d) => said.push(d ?? 'repaired'));
      return said;
    };
    const groups = storage.session.data.get('tabs') as Record<string, { subresources: { count: number }[] }>;
    // Tab 5 kept its one readable group (the broken one dropped) and counted the new failure beside it.
    expect(groups['5']?.subresources.map((g) => g.count).sort()).toEqual([1, 2]);
    for (const key of mine.local)
      expect(saidOf(LOCAL_REPAIRS[key as keyof typeof LOCAL_REPAIRS], storage.local.data.get(key)), key).toEqual([]);
    for (const key of mine.session)
      expect(saidOf(SESSION_REPAIRS[key as keyof typeof SESSION_REPAIRS], storage.session.data.get(key)), key).toEqual(
        [],
      );
    expect(errors).toEqual([]);
  }, 20_000);
});
