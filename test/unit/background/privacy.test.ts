/**
 * Incognito in the worker (issue 18): fail-closed tab state, a separate neighbourhood, typo candidates, private
 * history.
 */
import { toEntry } from '../../../src/shared/history-list';
import { failureOf, NOW } from '../../fixtures/rule-cases';
import { describe, expect, it } from 'vitest';
import { Capture, type CaptureDeps } from '../../../src/background/capture';
import { NeighbourhoodTracker } from '../../../src/background/neighbourhood';
import { PrivateHistory } from '../../../src/background/private-history';
import { SESSION_REPAIRS } from '../../../src/shared/storage-repair';
import { TabPrivacy } from '../../../src/background/privacy';
import type { Failure } from '../../../src/engine/failure';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import type { HistoryEntry } from '../../../src/shared/types';

describe('TabPrivacy', () => {
  it('fails closed: unknown tabs, tabs outside any tab and failed lookups count as incognito', async () => {
    const tabs = new Map<number, { incognito: boolean }>([
      [1, { incognito: false }],
      [2, { incognito: true }],
    ]);
    const p = new TabPrivacy(async (id) => {
      const tab = tabs.get(id);
      if (!tab) throw new Error('No tab with id');
      return tab;
    });
    expect(p.isNormal(1)).toBe(false); // not known yet
    expect(await p.isPrivate(1)).toBe(false);
    expect(p.isNormal(1)).toBe(true);
    expect(await p.isPrivate(2)).toBe(true);
    expect(p.isNormal(2)).toBe(false);
    expect(await p.isPrivate(99)).toBe(true); // closed before tabs.get answered
    expect(await p.isPrivate(-1)).toBe(true);
    expect(p.isNormal(-1)).toBe(false);
    p.known(5, false);
    expect(p.isNormal(5)).toBe(true);
    p.known(6, undefined); // an event that does not say
    expect(p.isNormal(6)).toBe(false);
  });

  it('keeps a closed tab’s state for its late failure', async () => {
    const p = new TabPrivacy(async () => {
      throw new Error('gone');
    }, 10_000);
    p.known(3, false);
    p.closed(3);
    expect(await p.isPrivate(3)).toBe(false);
  });
});

function capture(normalTabs: Set<number>) {
  const normal = new NeighbourhoodTracker(() => undefined, 10_000);
  const priv = new NeighbourhoodTracker(() => undefined, 10_000);
  const top: Failure[] = [];
  let now = 1_000_000;
  let ids = 0;
  const deps: CaptureDeps = {
    ownOrigin: 'chrome-extension://abc/',
    now: () => now,
    online: () => true,
    settings: () => ({ ...DEFAULT_SETTINGS }),
    neighbourhood: normal,
    incognito: { isNormal: (tabId) => normalTabs.has(tabId), neighbourhood: priv },
    newId: () => `f${++ids}`,
    takeover: () => undefined,
    recordTop: (f) => top.push(structuredClone(f)),
    recordSub: () => undefined,
    failedPageShown: () => undefined,
    topLoaded: () => undefined,
    isReturnToExplained: () => false,
    goBack: () => undefined,
  };
  return { c: new Capture(deps), normal, priv, top, tick: (ms: number) => (now += ms) };
}

const ok = (tabId: number, url: string, type = 'main_frame') => ({ tabId, url, frameId: 0, type, statusCode: 200 });

