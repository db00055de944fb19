/**
 * Fault server for the e2e suites: produces every real failure the extension explains, on loopback only.
 *
 *   const fs = await startFaultServer();           // one HTTP server on 127.0.0.1:<ephemeral>
 *   fs.url('/reset')                               // → http://127.0.0.1:<port>/reset
 *   const l = await fs.listen('reset');            // a dedicated socket-level listener (own port)
 *   const port = await closedPort();               // a port that is closed right now
 *   await fs.close();                              // closes every server it started, destroys all sockets
 *
 * Every server binds 127.0.0.1 or ::1 (never a wildcard address), on an ephemeral port unless a port is given.
 * When no port is given, the port is chosen so that it is free on BOTH loopback families when the listener starts
 * (so a ::1-only server is refused on 127.0.0.1 and vice versa). Nothing is global: each `startFaultServer()` owns
 * its servers, sockets and timers, and `close()` releases them all.
 *
 * Routes of the main HTTP server (and of every `listenHttp` / `listenTls` listener; they share the handler):
 *   /, /ok?title=T            200 HTML page whose <title> is T (default "netwhy test page")
 *   /reset                    reads the request, then `socket.resetAndDestroy()`      → ERR_CONNECTION_RESET
 *   /empty                    reads the request, then ends the socket with no bytes   → ERR_EMPTY_RESPONSE
 *   /non-http                 answers "SSH-2.0-OpenSSH_9.2..." and closes             → ERR_INVALID_HTTP_RESPONSE
 *   /hang                     never answers (socket destroyed on close())             → nothing, ever
 *   /slow?ms=N                200 HTML page after N ms (timer cleared on close())
 *   /loop                     302 → /loop;   /loop/a → /loop/b → /loop/a              → ERR_TOO_MANY_REDIRECTS
 *   /status/<code>?...        <code> with an HTML body; `empty=1` for an empty body, `body=<html>` for a custom one,
 *                             `retryAfter=<v>` adds Retry-After, `date=<any Date-parsable>` sets Date, `nodate=1`
 *                             drops it, `header=<name>:<value>` (repeatable) adds a header. Built by `fs.status(code,
 *                             options)`.
 *   /subresources?port=P&...  200 HTML page whose own script fetch()es and loads <img> (optionally <script>,
 *                             <iframe>, XHR) from http://<host>:P/; body gets data-done="true" and
 *                             data-results='{"fetch":"error",...}' when all settled. Built by `fs.subresourcePage()`.
 *   /favicon.ico              204 (keeps the browser's favicon request from being a 404)
 *   anything else             404 HTML, unless registered with `fs.route(path, handler)`.
 * Every response carries `Cache-Control: no-store` and `Access-Control-Allow-Origin: *`.
 * `https://` to the main server's port is "https to a plain-HTTP port" (→ ERR_SSL_PROTOCOL_ERROR): `fs.url(p,
 * {scheme:'https'})`.
 *
 * Separate listeners (each returns a `Listener`: { host, port, origin, url(path, opts), close() }):
 *   fs.listen('reset' | 'empty' | 'destroyOnAccept' | 'nonHttp' | 'hang', { host?, port? })
 *                             raw TCP listener doing that fault on every connection (nonHttp sends the SSH banner on
 *                             accept, like a real sshd; destroyOnAccept destroys before reading anything)
 *   fs.listenHttp({ host?, port? })  plain HTTP server with the routes above (e.g. host '::1' for "localhost IP
 *   family",
 *                             or a chosen port such as 5173)
 *   fs.listenTls({ host?, port? })   HTTPS server with the routes above and the self-signed certificate from
 *                             test/fixtures/tls (→ ERR_CERT_AUTHORITY_INVALID)
 *   fs.listenHttpWithClosedNeighbour({ offset? })  → { server, closedPort }: an HTTP server on P and a port P+offset
 *                             that is closed on both families ("wrong port": navigate to closedPort, server is nearby)
 *   fs.later({ host?, tls? }) → { port, url(), start() }: a port closed now; `start()` binds an HTTP(S) server to it
 *                             ("Retry after the server starts")
 * Ports:
 *   closedPort()              a port closed on 127.0.0.1 right now (bound ephemerally, then closed)
 *   closedPort('both')        closed on 127.0.0.1 and ::1;  closedPort('ipv6'): closed on ::1
 *   (also available as fs.closedPort(...))
 * Observing: `fs.requests` lists every HTTP request the routed servers parsed; `fs.waitForRequest(pred)` awaits one.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';

export type LoopbackHost = '127.0.0.1' | '::1';
export type SocketFault = 'reset' | 'empty' | 'destroyOnAccept' | 'nonHttp' | 'hang';
export type PortFamily = 'ipv4' | 'ipv6' | 'both';

export interface UrlOptions {
  /** Host name to put in the URL instead of the listener's address, e.g. 'localhost' or a name mapped with hostMap. */
  host?: string;
  scheme?: 'http' | 'https';
}

