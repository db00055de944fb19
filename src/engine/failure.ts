import { toCorsExchange, type CorsExchange } from './cors';
import { toHopHeaders } from './hop';

/**
 * A failure as capture records it: plain, serializable data (it is stored, sent in messages and put in URLs).
 * The engine derives everything else from it.
 */
export interface Neighbourhood {
  /** Other hosts that loaded fine recently, newest first. */
  recentSuccesses: { host: string; time: number }[];
  /** Other hosts that failed recently, newest first. */
  recentFailures: { host: string; code: string; time: number }[];
  /** When this host last loaded fine before this failure, if remembered. */
  hostLastSuccess: number | null;
  /** Hosts this browser loaded fine that are one or two edits away from this one (for names that do not resolve). */
  similarHosts?: string[];
  /** This device's clock minus the servers' (Date headers of recent responses), when measured. */
  clockOffsetMs?: number | null;
  /** The browser's proxy setting when readable (optional permission), e.g. `direct`, `system`, `fixed_servers`. */
  proxy?: string | null;
}

export interface ProbeResult {
  /** What was tried, e.g. `[::1]:3000`. */
  target: string;
  host: string;
  port: number;
  open: boolean;
}

export interface Probes {
  /** The same port on the other IP family of loopback. */
  otherFamily?: ProbeResult;
  /** Other loopback ports tried, in the order tried. */
  ports?: ProbeResult[];
  /**
   * For a refused LAN address: the same port on this computer's loopback (127.0.0.1, then ::1). Open means a server
   * here listens on loopback only.
   */
  onLoopback?: ProbeResult;
  /** Opt-in remote check: what a public DNS-over-HTTPS resolver says about the name. */
  publicDns?: { resolver: string; status: 'exists' | 'nxdomain' | 'error' };
}

/** Where a top-level load was when it stalled: before the request went out, waiting for an answer, or receiving. */
export type LoadPhase = 'starting' | 'sent' | 'receiving';

/** A load that took too long: still hanging, finally done (slow), or ended in an error after a long wait. */
export interface LoadTiming {
  state: 'hung' | 'slow' | 'failed';
  phase: LoadPhase;
  /** From navigation start to now (hung) or to the end. */
  waitedMs: number;
  /** How long the phase that took the time lasted. */
  phaseMs: number;
}

export interface Failure {
  id: string;
  /** When it happened (ms since epoch); the latest occurrence when folded. */
  time: number;
  /** First occurrence when folded. */
  firstTime: number;
  /** How many times the same failure happened (folded). */
  count: number;
  url: string;
  tabId: number;
  /** webRequest resource type: `main_frame`, `sub_frame`, `xmlhttprequest`, `image`, ... */
  resourceType: string;
  /** The raw browser error string, or null for an HTTP error status. */
  error: string | null;
  httpStatus: number | null;
  ip: string | null;
  retryAfter: string | null;
  online: boolean | null;
  context: Neighbourhood;
  probes: Probes;
  /** Set for hung and slow loads (and failures that came after a long wait). */
  load?: LoadTiming;
  /** The response headers that name who answered an HTTP error (a CDN, a reverse proxy): see hop.ts. */
  hopHeaders?: Record<string, string>;
  /** A cross-origin request's CORS exchange (the Origin sent, the preflight, the Access-Control-* headers received). */
  cors?: CorsExchange;
}

export const EMPTY_NEIGHBOURHOOD: Neighbourhood = { recentSuccesses: [], recentFailures: [], hostLastSuccess: null };

/** Repairs anything (old storage, URL params, messages) into a well-formed Failure. Never throws. */
export function toFailure(value: unknown): Failure | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.url !== 'string' || v.url.length === 0) return null;
  const time = when(v.time, Date.now());
  return {
    id: str(v.id) ?? `f-${time.toString(36)}`,
    time,
    firstTime: when(v.firstTime, time),
    count: Math.max(1, Math.floor(num(v.count, 1))),
    url: v.url.slice(0, 4096),
    tabId: Math.floor(num(v.tabId, -1)),
    resourceType: str(v.resourceType) ?? 'main_frame',
    error: str(v.error),
    httpStatus:
      Number.isInteger(v.httpStatus) && (v.httpStatus as number) >= 100 && (v.httpStatus as number) < 1000
        ? (v.httpStatus as number)
        : null,
    ip: str(v.ip),
    retryAfter: str(v.retryAfter),
    online: typeof v.online === 'boolean' ? v.online : null,
    context: toNeighbourhood(v.context),
    probes: toProbes(v.probes),
    ...(toLoad(v.load) ? { load: toLoad(v.load)! } : {}),
    ...(toHopHeaders(v.hopHeaders) ? { hopHeaders: toHopHeaders(v.hopHeaders)! } : {}),
    ...(toCorsExchange(v.cors) ? { cors: toCorsExchange(v.cors)! } : {}),
  };
}

