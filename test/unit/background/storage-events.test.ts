/**
 * The real worker (src/background/index.ts) on the in-memory browser of bench/fake-browser.ts listens to the changes
 * of storage.local and storage.managed only: the journal writes and removes a storage.session key per failure, and
 * with a listener on the global storage.onChanged every one of those writes would wake the worker with its value.
 * Settings, custom rules and the policy still reach it when they change.
 */
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';

vi.mock('webextension-polyfill', async () => await import('../../../bench/fake-browser'));

type Reply<T> = { ok: boolean; value?: T };

describe("the worker's storage change listeners", () => {
  it('hears local and managed changes, and none of its own session writes', async () => {
    const fake = await import('../../../bench/fake-browser');
    const { event, storage, tabs, EXTENSION_ORIGIN } = fake;
    tabs.set(3, { id: 3, url: 'about:blank', incognito: false, active: true, windowId: 1 });
    (fake.browser.tabs as unknown as Record<string, unknown>).update = () => Promise.resolve();
    await import('../../../src/background/index');

    expect(storage.onChanged.hasListeners()).toBe(false);
    expect(storage.session.onChanged.hasListeners()).toBe(false);
    expect(storage.local.onChanged.hasListeners()).toBe(true);
    expect(storage.managed.onChanged.hasListeners()).toBe(true);

    const ask = <T>(type: string) =>
      new Promise<Reply<T>>((resolve) =>
        event('runtime', 'onMessage').dispatch(
          { netwhy: 1, type, data: {} },
          { id: fake.browser.runtime.id, url: `${EXTENSION_ORIGIN}src/pages/options/index.html` },
          resolve,
        ),
      );

    // A failure: the journal writes to storage.session, and nothing in the worker is told about it.
    const journalWrites = () => fake.counters.writes['session.journal'] ?? 0;
    event('webRequest', 'onErrorOccurred').dispatch({
      tabId: 3,
      frameId: 0,
      parentFrameId: -1,
      url: 'http://127.0.0.1:9/app',
      type: 'main_frame',
      error: 'net::ERR_CONNECTION_REFUSED',
      timeStamp: Date.now(),
      requestId: '1',
      method: 'GET',
    });
    await vi.waitFor(() => expect(journalWrites()).toBeGreaterThan(0));

    // The user's settings, changed by another context, are in force in the worker.
    expect((await ask<typeof DEFAULT_SETTINGS>('settings:get')).value?.historyLimit).toBe(
      DEFAULT_SETTINGS.historyLimit,
    );
    await storage.local.set({ settings: { ...DEFAULT_SETTINGS, historyLimit: 77 } });
    await vi.waitFor(async () =>
      expect((await ask<typeof DEFAULT_SETTINGS>('settings:get')).value?.historyLimit).toBe(77),
    );

    // The administrator's policy, changed: the worker reads it again, and a locked setting wins over the user's.
    await storage.managed.set({ settings: { historyLimit: 120 }, locked: ['historyLimit'] });
    await vi.waitFor(async () =>
      expect((await ask<typeof DEFAULT_SETTINGS>('settings:get')).value?.historyLimit).toBe(120),
    );
  });
});
