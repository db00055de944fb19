import { normalizeError } from './errors/normalize';
import { describe } from './errors/table';
import type { ErrorEntry, NormalizedError } from './errors/types';
import type { Failure } from './failure';
import { analyzeUrl, type UrlFacts } from './url';
import { t } from './i18n';

/** Everything the rules may look at, derived once from a Failure. */
export interface Facts {
  failure: Failure;
  url: UrlFacts;
  /** The normalized browser error; for a plain HTTP error status, a synthetic `HTTP_<status>` code. */
  error: NormalizedError;
  /** The taxonomy entry for the error (generic when unknown). */
  entry: ErrorEntry;
  status: number | null;
  /** Other hosts that loaded fine recently (distinct, not this host). */
  otherHostsOk: string[];
  /** Other hosts that failed recently with the same kind of error (distinct, not this host). */
  otherHostsFailingAlike: string[];
}

export function buildFacts(failure: Failure): Facts {
  const url = analyzeUrl(failure.url);
  const status = failure.httpStatus;
  const error: NormalizedError = failure.error
    ? normalizeError(failure.error)
    : status === null && failure.load
      ? { raw: t(failure.load.state === 'slow' ? 'raw_slow_load' : 'raw_no_answer'), code: failure.load.state === 'slow' ? 'LOAD_SLOW' : 'LOAD_HUNG', number: 0, category: 'connection', source: 'unknown' }
      : { raw: `HTTP ${status ?? ''}`.trim(), code: `HTTP_${status ?? 0}`, number: 0, category: 'http', source: 'unknown' };
  const entry = describe(error.code);
  const ctx = failure.context;
  const otherHostsOk = distinct(ctx.recentSuccesses.map((s) => s.host), url.host);
  const otherHostsFailingAlike = distinct(
    ctx.recentFailures.filter((f) => sameKind(f.code, error)).map((f) => f.host),
    url.host,
  );
  return { failure, url, error, entry, status, otherHostsOk, otherHostsFailingAlike };
}

function distinct(hosts: string[], exclude: string): string[] {
  const out: string[] = [];
  for (const h of hosts) if (h !== exclude && !out.includes(h)) out.push(h);
  return out;
}

/** Two failures are alike when they share the code, or the category for network-level errors. */
function sameKind(code: string, error: NormalizedError): boolean {
  if (code === error.code) return true;
  return describe(code).category === error.category && error.category !== 'http' && error.category !== 'other';
}
