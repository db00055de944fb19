/** The developer banner (issue 18): bound to the exact document, never delivered to the next page of the tab. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InPageNotices } from '../../../src/background/in-page';
import type { Failure } from '../../../src/engine/failure';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import type { ContentMessage, TabState } from '../../../src/shared/types';

const failure = (url: string): Failure => ({
  id: url,
  time: 1,
  firstTime: 1,
  count: 1,
  url,
  tabId: 7,
  resourceType: 'xmlhttprequest',
  error: 'net::ERR_CONNECTION_REFUSED',
  httpStatus: null,
  ip: null,
  retryAfter: null,
  online: true,
  context: { recentSuccesses: [], recentFailures: [], hostLastSuccess: null },
  probes: {},
});

let sent: { message: ContentMessage; documentId?: string }[];
let notices: InPageNotices;
const state: TabState = {
  tabId: 7,
  failureId: null,
  subresources: [{ host: 'localhost:8000', code: 'ERR_CONNECTION_REFUSED', count: 3 }],
};

beforeEach(() => {
  vi.useFakeTimers();
  sent = [];
  notices = new InPageNotices({
    settings: () => ({ ...DEFAULT_SETTINGS, devBanner: true }),
    rules: () => [],
    tabState: () => state,
    deliver: async (_tabId, message, documentId) => {
      sent.push({ message, documentId });
      return true;
    },
  });
});
afterEach(() => vi.useRealTimers());

describe('the developer banner', () => {
  it('goes to the document whose requests failed, by its id', () => {
    notices.pageLoaded(7, 'doc-1');
    notices.requestFailed(failure('http://localhost:8000/api'), 'http://localhost:3000/app?token=1', 'doc-1');
    vi.advanceTimersByTime(400);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.documentId).toBe('doc-1');
  });

  it('is cancelled when the page changes before its timer fires: the previous page’s URL never reaches the next', () => {
    notices.pageLoaded(7, 'doc-1');
    notices.requestFailed(failure('http://localhost:8000/api'), 'http://localhost:3000/private?token=S3CR3T', 'doc-1');
    vi.advanceTimersByTime(100);
    notices.pageLoaded(7, 'doc-2');
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([]);
  });

  it('without document ids (Firefox), a page change still cancels it', () => {
    notices.requestFailed(failure('http://localhost:8000/api'), 'http://localhost:3000/private?token=S3CR3T');
    notices.pageLoaded(7);
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([]);
  });

  it('a request of the next document reported before its commit starts that document’s banner', () => {
    notices.pageLoaded(7, 'doc-1');
    notices.requestFailed(failure('http://localhost:8000/old'), 'http://localhost:3000/old?token=S3CR3T', 'doc-1');
    notices.requestFailed(failure('http://localhost:8000/new'), 'http://localhost:3000/new', 'doc-2');
    notices.pageLoaded(7, 'doc-2');
    vi.advanceTimersByTime(1000);
    expect(sent.map((s) => [s.documentId, (s.message.data as { url: string }).url])).toEqual([
      ['doc-2', 'http://localhost:3000/new'],
    ]);
  });
});
