/**
 * Remembers, for a moment, what cross-origin requests said about CORS, so a request the browser then fails can be
 * explained: the Origin it sent (and whether cookies or Authorization went along: never their values), the preflight
 * it needed and its answer, the Access-Control-* headers of its answer. Bounded in size and time; nothing persists.
 */
import { corsAnswer, type CorsAnswer, type CorsExchange } from '../engine/cors';

type Headers = readonly { name: string; value?: string }[] | undefined;

interface Pending {
  time: number;
  tabId: number;
  url: string;
  origin: string;
  method: string;
  credentials: boolean;
  response?: CorsAnswer;
}

interface Preflight {
  time: number;
  origin: string;
  method: string;
  headers: string[];
  answer?: CorsAnswer;
}

const MAX = 256;
const KEEP_MS = 60_000;

const header = (headers: Headers, name: string) => headers?.find((h) => h.name.toLowerCase() === name)?.value;

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export class CorsTracker {
  private requests = new Map<string, Pending>();
  private preflights = new Map<string, Preflight>();

  constructor(private readonly now: () => number = Date.now) {}

  /** webRequest.onSendHeaders: a request with an Origin other than its own is cross-origin. */
  sent(d: { requestId: string; tabId: number; url: string; method: string; requestHeaders?: Headers }): void {
    const origin = header(d.requestHeaders, 'origin');
    if (!origin || origin === 'null' || origin === originOf(d.url)) return;
    const asked = header(d.requestHeaders, 'access-control-request-method');
    if (d.method === 'OPTIONS' && asked) {
      const headers = (header(d.requestHeaders, 'access-control-request-headers') ?? '')
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean);
      this.put(this.preflights, preflightKey(d.tabId, d.url), {
        time: this.now(),
        origin,
        method: asked.toUpperCase(),
        headers,
      });
      return;
    }
    const credentials = !!header(d.requestHeaders, 'cookie') || !!header(d.requestHeaders, 'authorization');
    this.put(this.requests, d.requestId, {
      time: this.now(),
      tabId: d.tabId,
      url: d.url,
      origin,
      method: d.method,
      credentials,
    });
  }

  /** webRequest.onHeadersReceived: the status and Access-Control-* headers of a tracked request or preflight. */
  received(d: {
    requestId: string;
    tabId: number;
    url: string;
    method: string;
    statusCode: number;
    responseHeaders?: Headers;
  }): void {
    const pending = this.requests.get(d.requestId);
    if (pending) {
      pending.response = corsAnswer(d.statusCode, d.responseHeaders);
      return;
    }
    if (d.method !== 'OPTIONS') return;
    const preflight = this.preflights.get(preflightKey(d.tabId, d.url));
    if (preflight) preflight.answer = corsAnswer(d.statusCode, d.responseHeaders);
  }

  /** The request completed: nothing to explain. */
  completed(requestId: string): void {
    this.requests.delete(requestId);
  }

  /**
   * The exchange of a request the browser failed, if it was cross-origin. A request stopped at its preflight never
   * sent its own headers: the preflight (and the error's initiator) tell its origin and method.
   */
  take(d: {
    requestId?: string;
    tabId: number;
    url: string;
    method?: string;
    initiator?: string;
  }): CorsExchange | undefined {
    const pending = d.requestId ? this.requests.get(d.requestId) : undefined;
    if (d.requestId) this.requests.delete(d.requestId);
    const key = preflightKey(d.tabId, d.url);
    const p = this.preflights.get(key);
    const preflight =
      p?.answer && this.now() - p.time < KEEP_MS ? { ...p.answer, method: p.method, headers: p.headers } : undefined;
    if (preflight) this.preflights.delete(key);
    const origin =
      pending?.origin ?? p?.origin ?? (d.initiator && d.initiator !== originOf(d.url) ? d.initiator : undefined);
    if (!origin || (!pending && !preflight)) return undefined;
    return {
      origin,
      method: pending?.method ?? p?.method ?? d.method ?? 'GET',
      credentials: pending?.credentials ?? false,
      ...(pending?.response ? { response: pending.response } : {}),
      ...(preflight ? { preflight } : {}),
    };
  }

  private put<T extends { time: number }>(map: Map<string, T>, key: string, value: T): void {
    map.delete(key);
    map.set(key, value);
    const cutoff = this.now() - KEEP_MS;
    for (const [k, v] of map) {
      if (map.size <= MAX && v.time >= cutoff) break;
      map.delete(k);
    }
  }
}

const preflightKey = (tabId: number, url: string) => `${tabId}|${url}`;
