/**
 * Issue 21.3, the cold start: the real worker (src/background/index.ts) on the in-memory browser of
 * bench/fake-browser.ts, woken by the error event itself. It takes over at once with the default settings, without
 * waiting for the stored ones; when those turn the takeover off, the takeover is corrected (the tab is sent back to
 * the failed address) and the failure is recorded once, by the failure of that corrected navigation.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', async () => await import('../../../bench/fake-browser'));

describe('cold start', () => {
  it('takes over before the settings are read, and corrects it when they turn the takeover off', async () => {
    const fake = await import('../../../bench/fake-browser');
    const { config, event, storage, tabs, EXTENSION_ORIGIN } = fake;
    // A cold start where storage has not answered yet (a busy browser): the event comes before the settings.
    let answer = () => undefined as void;
    config.gate = new Promise<void>((resolve) => (answer = resolve));
    storage.local.data.set('settings', { version: 1, takeover: false });
    tabs.set(3, { id: 3, url: 'about:blank', incognito: false, active: true, windowId: 1 });
    const updates: string[] = [];
    const api = fake.browser.tabs as unknown as Record<string, unknown>;
    api.update = (_id: number, p: { url: string }) => {
      updates.push(p.url);
      return Promise.resolve();
    };
    await import('../../../src/background/index');
    const url = 'http://127.0.0.1:9/cold';
    const failed = {
      tabId: 3,
      frameId: 0,
      parentFrameId: -1,
      url,
      type: 'main_frame',
      requestId: 'cold',
      error: 'net::ERR_CONNECTION_REFUSED',
      timeStamp: Date.now(),
    };
    event('webRequest', 'onErrorOccurred').dispatch(failed);
    // Taken over in the event's own task: no storage read was waited for.
    expect(updates).toHaveLength(1);
    expect(updates[0]).toContain(`${EXTENSION_ORIGIN}src/pages/explain/index.html`);
    config.gate = null;
    answer();
    // The settings arrive: the takeover is corrected, the tab goes back to the failed address.
    await vi.waitFor(() => expect(updates).toEqual([updates[0], url]), { timeout: 2000 });
    // That navigation fails again, and is not taken over (the settings now say so).
    event('webNavigation', 'onBeforeNavigate').dispatch({ tabId: 3, frameId: 0, url, timeStamp: Date.now() });
    event('webRequest', 'onErrorOccurred').dispatch({ ...failed, requestId: 'again', timeStamp: Date.now() });
    await new Promise((r) => setTimeout(r, 1500));
    expect(updates).toHaveLength(2);
    const history = (storage.local.data.get('history') ?? []) as { url: string; count: number }[];
    expect(history.filter((e) => e.url === url).map((e) => e.count)).toEqual([1]);
  }, 10_000);
});
