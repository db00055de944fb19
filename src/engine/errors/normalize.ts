import { firefoxDecoder } from './decoder';
import { guessCategory, normalizeSentence, unknown, withCode } from './normalized';
import { entryForAlias, entryForCode, entryForNumber } from './table';
import type { NormalizedError } from './types';

/** Longer input is cut before any matching: no browser error string comes close, and matching stays cheap. */
const MAX_RAW = 500;

/**
 * Turns whatever string a browser reported into a canonical code, number and category. Understands Chromium's
 * `net::ERR_*` (and bare net error numbers); with the Firefox vocabulary installed (vocabulary.ts) also Firefox's
 * `NS_ERROR_*` names, `Error code <decimal nsresult>` strings, `NS_ERROR_GENERATE_FAILURE(...)` names, NSS names,
 * Firefox's localized TLS sentences and its synthetic `NS_ERROR_NET_ON_<phase>` names. Never throws: anything else
 * gives code `UNKNOWN` (with a category when the text still tells one).
 */
export function normalizeError(input: unknown): NormalizedError {
  // The same few strings come back again and again (a page's failing requests): remember the last results.
  if (typeof input !== 'string') return normalizeOnce(input);
  const decoder = firefoxDecoder();
  if (decoder !== cachedFor) {
    cache.clear();
    cachedFor = decoder;
  }
  let hit = cache.get(input);
  if (!hit) {
    if (cache.size >= CACHE_SIZE) cache.clear();
    hit = Object.freeze(normalizeOnce(input));
    cache.set(input, hit);
  }
  return hit;
}

const CACHE_SIZE = 256;
const cache = new Map<string, NormalizedError>();
/** The results depend on the vocabulary installed: a new one empties the cache. */
let cachedFor: ReturnType<typeof firefoxDecoder> = null;

function normalizeOnce(input: unknown): NormalizedError {
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
  return (
    raw
      // eslint-disable-next-line no-control-regex -- removing control characters is the point here
      .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u2060\ufeff]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** An nsresult, when Firefox's vocabulary is installed. */
function fromNsresult(raw: string, nsresult: number): NormalizedError {
  return firefoxDecoder()?.fromNsresult(raw, nsresult) ?? unknown(raw, 'other', 'unknown');
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

  const firefox = firefoxDecoder();
  const generated = /^NS_ERROR_GENERATE_FAILURE\(\s*([A-Z_]+|\d{1,3})\s*,\s*([A-Z0-9_]+)\s*\)$/i.exec(text);
  if (generated && firefox)
    return firefox.fromGenerated(raw, generated[1]!.toUpperCase(), generated[2]!.toUpperCase(), fromName);

  if (/^[A-Z][A-Z0-9_]*$/i.test(text)) return fromName(raw, text.toUpperCase());

  const sentence = firefox?.nssNameForSentence(text);
  if (sentence) return fromName(raw, sentence);

  const embedded = fromEmbedded(raw, text);
  if (embedded) return embedded;

  return fromKeywords(raw, text);
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

function fromName(raw: string, name: string): NormalizedError {
  const firefox = firefoxDecoder()?.fromName(raw, name);
  if (firefox) return firefox;
  const alias = entryForAlias(name);
  if (alias)
    return withCode(raw, alias.code, /^(DNS_PROBE_|ERR_)/.test(name) ? 'chromium' : 'unknown', { detail: name });
  return unknown(raw, 'other', 'unknown');
}

/**
 * A known token inside a longer string: "Failed to load resource: net::ERR_CONNECTION_REFUSED", "Error code: SEC_…".
 */
function fromEmbedded(raw: string, text: string): NormalizedError | undefined {
  // The first token we know wins: an unknown one before it (`NS_ERROR_FOO … net::ERR_…`) must not hide it.
  const tokens =
    /(?:^|[^A-Z0-9_])(?:net::)?(ERR_[A-Z0-9_]{3,}|NS_(?:ERROR|BINDING)_[A-Z0-9_]+|SSL_ERROR_[A-Z0-9_]+|SEC_ERROR_[A-Z0-9_]+|MOZILLA_PKIX_ERROR_[A-Z0-9_]+|PR_[A-Z_]+_ERROR|DNS_PROBE_[A-Z_]+)(?![A-Z0-9_])/g;
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
