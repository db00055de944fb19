import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toFailure, type Failure } from '../../../src/engine/failure';
import { RequestFailureBatch } from '../../../src/background/request-batch';

const failure = (id: string, time: number, extra: Partial<Failure> = {}) =>
  toFailure({
    id,
    time,
    url: 'http://localhost:8000/api/items',
    tabId: 7,
    resourceType: 'xmlhttprequest',
    error: 'net::ERR_CONNECTION_REFUSED',
    ...extra,
  })!;

describe('RequestFailureBatch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('records a burst of the same failed request once, with every count, the latest id and time, the first time', () => {
    const recorded: Failure[] = [];
    const batch = new RequestFailureBatch((f) => void recorded.push(f), 50);
    for (let i = 0; i < 100; i++) batch.add(failure(`f${i}`, 1000 + i));
    expect(recorded).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ id: 'f99', time: 1099, firstTime: 1000, count: 100 });
  });

  it('keeps tabs, requests, errors and statuses apart', () => {
    const recorded: Failure[] = [];
    const batch = new RequestFailureBatch((f) => void recorded.push(f), 50);
    batch.add(failure('a', 1));
    batch.add(failure('b', 2, { tabId: 8 }));
    batch.add(failure('c', 3, { url: 'http://localhost:8000/api/other' }));
    batch.add(failure('d', 4, { error: 'net::ERR_CONNECTION_RESET' }));
    batch.add(failure('e', 5, { error: null, httpStatus: 503 }));
    batch.add(failure('f', 6, { resourceType: 'image' }));
    void batch.flush();
    expect(recorded.map((f) => f.id).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(recorded.every((f) => f.count === 1)).toBe(true);
  });

  it('flush records at once; while failures keep coming, they are recorded about once a second', () => {
    const recorded: Failure[] = [];
    const batch = new RequestFailureBatch((f) => void recorded.push(f), 50, 1000);
    batch.add(failure('a', 1));
    void batch.flush();
    expect(recorded.map((f) => [f.id, f.count])).toEqual([['a', 1]]);
    batch.add(failure('b', 2));
    vi.advanceTimersByTime(50);
    expect(recorded).toHaveLength(1); // a second has not passed since the last flush
    batch.add(failure('c', 3));
    vi.advanceTimersByTime(950);
    expect(recorded.map((f) => [f.id, f.count])).toEqual([
      ['a', 1],
      ['c', 2],
    ]);
    // After a quiet second, a new burst is recorded after the short wait again.
    vi.advanceTimersByTime(2000);
    batch.add(failure('d', 4));
    vi.advanceTimersByTime(50);
    expect(recorded.map((f) => f.id)).toEqual(['a', 'c', 'd']);
  });
});
