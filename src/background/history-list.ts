/** Pure history operations: fold, cap, prune, repair. No browser API, so they are tested in Node. */
import { diagnose } from '../engine/diagnose';
import { CATEGORIES, VERDICTS } from '../engine/errors/types';
import { RULES } from '../engine/rules';
import type { Rule } from '../engine/types';
import { toFailure, type Failure } from '../engine/failure';
import { analyzeUrl } from '../engine/url';
import type { HistoryEntry } from '../platform/types';

const DAY = 86_400_000;

/** The failure plus what the popup filters on and the tests look for. */
export function toEntry(failure: Failure, rules: readonly Rule[] = RULES): HistoryEntry {
  const d = diagnose(failure, rules);
  return {
    ...failure,
    host: analyzeUrl(failure.url).host,
    code: d.error.code,
    // Slow loads are not failures: their own kind, for the history filter.
    category: d.error.code === 'LOAD_SLOW' ? 'slow' : d.error.code === 'LOAD_HUNG' ? 'hung' : d.error.category,
    verdict: d.verdict,
    cause: d.cause.id,
    title: d.cause.title,
    local: d.local,
  };
}

/** Same URL, same error, same kind of request: one entry with a count. */
function sameFailure(a: HistoryEntry, b: HistoryEntry): boolean {
  return a.url === b.url && a.code === b.code && a.httpStatus === b.httpStatus && a.resourceType === b.resourceType;
}

/** Adds an entry newest first, folding a repeat into the existing one; keeps at most `limit`. */
export function foldEntry(list: readonly HistoryEntry[], entry: HistoryEntry, limit: number): HistoryEntry[] {
  // The same failure recorded again (completed by a later event): replace it, do not count it twice.
  const same = list.findIndex((e) => e.id === entry.id);
  if (same !== -1) return list.map((e, i) => (i === same ? { ...entry, count: e.count, firstTime: e.firstTime } : e));
  const index = list.findIndex((e) => sameFailure(e, entry));
  if (index === -1) return [entry, ...list].slice(0, limit);
  const old = list[index]!;
  const merged: HistoryEntry = {
    ...entry,
    count: old.count + entry.count,
    firstTime: Math.min(old.firstTime, entry.firstTime),
  };
  return [merged, ...list.slice(0, index), ...list.slice(index + 1)].slice(0, limit);
}

export function pruneEntries(list: readonly HistoryEntry[], now: number, retentionDays: number, limit: number): HistoryEntry[] {
  const oldest = now - retentionDays * DAY;
  return list.filter((e) => e.time >= oldest).slice(0, limit);
}

/** Whatever storage holds becomes a valid list; bad rows are dropped, not fatal. */
function pick(r: HistoryEntry): Omit<HistoryEntry, keyof Failure> {
  return { host: r.host, code: r.code, category: r.category, verdict: r.verdict, cause: r.cause, title: r.title, local: r.local };
}

export function repairEntries(raw: unknown): { entries: HistoryEntry[]; dropped: number } {
  if (!Array.isArray(raw)) return { entries: [], dropped: raw === undefined ? 0 : 1 };
  const entries: HistoryEntry[] = [];
  let dropped = 0;
  for (const row of raw) {
    const failure = toFailure(row);
    if (!failure) {
      dropped++;
      continue;
    }
    // Rows written by this version keep their summary (cheap on every flush); others are diagnosed again.
    const r = row as Partial<HistoryEntry>;
    const summary = ['host', 'code', 'category', 'verdict', 'cause', 'title'] as const;
    const fresh =
      summary.every((k) => typeof r[k] === 'string') &&
      typeof r.local === 'boolean' &&
      (VERDICTS as readonly unknown[]).includes(r.verdict) &&
      (CATEGORIES as readonly unknown[]).includes(r.category) &&
      !!r.code &&
      !!r.cause;
    entries.push(fresh ? ({ ...failure, ...pick(r as HistoryEntry) }) : toEntry(failure));
  }
  entries.sort((a, b) => b.time - a.time);
  return { entries, dropped };
}
