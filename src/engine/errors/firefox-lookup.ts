/** Firefox names and nsresults → canonical codes. Part of the Firefox vocabulary (see vocabulary.ts). */
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
import { nssErrorForCode, nssErrorForName } from './nss';
import { entryForAlias } from './table';

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

/**
 * Canonical code for a Firefox name: an `NS_*` name, a load phase (`NS_ERROR_NET_ON_*`), or an NSS / mozilla::pkix /
 * NSPR name (`SSL_ERROR_RX_RECORD_TOO_LONG`, `SEC_ERROR_UNKNOWN_ISSUER`, `PR_CONNECT_RESET_ERROR`).
 */
export function canonicalForFirefoxName(name: string): string | undefined {
  const known = firefoxByName.get(name);
  if (known) return known;
  if (name.startsWith('NS_ERROR_NET_ON_')) {
    const entry = entryForAlias(name);
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
