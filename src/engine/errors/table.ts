import { CHROMIUM_ERRORS } from './chromium';
import {
  canonicalForProxyStatus,
  decodeNsresult,
  FIREFOX_NETWORK_ERRORS,
  FIREFOX_PHASES,
  makeNsresult,
  MODULE_NETWORK,
  MODULE_SECURITY,
  PROXY_CODE_BASE,
} from './firefox';
import { FIREFOX_ERRORS } from './firefox-entries';
import { nssErrorForCode, nssErrorForName } from './nss';
import type { ErrorEntry, NormalizedError } from './types';

/** Every entry: Chromium's (ordered by number), then the Firefox-only ones. */
export const ALL_ERRORS: readonly ErrorEntry[] = [...CHROMIUM_ERRORS, ...FIREFOX_ERRORS];

const byCode = new Map<string, ErrorEntry>();
for (const entry of ALL_ERRORS) byCode.set(entry.code, entry);

const byNumber = new Map<number, ErrorEntry>();
for (const entry of CHROMIUM_ERRORS) byNumber.set(entry.number, entry);

const byAlias = new Map<string, ErrorEntry>();
for (const entry of ALL_ERRORS) for (const alias of entry.aliases ?? []) byAlias.set(alias.toUpperCase(), entry);

const firefoxByName = new Map<string, string>();
const firefoxByNsresult = new Map<number, string>();
const firefoxNameByNsresult = new Map<number, string>();
const nsresultByFirefoxName = new Map<string, number>();
for (const row of FIREFOX_NETWORK_ERRORS) {
  const nsresult = makeNsresult(row.module, row.code);
  firefoxByName.set(row.name, row.canonical);
  nsresultByFirefoxName.set(row.name, nsresult);
  firefoxByNsresult.set(nsresult, row.canonical);
  firefoxNameByNsresult.set(nsresult, row.name);
}
for (const phase of FIREFOX_PHASES) firefoxByName.set(phase, phase);

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

/** The entry for a Chromium net error number (negative), e.g. -102. */
export function entryForNumber(number: number): ErrorEntry | undefined {
  return number < 0 ? byNumber.get(number) : undefined;
}

export function entryForAlias(name: string): ErrorEntry | undefined {
  return byAlias.get(name.toUpperCase());
}

/**
 * Canonical code for a Firefox name: an `NS_*` name, a load phase (`NS_ERROR_NET_ON_*`), or an NSS / mozilla::pkix /
 * NSPR name (`SSL_ERROR_RX_RECORD_TOO_LONG`, `SEC_ERROR_UNKNOWN_ISSUER`, `PR_CONNECT_RESET_ERROR`).
 */
export function canonicalForFirefoxName(name: string): string | undefined {
  const known = firefoxByName.get(name);
  if (known) return known;
  if (name.startsWith('NS_ERROR_NET_ON_')) {
    const entry = byAlias.get(name);
    if (entry) return entry.code;
  }
  return nssErrorForName(name)?.canonical;
}

/** Firefox's name for an nsresult it names (`NS_ERROR_CONNECTION_REFUSED` for 2152398861). */
export function firefoxNameForNsresult(nsresult: number): string | undefined {
  return firefoxNameByNsresult.get(nsresult);
}

/** The nsresult behind a Firefox NS_* name this table knows (2152398861 for `NS_ERROR_CONNECTION_REFUSED`). */
export function nsresultForFirefoxName(name: string): number | undefined {
  return nsresultByFirefoxName.get(name);
}

/** Canonical code for an nsresult: by name when Firefox names it, else by arithmetic for the NSS and proxy ranges. */
export function canonicalForNsresult(nsresult: number): string | undefined {
  const known = firefoxByNsresult.get(nsresult);
  if (known) return known;
  const { module, code } = decodeNsresult(nsresult);
  if (module === MODULE_SECURITY) return nssErrorForCode(-code)?.canonical;
  if (module === MODULE_NETWORK && code >= PROXY_CODE_BASE + 100 && code < PROXY_CODE_BASE + 600) {
    return canonicalForProxyStatus(code - PROXY_CODE_BASE);
  }
  return undefined;
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
