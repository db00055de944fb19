import { normalizeError } from './errors/normalize';
import { describe } from './errors/table';
import type { ErrorEntry, NormalizedError } from './errors/types';
import type { Failure } from './failure';
import { corsFix, corsProblem, type CorsExchange, type CorsProblem } from './cors';
import { readHop, type Hop } from './hop';
import { isAnswer, machineOf, parseSite } from './machine';
import { retryAfterMs } from './retry-after';
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
  /** Other machines' sites that loaded fine recently (distinct; not this machine). */
  otherHostsOk: string[];
  /**
   * Other machines' sites that failed recently in a way that implicates the path, with the same kind of error
   * (distinct). Never refusals or HTTP answers (an answer proves the path works), never loopback (one machine, no
   * network), never this machine's other ports.
   */
  otherHostsFailingAlike: string[];
  /** Other ports of this same machine that answered recently (any HTTP answer), newest first. */
  machineAnswered: { port: number | null; time: number }[];
  /**
   * The connection was refused; or Firefox said "unknown host" for a name that loaded minutes ago (it retries over
   * IPv6 after a refusal and reports the missing AAAA record instead): see `unknownHostRead`.
   */
  refused: boolean;
  /**
   * Firefox's unknown host was read as a refusal: the name resolved at `nameResolvedAt` (this origin or machine
   * answered).
   */
  unknownHostRead: boolean;
  nameResolvedAt: number | null;
  /** The connection attempt got no answer at all (a timeout). */
  timedOut: boolean;
  /** How long the server asked to wait (a valid Retry-After), ms from the failure. */
  retryAfterMs: number | null;
  /** Who answered an HTTP error: a CDN or a reverse proxy named by the response headers. */
  hop: Hop | null;
  /** The CORS rule a cross-origin request broke, with the header line that fixes it. */
  cors: { exchange: CorsExchange; problem: CorsProblem; fix: string } | null;
}

/** An unknown host this soon after the name loaded is not a name that stopped existing. */
const RESOLVED_RECENTLY_MS = 10 * 60_000;
const TIMEOUTS = new Set(['ERR_CONNECTION_TIMED_OUT', 'ERR_TIMED_OUT']);

export function buildFacts(failure: Failure): Facts {
  const url = analyzeUrl(failure.url);
  const status = failure.httpStatus;
  const error: NormalizedError = failure.error
    ? normalizeError(failure.error)
    : status === null && failure.load
      ? {
          raw: t(failure.load.state === 'slow' ? 'raw_slow_load' : 'raw_no_answer'),
          code: failure.load.state === 'slow' ? 'LOAD_SLOW' : 'LOAD_HUNG',
          number: 0,
          category: 'connection',
          source: 'unknown',
        }
      : {
          raw: `HTTP ${status ?? ''}`.trim(),
          code: `HTTP_${status ?? 0}`,
          number: 0,
          category: 'http',
          source: 'unknown',
        };
  const entry = describe(error.code);
  const ctx = failure.context;
  const here = machineOf(url.host);
  const elsewhere = (site: string) => machineOf(parseSite(site).host) !== here;
  const otherHostsOk = distinct(ctx.recentSuccesses.map((s) => s.host).filter(elsewhere));
  const otherHostsFailingAlike = distinct(
    ctx.recentFailures
      .filter(
        (f) =>
          elsewhere(f.host) &&
          machineOf(parseSite(f.host).host) !== 'loopback' &&
          !isAnswer(f.code) &&
          sameKind(f.code, error),
      )
      .map((f) => f.host),
  );
  const machineAnswered = [
    ...ctx.recentSuccesses.filter((s) => !elsewhere(s.host)),
    ...ctx.recentFailures.filter((f) => !elsewhere(f.host) && f.code !== 'ERR_CONNECTION_REFUSED' && isAnswer(f.code)),
  ]
    .map((s) => ({ port: parseSite(s.host).port, time: s.time }))
    .filter((s) => s.port !== (url.defaultPort ? null : url.port))
    .sort((a, b) => b.time - a.time);
  // When the name last resolved: this origin loaded, or the same machine answered on another port.
  const resolvedAt = Math.max(ctx.hostLastSuccess ?? -Infinity, machineAnswered[0]?.time ?? -Infinity);
  const unknownHostRead =
    error.source === 'firefox' &&
    error.code === 'ERR_NAME_NOT_RESOLVED' &&
    failure.online !== false &&
    resolvedAt <= failure.time &&
    failure.time - resolvedAt <= RESOLVED_RECENTLY_MS;
  return {
    failure,
    url,
    error,
    entry,
    status,
    otherHostsOk,
    otherHostsFailingAlike,
    machineAnswered,
    refused: error.code === 'ERR_CONNECTION_REFUSED' || unknownHostRead,
    unknownHostRead,
    nameResolvedAt: unknownHostRead ? resolvedAt : null,
    timedOut: TIMEOUTS.has(error.code),
    retryAfterMs: retryAfterMs(failure.retryAfter, failure.time),
    hop: readHop(failure.hopHeaders),
    cors: corsFacts(failure),
  };
}

/** Only a request the browser failed (not one that got an HTTP error status) can have been blocked by CORS. */
function corsFacts(failure: Failure): Facts['cors'] {
  if (!failure.cors || failure.error === null) return null;
  const problem = corsProblem(failure.cors);
  return problem ? { exchange: failure.cors, problem, fix: corsFix(failure.cors, problem) } : null;
}

function distinct(hosts: string[]): string[] {
  return [...new Set(hosts)];
}

/** Two failures are alike when they share the code, or the category for network-level errors. */
function sameKind(code: string, error: NormalizedError): boolean {
  if (code === error.code) return true;
  return describe(code).category === error.category && error.category !== 'http' && error.category !== 'other';
}
