import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QuietWindow } from '../../../src/background/quiet';

describe('QuietWindow (the takeover does only the takeover)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes run at once when no explanation page is on its way', () => {
    const q = new QuietWindow(300);
    const write = vi.fn();
    q.write('loads', write);
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('while a page is on its way, writes wait for its commit; a key keeps only its latest value', () => {
    const q = new QuietWindow(300);
    const written: string[] = [];
    q.begin(4);
    q.write('loads', () => written.push('loads 1'));
    q.write('tabs', () => written.push('tabs'));
    q.write('loads', () => written.push('loads 2'));
    vi.advanceTimersByTime(100);
    expect(written).toEqual([]);
    q.end(4);
    expect(written).toEqual(['loads 2', 'tabs']);
  });

  it('a page that never commits: the writes run after 300 ms', async () => {
    const q = new QuietWindow(300);
    const write = vi.fn();
    let idle = false;
    q.begin(4);
    q.write('loads', write);
    void q.idle().then(() => (idle = true));
    vi.advanceTimersByTime(299);
    await Promise.resolve();
    expect(write).not.toHaveBeenCalled();
    expect(idle).toBe(false);
    vi.advanceTimersByTime(1);
    await Promise.resolve();
    expect(write).toHaveBeenCalledTimes(1);
    expect(idle).toBe(true);
  });

  it('takeovers in other tabs one after another never hold a write longer than 300 ms', () => {
    const q = new QuietWindow(300);
    const write = vi.fn();
    q.begin(1);
    q.write('neighbourhood', write);
    for (let tab = 2; tab < 6; tab++) {
      vi.advanceTimersByTime(100);
      q.begin(tab);
    }
    expect(write).toHaveBeenCalledTimes(1);
  });
});
