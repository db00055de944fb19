import { beforeEach, describe, expect, it } from 'vitest';
import { Capture, type CaptureDeps } from '../../../src/background/capture';
import { Explained } from '../../../src/background/explained';
import { NeighbourhoodTracker } from '../../../src/background/neighbourhood';
import type { Failure } from '../../../src/engine/failure';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings';

let now = 1_000_000;
let ids = 0;
let settings: Settings;
let calls: {
  takeover: Failure[];
  top: Failure[];
  pageComing: boolean[];
  sub: Failure[];
  loaded: number[];
  back: number[];
  shown: number[];
};
let capture: Capture;
let explained: Explained;

beforeEach(() => {
  now = 1_000_000;
  ids = 0;
  settings = { ...DEFAULT_SETTINGS };
  calls = { takeover: [], top: [], pageComing: [], sub: [], loaded: [], back: [], shown: [] };
  explained = new Explained(() => now);
  const deps: CaptureDeps = {
    ownOrigin: 'chrome-extension://abc/',
    now: () => now,
    online: () => true,
    settings: () => settings,
    neighbourhood: new NeighbourhoodTracker(() => undefined, 10_000),
    newId: () => `f${++ids}`,
    takeover: (f) => {
      explained.shown(f.tabId, f.url);
      calls.takeover.push(f);
    },
    recordTop: (f, pageComing) => {
      calls.top.push(structuredClone(f));
      calls.pageComing.push(pageComing);
    },
    recordSub: (f) => calls.sub.push(f),
    topLoaded: (tabId) => calls.loaded.push(tabId),
    failedPageShown: (f) => calls.shown.push(f.tabId),
    isReturnToExplained: (tabId, url) => explained.isReturn(tabId, url),
    goBack: (tabId) => calls.back.push(tabId),
  };
  capture = new Capture(deps);
});

const URL = 'http://127.0.0.1:3000/';

/** The deps the shared capture was built with, to build another with one of them replaced. */
const depsOf = (c: Capture): CaptureDeps => (c as unknown as { deps: CaptureDeps }).deps;

