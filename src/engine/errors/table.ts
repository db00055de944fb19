import { CHROMIUM_ERRORS } from './chromium';
import { FIREFOX_NETWORK_ERRORS, makeNsresult } from './firefox';
import type { ErrorEntry } from './types';

/** Every entry, Chromium's first. */
export const ALL_ERRORS: readonly ErrorEntry[] = CHROMIUM_ERRORS;

const byCode = new Map<string, ErrorEntry>();
for (const entry of ALL_ERRORS) byCode.set(entry.code, entry);

const byAlias = new Map<string, ErrorEntry>();
for (const entry of ALL_ERRORS) for (const alias of entry.aliases ?? []) byAlias.set(alias.toUpperCase(), entry);

const firefoxByName = new Map<string, string>();
const firefoxByNsresult = new Map<number, string>();
for (const row of FIREFOX_NETWORK_ERRORS) {
  firefoxByName.set(row.name, row.canonical);
  firefoxByNsresult.set(makeNsresult(row.module, row.code), row.canonical);
}

export const UNKNOWN_ENTRY: ErrorEntry = {
  code: 'UNKNOWN',
  number: 0,
  category: 'other',
  verdict: 'unknown',
  takeover: true,
  title: 'The page could not be loaded',
  meaning: 'The browser reported an error netwhy does not recognise.',
  verdictReason: 'There is not enough information to say which side is at fault.',
  steps: { you: ['Reload the page.', 'Search for the error code shown below.'] },
};

export function entryForCode(code: string): ErrorEntry | undefined {
  return byCode.get(code);
}

export function entryForAlias(name: string): ErrorEntry | undefined {
  return byAlias.get(name.toUpperCase());
}

export function canonicalForFirefoxName(name: string): string | undefined {
  return firefoxByName.get(name);
}

export function canonicalForNsresult(nsresult: number): string | undefined {
  return firefoxByNsresult.get(nsresult);
}

/** The entry for a canonical code, or the generic one. Never undefined. */
export function describe(code: string): ErrorEntry {
  return byCode.get(code) ?? UNKNOWN_ENTRY;
}
