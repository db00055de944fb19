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
import { nssNameForSentence, normalizeSentence } from './firefox-sentences';
import { nssErrorForCode, nssErrorForName } from './nss';
import {
  canonicalForFirefoxName,
  entryForAlias,
  entryForCode,
  entryForNumber,
  firefoxNameForNsresult,
  nsresultForFirefoxName,
} from './table';
import type { Category, NormalizedError } from './types';

/** Longer input is cut before any matching: no browser error string comes close, and matching stays cheap. */
const MAX_RAW = 500;

type Source = NormalizedError['source'];
interface Extras {
  nsresult?: number;
  detail?: string;
  httpStatus?: number;
}

/**
 * Turns whatever string a browser reported into a canonical code, number and category. Understands Chromium's
 * `net::ERR_*` (and bare net error numbers), Firefox's `NS_ERROR_*` names, `Error code <decimal nsresult>` strings,
 * `NS_ERROR_GENERATE_FAILURE(...)` names, NSS names, Firefox's localized TLS sentences and its synthetic
 * `NS_ERROR_NET_ON_<phase>` names. Never throws: anything else gives code `UNKNOWN` (with a category when the text
 * still tells one).
 */
export function normalizeError(input: unknown): NormalizedError {
  let raw = '';
  try {
    raw = rawOf(input);
    return normalizeText(raw, clean(raw));
  } catch {
    // Defensive only: every path above is written not to throw.
    return unknown(raw, 'other', 'unknown');
  }
}

function rawOf(input: unknown): string {
  if (typeof input === 'string') return input.length > MAX_RAW ? input.slice(0, MAX_RAW) : input;
  if (typeof input === 'number' && Number.isFinite(input)) return String(input);
  return '';
}

/** Control and zero-width characters become spaces; runs of spaces collapse. */
function clean(raw: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point here
  return raw.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u2060\ufeff]/g, ' ').replace(/\s+/g, ' ').trim();
}

function normalizeText(raw: string, text: string): NormalizedError {
  if (!text) return unknown(raw, 'other', 'unknown');

  const chromium = /^(?:net::)?(ERR_[A-Z0-9_]+)$/i.exec(text);
  if (chromium) return fromChromiumName(raw, chromium[1]!.toUpperCase());

  const number = /^(?:error code:?\s*)?(-?\d{1,12})$/i.exec(text);
  if (number) {
    const n = Number(number[1]);
    if (n < 0) {
      const entry = entryForNumber(n);
      if (entry) return withCode(raw, entry.code, 'chromium');
    } else if (n >= 0x80000000 || /^error code/i.test(text)) {
      return fromNsresult(raw, n);
    }
    return unknown(raw, 'other', 'unknown');
  }

  const hex = /^(?:error code:?\s*)?0x([0-9a-f]{1,8})$/i.exec(text);
  if (hex) return fromNsresult(raw, parseInt(hex[1]!, 16));

  const generated = /^NS_ERROR_GENERATE_FAILURE\(\s*([A-Z_]+|\d{1,3})\s*,\s*([A-Z0-9_]+)\s*\)$/i.exec(text);
  if (generated) return fromGenerated(raw, generated[1]!.toUpperCase(), generated[2]!.toUpperCase());

  if (/^[A-Z][A-Z0-9_]*$/i.test(text)) return fromName(raw, text.toUpperCase());

  const sentence = nssNameForSentence(text);
  if (sentence) return fromNssName(raw, sentence);

  const embedded = fromEmbedded(raw, text);
  if (embedded) return embedded;

  return fromKeywords(raw, text);
}

function withCode(raw: string, code: string, source: Source, extras: Extras = {}): NormalizedError {
  const entry = entryForCode(code);
  const result: NormalizedError = {
    raw,
    code,
    number: entry?.number ?? 0,
    category: entry?.category ?? 'other',
    source,
  };
  if (extras.nsresult !== undefined) result.nsresult = extras.nsresult;
  if (extras.detail !== undefined && extras.detail !== code) result.detail = extras.detail;
  if (extras.httpStatus !== undefined) result.httpStatus = extras.httpStatus;
  return result;
}

function unknown(raw: string, category: Category, source: Source, extras: Extras = {}): NormalizedError {
  return { ...withCode(raw, 'UNKNOWN', source, extras), category };
}

function fromChromiumName(raw: string, code: string): NormalizedError {
  if (entryForCode(code)) return withCode(raw, code, 'chromium');
  // Renamed codes (…PRIVATE_NETWORK… became …LOCAL_NETWORK…) are aliases of their entry.
  const renamed = entryForAlias(code);
  if (renamed) return withCode(raw, renamed.code, 'chromium', { detail: code });
  // An unknown certificate code still means the browser's own warning page: keep it a certificate error.
  if (code.startsWith('ERR_CERT')) return withCode(raw, 'ERR_CERT_INVALID', 'chromium', { detail: code });
  return unknown(raw, guessCategory(code), 'chromium', { detail: code });
}

