/** Shared vocabulary of the error taxonomy. Pure data types: no browser APIs. */

export type Category =
  'dns' | 'connection' | 'tls' | 'certificate' | 'http' | 'proxy' | 'policy' | 'cache' | 'aborted' | 'other';

export const CATEGORIES: readonly Category[] = [
  'dns',
  'connection',
  'tls',
  'certificate',
  'http',
  'proxy',
  'policy',
  'cache',
  'aborted',
  'other',
];

/** Where the fault most likely lies. */
export type Verdict = 'client' | 'network' | 'server' | 'unknown';

export const VERDICTS: readonly Verdict[] = ['client', 'network', 'server', 'unknown'];

export type Audience = 'you' | 'owner' | 'developer';

/**
 * Message keys of the steps, per audience. A key starting with `.` is the entry's own (`.you2` stands for
 * `e_<CODE>_you2`); other keys are shared between entries.
 */
export interface EntrySteps {
  /** The person at the browser. */
  you?: readonly string[];
  /** Whoever runs the site or server. */
  owner?: readonly string[];
  /** A developer running the server on this machine. */
  developer?: readonly string[];
}

/**
 * One row of the taxonomy: everything we know about one error code. Its words are messages (see entryText):
 * `e_<CODE>_t` the short title, `e_<CODE>_m` what it means, `e_<CODE>_v` why the verdict (or the shared `why` key).
 */
export interface ErrorEntry {
  /** Canonical code: Chromium's name where one exists (`ERR_CONNECTION_REFUSED`), else the Firefox name. */
  code: string;
  /** Chromium's net error number (negative), or 0 for codes Chromium does not have. */
  number: number;
  category: Category;
  /** The default verdict when no other evidence is available. */
  verdict: Verdict;
  /** Key of a shared sentence saying why that verdict, instead of the entry's own `e_<CODE>_v`. */
  why?: string;
  steps?: EntrySteps;
  /** True when a top-frame failure with this code replaces the tab with the explanation page. */
  takeover: boolean;
  /** Other names people search for (e.g. `DNS_PROBE_FINISHED_NXDOMAIN`, `NS_ERROR_CONNECTION_REFUSED`). */
  aliases?: readonly string[];
  /**
   * True for codes raised inside the browser's own machinery (cache, blob storage, certificate manager, retries it
   * handles itself). They almost never explain a failed page and say nothing about the site.
   */
  internal?: boolean;
  /**
   * For entries whose code is not Chromium's (Firefox-only errors, Firefox's load phases): the Chromium code with the
   * nearest meaning, so rules written against Chromium codes can still consider them.
   */
  closest?: string;
}

/** The result of normalizing a raw browser error string. */
export interface NormalizedError {
  /** The string the browser reported, untouched. */
  raw: string;
  /** Canonical code (`ERR_CONNECTION_REFUSED`), or `UNKNOWN` for strings we do not know. */
  code: string;
  /** Chromium net error number, or 0. */
  number: number;
  category: Category;
  /** Which browser vocabulary the raw string came from. */
  source: 'chromium' | 'firefox' | 'unknown';
  /** Firefox nsresult, when the raw string carried or implied one. */
  nsresult?: number;
  /**
   * The browser's own, more specific name behind the canonical code, when it differs from it: the NSS name of a
   * Firefox TLS error (`SSL_ERROR_RX_RECORD_TOO_LONG`), the Firefox name mapped onto a Chromium code
   * (`NS_ERROR_PROXY_BAD_GATEWAY`), or an unrecognised `ERR_*` / `NS_*` name.
   */
  detail?: string;
  /** The HTTP status a proxy answered with, for Firefox's NS_ERROR_PROXY_* errors (PROXY_CODE_BASE + status). */
  httpStatus?: number;
}
