/**
 * Which tabs are incognito, known from the start of their navigations. Fail closed: a tab counts as normal only once
 * the browser said so (tabs.onCreated, tabs.query at start, tabs.get at onBeforeNavigate, or an event's own
 * `incognito` as Firefox's webRequest gives it). Requests outside tabs (`tabId < 0`), tabs not known yet and tabs
 * whose tabs.get failed (closed meanwhile) count as incognito: nothing of theirs feeds anything persistent.
 */
export interface TabInfo {
  incognito?: boolean;
}

export class TabPrivacy {
  private states = new Map<number, boolean>();
  private asking = new Map<number, Promise<boolean>>();

  constructor(
    private readonly getTab: (tabId: number) => Promise<TabInfo>,
    /** A closed tab's state is kept this long: its failure may be recorded after it closed. */
    private readonly keepClosedMs = 60_000,
  ) {}

  /** What the browser said about a tab. A tab's incognito state never changes. */
  known(tabId: number, incognito: unknown): void {
    if (tabId >= 0 && typeof incognito === 'boolean') this.states.set(tabId, incognito);
  }

  /** Synchronous, for the hot path: true only for a tab known to be a normal one. */
  isNormal(tabId: number): boolean {
    return tabId >= 0 && this.states.get(tabId) === false;
  }

  /**
   * What is known now, synchronously: true (incognito, or outside any tab), false (a normal tab), or undefined (not
   * known yet: isPrivate asks the browser).
   */
  decided(tabId: number): boolean | undefined {
    return tabId < 0 ? true : this.states.get(tabId);
  }

  /** Asks the browser when the state is not known yet (at onBeforeNavigate: known before the first failure). */
  learn(tabId: number): void {
    if (tabId >= 0 && !this.states.has(tabId)) void this.isPrivate(tabId);
  }

  /** True unless the tab is a normal one: incognito, outside any tab, or unknown (tabs.get failed). */
  isPrivate(tabId: number): Promise<boolean> {
    if (tabId < 0) return Promise.resolve(true);
    const state = this.states.get(tabId);
    if (state !== undefined) return Promise.resolve(state);
    let asked = this.asking.get(tabId);
    if (!asked) {
      asked = this.getTab(tabId).then(
        (tab) => {
          this.known(tabId, tab.incognito);
          return tab.incognito !== false;
        },
        () => true,
      );
      this.asking.set(tabId, asked);
      void asked.finally(() => this.asking.delete(tabId));
    }
    return asked;
  }

  closed(tabId: number): void {
    setTimeout(() => this.states.delete(tabId), this.keepClosedMs);
  }
}