function toLoad(value: unknown): LoadTiming | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const state = v.state === 'hung' || v.state === 'slow' || v.state === 'failed' ? v.state : null;
  const phase = v.phase === 'starting' || v.phase === 'sent' || v.phase === 'receiving' ? v.phase : null;
  if (!state || !phase) return undefined;
  return { state, phase, waitedMs: Math.max(0, num(v.waitedMs, 0)), phaseMs: Math.max(0, num(v.phaseMs, 0)) };
}

function toNeighbourhood(value: unknown): Neighbourhood {
  if (!value || typeof value !== 'object') return { ...EMPTY_NEIGHBOURHOOD };
  const v = value as Record<string, unknown>;
  const list = (x: unknown): Record<string, unknown>[] =>
    Array.isArray(x) ? x.filter((e): e is Record<string, unknown> => !!e && typeof e === 'object').slice(0, 50) : [];
  return {
    recentSuccesses: list(v.recentSuccesses)
      .filter((e) => typeof e.host === 'string')
      .map((e) => ({ host: String(e.host).slice(0, 255), time: when(e.time, 0) })),
    recentFailures: list(v.recentFailures)
      .filter((e) => typeof e.host === 'string')
      .map((e) => ({ host: String(e.host).slice(0, 255), code: str(e.code) ?? 'UNKNOWN', time: when(e.time, 0) })),
    hostLastSuccess: when(v.hostLastSuccess, null),
    similarHosts: Array.isArray(v.similarHosts)
      ? v.similarHosts
          .filter((h): h is string => typeof h === 'string')
          .slice(0, 5)
          .map((h) => h.slice(0, 255))
      : [],
    clockOffsetMs: typeof v.clockOffsetMs === 'number' && Number.isFinite(v.clockOffsetMs) ? v.clockOffsetMs : null,
    proxy: str(v.proxy),
  };
}

function toProbe(value: unknown): ProbeResult | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (
    typeof v.host !== 'string' ||
    typeof v.port !== 'number' ||
    !Number.isInteger(v.port) ||
    v.port < 0 ||
    v.port > 65535
  )
    return undefined;
  return { target: str(v.target) ?? `${v.host}:${v.port}`, host: v.host, port: v.port, open: v.open === true };
}

function toProbes(value: unknown): Probes {
  if (!value || typeof value !== 'object') return {};
  const v = value as Record<string, unknown>;
  const probes: Probes = {};
  const other = toProbe(v.otherFamily);
  if (other) probes.otherFamily = other;
  const onLoopback = toProbe(v.onLoopback);
  if (onLoopback) probes.onLoopback = onLoopback;
  if (Array.isArray(v.ports))
    probes.ports = v.ports
      .slice(0, 64)
      .map(toProbe)
      .filter((p): p is ProbeResult => !!p);
  const dns = v.publicDns as Record<string, unknown> | undefined;
  if (
    dns &&
    typeof dns === 'object' &&
    (dns.status === 'exists' || dns.status === 'nxdomain' || dns.status === 'error')
  ) {
    probes.publicDns = { resolver: str(dns.resolver) ?? 'unknown', status: dns.status };
  }
  return probes;
}

function num(x: unknown, fallback: number): number {
  return typeof x === 'number' && Number.isFinite(x) ? x : fallback;
}

/** Latest time a Date can show with a four-digit year (9999-12-31T23:59:59.999Z). */
const MAX_TIME = 253_402_300_799_999;

/** A time in ms since the epoch that dates can render (0 to year 9999), else the fallback. */
function when<T extends number | null>(x: unknown, fallback: T): number | T {
  return typeof x === 'number' && x >= 0 && x <= MAX_TIME ? x : fallback;
}

function str(x: unknown): string | null {
  return typeof x === 'string' ? x.slice(0, 1000) : null;
}
