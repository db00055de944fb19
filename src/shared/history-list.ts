/** Pure history operations: fold, cap, prune, repair. No browser API, so they are tested in Node. */
import { causeTitle, diagnose } from '../engine/diagnose';
import { CATEGORIES, VERDICTS } from '../engine/errors/types';
import { RULES } from '../engine/rules';
import type { Diagnosis, Rule } from '../engine/types';
import { toFailure, type Failure } from '../engine/failure';
import { analyzeUrl, siteLabel } from '../engine/url';
import type { HistoryEntry } from './types';

const DAY = 86_400_000;

/** The failure plus what the popup filters on and the tests look for. */
export function toEntry(
  failure: Failure,
  rules: readonly Rule[] = RULES,
  d: Diagnosis = diagnose(failure, rules),
): HistoryEntry {
  return {
    ...failure,
    // `localhost:3000`: a developer with three local servers must see which one failed.
    host: siteLabel(analyzeUrl(failure.url)),
    code: d.error.code,
    // Slow loads are not failures: their own kind, for the history filter.
    category: d.error.code === 'LOAD_SLOW' ? 'slow' : d.error.code === 'LOAD_HUNG' ? 'hung' : d.error.category,
    verdict: d.verdict,
    cause: d.cause.id,
    title: d.cause.title,
    local: d.local,
  };
}

/**
 * Titles in the language of today (an entry keeps the words of the day it was recorded) and of today's rules; an
 * entry whose cause no rule knows any more keeps its own.
 */
export function withCurrentTitles(entries: readonly HistoryEntry[], rules: readonly Rule[] = RULES): HistoryEntry[] {
  return entries.map((e) => ({ ...e, title: causeTitle(e, e.cause, rules) ?? e.title }));
}

/** Same URL, same error, same kind of request: one entry with a count. */
const foldKey = (e: HistoryEntry) => `${e.resourceType}|${e.code}|${e.httpStatus}|${e.url}`;
const sameFailure = (a: HistoryEntry, b: HistoryEntry): boolean => foldKey(a) === foldKey(b);

/**
 * foldEntry for a whole batch, in one pass with indexes instead of one list copy per entry (a storm queues
 * thousands): the same result as folding them one by one, except that an entry pushed past `limit` in the middle of
 * the batch can still take later repeats into its count.
 */
export function foldEntries(
  list: readonly HistoryEntry[],
  entries: readonly HistoryEntry[],
  limit: number,
): HistoryEntry[] {
  if (entries.length === 1) return foldEntry(list, entries[0]!, limit);
  // Newest first: a higher rank is nearer the top; the list keeps its order, each fold moves to the top.
  const rows = new Map<string, { entry: HistoryEntry; rank: number }>();
  const byKey = new Map<string, string>();
  let rank = 0;
  for (let i = list.length - 1; i >= 0; i--) {
    const e = list[i]!;
    rows.set(e.id, { entry: e, rank: rank++ });
    byKey.set(foldKey(e), e.id); // the newest of equal ones, as foldEntry's search finds it
  }
  /** The entry nearest the top with this key. */
  const find = (key: string): string | undefined => {
    const id = byKey.get(key);
    if (id === undefined) return undefined;
    if (rows.has(id) && foldKey(rows.get(id)!.entry) === key) return id;
    // The entry indexed here was replaced by a later event with other content (rare): search.
    let best: string | undefined;
    for (const [rowId, row] of rows)
      if (foldKey(row.entry) === key && (best === undefined || row.rank > rows.get(best)!.rank)) best = rowId;
    if (best === undefined) byKey.delete(key);
    else byKey.set(key, best);
    return best;
  };
  for (const entry of entries) {
    const key = foldKey(entry);
    const same = rows.get(entry.id);
    if (same) {
      same.entry = { ...entry, count: same.entry.count, firstTime: same.entry.firstTime };
      const current = find(key);
      if (current === undefined || rows.get(current)!.rank < same.rank) byKey.set(key, entry.id);
      continue;
    }
    const oldId = find(key);
    const old = oldId === undefined ? undefined : rows.get(oldId);
    if (old) {
      rows.delete(oldId!);
      rows.set(entry.id, {
        entry: {
          ...entry,
          count: old.entry.count + entry.count,
          firstTime: Math.min(old.entry.firstTime, entry.firstTime),
        },
        rank: rank++,
      });
    } else {
      rows.set(entry.id, { entry, rank: rank++ });
    }
    byKey.set(key, entry.id);
  }
  return [...rows.values()]
    .sort((a, b) => b.rank - a.rank)
    .slice(0, limit)
    .map((r) => r.entry);
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

export function pruneEntries(
  list: readonly HistoryEntry[],
  now: number,
  retentionDays: number,
  limit: number,
): HistoryEntry[] {
  const oldest = now - retentionDays * DAY;
  return list.filter((e) => e.time >= oldest).slice(0, limit);
}

/** Whatever storage holds becomes a valid list; bad rows are dropped, not fatal. */
function pick(r: HistoryEntry): Omit<HistoryEntry, keyof Failure> {
  return {
    host: r.host,
    code: r.code,
    category: r.category,
    verdict: r.verdict,
    cause: r.cause,
    title: r.title,
    local: r.local,
  };
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
    entries.push(fresh ? { ...failure, ...pick(r as HistoryEntry) } : toEntry(failure));
  }
  entries.sort((a, b) => b.time - a.time);
  return { entries, dropped };
}
