/**
 * Hosts of top-level pages the user loaded in normal tabs: the only candidates for typo suggestions. A subresource
 * (an image, a script, a frame) never counts, so a page cannot plant a look-alike name; incognito pages never count.
 * Mirrored to storage.session (throttled) like the neighbourhood, so a restarted worker still knows them.
 */
const MAX_HOSTS = 500;

export class KnownPages {
  private hosts = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly persist: (hosts: Record<string, number>) => Promise<void> | void,
    private readonly delayMs = 1000,
  ) {}

  restore(stored: Record<string, number>): void {
    for (const [host, time] of Object.entries(stored)) if (!this.hosts.has(host)) this.hosts.set(host, time);
  }

  /** A top-level page of a normal tab loaded (committed without an error). */
  loaded(url: string, time: number): void {
    let host: string;
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return;
      host = u.host;
    } catch {
      return;
    }
    this.hosts.delete(host);
    this.hosts.set(host, time);
    if (this.hosts.size > MAX_HOSTS) this.hosts.delete(this.hosts.keys().next().value!);
    this.save();
  }

  /** `host` or `host:port`, oldest first. */
  list(): IterableIterator<string> {
    return this.hosts.keys();
  }

  private save(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void Promise.resolve(this.persist(Object.fromEntries(this.hosts))).catch((err) =>
        console.warn('netwhy: known pages not saved', err),
      );
    }, this.delayMs);
  }
}
