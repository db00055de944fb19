/**
 * The journal: nothing the browser reported is lost when the worker is stopped while busy.
 *
 * Every failure is written to storage.session from the event handler that saw it, before any of the batching that
 * follows (probes, the request counter, the history's own batch). Each write is one key (`journal:<worker
 * start>:<n>`): no write reads or rewrites another.
 *
 * When writes go: at once, from the event handler that saw the failure (its storage call is issued before the
 * handler returns; a takeover's tabs.update is called before it), one write per failure.
 *
 * Why no batching, not even to the end of the task: a worker stopped while busy (a crash, an update, the browser's
 * own forced stop) runs the tasks already queued for it and is then torn down; what waits in memory is gone. The
 * forced-stop e2e test measured it (a DevTools logpoint in note() logs every failure the stopped worker journaled):
 * with writes merged while one was in flight (at least 25 ms apart), 50 of the 170 failures the stopped worker had
 * received were lost, because in a storm the answer to the write in flight queues behind hundreds of events and the
 * merged batch waited seconds for it. With a write per failure, what is lost is only the stopped worker's last writes:
 * Chromium drops the storage calls a worker makes once it has begun stopping it, and a one-line listener writing each
 * event the same way, measured side by side in the same stops, lost exactly as many (the forced-stop e2e test asserts
 * netwhy never loses more than it; docs/performance.md). A write per failure costs one storage call per event in a
 * storm. What Chromium never delivered to the stopped worker cannot be recovered by any worker; the test counts those
 * apart.
 *
 * When the history has written a failure, its journal batch is done: the keys completed by a history write are stored
 * in the same `storage.local.set` as the history (`journalApplied`, atomic with it), then removed from the session.
 * When the worker starts, batches still in the session are replayed, minus the failures the history already holds:
 * a stop after the history write but before the removal never counts a failure twice.
 *
 * Each entry keeps what was decided when the failure was noted, from the live state of its tab (incognito or not,
 * the hung record it replaces): the replay uses that decision, never the tab's state at replay time (a normal tab
 * closed meanwhile would read as private, and its failure would miss the history).
 *
 * Pure bookkeeping over an injected storage area, so it is tested in Node.
 */
import { toFailure, type Failure } from '../engine/failure';
import {
  JOURNAL_PREFIX,
  type AppliedBatches,
  type Decision,
  type JournalArea,
  type JournalRow,
} from '../shared/storage-schema';

export { JOURNAL_PREFIX };
export type { AppliedBatches, Decision, JournalArea, JournalRow };

/** A failure to record again at start, with the decision made when it was seen. */
export interface Replayed extends Decision {
  failure: Failure;
}

export class Journal {
  /** Writes issued and not answered yet (for flushed()). */
  private inFlight = new Set<Promise<void>>();
  private seq = 0;
  /** Batches written to the session (and not removed). */
  private stored = new Set<string>();
  private readonly boot: string;
  /** Failure id → the batch holding its newest copy, for failures not in the history yet. */
  private keysOf = new Map<string, string>();
  /** Batch → its failures not in the history yet. */
  private open = new Map<string, Set<string>>();
  /** Batch → ids of it that are in the history (only for batches still open). */
  private partly = new Map<string, Set<string>>();
  /** Batches all in the history whose session key is not removed yet. */
  private done = new Set<string>();
  /** Failures counted into another one (the request counter folds repeats): they are written when it is. */
  private aliases = new Map<string, string[]>();
  /** Journal writes done, failures journaled (for the benchmark and tests). */
  writes = 0;
  noted = 0;

