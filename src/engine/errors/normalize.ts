import { decodeNsresult, MODULE_NETWORK, MODULE_SECURITY } from './firefox';
import { canonicalForFirefoxName, canonicalForNsresult, entryForAlias, entryForCode } from './table';
import type { Category, NormalizedError } from './types';

const MAX_RAW = 500;

/**
 * Turns whatever string a browser reported into a canonical code, number and category.
 * Accepts Chromium's `net::ERR_*`, Firefox's `NS_ERROR_*` names and `Error code <decimal>` strings.
 * Never throws: unknown input gives code `UNKNOWN`, category `other`.
 */
export function normalizeError(input: unknown): NormalizedError {
  const raw = typeof input === 'string' ? input.slice(0, MAX_RAW) : '';
  const text = raw.trim();

  const chromium = /^(?:net::)?(ERR_[A-Z0-9_]+)$/.exec(text);
  if (chromium) {
    const code = chromium[1]!;
    const entry = entryForCode(code);
    return entry
      ? { raw, code, number: entry.number, category: entry.category, source: 'chromium' }
      : { raw, code, number: 0, category: 'other', source: 'chromium' };
  }

  const decimal = /^Error code (\d{1,12})$/i.exec(text);
  if (decimal) return fromNsresult(raw, Number(decimal[1]));

  if (/^NS_[A-Z0-9_]+$/.test(text)) {
    const canonical = canonicalForFirefoxName(text);
    if (canonical) return withCode(raw, canonical, 'firefox');
    return { raw, code: text, number: 0, category: 'other', source: 'firefox' };
  }

  const alias = entryForAlias(text);
  if (alias) return { raw, code: alias.code, number: alias.number, category: alias.category, source: 'unknown' };

  return { raw, code: 'UNKNOWN', number: 0, category: 'other', source: 'unknown' };
}

function withCode(raw: string, code: string, source: NormalizedError['source'], nsresult?: number): NormalizedError {
  const entry = entryForCode(code);
  const result: NormalizedError = {
    raw,
    code,
    number: entry?.number ?? 0,
    category: entry?.category ?? 'other',
    source,
  };
  if (nsresult !== undefined) result.nsresult = nsresult;
  return result;
}

function fromNsresult(raw: string, nsresult: number): NormalizedError {
  const known = canonicalForNsresult(nsresult);
  if (known) return withCode(raw, known, 'firefox', nsresult);
  const { module, code } = decodeNsresult(nsresult);
  let category: Category = 'other';
  let name = 'UNKNOWN';
  if (module === MODULE_NETWORK) name = `NS_ERROR_NETWORK_${code}`;
  if (module === MODULE_SECURITY) {
    // NSS error numbers are the negated code: SEC_ERROR_* from -8192 are mostly certificate problems,
    // SSL_ERROR_* from -12288 are handshake (TLS) problems.
    category = code >= 12288 ? 'tls' : 'certificate';
    name = category === 'tls' ? 'ERR_SSL_PROTOCOL_ERROR' : 'ERR_CERT_INVALID';
    return { ...withCode(raw, name, 'firefox', nsresult), category };
  }
  return { raw, code: name, number: 0, category, source: 'firefox', nsresult };
}
