/**
 * The history store: serialized, batched writes to storage.local. Parallel events never overwrite each other:
 * every change is queued, and one flush at a time reads the list, applies every queued change, writes it once.
 */
import type { HistoryEntry } from '../shared/types';
import { foldEntries, pruneEntries } from '../shared/history-list';

export interface HistoryBackend {
  /** The stored list, repaired (platform/storage.ts reads it so). */
  read(): Promise<HistoryEntry[]>;
  /** `added`: the ids of the failures added since the last successful write (the journal's bookkeeping). */
  write(entries: HistoryEntry[], added: string[]): Promise<void>;
}

type Op = { kind: 'add'; entry: HistoryEntry } | { kind: 'delete'; id: string } | { kind: 'clear' };

export interface HistoryLimits {
  limit: number;
  retentionDays: number;
}

/** A queued change and whoever waits for it. */
interface Queued {
  op: Op;
  done: () => void;
}

export class HistoryStore {
  private queue: Queued[] = [];
  private running: Promise<void> | null = null;
  /** The round being applied and written now (its changes are no longer in the queue). */
  private round: Promise<void> | null = null;
  /** The list as last written: only this store writes it, so it is read (and repaired) once per worker life. */
  private cache: HistoryEntry[] | null = null;
  /** Number of storage writes done (for the benchmark and tests). */
  writes = 0;
  /** Why the last write failed, until one succeeds (the popup says so). */
  problem: string | null = null;
  /** The list in memory differs from storage (a write failed): written again with backoff. */
  private dirty = false;
  /** Failures added since the last successful write. */
  private unsaved: string[] = [];
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly backend: HistoryBackend,
    private readonly limits: () => HistoryLimits,
    private readonly now: () => number = Date.now,
    private readonly batchMs = 50,
    /** Retry delays after failed writes: doubling from the first, at most the second. */
    private readonly backoffMs: readonly [number, number] = [500, 60_000],
  ) {}

  add(entry: HistoryEntry): Promise<void> {
    return this.enqueue({ kind: 'add', entry });
  }

  delete(id: string): Promise<void> {
    return this.enqueue({ kind: 'delete', id });
  }

  clear(): Promise<void> {
    return this.enqueue({ kind: 'clear' });
  }

  /** The list after every queued change (what storage holds, or newer when writes fail). */
  async list(): Promise<HistoryEntry[]> {
    await this.settled();
    try {
      return [...(await this.current())];
    } catch {
      // Storage cannot even be read: what this worker saw, newest first.
      const { limit } = this.limits();
      const adds = this.queue.flatMap(({ op }) => (op.kind === 'add' ? [op.entry] : []));
      return foldEntries([], adds, limit);
    }
  }

  private async current(): Promise<HistoryEntry[]> {
    if (this.cache) return this.cache;
    this.cache = await this.backend.read();
    return this.cache;
  }

  /**
   * Resolves once every change queued so far is applied and its write tried. Not "once the queue is empty": in a
   * storm that lasts, changes keep coming, and the popup's list, clear and delete must not wait for the storm's end.
   */
  async settled(): Promise<void> {
    const last = this.queue.at(-1);
    if (last) await new Promise<void>((resolve) => this.waitFor(last, resolve));
    else if (this.round) await this.round;
  }

  private waitFor(item: Queued, then: () => void): void {
    const done = item.done;
    item.done = () => {
      done();
      then();
    };
  }

  /** Resolves once this change is applied and its write tried (not when the whole queue is empty). */
  private enqueue(op: Op): Promise<void> {
    const queued = new Promise<void>((done) => this.queue.push({ op, done }));
    if (!this.running) {
      // Wait a moment so a burst of events lands in one write (a storm of 10,000 failures: a handful of writes).
      this.running = new Promise<void>((resolve) => setTimeout(resolve, this.batchMs)).then(() => this.drain());
    }
    return queued;
  }

  private async drain(): Promise<void> {
    let rounds = 0;
    while (this.queue.length > 0 || this.dirty) {
      // Changes that arrived during a write wait longer: a storm that lasts writes about once a second.
      if (rounds++ > 0) await new Promise((resolve) => setTimeout(resolve, this.batchMs * 20));
      const taken = this.queue;
      this.queue = [];
      const ops = taken.map((q) => q.op);
      let endRound!: () => void;
      this.round = new Promise<void>((resolve) => (endRound = resolve));
      const finish = () => {
        this.round = null;
        endRound();
        for (const q of taken) q.done();
      };
      let list: HistoryEntry[];
      try {
        list = await this.current();
      } catch (err) {
        // Unreadable: keep the changes (the newest, bounded) and read again later; never overwrite what is stored.
        this.queue = [...taken.map(({ op }) => ({ op, done: () => undefined })), ...this.queue].slice(-5000);
        this.failed(err);
        finish();
        break;
      }
      const { limit, retentionDays } = this.limits();
      // Runs of adds fold in one pass; deletes and clears apply in order between them.
      let adds: HistoryEntry[] = [];
      const flushAdds = () => {
        if (adds.length > 0) list = foldEntries(list, adds, limit);
        adds = [];
      };
      for (const op of ops) {
        if (op.kind === 'add') {
          adds.push(op.entry);
          this.unsaved.push(op.entry.id);
          continue;
        }
        flushAdds();
        list = op.kind === 'delete' ? list.filter((e) => e.id !== op.id) : [];
      }
      flushAdds();
      const pruned = pruneEntries(list, this.now(), retentionDays, limit);
      // The newest entries stay in memory whatever happens to the write: only this store writes the list.
      this.cache = pruned;
      const added = this.unsaved;
      try {
        await this.backend.write(pruned, added);
        this.writes++;
        this.unsaved = this.unsaved.slice(added.length);
        this.dirty = false;
        this.failures = 0;
        this.problem = null;
      } catch (err) {
        this.dirty = true;
        this.failed(err);
        finish();
        break;
      }
      finish();
    }
    this.running = null;
  }

  /** A read or write failed: say so, and try again later with backoff (never throws to the event handler). */
  private failed(err: unknown): void {
    console.warn('netwhy: history write failed', err);
    this.problem = err instanceof Error ? err.message : String(err);
    const [first, most] = this.backoffMs;
    const delay = Math.min(most, first * 2 ** this.failures++);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.running && (this.dirty || this.queue.length > 0)) this.running = this.drain();
    }, delay);
  }
}
