/**
 * The takeover's quiet window (issue 21): while an explanation page is on its way, the worker's writes wait, so the
 * browser's work goes to the page. A window opens at the tabs.update and closes when that page has committed, or
 * after `ms`, whichever comes first. Writes deferred meanwhile run once every window has closed; a keyed write
 * keeps only its latest value (a state mirrored to storage is written once, as it is then).
 *
 * What a stop during the window loses is only what storage mirrors of memory (the pending loads, tab state,
 * neighbourhood): the failure itself is in the journal, written right after the tabs.update, and its replay records
 * it (see journal.ts and index.ts).
 */
export class QuietWindow {
  private open = new Map<number, ReturnType<typeof setTimeout>>();
  private keyed = new Map<string, () => void>();
  private waiters: (() => void)[] = [];
  /** Nothing waits longer than `ms`, even while windows of other tabs keep opening. */
  private deadline: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly ms = 300) {}

  get active(): boolean {
    return this.open.size > 0;
  }

  /** The explanation page of this tab is on its way. */
  begin(tabId: number): void {
    const timer = this.open.get(tabId);
    if (timer) clearTimeout(timer);
    this.open.set(
      tabId,
      setTimeout(() => this.end(tabId), this.ms),
    );
  }

  /** The page committed (or asked for its failure): this tab's window is over. */
  end(tabId: number): void {
    const timer = this.open.get(tabId);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.open.delete(tabId);
    if (this.open.size === 0) this.flush();
  }

  private flush(): void {
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = null;
    const keyed = [...this.keyed.values()];
    const waiters = this.waiters;
    this.keyed.clear();
    this.waiters = [];
    for (const run of keyed) run();
    for (const resolve of waiters) resolve();
  }

  /** Runs `write` now, or once the windows have closed; a later write of the same key replaces a waiting one. */
  write(key: string, write: () => void): void {
    if (this.open.size === 0) return write();
    this.keyed.set(key, write);
    this.deadline ??= setTimeout(() => this.flush(), this.ms);
  }

  /** Resolves at once, or once the windows have closed (at most `ms` from now). */
  idle(): Promise<void> {
    if (this.open.size === 0) return Promise.resolve();
    this.deadline ??= setTimeout(() => this.flush(), this.ms);
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
