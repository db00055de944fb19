/** Building blocks of a NormalizedError, shared by the Chromium core (normalize.ts) and the Firefox decoder. */
import { entryForCode } from './table';
import type { Category, NormalizedError } from './types';

export type Source = NormalizedError['source'];

export interface Extras {
  nsresult?: number;
  detail?: string;
  httpStatus?: number;
}

export function withCode(raw: string, code: string, source: Source, extras: Extras = {}): NormalizedError {
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

export function unknown(raw: string, category: Category, source: Source, extras: Extras = {}): NormalizedError {
  return { ...withCode(raw, 'UNKNOWN', source, extras), category };
}

/** A category for a name we do not know, from the words in it. */
export function guessCategory(name: string): Category {
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

/** Lower case, straight quotes, single spaces, no final period: how sentences are compared. */
export function normalizeSentence(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC`´]/g, "'")
    .replace(/[\u201C\u201D\u201E\u2033]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.\s]+$/, '');
}
