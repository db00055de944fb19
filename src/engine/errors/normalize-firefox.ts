/** Firefox's error vocabulary → canonical codes: the decoder normalize.ts uses once vocabulary.ts installs it. */
import type { FirefoxDecoder } from './decoder';
import {
  decodeNsresult,
  FIREFOX_UNKNOWN_PHASE,
  makeNsresult,
  MODULE_CONTENT,
  MODULE_DOM,
  MODULE_NETWORK,
  MODULE_SECURITY,
  MODULE_URILOADER,
  PROXY_CODE_BASE,
  PROXY_STATUS_NAMES,
  WEBTRANSPORT_CODE_BASE,
  WEBTRANSPORT_CODE_END,
  canonicalForProxyStatus,
} from './firefox';
import { canonicalForFirefoxName, firefoxNameForNsresult, nsresultForFirefoxName } from './firefox-lookup';
import { nssNameForSentence } from './firefox-sentences';
import { type Extras, guessCategory, unknown, withCode } from './normalized';
import { nssErrorForCode, nssErrorForName } from './nss';
import type { NormalizedError } from './types';

function fromName(raw: string, name: string): NormalizedError | undefined {
  if (name.startsWith('NS_')) {
    const canonical = canonicalForFirefoxName(name);
    if (canonical) {
      const nsresult = nsresultForFirefoxName(name);
      return withCode(raw, canonical, 'firefox', {
        detail: name,
        ...(nsresult === undefined ? {} : nsresultExtras(nsresult)),
      });
    }
    // Firefox's fallback for an activity it has no name for, and phases newer than this table.
    if (FIREFOX_UNKNOWN_PHASE.test(name) || name.startsWith('NS_ERROR_NET_ON_')) {
      return unknown(raw, 'connection', 'firefox', { detail: name });
    }
    return unknown(raw, guessCategory(name.replace(/^NS_(ERROR|BINDING)_/, '')), 'firefox', { detail: name });
  }
  if (/^(SSL_ERROR_|SEC_ERROR_|SEC_INTERNAL_|MOZILLA_PKIX_ERROR_|XP_SEC_|XP_JAVA_|PR_\w+_ERROR$)/.test(name)) {
    return fromNssName(raw, name);
  }
  return undefined;
}

function fromNssName(raw: string, name: string): NormalizedError {
  const nss = nssErrorForName(name);
  if (nss) {
    return withCode(raw, nss.canonical, 'firefox', {
      detail: name,
      nsresult: makeNsresult(MODULE_SECURITY, -nss.prCode),
    });
  }
  // A name from a newer NSS than this table: the family still says what kind of failure it is.
  if (name.startsWith('SSL_ERROR_')) return unknown(raw, 'tls', 'firefox', { detail: name });
  if (name.startsWith('PR_')) return unknown(raw, 'connection', 'firefox', { detail: name });
  return withCode(raw, 'ERR_CERT_INVALID', 'firefox', { detail: name });
}

function fromNsresult(raw: string, nsresult: number): NormalizedError {
  const { module, code } = decodeNsresult(nsresult);
  if (module < 0) return unknown(raw, 'other', 'unknown');
  const name = firefoxNameForNsresult(nsresult);
  const canonical = name ? canonicalForFirefoxName(name) : undefined;
  if (name && canonical) return withCode(raw, canonical, 'firefox', { ...nsresultExtras(nsresult), detail: name });

  if (module === MODULE_SECURITY) {
    const nss = nssErrorForCode(-code);
    if (nss) return withCode(raw, nss.canonical, 'firefox', { nsresult, ...(nss.name ? { detail: nss.name } : {}) });
    return unknown(raw, 'tls', 'firefox', { nsresult });
  }
  if (module === MODULE_NETWORK) return fromNetworkCode(raw, nsresult, code);
  if (module === MODULE_URILOADER || module === MODULE_CONTENT || module === MODULE_DOM) {
    return unknown(raw, 'policy', 'firefox', { nsresult });
  }
  return unknown(raw, 'other', 'firefox', { nsresult });
}

/** The nsresult itself, and the proxy's HTTP status when it is one of the NS_ERROR_PROXY_* codes. */
function nsresultExtras(nsresult: number): Extras {
  const { module, code } = decodeNsresult(nsresult);
  const status = code - PROXY_CODE_BASE;
  return module === MODULE_NETWORK && status >= 100 && status < 600 ? { nsresult, httpStatus: status } : { nsresult };
}

/** Network-module codes Firefox does not name for us still fall in known ranges. */
function fromNetworkCode(raw: string, nsresult: number, code: number): NormalizedError {
  const status = code - PROXY_CODE_BASE;
  if (status >= 100 && status < 600) {
    const named = PROXY_STATUS_NAMES.find(([s]) => s === status);
    const detail = named ? `NS_ERROR_PROXY_${named[1]}` : `NS_ERROR_PROXY_CODE_BASE + ${status}`;
    return withCode(raw, canonicalForProxyStatus(status), 'firefox', { nsresult, detail, httpStatus: status });
  }
  if (code >= WEBTRANSPORT_CODE_BASE && code <= WEBTRANSPORT_CODE_END)
    return unknown(raw, 'connection', 'firefox', { nsresult });
  if (code >= 61 && code <= 70) return unknown(raw, 'cache', 'firefox', { nsresult });
  if (code >= 21 && code <= 28) return unknown(raw, 'other', 'firefox', { nsresult }); // the retired FTP codes
  return unknown(raw, 'connection', 'firefox', { nsresult });
}

const MODULES_BY_NAME: Readonly<Record<string, number>> = {
  NS_ERROR_MODULE_NETWORK: MODULE_NETWORK,
  NS_ERROR_MODULE_SECURITY: MODULE_SECURITY,
  NS_ERROR_MODULE_URILOADER: MODULE_URILOADER,
  NS_ERROR_MODULE_CONTENT: MODULE_CONTENT,
  NS_ERROR_MODULE_DOM: MODULE_DOM,
};

/**
 * Firefox names an error it has no static name for as `NS_ERROR_GENERATE_FAILURE(<module>, <code or NSPR name>)`,
 * e.g. `NS_ERROR_GENERATE_FAILURE(NS_ERROR_MODULE_SECURITY, SSL_ERROR_RX_RECORD_TOO_LONG)`.
 */
function fromGenerated(
  raw: string,
  moduleText: string,
  codeText: string,
  byName: (raw: string, name: string) => NormalizedError,
): NormalizedError {
  const module = /^\d+$/.test(moduleText) ? Number(moduleText) : MODULES_BY_NAME[moduleText];
  if (module === undefined) return unknown(raw, 'other', 'firefox', { detail: codeText });
  if (/^\d+$/.test(codeText)) {
    const code = Number(codeText);
    if (code > 0xffff) return unknown(raw, 'other', 'firefox');
    return fromNsresult(raw, makeNsresult(module, code));
  }
  if (module === MODULE_SECURITY) return fromNssName(raw, codeText);
  return byName(raw, codeText);
}

export const FIREFOX_DECODER: FirefoxDecoder = { fromName, fromNsresult, fromGenerated, nssNameForSentence };