describe('capture keeps incognito apart', () => {
  it('successes and failures of incognito, unknown and tab-less requests never reach the normal neighbourhood', () => {
    const { c, normal, priv, top, tick } = capture(new Set([1]));
    c.onCompleted(ok(2, 'http://secret-incognito.test/')); // incognito
    c.onCompleted(ok(7, 'http://unknown-tab.test/')); // not known yet
    c.onCompleted(ok(-1, 'http://worker.test/', 'xmlhttprequest'));
    c.onRequestError({
      tabId: 2,
      url: 'http://secret-failing.test/x.js',
      frameId: 0,
      type: 'script',
      error: 'net::ERR_CONNECTION_REFUSED',
    });
    c.onCompleted(ok(1, 'http://normal.test/'));
    tick(1000);
    c.onRequestError({
      tabId: 1,
      url: 'http://down.test:8080/',
      frameId: 0,
      type: 'main_frame',
      error: 'net::ERR_CONNECTION_REFUSED',
    });
    const seen = JSON.stringify([top, normal.state()]);
    expect(seen).toContain('normal.test');
    expect(seen).not.toMatch(/secret|unknown-tab|worker\.test/);
    expect(JSON.stringify(priv.state())).toMatch(/secret-incognito.*unknown-tab|unknown-tab.*secret-incognito/);
    // An incognito failure reads the incognito neighbourhood only.
    c.onRequestError({
      tabId: 2,
      url: 'http://down2.test:8080/',
      frameId: 0,
      type: 'main_frame',
      error: 'net::ERR_CONNECTION_REFUSED',
    });
    expect(top[1]!.context.recentSuccesses.map((s) => s.host)).not.toContain('normal.test');
  });

  it('typo candidates are top-level pages of normal tabs: no subresource, no incognito page', () => {
    const { c, top } = capture(new Set([1]));
    c.onCompleted(ok(1, 'https://paypa1.com/logo.png', 'image')); // planted by some page
    c.onCommitted({ tabId: 2, frameId: 0, url: 'https://secret-bank.test/' }); // incognito
    c.onNavigationError({
      tabId: 1,
      frameId: 0,
      url: 'https://paypal.cmo/login?next=/account',
      error: 'net::ERR_NAME_NOT_RESOLVED',
    });
    c.onNavigationError({
      tabId: 1,
      frameId: 0,
      url: 'https://secret-bamk.test/',
      error: 'net::ERR_NAME_NOT_RESOLVED',
    });
    expect(top.map((f) => f.context.similarHosts)).toEqual([[], []]);
    c.onCommitted({ tabId: 3, frameId: 0, url: 'https://github.com/' }); // tab 3 is not known to be normal
    c.onCommitted({ tabId: 1, frameId: 0, url: 'https://gitlab.com/' });
    c.onNavigationError({ tabId: 4, frameId: 0, url: 'https://githbu.com/', error: 'net::ERR_NAME_NOT_RESOLVED' });
    c.onNavigationError({ tabId: 4, frameId: 0, url: 'https://gitlba.com/', error: 'net::ERR_NAME_NOT_RESOLVED' });
    expect(top.slice(2).map((f) => f.context.similarHosts)).toEqual([[], ['gitlab.com']]);
  });
});

describe('private history', () => {
  // Complete entries, as record() stores them (the list is read back repaired, entry by entry).
  let clock = 0;
  const entry = (id: string, url = `http://x.test/${id}`): HistoryEntry => {
    clock++;
    return toEntry(
      failureOf({ id, url, error: 'net::ERR_CONNECTION_REFUSED', time: NOW + clock, firstTime: NOW + clock }),
    );
  };

  it('adds, deletes one entry, clears, one change at a time', async () => {
    let stored: unknown;
    const h = new PrivateHistory({
      read: async () => SESSION_REPAIRS.privateHistory(stored),
      write: async (l) => void (stored = l),
    });
    await Promise.all([h.add(entry('a'), 10), h.add(entry('b'), 10), h.add(entry('c'), 10)]);
    expect((await h.list()).map((e) => e.id)).toEqual(['c', 'b', 'a']);
    expect(await h.delete('b')).toBe(true);
    expect(await h.delete('zz')).toBe(false);
    expect((await h.list()).map((e) => e.id)).toEqual(['c', 'a']);
    await h.add(entry('d', 'http://x.test/a'), 10); // a repeat folds, as in history
    expect((await h.list()).map((e) => [e.id, e.count])).toEqual([
      ['d', 2],
      ['c', 1],
    ]);
    await h.clear();
    expect(await h.list()).toEqual([]);
  });
});