  constructor(
    private readonly area: JournalArea,
    private readonly now: () => number = Date.now,
    private readonly warn: (message: string, err: unknown) => void = (m, e) => console.warn(m, e),
  ) {
    this.boot = `${now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  }

  /**
   * A failure just seen, with what was decided about it now: written now, from the handler that saw it (a takeover's
   * tabs.update is called before). Never throws. Noting the same failure again (a decision known later) supersedes
   * the copy.
   */
  note(failure: Failure, decided: Decision = {}): void {
    const key = `${JOURNAL_PREFIX}${this.boot}:${(this.seq++).toString(36)}`;
    const row: JournalRow = { f: { ...failure } };
    if (decided.private !== undefined) row.private = decided.private;
    if (decided.replaces !== undefined) row.replaces = decided.replaces;
    this.trackOne(key, failure.id);
    this.noted++;
    // Now, not at the end of the task: see the top of this file.
    this.write(key, [row]);
  }

  /**
   * A decision known only after the failure was noted (its tab's state came later): journaled again with it, unless
   * the history already holds the failure.
   */
  decide(failure: Failure, decided: Decision): void {
    if (this.keysOf.has(failure.id)) this.note(failure, decided);
  }

  /** `from` was counted into `into` (same request, error and tab): it is in the history when `into` is. */
  merged(from: string, into: string): void {
    if (from === into) return;
    // A storm folds thousands of repeats into one: the list moves along, never copied.
    const list = this.aliases.get(from) ?? [];
    this.aliases.delete(from);
    list.push(from);
    for (const id of this.aliases.get(into) ?? []) list.push(id);
    this.aliases.set(into, list);
  }

  /** Resolves once everything noted so far is in the session. */
  async flushed(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private write(key: string, rows: JournalRow[]): void {
    const write = this.area.write(key, rows).then(
      () => {
        this.writes++;
        this.wrote(key, write);
      },
      (err: unknown) => {
        // The session is full or unavailable: the failures still go to the history, only unprotected.
        this.warn('netwhy: journal write failed', err);
        this.wrote(key, write);
      },
    );
    this.inFlight.add(write);
  }

  private wrote(key: string, write: Promise<void>): void {
    this.inFlight.delete(write);
    this.stored.add(key);
    // Already all in the history while it was being written: remove it now.
    if (this.done.has(key)) this.cleanup();
  }

  private trackOne(key: string, id: string): void {
    let open = this.open.get(key);
    if (!open) this.open.set(key, (open = new Set<string>()));
    // A failure journaled again (a hung load later slow, the same id): the newest copy is the one to replay.
    const older = this.keysOf.get(id);
    if (older !== undefined && older !== key) this.settle(older, id);
    this.keysOf.set(id, key);
    open.add(id);
  }

  private track(key: string, ids: string[]): void {
    for (const id of ids) this.trackOne(key, id);
  }

  /** `id` of batch `key` is in the history (or superseded): the batch is done once none is left. */
  private settle(key: string, id: string): void {
    const open = this.open.get(key);
    if (!open?.delete(id)) return;
    if (open.size > 0) {
      (this.partly.get(key) ?? this.partly.set(key, new Set()).get(key)!).add(id);
      return;
    }
    this.open.delete(key);
    this.partly.delete(key);
    this.done.add(key);
  }

  /**
   * What to store with the history when a write holds these failures: the batches all in the history after it, and
   * the ids of those partly in it. Call `written` with the same ids once the write succeeded.
   */
  appliedWith(ids: Iterable<string>): AppliedBatches {
    const now = new Set(this.expand(ids));
    const applied: AppliedBatches = {};
    for (const key of this.done) applied[key] = true;
    for (const [key, open] of this.open) {
      const inHistory = new Set(this.partly.get(key) ?? []);
      let left = 0;
      for (const id of open) {
        if (now.has(id)) inHistory.add(id);
        else left++;
      }
      if (left === 0) applied[key] = true;
      else if (inHistory.size > 0) applied[key] = [...inHistory];
    }
    return applied;
  }

  /** A history write holding these failures succeeded: their batches are removed from the session when done. */
  written(ids: Iterable<string>): void {
    for (const id of [...this.expand(ids)]) {
      const key = this.keysOf.get(id);
      this.aliases.delete(id);
      if (key === undefined) continue;
      this.keysOf.delete(id);
      this.settle(key, id);
    }
    this.cleanup();
  }

  /** Recorded somewhere that is not the history (incognito tabs keep their own list in the session). */
  recordedElsewhere(id: string): void {
    this.written([id]);
  }

  /** Removes the done batches that are in the session (a batch still being written is removed after its write). */
  private cleanup(): void {
    const keys = [...this.done].filter((k) => this.stored.has(k));
    if (keys.length === 0) return;
    for (const key of keys) this.stored.delete(key);
    void this.area.remove(keys).then(
      () => {
        for (const key of keys) this.done.delete(key);
      },
      (err: unknown) => {
        for (const key of keys) this.stored.add(key);
        this.warn('netwhy: journal cleanup failed', err);
      },
    );
  }

  private *expand(ids: Iterable<string>): Iterable<string> {
    for (const id of ids) {
      yield id;
      for (const alias of this.aliases.get(id) ?? []) yield alias;
    }
  }

  /**
   * At worker start: the failures of batches still in the session that the history does not hold yet (per
   * `applied`, stored with it), oldest first. They stay tracked under their batch, so recording them again
   * completes it. Batches the history already holds are removed.
   */
  async replay(applied: AppliedBatches): Promise<Replayed[]> {
    let stored: Record<string, unknown>;
    try {
      stored = await this.area.batches();
    } catch (err) {
      this.warn('netwhy: journal unreadable', err);
      return [];
    }
    const out: Replayed[] = [];
    const finished: string[] = [];
    const seen = new Set<string>();
    // This worker's own batches (written while the replay read) are not replayed.
    const own = `${JOURNAL_PREFIX}${this.boot}:`;
    for (const key of Object.keys(stored)
      .filter((k) => k.startsWith(JOURNAL_PREFIX) && !k.startsWith(own))
      .sort(byBatch)) {
      const mark = applied[key];
      if (mark === true) {
        finished.push(key);
        continue;
      }
      const inHistory = new Set(Array.isArray(mark) ? mark : []);
      const rows = Array.isArray(stored[key]) ? (stored[key] as unknown[]) : [];
      const entries = rows.map(toReplayed).filter((r): r is Replayed => r !== null && !inHistory.has(r.failure.id));
      if (entries.length === 0) {
        finished.push(key);
        continue;
      }
      const ids = entries.map((r) => r.failure.id);
      this.track(key, ids);
      this.stored.add(key);
      if (inHistory.size > 0) this.partly.set(key, inHistory);
      for (const r of entries) {
        const id = r.failure.id;
        // One copy per id (a failure journaled again: its newest copy, keeping a decision only the older one had).
        if (seen.has(id)) {
          const at = out.findIndex((o) => o.failure.id === id);
          const [older] = out.splice(at, 1);
          if (r.private === undefined && older?.private !== undefined) r.private = older.private;
          if (r.replaces === undefined && older?.replaces !== undefined) r.replaces = older.replaces;
        }
        seen.add(id);
        out.push(r);
      }
    }
    // Done batches stay marked in the history's writes until their removal from the session succeeded.
    for (const key of finished) {
      this.done.add(key);
      this.stored.add(key);
    }
    this.cleanup();
    return out;
  }

  /** Failures journaled and not yet in the history (for tests). */
  get unsettled(): number {
    return this.keysOf.size;
  }
}

/** A stored row: `{ f, private, replaces }`, or a bare failure (written before decisions were kept: none known). */
function toReplayed(row: unknown): Replayed | null {
  const r = row && typeof row === 'object' ? (row as Record<string, unknown>) : null;
  const wrapped = r && r.f && typeof r.f === 'object';
  const failure = toFailure(wrapped ? r.f : row);
  if (!failure) return null;
  const out: Replayed = { failure };
  if (wrapped && typeof r.private === 'boolean') out.private = r.private;
  if (wrapped && typeof r.replaces === 'string') out.replaces = r.replaces;
  return out;
}

/** Batches in the order they were written: by worker start, then by number. */
function byBatch(a: string, b: string): number {
  const [, bootA = '', seqA = ''] = a.split(':');
  const [, bootB = '', seqB = ''] = b.split(':');
  if (bootA !== bootB) return bootA < bootB ? -1 : 1;
  return parseInt(seqA, 36) - parseInt(seqB, 36);
}