export interface Listener {
  readonly host: LoopbackHost;
  readonly port: number;
  /** e.g. `http://127.0.0.1:4567` or `https://[::1]:4567` */
  readonly origin: string;
  url(path?: string, opts?: UrlOptions): string;
  close(): Promise<void>;
}

export interface ListenOptions {
  host?: LoopbackHost;
  /** A fixed port; fails with EADDRINUSE if it is taken. Default: ephemeral, free on both families. */
  port?: number;
}

export interface StatusOptions {
  /** undefined: a default HTML page; null or '': an empty body; a string: that HTML. */
  body?: string | null;
  /** Value of Retry-After (seconds or an HTTP date). */
  retryAfter?: number | string;
  /** Value for the Date header (a Date or anything `new Date()` parses); false drops the header. */
  date?: Date | string | false;
  /** Extra response headers, e.g. `{ server: 'cloudflare', 'cf-ray': '…' }` to answer like a CDN hop. */
  headers?: Record<string, string>;
}

export type SubresourceKind = 'fetch' | 'img' | 'xhr' | 'script' | 'iframe';

export interface SubresourceOptions {
  /** Host the subresources are requested from (default 127.0.0.1; 'localhost' or '[::1]' also work). */
  host?: string;
  /** Which requests the page makes (default fetch + img). */
  kinds?: SubresourceKind[];
  /** How many fetch() calls (default 1), each to a different path. */
  fetches?: number;
}

export interface ServedRequest {
  time: number;
  /** Port of the listener that served it. */
  port: number;
  method: string;
  /** Path and query as sent. */
  path: string;
  hostHeader: string | undefined;
  userAgent: string | undefined;
}

export interface DeferredServer {
  readonly port: number;
  readonly host: LoopbackHost;
  url(path?: string, opts?: UrlOptions): string;
  /** Binds an HTTP (or HTTPS if created with tls) server with the standard routes to `port`. */
  start(): Promise<Listener>;
}

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface FaultServer extends Listener {
  readonly requests: readonly ServedRequest[];
  status(code: number, opts?: StatusOptions, url?: UrlOptions): string;
  ok(title?: string, url?: UrlOptions): string;
  slow(ms: number, url?: UrlOptions): string;
  redirectLoop(kind?: 'self' | 'pair', url?: UrlOptions): string;
  /** A page whose own script requests http://<host>:<port>/... (give it a closed port). */
  subresourcePage(port: number, opts?: SubresourceOptions, url?: UrlOptions): string;
  /** Adds a route (exact pathname match) to every routed server of this fault server. */
  route(pathname: string, handler: RouteHandler): void;
  listen(fault: SocketFault, opts?: ListenOptions): Promise<Listener>;
  listenHttp(opts?: ListenOptions): Promise<Listener>;
  listenTls(opts?: ListenOptions): Promise<Listener>;
  listenHttpWithClosedNeighbour(opts?: {
    host?: LoopbackHost;
    offset?: number;
  }): Promise<{ server: Listener; closedPort: number }>;
  later(opts?: { host?: LoopbackHost; tls?: boolean }): Promise<DeferredServer>;
  closedPort(family?: PortFamily): Promise<number>;
  waitForRequest(pred: (r: ServedRequest) => boolean, timeoutMs?: number): Promise<ServedRequest>;
}

