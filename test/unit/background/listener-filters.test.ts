/**
 * The real worker (src/background/index.ts) on the in-memory browser of bench/fake-browser.ts asks the browser only
 * for the webRequest events it uses: every request's error and completion (a page's failed images and fetches are
 * recorded, its successful ones fill the neighbourhood), but a request's headers sent and response started only for
 * top-level documents (the load tracker), and headers of scripts' own requests only for those (the CORS tracker).
 * Asked for every request, each image, script and fetch of every page would wake the worker twice more.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', async () => await import('../../../bench/fake-browser'));

type Filter = { urls?: string[]; types?: string[] } | undefined;

describe("the worker's webRequest filters", () => {
  it('asks for every request only where it uses every request', async () => {
    const fake = await import('../../../bench/fake-browser');
    await import('../../../src/background/index');
    const filtersOf = (name: string) => fake.event('webRequest', name).filters as Filter[];
    const everyRequest = (f: Filter) => f !== undefined && f.types === undefined;

    expect(filtersOf('onErrorOccurred').some(everyRequest)).toBe(true);
    expect(filtersOf('onCompleted').some(everyRequest)).toBe(true);
    for (const name of ['onSendHeaders', 'onResponseStarted', 'onHeadersReceived']) {
      const filters = filtersOf(name);
      expect(filters.length, name).toBeGreaterThan(0);
      for (const f of filters) {
        expect(f?.urls, name).toEqual(['<all_urls>']);
        expect(everyRequest(f), `${name}: ${JSON.stringify(f)}`).toBe(false);
      }
    }
    for (const name of ['onSendHeaders', 'onResponseStarted'])
      expect(filtersOf(name).some((f) => f?.types?.join() === 'main_frame')).toBe(true);
  });
});