/** A category for a name we do not know, from the words in it. */
function guessCategory(name: string): Category {
  if (/CERT|PKIX|ISSUER/.test(name)) return 'certificate';
  if (/SSL|TLS|ECH|HANDSHAKE|CIPHER/.test(name)) return 'tls';
  if (/PROXY|PAC_|TUNNEL|SOCKS/.test(name)) return 'proxy';
  if (/DNS|RESOLV|HOST|NAME_NOT/.test(name)) return 'dns';
  if (/CACHE/.test(name)) return 'cache';
  if (/BLOCKED|POLICY|DENIED|CSP|_URI$/.test(name)) return 'policy';
  if (/ABORT|CANCEL/.test(name)) return 'aborted';
  if (/HTTP|RESPONSE|REDIRECT|HEADER|CONTENT/.test(name)) return 'http';
  if (/CONNECT|SOCKET|NET_|NETWORK|TIMEOUT|TIMED_OUT|RESET|ADDRESS|OFFLINE/.test(name)) return 'connection';
  return 'other';
}

function fromName(raw: string, name: string): NormalizedError {
  if (name.startsWith('NS_')) {
    const canonical = canonicalForFirefoxName(name);
    if (canonical) {
      const nsresult = nsresultForFirefoxName(name);
      return withCode(raw, canonical, 'firefox', { detail: name, ...(nsresult === undefined ? {} : nsresultExtras(nsresult)) });
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
  const alias = entryForAlias(name);
  if (alias) return withCode(raw, alias.code, /^(DNS_PROBE_|ERR_)/.test(name) ? 'chromium' : 'unknown', { detail: name });
  return unknown(raw, 'other', 'unknown');
}

function fromNssName(raw: string, name: string): NormalizedError {
  const nss = nssErrorForName(name);
  if (nss) {
    return withCode(raw, nss.canonical, 'firefox', { detail: name, nsresult: makeNsresult(MODULE_SECURITY, -nss.prCode) });
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
  if (code >= WEBTRANSPORT_CODE_BASE && code <= WEBTRANSPORT_CODE_END) return unknown(raw, 'connection', 'firefox', { nsresult });
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
function fromGenerated(raw: string, moduleText: string, codeText: string): NormalizedError {
  const module = /^\d+$/.test(moduleText) ? Number(moduleText) : MODULES_BY_NAME[moduleText];
  if (module === undefined) return unknown(raw, 'other', 'firefox', { detail: codeText });
  if (/^\d+$/.test(codeText)) {
    const code = Number(codeText);
    if (code > 0xffff) return unknown(raw, 'other', 'firefox');
    return fromNsresult(raw, makeNsresult(module, code));
  }
  if (module === MODULE_SECURITY) return fromNssName(raw, codeText);
  return fromName(raw, codeText);
}

/** A known token inside a longer string: "Failed to load resource: net::ERR_CONNECTION_REFUSED", "Error code: SEC_…". */
function fromEmbedded(raw: string, text: string): NormalizedError | undefined {
  // The first token we know wins: an unknown one before it (`NS_ERROR_FOO … net::ERR_…`) must not hide it.
  const tokens = /(?:^|[^A-Z0-9_])(?:net::)?(ERR_[A-Z0-9_]{3,}|NS_(?:ERROR|BINDING)_[A-Z0-9_]+|SSL_ERROR_[A-Z0-9_]+|SEC_ERROR_[A-Z0-9_]+|MOZILLA_PKIX_ERROR_[A-Z0-9_]+|PR_[A-Z_]+_ERROR|DNS_PROBE_[A-Z_]+)(?![A-Z0-9_])/g;
  for (const token of text.matchAll(tokens)) {
    const found = normalizeText(raw, token[1]!);
    if (found.code !== 'UNKNOWN') return found;
  }
  const decimal = /error code:?\s*(\d{10})(?!\d)/i.exec(text);
  if (decimal) {
    const found = fromNsresult(raw, Number(decimal[1]));
    if (found.code !== 'UNKNOWN') return found;
  }
  return undefined;
}

/**
 * A sentence we do not know that still talks about certificates or secure connections (another Firefox version's
 * wording, or a localized one). Certificate wording becomes ERR_CERT_INVALID so the browser's own warning
 * page is never replaced.
 */
function fromKeywords(raw: string, text: string): NormalizedError {
  const words = normalizeSentence(text);
  if (/\bcertifica|\bzertifikat|\bcert\b|\bissuer\b|\brevoked\b/.test(words)) {
    return withCode(raw, 'ERR_CERT_INVALID', 'unknown');
  }
  if (/\b(ssl|tls)\b|\bsecur|\bencrypt|\bcipher|\bhandshake/.test(words)) return unknown(raw, 'tls', 'unknown');
  return unknown(raw, 'other', 'unknown');
}
