import { CHROMIUM_ERRORS } from './chromium';
import type { ErrorEntry, NormalizedError } from './types';

/**
 * Every entry this context knows: Chromium's (ordered by number), then, once the Firefox vocabulary is installed
 * (vocabulary.ts), the Firefox-only ones.
 */
export const ALL_ERRORS: readonly ErrorEntry[] = [...CHROMIUM_ERRORS];

const byCode = new Map<string, ErrorEntry>();
const byNumber = new Map<number, ErrorEntry>();
const byAlias = new Map<string, ErrorEntry>();

/** Adds entries to the table (the Chromium ones at load, the Firefox-only ones when their vocabulary is installed). */
export function addEntries(entries: readonly ErrorEntry[]): void {
  for (const entry of entries) {
    if (byCode.has(entry.code)) continue;
    if (ALL_ERRORS !== entries) (ALL_ERRORS as ErrorEntry[]).push(entry);
    byCode.set(entry.code, entry);
    if (entry.number < 0) byNumber.set(entry.number, entry);
    for (const alias of entry.aliases ?? []) byAlias.set(alias.toUpperCase(), entry);
  }
}
addEntries(ALL_ERRORS);

export const UNKNOWN_ENTRY: ErrorEntry = {
  code: 'UNKNOWN',
  number: 0,
  category: 'other',
  verdict: 'unknown',
  takeover: true,
  steps: { you: ['e_internal_you1', '.you2'] },
};

export function entryForCode(code: string): ErrorEntry | undefined {
  return byCode.get(code);
}

/** The entry for a Chromium net error number (negative), e.g. -102. */
export function entryForNumber(number: number): ErrorEntry | undefined {
  return number < 0 ? byNumber.get(number) : undefined;
}

export function entryForAlias(name: string): ErrorEntry | undefined {
  return byAlias.get(name.toUpperCase());
}

/** The entry for a canonical code, or the generic one. Never undefined. */
export function describe(code: string): ErrorEntry {
  return byCode.get(code) ?? UNKNOWN_ENTRY;
}

/**
 * Whether a top-frame failure should replace the tab with the explanation page. Certificate problems and aborts
 * never do, even when the code itself is unknown: the browser's own warning page carries the security decision.
 */
export function takeoverFor(error: Pick<NormalizedError, 'code' | 'category'>): boolean {
  if (error.category === 'certificate' || error.category === 'aborted') return false;
  return describe(error.code).takeover;
}
