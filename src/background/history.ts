/**
 * The history store: serialized, batched writes to storage.local. Parallel events never overwrite each other:
 * every change is queued, and one flush at a time reads the list, applies every queued change, writes it once.
 */
import type { HistoryEntry } from '../platform/types';
import { foldEntries, pruneEntries, repairEntries } from './history-list';

export interface HistoryBackend {
  read(): Promise<unknown>;
  write(entries: HistoryEntry[]): Promise<void>;
}

type Op =
  | { kind: 'add'; entry: HistoryEntry }
  | { kind: 'delete'; id: string }
  | { kind: 'clear' };

export interface HistoryLimits {
  limit: number;
  retentionDays: number;
}

export class HistoryStore {
  private queue: Op[] = [];
  private running: Promise<void> | null = null;
  /** The list as last written: only this store writes it, so it is read (and repaired) once per worker life. */
  private cache: HistoryEntry[] | null = null;
  /** Number of storage writes done (for the benchmark and tests). */
  writes = 0;

  constructor(
    private readonly backend: HistoryBackend,
    private readonly limits: () => HistoryLimits,
    private readonly now: () => number = Date.now,
    private readonly batchMs = 50,
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

  /** The stored list after every queued change has been written. */
  async list(): Promise<HistoryEntry[]> {
    await this.settled();
    return [...(await this.current())];
  }

  private async current(): Promise<HistoryEntry[]> {
    if (this.cache) return this.cache;
    const { entries, dropped } = repairEntries(await this.backend.read());
    if (dropped > 0) console.warn(`netwhy: dropped ${dropped} unreadable history rows`);
    this.cache = entries;
    return entries;
  }

  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private enqueue(op: Op): Promise<void> {
    this.queue.push(op);
    if (!this.running) {
      // Wait a moment so a burst of events lands in one write (a storm of 10,000 failures: a handful of writes).
      this.running = new Promise<void>((resolve) => setTimeout(resolve, this.batchMs)).then(() => this.drain());
    }
    return this.running;
  }

  private async drain(): Promise<void> {
    let failures = 0;
    let rounds = 0;
    while (this.queue.length > 0) {
      // Changes that arrived during a write wait longer: a storm that lasts writes about once a second.
      if (rounds++ > 0) await new Promise((resolve) => setTimeout(resolve, this.batchMs * 20));
      const ops = this.queue;
      this.queue = [];
      try {
        const { limit, retentionDays } = this.limits();
        let list = await this.current();
        // Runs of adds fold in one pass; deletes and clears apply in order between them.
        let adds: HistoryEntry[] = [];
        const flushAdds = () => {
          if (adds.length > 0) list = foldEntries(list, adds, limit);
          adds = [];
        };
        for (const op of ops) {
          if (op.kind === 'add') {
            adds.push(op.entry);
            continue;
          }
          flushAdds();
          list = op.kind === 'delete' ? list.filter((e) => e.id !== op.id) : [];
        }
        flushAdds();
        const pruned = pruneEntries(list, this.now(), retentionDays, limit);
        await this.backend.write(pruned);
        this.cache = pruned;
        this.writes++;
      } catch (err) {
        // Keep the changes and try again shortly; give up on this batch after a few attempts.
        console.warn('netwhy: history write failed', err);
        this.cache = null; // read it again: the write may or may not have happened
        if (++failures >= 3) continue;
        this.queue = [...ops, ...this.queue];
        await new Promise((resolve) => setTimeout(resolve, 200 * failures));
      }
    }
    this.running = null;
  }
}
