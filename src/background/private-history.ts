/**
 * Failures of incognito tabs, and of tabs whose state is not known (fail closed): kept in storage.session only,
 * never in storage.local. Changes are serialized so parallel events never overwrite each other.
 */
import type { HistoryEntry } from '../shared/types';
import { foldEntry } from '../shared/history-list';

export interface PrivateBackend {
  /** The stored list, repaired (platform/storage.ts reads it so). */
  read(): Promise<HistoryEntry[]>;
  write(entries: HistoryEntry[]): Promise<void>;
}

export class PrivateHistory {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly backend: PrivateBackend) {}

  list(): Promise<HistoryEntry[]> {
    return this.run(() => this.backend.read());
  }

  /** Adds newest first; a repeat of the same URL and error folds into one entry with a count, as in history. */
  add(entry: HistoryEntry, limit: number): Promise<void> {
    return this.change((list) => foldEntry(list, entry, limit));
  }

  /** Removes the entry when this list holds it; true when it did. */
  async delete(id: string): Promise<boolean> {
    let found = false;
    await this.change((list) => {
      found = list.some((e) => e.id === id);
      return found ? list.filter((e) => e.id !== id) : null;
    });
    return found;
  }

  clear(): Promise<void> {
    return this.change(() => []);
  }

  /** `update` returns the new list, or null for no change. */
  private change(update: (list: HistoryEntry[]) => HistoryEntry[] | null): Promise<void> {
    return this.run(async () => {
      const next = update(await this.backend.read());
      if (next) await this.backend.write(next);
    });
  }

  private run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.chain.then(job, job);
    this.chain = result.catch(() => undefined);
    return result;
  }
}
