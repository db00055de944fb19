/**
 * Remembers which tab shows an explanation for which URL. Back from the explanation page lands on the failed
 * entry, which fails again: that must not take the tab over again (a trap), but step back once more to the page
 * before the failed one. Retry from the explanation page announces itself and is taken over as usual.
 */
const RETRY_MS = 30_000;

interface TabMemo {
  url: string;
  retryUntil: number;
}

export class Explained {
  private tabs = new Map<number, TabMemo>();

  constructor(private readonly now: () => number = Date.now) {}

  shown(tabId: number, url: string): void {
    this.tabs.set(tabId, { url, retryUntil: 0 });
  }

  retrying(tabId: number, url: string): void {
    const memo = this.tabs.get(tabId);
    if (memo && memo.url === url) memo.retryUntil = this.now() + RETRY_MS;
  }

  /** True when a new failure of `url` in `tabId` is a return to an already explained entry, not a Retry. */
  isReturn(tabId: number, url: string): boolean {
    const memo = this.tabs.get(tabId);
    if (!memo || memo.url !== url) return false;
    if (memo.retryUntil > this.now()) {
      memo.retryUntil = 0;
      return false;
    }
    return true;
  }

  /** Any other document committing in the tab (but our own pages) ends the memo: a later failure is new. */
  committed(tabId: number, frameId: number, url: string, ownPage: boolean): void {
    if (frameId !== 0 || ownPage) return;
    const memo = this.tabs.get(tabId);
    if (memo && url !== memo.url) this.tabs.delete(tabId);
  }

  closed(tabId: number): void {
    this.tabs.delete(tabId);
  }
}