describe('capture', () => {
  it('makes one failure of the two events of one navigation and acts on the first', () => {
    capture.onRequestError({
      tabId: 1,
      url: URL,
      frameId: 0,
      type: 'main_frame',
      error: 'net::ERR_CONNECTION_REFUSED',
    });
    expect(calls.takeover).toHaveLength(1);
    now += 80;
    capture.onNavigationError({ tabId: 1, url: URL, frameId: 0, error: 'net::ERR_CONNECTION_REFUSED' });
    expect(calls.takeover).toHaveLength(1);
    expect(calls.top).toHaveLength(1);
  });

  it('acts on webNavigation when it comes first', () => {
    capture.onNavigationError({ tabId: 1, url: URL, frameId: 0, error: 'net::ERR_NAME_NOT_RESOLVED' });
    expect(calls.takeover).toHaveLength(1);
  });

  it('ignores aborts in every browser vocabulary', () => {
    capture.onRequestError({ tabId: 1, url: URL, frameId: 0, type: 'main_frame', error: 'net::ERR_ABORTED' });
    capture.onRequestError({ tabId: 1, url: URL, frameId: 0, type: 'main_frame', error: 'NS_BINDING_ABORTED' });
    capture.onNavigationError({ tabId: 1, url: URL, frameId: 0, error: 'Error code 2152398850' });
    expect(calls.top).toHaveLength(0);
  });

  it('trusts webNavigation for a redirect loop when webRequest says aborted', () => {
    capture.onRequestError({ tabId: 1, url: URL, frameId: 0, type: 'main_frame', error: 'net::ERR_ABORTED' });
    capture.onNavigationError({ tabId: 1, url: URL, frameId: 0, error: 'net::ERR_TOO_MANY_REDIRECTS' });
    expect(calls.takeover.map((f) => f.error)).toEqual(['net::ERR_TOO_MANY_REDIRECTS']);
  });

  it('records an HTTP error page without taking over, and takes over when the empty-body error follows', () => {
    capture.onCompleted({ tabId: 1, url: URL, frameId: 0, type: 'main_frame', statusCode: 502, ip: '127.0.0.1' });
    expect(calls.top).toHaveLength(1);
    expect(calls.takeover).toHaveLength(0);
    capture.onNavigationError({ tabId: 1, url: URL, frameId: 0, error: 'net::ERR_HTTP_RESPONSE_CODE_FAILURE' });
    expect(calls.takeover).toHaveLength(1);
    expect(calls.takeover[0]!.httpStatus).toBe(502);
    expect(calls.top.at(-1)!.error).toBe('net::ERR_HTTP_RESPONSE_CODE_FAILURE');
  });

  it('knows an HTTP error status from the headers, before the page commits, and marks the commit for the overlay', () => {
    capture.onHeaders({ tabId: 7, url: URL, frameId: 0, type: 'main_frame', statusCode: 502 });
    capture.onCommitted({ tabId: 7, frameId: 0, url: URL, documentId: 'doc-1' });
    capture.onCompleted({ tabId: 7, url: URL, frameId: 0, type: 'main_frame', statusCode: 502, ip: '127.0.0.1' });
    expect(calls.top).toHaveLength(1);
    expect(calls.shown).toEqual([7]);
    expect(calls.loaded).toEqual([]);
  });

  it("a site's error page that commits seconds after its status (a loaded machine) still gets its card, once", () => {
    capture.onHeaders({ tabId: 7, url: URL, frameId: 0, type: 'main_frame', statusCode: 502 });
    now += 8_000; // 100 tabs answered at once: the commit came 8 s after the headers
    capture.onCommitted({ tabId: 7, frameId: 0, url: URL, documentId: 'doc-1' });
    now += 4_000;
    capture.onCompleted({ tabId: 7, url: URL, frameId: 0, type: 'main_frame', statusCode: 502, ip: '127.0.0.1' });
    expect(calls.top).toHaveLength(1);
    expect(calls.shown).toEqual([7]);
    expect(calls.loaded).toEqual([]);
    // A new navigation ends the record: the same URL failing again is a new failure.
    capture.onBeforeNavigate({ tabId: 7, frameId: 0, url: URL });
    capture.onHeaders({ tabId: 7, url: URL, frameId: 0, type: 'main_frame', statusCode: 502 });
    expect(calls.top).toHaveLength(2);
  });

  it('shows the card when Firefox commits the page (and completes the tab) before the status arrives', () => {
    const shown: (string | undefined)[] = [];
    const c = new Capture({ ...depsOf(capture), failedPageShown: (_f, doc) => shown.push(doc ?? 'none') });
    c.onBeforeNavigate({ tabId: 7, frameId: 0, url: URL });
    c.onCommitted({ tabId: 7, frameId: 0, url: URL, documentId: 'doc-1' });
    c.onTabComplete(7, URL);
    now += 40;
    c.onHeaders({ tabId: 7, url: URL, frameId: 0, type: 'main_frame', statusCode: 503 });
    c.onCompleted({ tabId: 7, url: URL, frameId: 0, type: 'main_frame', statusCode: 503 });
    expect(shown).toEqual(['doc-1']);
  });

  it("never puts a late status's card on a later document", () => {
    const shown: string[] = [];
    const c = new Capture({ ...depsOf(capture), failedPageShown: (_f, doc) => shown.push(doc ?? 'none') });
    c.onCommitted({ tabId: 7, frameId: 0, url: URL, documentId: 'doc-1' });
    c.onBeforeNavigate({ tabId: 7, frameId: 0, url: 'http://127.0.0.1:3000/next' });
    c.onHeaders({ tabId: 7, url: URL, frameId: 0, type: 'main_frame', statusCode: 503 });
    // Too late for the same document: beyond the window of one navigation.
    c.onCommitted({ tabId: 8, frameId: 0, url: URL, documentId: 'doc-2' });
    now += 10_000;
    c.onHeaders({ tabId: 8, url: URL, frameId: 0, type: 'main_frame', statusCode: 503 });
    expect(shown).toEqual([]);
  });

  it('never takes over for certificate errors, but records them', () => {
    capture.onRequestError({
      tabId: 1,
      url: 'https://127.0.0.1:8443/',
      frameId: 0,
      type: 'main_frame',
      error: 'net::ERR_CERT_AUTHORITY_INVALID',
    });
    expect(calls.takeover).toHaveLength(0);
    expect(calls.top).toHaveLength(1);
  });

  it('respects the takeover setting', () => {
    settings = { ...settings, takeover: false };
    capture.onRequestError({
      tabId: 1,
      url: URL,
      frameId: 0,
      type: 'main_frame',
      error: 'net::ERR_CONNECTION_REFUSED',
    });
    expect(calls.takeover).toHaveLength(0);
    expect(calls.top).toHaveLength(1);
  });

  it('records subresource failures without taking over', () => {
    capture.onRequestError({
      tabId: 1,
      url: 'http://127.0.0.1:8000/api',
      frameId: 0,
      type: 'xmlhttprequest',
      error: 'net::ERR_CONNECTION_REFUSED',
      initiator: 'http://127.0.0.1:5173',
    });
    expect(calls.sub).toHaveLength(1);
    expect(calls.sub[0]!.resourceType).toBe('xmlhttprequest');
    expect(calls.takeover).toHaveLength(0);
  });

  it('skips non-web URLs and ignored hosts', () => {
    capture.onRequestError({
      tabId: 1,
      url: 'chrome-extension://abc/x.html',
      frameId: 0,
      type: 'main_frame',
      error: 'net::ERR_FAILED',
    });
    settings = { ...settings, ignoredHosts: ['example.com'] };
    capture.onRequestError({
      tabId: 1,
      url: 'https://www.example.com/',
      frameId: 0,
      type: 'main_frame',
      error: 'net::ERR_FAILED',
    });
    expect(calls.top).toHaveLength(0);
  });

  it('steps back instead of looping when Back lands on the failed entry again', () => {
    capture.onRequestError({
      tabId: 1,
      url: URL,
      frameId: 0,
      type: 'main_frame',
      error: 'net::ERR_CONNECTION_REFUSED',
    });
    now += 10_000; // the user read the page, then pressed Back
    capture.onRequestError({
      tabId: 1,
      url: URL,
      frameId: 0,
      type: 'main_frame',
      error: 'net::ERR_CONNECTION_REFUSED',
    });
    expect(calls.takeover).toHaveLength(1);
    expect(calls.back).toEqual([1]);
  });

  it('tells the recorder when its own event sent the tab to the explanation page, and only then', () => {
    capture.onRequestError({
      tabId: 1,
      url: URL,
      frameId: 0,
      type: 'main_frame',
      error: 'net::ERR_CONNECTION_REFUSED',
    });
    // An HTTP error page first (no takeover), then its empty-body error, which takes over: that second record.
    capture.onCompleted({ tabId: 2, url: URL, frameId: 0, type: 'main_frame', statusCode: 502 });
    capture.onNavigationError({ tabId: 2, url: URL, frameId: 0, error: 'net::ERR_EMPTY_RESPONSE' });
    // Back onto the failed entry: the worker steps back, no page comes.
    now += 10_000;
    capture.onRequestError({
      tabId: 1,
      url: URL,
      frameId: 0,
      type: 'main_frame',
      error: 'net::ERR_CONNECTION_REFUSED',
    });
    // Takeover turned off.
    settings = { ...settings, takeover: false };
    capture.onRequestError({
      tabId: 3,
      url: URL,
      frameId: 0,
      type: 'main_frame',
      error: 'net::ERR_CONNECTION_REFUSED',
    });
    expect(calls.pageComing).toEqual([true, false, true, false, false]);
    expect(calls.takeover.map((f) => f.tabId)).toEqual([1, 2]);
    expect(calls.back).toEqual([1]);
  });

  it('takes over again on Retry from the explanation page', () => {
    capture.onRequestError({
      tabId: 1,
      url: URL,
      frameId: 0,
      type: 'main_frame',
      error: 'net::ERR_CONNECTION_REFUSED',
    });
    now += 10_000;
    explained.retrying(1, URL);
    capture.onRequestError({
      tabId: 1,
      url: URL,
      frameId: 0,
      type: 'main_frame',
      error: 'net::ERR_CONNECTION_REFUSED',
    });
    expect(calls.takeover).toHaveLength(2);
    expect(calls.back).toEqual([]);
  });

  it('takes over again after the tab loaded another page', () => {
    capture.onRequestError({
      tabId: 1,
      url: URL,
      frameId: 0,
      type: 'main_frame',
      error: 'net::ERR_CONNECTION_REFUSED',
    });
    explained.committed(1, 0, 'http://127.0.0.1:4000/', false);
    now += 10_000;
    capture.onRequestError({
      tabId: 1,
      url: URL,
      frameId: 0,
      type: 'main_frame',
      error: 'net::ERR_CONNECTION_REFUSED',
    });
    expect(calls.takeover).toHaveLength(2);
  });

  it('gives a failure the neighbourhood: other hosts that loaded and when this host last loaded', () => {
    capture.onCompleted({ tabId: 2, url: 'https://news.example/', frameId: 0, type: 'main_frame', statusCode: 200 });
    capture.onCompleted({ tabId: 2, url: 'https://shop.example/', frameId: 0, type: 'main_frame', statusCode: 200 });
    now += 60_000;
    capture.onRequestError({
      tabId: 1,
      url: 'https://shop.example/cart',
      frameId: 0,
      type: 'main_frame',
      error: 'net::ERR_CONNECTION_RESET',
    });
    const ctx = calls.top[0]!.context;
    expect(ctx.recentSuccesses.map((s) => s.host)).toEqual(['news.example']);
    expect(ctx.hostLastSuccess).toBe(1_000_000);
  });

  it("marks the tab again when the browser's own error page commits (commits reset badges)", () => {
    settings = { ...settings, takeover: false };
    capture.onRequestError({
      tabId: 4,
      url: URL,
      frameId: 0,
      type: 'main_frame',
      error: 'net::ERR_CONNECTION_REFUSED',
    });
    capture.onCommitted({ tabId: 4, frameId: 0, url: URL });
    expect(calls.shown).toEqual([4]);
    expect(calls.loaded).toEqual([]);
  });

  it("marks the tab again once the browser's error page finished loading, but not after a takeover", () => {
    settings = { ...settings, takeover: false };
    capture.onRequestError({
      tabId: 5,
      url: URL,
      frameId: 0,
      type: 'main_frame',
      error: 'net::ERR_CONNECTION_REFUSED',
    });
    capture.onTabComplete(5, URL);
    settings = { ...settings, takeover: true };
    capture.onRequestError({
      tabId: 6,
      url: URL,
      frameId: 0,
      type: 'main_frame',
      error: 'net::ERR_CONNECTION_REFUSED',
    });
    capture.onTabComplete(6, URL);
    expect(calls.shown).toEqual([5]);
  });

  it('tells when a top document loaded fine', () => {
    capture.onCommitted({ tabId: 3, frameId: 0, url: 'https://news.example/' });
    expect(calls.loaded).toEqual([3]);
  });
});