export const SSH_BANNER = 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n';

const TLS_DIR = new URL('../../fixtures/tls/', import.meta.url);
let tlsCache: { key: Buffer; cert: Buffer } | undefined;
/** The committed self-signed pair (CN/SAN localhost, 127.0.0.1, ::1). */
export function tlsFixture(): { key: Buffer; cert: Buffer } {
  tlsCache ??= {
    key: readFileSync(new URL('localhost-key.pem', TLS_DIR)),
    cert: readFileSync(new URL('localhost-cert.pem', TLS_DIR)),
  };
  return tlsCache;
}

// ---------------------------------------------------------------------------------------------------------------
// ports

function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function listenAsync(server: net.Server, host: LoopbackHost, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', onError);
      const addr = server.address();
      if (addr === null || typeof addr === 'string') reject(new Error('unexpected server address'));
      else resolve(addr.port);
    });
  });
}

function closeAsync(server: net.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
  });
}

function errCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** True when nothing listens on host:port (checked by binding it briefly). No IPv6 at all counts as closed. */
export async function isPortFree(host: LoopbackHost, port: number): Promise<boolean> {
  const probe = net.createServer();
  try {
    await listenAsync(probe, host, port);
  } catch (err) {
    const code = errCode(err);
    if (code === 'EADDRINUSE' || code === 'EACCES') return false;
    if (code === 'EADDRNOTAVAIL' && host === '::1') return true;
    throw err;
  } finally {
    await closeAsync(probe);
  }
  return true;
}

/**
 * A port that is closed right now: bound ephemerally on loopback, then closed.
 * 'ipv4' (default): closed on 127.0.0.1; 'ipv6': on ::1; 'both': on both families.
 */
export async function closedPort(family: PortFamily = 'ipv4'): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const first = net.createServer();
    const port = await listenAsync(first, family === 'ipv6' ? '::1' : '127.0.0.1', 0);
    try {
      if (family !== 'both' || (await isPortFree('::1', port))) return port;
    } finally {
      await closeAsync(first);
    }
  }
  throw new Error(`no port closed on ${family} found`);
}

/** Binds `server` on host: the given port, or an ephemeral port free on both families (retrying races). */
async function bindLoopback(server: net.Server, host: LoopbackHost, port: number | undefined): Promise<number> {
  if (port !== undefined) return listenAsync(server, host, port);
  let lastErr: unknown;
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidate = await closedPort('both');
    try {
      return await listenAsync(server, host, candidate);
    } catch (err) {
      if (errCode(err) !== 'EADDRINUSE') throw err;
      lastErr = err;
    }
  }
  throw lastErr;
}

