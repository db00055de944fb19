/**
 * The real worker (src/background/index.ts) on the in-memory browser of bench/fake-browser.ts: its first takeover after
 * a start calls tabs.update before any i18n.getMessage (the first one makes the browser load the language's catalog,
 * 27–76 ms in a Chromium worker just started) and sends the first paint's words as keys; it loads the catalog right
 * after, once the failure is in the journal. Every later takeover carries the words themselves, the same ones the
 * page would have looked up.
 */
import { describe, expect, it, vi } from 'vitest';
import { lookUp } from '../../../src/shared/first-paint';
import { shippedKey } from '../../../src/shared/message-key';

vi.mock('webextension-polyfill', async () => await import('../../../bench/fake-browser'));

describe("a cold worker's first takeover", () => {
  it('calls tabs.update before any message lookup, with keys the page looks up; then words', async () => {
    const fake = await import('../../../bench/fake-browser');
    const { event, tabs } = fake;
    const i18n = fake.browser.i18n;
    const getMessage = i18n.getMessage;
    let lookups = 0;
    let journalAtFirstLookup: number | null = null;
    const journalWrites = () => fake.counters.writes['session.journal'] ?? 0;
    i18n.getMessage = (key: string, params?: string[]) => {
      if (lookups++ === 0) journalAtFirstLookup = journalWrites();
      return getMessage(key, params);
    };
    const updates: { url: string; lookupsBefore: number }[] = [];
    (fake.browser.tabs as unknown as Record<string, unknown>).update = (_id: number, p: { url: string }) => {
      updates.push({ url: p.url, lookupsBefore: lookups });
      return Promise.resolve();
    };
    // Host access granted, as in Chromium (the fake says "not granted", and the button would say so in words).
    (fake.browser.permissions as unknown as Record<string, unknown>).contains = () => Promise.resolve(true);
    for (const id of [3, 4]) tabs.set(id, { id, url: 'about:blank', incognito: false, active: true, windowId: 1 });

    await import('../../../src/background/index');
    const fail = (tabId: number, port: number) =>
      event('webRequest', 'onErrorOccurred').dispatch({
        tabId,
        frameId: 0,
        parentFrameId: -1,
        url: `http://127.0.0.1:${port}/`,
        type: 'main_frame',
        error: 'net::ERR_CONNECTION_REFUSED',
        timeStamp: Date.now(),
        requestId: String(port),
        method: 'GET',
      });

    fail(3, 3000);
    await vi.waitFor(() => expect(updates).toHaveLength(1));
    expect(updates[0]!.lookupsBefore).toBe(0);
    const cold = new URL(updates[0]!.url).searchParams;
    expect(cold.get('h')).toContain('\u0001');
    // The catalog loads right after, once the journal has the failure: its wait never delays what a stop would lose.
    await vi.waitFor(() => expect(lookups).toBeGreaterThan(0));
    expect(journalAtFirstLookup).toBeGreaterThan(0);

    fail(4, 3000);
    await vi.waitFor(() => expect(updates).toHaveLength(2));
    const warm = new URL(updates[1]!.url).searchParams;
    expect(warm.get('h')).not.toContain('\u0001');
    // The same failure, the same words: what the page looked up from the keys is what the worker wrote.
    for (const name of ['h', 'vl', 'vc', 'epl', 'e'])
      expect(
        lookUp(cold.get(name) ?? '', (key, params) => getMessage(shippedKey(key), params)),
        name,
      ).toBe(warm.get(name) ?? '');
  });
});
