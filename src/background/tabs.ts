/** Per-tab state for the popup and the badge: the top-level failure and the page's failed requests. */
import { siteKey } from './neighbourhood';
import type { TabState } from '../shared/types';
import { normalizeError } from '../engine/errors/normalize';

const MAX_GROUPS = 50;

export class TabStates {
  private tabs = new Map<number, TabState>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly persist: (tabs: Record<string, TabState>) => Promise<void> | void) {}

  restore(stored: Record<string, TabState>): void {
    for (const v of Object.values(stored)) {
      if (this.tabs.has(v.tabId)) continue;
      this.tabs.set(v.tabId, { ...v, subresources: v.subresources.slice(0, MAX_GROUPS) });
    }
  }

  get(tabId: number): TabState | null {
    return this.tabs.get(tabId) ?? null;
  }

  topFailed(tabId: number, failureId: string): TabState {
    const state = this.ensure(tabId);
    state.failureId = failureId;
    this.save();
    return state;
  }

  /** Groups failed requests by host and code; returns the total count for the badge. */
  subFailed(tabId: number, url: string, error: string | null, status: number | null, reason?: string | null): number {
    const state = this.ensure(tabId);
    const host = siteKey(url);
    const code = error ? normalizeError(error).code : `HTTP_${status ?? 0}`;
    const group = state.subresources.find(
      (g) => g.host === host && g.code === code && g.reason === (reason ?? undefined),
    );
    if (group) group.count++;
    else if (state.subresources.length < MAX_GROUPS)
      state.subresources.push({ host, code, count: 1, ...(reason ? { reason } : {}) });
    this.save();
    return state.subresources.reduce((n, g) => n + g.count, 0);
  }

  loaded(tabId: number): void {
    if (!this.tabs.delete(tabId)) return;
    this.save();
  }

  closed(tabId: number): void {
    this.loaded(tabId);
  }

  private ensure(tabId: number): TabState {
    let state = this.tabs.get(tabId);
    if (!state) {
      state = { tabId, failureId: null, subresources: [] };
      this.tabs.set(tabId, state);
    }
    return state;
  }

  private save(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const out: Record<string, TabState> = {};
      for (const [id, s] of this.tabs) out[String(id)] = s;
      void Promise.resolve(this.persist(out)).catch((err) => console.warn('netwhy: tab state not saved', err));
    }, 1000); // at most once a second: a page's failing requests can last for minutes
  }
}