// ---------------------------------------------------------------------------------------------------------------
// pages

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function htmlPage(title: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body>${body}</body></html>\n`
  );
}

function subresourceHtml(base: string, kinds: SubresourceKind[], fetches: number): string {
  // The script is inline and self-contained: it only talks to `base` (a loopback origin given by the test).
  const script = `
(async () => {
  const base = ${JSON.stringify(base)};
  const kinds = ${JSON.stringify(kinds)};
  const results = {};
  const jobs = [];
  const element = (tag, attrs, key, okEvent) => new Promise((resolve) => {
    const el = document.createElement(tag);
    el.addEventListener(okEvent, () => { results[key] = 'ok'; resolve(); });
    el.addEventListener('error', () => { results[key] = 'error'; resolve(); });
    Object.assign(el, attrs);
    document.body.append(el);
  });
  if (kinds.includes('fetch')) {
    for (let i = 0; i < ${fetches}; i++) {
      const key = ${fetches} > 1 ? 'fetch' + i : 'fetch';
      jobs.push(fetch(base + '/api/data' + (i ? i : ''), { cache: 'no-store' })
        .then((r) => { results[key] = 'ok ' + r.status; }, () => { results[key] = 'error'; }));
    }
  }
  if (kinds.includes('xhr')) jobs.push(new Promise((resolve) => {
    const x = new XMLHttpRequest();
    x.onload = () => { results.xhr = 'ok ' + x.status; resolve(); };
    x.onerror = () => { results.xhr = 'error'; resolve(); };
    x.open('GET', base + '/api/xhr'); x.send();
  }));
  if (kinds.includes('img')) jobs.push(element('img', { src: base + '/image.png', alt: '' }, 'img', 'load'));
  if (kinds.includes('script')) jobs.push(element('script', { src: base + '/app.js' }, 'script', 'load'));
  // An iframe fires 'load' even when it shows an error page.
  if (kinds.includes('iframe')) jobs.push(element('iframe', { src: base + '/frame' }, 'iframe', 'load'));
  await Promise.all(jobs);
  document.body.dataset.results = JSON.stringify(results);
  document.body.dataset.done = 'true';
})();`;
  return htmlPage(
    'page with subresources',
    `<h1>Page with subresources from ${escapeHtml(base)}</h1><script>${script}</script>`,
  );
}

const STATUS_REASON: Record<number, string> = {
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  404: 'Not Found',
  403: 'Forbidden',
  429: 'Too Many Requests',
  520: 'Unknown Error',
};

// ---------------------------------------------------------------------------------------------------------------
// the fault server

/** Starts the main HTTP server (127.0.0.1 by default) and returns the handle to everything else. */
export async function startFaultServer(opts: ListenOptions = {}): Promise<FaultServer> {
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const listeners = new Set<Listener>();
  const routes = new Map<string, RouteHandler>();
  const requests: ServedRequest[] = [];
  const events = new EventEmitter();
  let closed = false;

  const track = (server: net.Server): void => {
    server.on('connection', (socket: net.Socket) => {
      if (closed) {
        socket.destroy();
        return;
      }
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      // Chromium resets connections on its side all the time; never crash the test process on a socket error.
      socket.on('error', () => {});
    });
  };

  const send = (
    res: http.ServerResponse,
    status: number,
    body: string,
    headers: http.OutgoingHttpHeaders = {},
  ): void => {
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      ...headers,
    });
    res.end(body);
  };

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const port = req.socket.localPort ?? 0;
    const served: ServedRequest = {
      time: Date.now(),
      port,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      hostHeader: req.headers.host,
      userAgent: req.headers['user-agent'],
    };
    requests.push(served);
    events.emit('request', served);

    const url = new URL(req.url ?? '/', 'http://fault.invalid');
    const q = url.searchParams;
    const path = url.pathname;
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Access-Control-Allow-Origin', '*');

    const custom = routes.get(path);
    if (custom) return custom(req, res);

    if (path === '/' || path === '/ok') {
      const title = q.get('title') ?? 'netwhy test page';
      return send(res, 200, htmlPage(title, `<h1>${escapeHtml(title)}</h1><p>Served by the netwhy fault server.</p>`));
    }
    if (path === '/reset') return void req.socket.resetAndDestroy();
    if (path === '/empty') return void req.socket.end();
    if (path === '/non-http') return void req.socket.end(SSH_BANNER);
    if (path === '/hang') return; // the socket is tracked; close() destroys it
    if (path === '/slow') {
      const ms = Number(q.get('ms') ?? '1000');
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) send(res, 200, htmlPage('slow page', `<h1>slow page</h1><p>answered after ${ms} ms</p>`));
      }, ms);
      timers.add(timer);
      return;
    }
    if (path === '/loop') return send(res, 302, '', { Location: '/loop' });
    if (path === '/loop/a') return send(res, 302, '', { Location: '/loop/b' });
    if (path === '/loop/b') return send(res, 302, '', { Location: '/loop/a' });
    const status = /^\/status\/(\d{3})$/.exec(path);
    if (status) {
      const code = Number(status[1]);
      const headers: http.OutgoingHttpHeaders = {};
      const retryAfter = q.get('retryAfter');
      if (retryAfter !== null) headers['Retry-After'] = retryAfter;
      // `header=name:value` (repeatable): answer like a CDN or proxy hop (server, via, cf-ray, x-cache, ...).
      for (const h of q.getAll('header')) {
        const i = h.indexOf(':');
        if (i > 0) headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
      }
      if (q.get('nodate') === '1') res.sendDate = false;
      const date = q.get('date');
      if (date !== null) headers['Date'] = new Date(date).toUTCString();
      const reason = STATUS_REASON[code] ?? http.STATUS_CODES[code] ?? 'Status';
      const body =
        q.get('empty') === '1'
          ? ''
          : (q.get('body') ??
            htmlPage(`${code} ${reason}`, `<h1>${code} ${reason}</h1><p>Served by the netwhy fault server.</p>`));
      return send(res, code, body, headers);
    }
    if (path === '/subresources') {
      const targetPort = Number(q.get('port'));
      const host = q.get('host') ?? '127.0.0.1';
      const kinds = (q.get('kinds') ?? 'fetch,img').split(',').filter(Boolean) as SubresourceKind[];
      const fetches = Math.max(1, Number(q.get('fetches') ?? '1'));
      return send(res, 200, subresourceHtml(`http://${hostForUrl(host)}:${targetPort}`, kinds, fetches));
    }
    if (path === '/favicon.ico') {
      res.writeHead(204);
      return void res.end();
    }
    return send(res, 404, htmlPage('404 Not Found', '<h1>404 Not Found</h1>'));
  };

  const makeListener = (server: net.Server, host: LoopbackHost, port: number, scheme: 'http' | 'https'): Listener => {
    const listener: Listener = {
      host,
      port,
      origin: `${scheme}://${hostForUrl(host)}:${port}`,
      url(path = '/', o: UrlOptions = {}) {
        return `${o.scheme ?? scheme}://${hostForUrl(o.host ?? host)}:${port}${path.startsWith('/') ? path : `/${path}`}`;
      },
      async close() {
        listeners.delete(listener);
        const closing = closeAsync(server);
        for (const socket of sockets) if (socket.localPort === port) socket.destroy();
        await closing;
      },
    };
    listeners.add(listener);
    return listener;
  };

  const routed = async (kind: 'http' | 'https', o: ListenOptions): Promise<Listener> => {
    if (closed) throw new Error('fault server is closed');
    const server = kind === 'https' ? https.createServer(tlsFixture(), handler) : http.createServer(handler);
    server.keepAliveTimeout = 1000;
    track(server);
    // A TLS ClientHello on a plain listener gets Node's default "400 Bad Request" (→ ERR_SSL_PROTOCOL_ERROR in
    // Chromium).
    if (kind === 'https') server.on('tlsClientError', () => {});
    const host = o.host ?? '127.0.0.1';
    const port = await bindLoopback(server, host, o.port);
    return makeListener(server, host, port, kind);
  };

  const rawListener = async (fault: SocketFault, o: ListenOptions): Promise<Listener> => {
    if (closed) throw new Error('fault server is closed');
    const server = net.createServer();
    track(server);
    server.on('connection', (socket) => {
      if (fault === 'destroyOnAccept') return void socket.destroy();
      if (fault === 'nonHttp') socket.write(SSH_BANNER);
      if (fault === 'hang') return void socket.resume();
      let seen = Buffer.alloc(0);
      const onData = (chunk: Buffer): void => {
        seen = Buffer.concat([seen, chunk]);
        const first = seen[0];
        // "Read the request": up to the end of the headers. A TLS ClientHello (0x16) or garbage counts as read.
        const isText = first !== undefined && first >= 0x41 && first <= 0x5a;
        if (isText && !seen.includes('\r\n\r\n') && seen.length < 65536) return;
        socket.off('data', onData);
        if (fault === 'reset') socket.resetAndDestroy();
        else if (fault === 'empty') socket.end();
        else socket.end('Invalid SSH identification string.\r\n');
      };
      socket.on('data', onData);
    });
    const host = o.host ?? '127.0.0.1';
    const port = await bindLoopback(server, host, o.port);
    return makeListener(server, host, port, 'http');
  };

  const main = await routed('http', opts);
  listeners.delete(main);

  const fs: FaultServer = {
    host: main.host,
    port: main.port,
    origin: main.origin,
    url: main.url,
    requests,
    ok: (title, u) => main.url(title === undefined ? '/ok' : `/ok?title=${encodeURIComponent(title)}`, u),
    slow: (ms, u) => main.url(`/slow?ms=${ms}`, u),
    redirectLoop: (kind = 'self', u) => main.url(kind === 'self' ? '/loop' : '/loop/a', u),
    status(code, o = {}, u) {
      const q = new URLSearchParams();
      if (o.body === null || o.body === '') q.set('empty', '1');
      else if (o.body !== undefined) q.set('body', o.body);
      if (o.retryAfter !== undefined) q.set('retryAfter', String(o.retryAfter));
      if (o.date === false) q.set('nodate', '1');
      else if (o.date !== undefined) q.set('date', o.date instanceof Date ? o.date.toISOString() : o.date);
      for (const [name, value] of Object.entries(o.headers ?? {})) q.append('header', `${name}:${value}`);
      const qs = q.toString();
      return main.url(`/status/${code}${qs ? `?${qs}` : ''}`, u);
    },
    subresourcePage(port, o = {}, u) {
      const q = new URLSearchParams({ port: String(port) });
      if (o.host !== undefined) q.set('host', o.host);
      if (o.kinds !== undefined) q.set('kinds', o.kinds.join(','));
      if (o.fetches !== undefined) q.set('fetches', String(o.fetches));
      return main.url(`/subresources?${q}`, u);
    },
    route: (pathname, h) => void routes.set(pathname, h),
    listen: (fault, o = {}) => rawListener(fault, o),
    listenHttp: (o = {}) => routed('http', o),
    listenTls: (o = {}) => routed('https', o),
    async listenHttpWithClosedNeighbour(o = {}) {
      const offset = o.offset ?? 1;
      // Below the ephemeral range, where dev servers live: netwhy only tries the neighbours of such ports.
      for (let attempt = 0; attempt < 50; attempt++) {
        const base = 20_000 + Math.floor(Math.random() * 12_000);
        if (!(await isPortFree('127.0.0.1', base)) || !(await isPortFree('::1', base))) continue;
        const server = await routed('http', { host: o.host ?? '127.0.0.1', port: base }).catch(() => null);
        if (!server) continue;
        const neighbour = server.port + offset;
        if (
          neighbour > 0 &&
          neighbour < 65536 &&
          (await isPortFree('127.0.0.1', neighbour)) &&
          (await isPortFree('::1', neighbour))
        ) {
          return { server, closedPort: neighbour };
        }
        await server.close();
      }
      throw new Error('no server with a closed neighbour port found');
    },
    async later(o = {}) {
      const host = o.host ?? '127.0.0.1';
      const port = await closedPort('both');
      const scheme = o.tls ? 'https' : 'http';
      return {
        port,
        host,
        url: (path = '/', u: UrlOptions = {}) =>
          `${u.scheme ?? scheme}://${hostForUrl(u.host ?? host)}:${port}${path.startsWith('/') ? path : `/${path}`}`,
        start: () => routed(o.tls ? 'https' : 'http', { host, port }),
      };
    },
    closedPort: (family) => closedPort(family),
    waitForRequest(pred, timeoutMs = 30_000) {
      const found = requests.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          events.off('request', onRequest);
          reject(new Error(`no matching request within ${timeoutMs} ms`));
        }, timeoutMs);
        const onRequest = (r: ServedRequest): void => {
          if (!pred(r)) return;
          clearTimeout(timer);
          events.off('request', onRequest);
          resolve(r);
        };
        events.on('request', onRequest);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const all = [main, ...listeners];
      const closing = all.map((l) => l.close());
      for (const socket of sockets) socket.destroy();
      await Promise.all(closing);
      events.removeAllListeners();
    },
  };
  return fs;
}
