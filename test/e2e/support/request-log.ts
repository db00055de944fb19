/**
 * Request log: records every request the browser context makes — pages, frames, and service workers (Playwright
 * reports an extension's service-worker requests through `context.on('request')` with `request.serviceWorker()`
 * set) — so a test can assert that nothing left loopback.
 *
 *   const log = new RequestLog(context, { allowHosts: ['app.test'] });
 *   ...
 *   expect(log.outside()).toEqual([]);      // or log.assertLoopbackOnly()
 *
 * "Loopback" is: localhost, *.localhost, 127.0.0.0/8, [::1], and the names given in `allowHosts` (names the launcher
 * maps to 127.0.0.1). Non-network schemes (chrome-extension:, data:, blob:, about:, chrome:, ...) never count.
 * A name that does not resolve (the launcher maps every unknown name to ~NOTFOUND) still counts as "outside": the
 * browser tried to go there. Pass such intentionally failing hosts in `allow` when calling outside().
 */
import type { BrowserContext, Request } from 'playwright-core';

export interface LoggedRequest {
  time: number;
  url: string;
  method: string;
  /** Playwright's resource type: document, fetch, xhr, image, script, ... */
  resourceType: string;
  /** True when an (extension) service worker made the request. */
  fromServiceWorker: boolean;
  /** URL of the service worker, or of the page whose frame made the request. */
  initiator: string | undefined;
  /** Filled when the request failed: e.g. 'net::ERR_CONNECTION_REFUSED'. */
  failure?: string;
}

const NETWORK_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);

/** True when the URL does not reach beyond this machine (loopback host, or a non-network scheme). */
export function isLoopbackUrl(url: string, allowHosts: readonly string[] = []): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!NETWORK_SCHEMES.has(parsed.protocol)) return true;
  const host = parsed.hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]' || host === '::1') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  return allowHosts.some((h) => h.toLowerCase() === host);
}

export class RequestLog {
  readonly entries: LoggedRequest[] = [];
  private readonly byRequest = new WeakMap<Request, LoggedRequest>();
  private readonly allowHosts: string[];
  private readonly onRequest = (request: Request): void => {
    const sw = request.serviceWorker();
    let initiator: string | undefined;
    if (sw) initiator = sw.url();
    else {
      try {
        initiator = request.frame().url();
      } catch {
        initiator = undefined;
      }
    }
    const entry: LoggedRequest = {
      time: Date.now(),
      url: request.url(),
      method: request.method(),
      resourceType: request.resourceType(),
      fromServiceWorker: sw !== null,
      initiator,
    };
    this.byRequest.set(request, entry);
    this.entries.push(entry);
  };
  private readonly onFailed = (request: Request): void => {
    const entry = this.byRequest.get(request);
    if (entry) entry.failure = request.failure()?.errorText;
  };

  constructor(
    private readonly context: BrowserContext,
    opts: { allowHosts?: readonly string[] } = {},
  ) {
    this.allowHosts = [...(opts.allowHosts ?? [])];
    context.on('request', this.onRequest);
    context.on('requestfailed', this.onFailed);
  }

  /** Requests whose destination is not loopback (nor an allowed/mapped host, nor one of `allow`). */
  outside(opts: { allow?: readonly (string | RegExp)[] } = {}): LoggedRequest[] {
    const allow = opts.allow ?? [];
    return this.entries.filter((e) => {
      if (isLoopbackUrl(e.url, this.allowHosts)) return false;
      let host = '';
      try {
        host = new URL(e.url).hostname;
      } catch {
        /* keep '' */
      }
      return !allow.some((a) => (typeof a === 'string' ? a.toLowerCase() === host.toLowerCase() : a.test(e.url)));
    });
  }

  /** Throws with the offending URLs if any request left loopback. */
  assertLoopbackOnly(opts: { allow?: readonly (string | RegExp)[] } = {}): void {
    const bad = this.outside(opts);
    if (bad.length > 0) {
      throw new Error(
        `requests left loopback:\n${bad.map((e) => `  ${e.method} ${e.url} (${e.resourceType}${e.fromServiceWorker ? ', service worker' : ''})`).join('\n')}`,
      );
    }
  }

  /** Requests made by service workers (the extension's background). */
  fromWorkers(): LoggedRequest[] {
    return this.entries.filter((e) => e.fromServiceWorker);
  }

  clear(): void {
    this.entries.length = 0;
  }

  dispose(): void {
    this.context.off('request', this.onRequest);
    this.context.off('requestfailed', this.onFailed);
  }
}
