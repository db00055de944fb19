/**
 * Tests for the e2e support code: each fault checked with Node's own clients, then with Chromium (no extension, and
 * a generated trivial extension for the worker/id/clipboard helpers).
 * Run: npx vitest run --project e2e test/e2e/support
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { existsSync } from 'node:fs';
import { startFaultServer, closedPort, SSH_BANNER } from './fault-server';
import type { FaultServer } from './fault-server';
import { launchWithExtension, gotoFailing, closePage, hostResolverRules, extensionIdFor } from './chromium';
import type { LaunchedBrowser } from './chromium';
import { isLoopbackUrl } from './request-log';
import { makeTrivialExtension } from './trivial-extension';
import type { TrivialExtension } from './trivial-extension';

// ---------------------------------------------------------------------------------------------------------------
// Node clients

interface RawResult {
  data: string;
  /** 'end': the server closed cleanly (FIN); 'error': the socket failed (code says how). */
  outcome: 'end' | 'error';
  code: string | undefined;
}

/** Connects, sends a GET, and collects everything until the connection closes. */
function rawGet(port: number, path = '/', host = '127.0.0.1', onConnect?: (s: net.Socket) => void): Promise<RawResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let outcome: RawResult['outcome'] = 'end';
    let code: string | undefined;
    const socket = net.connect({ host, port }, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nConnection: close\r\n\r\n`);
      onConnect?.(socket);
    });
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      outcome = 'error';
      code = err.code;
    });
    socket.on('close', () => resolve({ data: Buffer.concat(chunks).toString('latin1'), outcome, code }));
  });
}

/** Resolves with the connect error code, or 'connected'. */
function tryConnect(port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
  });
}

interface Got {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function get(url: string, opts: https.RequestOptions = {}): Promise<Got> {
  return new Promise((resolve, reject) => {
    const mod = url.startsWith('https:') ? https : http;
    const req = mod.get(url, { agent: false, ...opts }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

function getError(url: string, opts: https.RequestOptions = {}): Promise<NodeJS.ErrnoException> {
  return get(url, opts).then(
    (r) => {
      throw new Error(`expected an error, got HTTP ${r.status}`);
    },
    (err: NodeJS.ErrnoException) => err,
  );
}

// ---------------------------------------------------------------------------------------------------------------

describe('closedPort', () => {
  it('returns a port refused on 127.0.0.1', async () => {
    const port = await closedPort();
    expect(port).toBeGreaterThan(1023);
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
  });

  it("'both' returns a port refused on 127.0.0.1 and ::1", async () => {
    const port = await closedPort('both');
    expect(await tryConnect(port, '127.0.0.1')).toBe('ECONNREFUSED');
    expect(await tryConnect(port, '::1')).toBe('ECONNREFUSED');
  });
});

describe('fault server: HTTP routes', () => {
  let fs: FaultServer;
  beforeAll(async () => {
    fs = await startFaultServer();
  });
  afterAll(async () => {
    await fs.close();
  });

  it('listens on 127.0.0.1 only, and the same port is closed on ::1', async () => {
    expect(fs.host).toBe('127.0.0.1');
    expect(fs.origin).toBe(`http://127.0.0.1:${fs.port}`);
    expect(await tryConnect(fs.port, '::1')).toBe('ECONNREFUSED');
  });

  it('ok: a 200 HTML page with a title', async () => {
    const r = await get(fs.ok('Hello <test>'));
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.body).toContain('<title>Hello &#60;test&#62;</title>');
    expect((await get(fs.url('/'))).body).toContain('<title>netwhy test page</title>');
  });

  it('builds URLs with another host name or scheme', () => {
    expect(fs.url('/ok', { host: 'localhost' })).toBe(`http://localhost:${fs.port}/ok`);
    expect(fs.url('ok', { host: 'app.test', scheme: 'https' })).toBe(`https://app.test:${fs.port}/ok`);
  });

  it('reset: reads the request, then resets (RST)', async () => {
    const r = await rawGet(fs.port, '/reset');
    expect(r).toEqual({ data: '', outcome: 'error', code: 'ECONNRESET' });
    expect(fs.requests.some((q) => q.path === '/reset')).toBe(true);
  });

  it('empty: reads the request, then closes without a byte', async () => {
    expect(await rawGet(fs.port, '/empty')).toEqual({ data: '', outcome: 'end', code: undefined });
  });

  it('non-http: answers an SSH banner', async () => {
    const r = await rawGet(fs.port, '/non-http');
    expect(r.data).toBe(SSH_BANNER);
    expect(r.outcome).toBe('end');
  });

  it('slow: answers 200 after the delay', async () => {
    const started = Date.now();
    const r = await get(fs.slow(300));
    expect(r.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('redirectLoop: /loop → /loop, and /loop/a → /loop/b → /loop/a', async () => {
    const self = await get(fs.redirectLoop());
    expect(self.status).toBe(302);
    expect(self.headers.location).toBe('/loop');
    const a = await get(fs.redirectLoop('pair'));
    expect(a.headers.location).toBe('/loop/b');
    expect((await get(fs.url('/loop/b'))).headers.location).toBe('/loop/a');
  });

  it('status: 502/503/404/500 with an HTML body, optional Retry-After and Date', async () => {
    for (const code of [502, 503, 404, 500]) {
      const r = await get(fs.status(code));
      expect(r.status).toBe(code);
      expect(r.body).toContain(`<title>${code} `);
      expect(r.headers['retry-after']).toBeUndefined();
      expect(r.headers.date).toBeDefined();
    }
    const date = new Date('2020-01-02T03:04:05Z');
    const r = await get(fs.status(503, { retryAfter: 120, date }));
    expect(r.headers['retry-after']).toBe('120');
    expect(r.headers.date).toBe('Thu, 02 Jan 2020 03:04:05 GMT');
    const httpDate = 'Wed, 21 Oct 2037 07:28:00 GMT';
    expect((await get(fs.status(503, { retryAfter: httpDate }))).headers['retry-after']).toBe(httpDate);
    expect((await get(fs.status(500, { date: false }))).headers.date).toBeUndefined();
    expect((await get(fs.status(500, { body: '<p>custom</p>' }))).body).toBe('<p>custom</p>');
  });

  it('status: 502 with an empty body', async () => {
    const r = await get(fs.status(502, { body: null }));
    expect(r.status).toBe(502);
    expect(r.headers['content-length']).toBe('0');
    expect(r.body).toBe('');
  });

  it('subresourcePage: a page whose script fetches and loads an image from the given port', async () => {
    const port = await closedPort();
    const r = await get(fs.subresourcePage(port));
    expect(r.status).toBe(200);
    expect(r.body).toContain(JSON.stringify(`http://127.0.0.1:${port}`));
    expect(r.body).toContain('["fetch","img"]');
    const all = await get(
      fs.subresourcePage(port, { host: 'localhost', kinds: ['xhr', 'script', 'iframe'], fetches: 3 }),
    );
    expect(all.body).toContain(JSON.stringify(`http://localhost:${port}`));
    expect(all.body).toContain('["xhr","script","iframe"]');
  });

  it('https:// to the plain-HTTP port fails the TLS handshake', async () => {
    const err = await getError(fs.url('/ok', { scheme: 'https' }), { rejectUnauthorized: false });
    expect(err.code ?? err.message).toMatch(/SSL|TLS|wrong version|ECONNRESET|EPROTO/i);
  });

  it('route: adds a custom handler', async () => {
    fs.route('/custom', (_req, res) => {
      res.writeHead(418, { 'Content-Type': 'text/plain' });
      res.end('teapot');
    });
    const r = await get(fs.url('/custom'));
    expect(r.status).toBe(418);
    expect(r.body).toBe('teapot');
    expect(r.headers['access-control-allow-origin']).toBe('*');
  });

  it('unknown paths are 404, the favicon is 204', async () => {
    expect((await get(fs.url('/nope'))).status).toBe(404);
    expect((await get(fs.url('/favicon.ico'))).status).toBe(204);
  });

  it('waitForRequest resolves on a request made later', async () => {
    const waiting = fs.waitForRequest((r) => r.path === '/ok?title=later');
    await get(fs.ok('later'));
    const seen = await waiting;
    expect(seen.port).toBe(fs.port);
    expect(seen.method).toBe('GET');
  });
});

describe('fault server: separate listeners', () => {
  let fs: FaultServer;
  beforeAll(async () => {
    fs = await startFaultServer();
  });
  afterAll(async () => {
    await fs.close();
  });

  it("listen('reset'): reads the request, then resets", async () => {
    const l = await fs.listen('reset');
    expect(l.port).not.toBe(fs.port);
    expect(await rawGet(l.port)).toEqual({ data: '', outcome: 'error', code: 'ECONNRESET' });
    await l.close();
    expect(await tryConnect(l.port)).toBe('ECONNREFUSED');
  });

  it("listen('empty'): reads the request, then closes cleanly", async () => {
    const l = await fs.listen('empty');
    expect(await rawGet(l.port)).toEqual({ data: '', outcome: 'end', code: undefined });
  });

  it("listen('destroyOnAccept'): closes before any byte", async () => {
    const l = await fs.listen('destroyOnAccept');
    const r = await rawGet(l.port);
    expect(r.data).toBe('');
    // FIN or RST depending on timing: both are "closed without an answer".
    expect(r.outcome === 'end' || r.code === 'ECONNRESET' || r.code === 'EPIPE').toBe(true);
  });

  it("listen('nonHttp'): sends an SSH banner on accept", async () => {
    const l = await fs.listen('nonHttp');
    const banner = await new Promise<string>((resolve, reject) => {
      const s = net.connect({ host: '127.0.0.1', port: l.port });
      s.once('data', (c: Buffer) => {
        s.destroy();
        resolve(c.toString('latin1'));
      });
      s.once('error', reject);
    });
    expect(banner).toBe(SSH_BANNER);
    const r = await rawGet(l.port);
    expect(r.data.startsWith(SSH_BANNER)).toBe(true);
    expect(r.data).not.toMatch(/^HTTP\//);
  });

  it("listen('hang') and /hang: accept, never answer, destroyed by close()", async () => {
    const other = await startFaultServer();
    const l = await other.listen('hang');
    let connected!: () => void;
    const isConnected = new Promise<void>((r) => (connected = r));
    const rawHang = rawGet(l.port, '/', '127.0.0.1', () => connected());
    const routeHang = rawGet(other.port, '/hang');
    await isConnected;
    await other.waitForRequest((r) => r.path === '/hang');
    // Both connections are open and unanswered now; close() must end them without a byte.
    await other.close();
    const [a, b] = await Promise.all([rawHang, routeHang]);
    expect(a.data).toBe('');
    expect(b.data).toBe('');
    expect(await tryConnect(l.port)).toBe('ECONNREFUSED');
    expect(await tryConnect(other.port)).toBe('ECONNREFUSED');
    await expect(other.listen('hang')).rejects.toThrow(/closed/);
  });

  it('listenHttp on ::1 only: answers on [::1], refused on 127.0.0.1', async () => {
    const v6 = await fs.listenHttp({ host: '::1' });
    expect(v6.origin).toBe(`http://[::1]:${v6.port}`);
    expect((await get(v6.url('/ok'))).status).toBe(200);
    expect(await tryConnect(v6.port, '127.0.0.1')).toBe('ECONNREFUSED');
  });

  it('listenHttp on a chosen port', async () => {
    const port = await closedPort('both');
    const l = await fs.listenHttp({ port });
    expect(l.port).toBe(port);
    expect((await get(`http://127.0.0.1:${port}/status/503`)).status).toBe(503);
    await expect(fs.listenHttp({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('listenHttpWithClosedNeighbour: a server on P, a closed port P+1', async () => {
    const { server, closedPort: neighbour } = await fs.listenHttpWithClosedNeighbour();
    expect(neighbour).toBe(server.port + 1);
    expect((await get(server.url('/ok'))).status).toBe(200);
    expect(await tryConnect(neighbour)).toBe('ECONNREFUSED');
    expect(await tryConnect(neighbour, '::1')).toBe('ECONNREFUSED');
  });

  it('later: refused until start(), then serves', async () => {
    const later = await fs.later();
    expect(await tryConnect(later.port)).toBe('ECONNREFUSED');
    const started = await later.start();
    expect(started.port).toBe(later.port);
    expect((await get(later.url('/ok'))).status).toBe(200);
  });

  it('listenTls: self-signed certificate for localhost / 127.0.0.1', async () => {
    const l = await fs.listenTls();
    expect(l.origin).toBe(`https://127.0.0.1:${l.port}`);
    const cert = await new Promise<tls.PeerCertificate>((resolve, reject) => {
      const s = tls.connect(
        { host: '127.0.0.1', port: l.port, rejectUnauthorized: false, servername: 'localhost' },
        () => {
          const c = s.getPeerCertificate();
          s.destroy();
          resolve(c);
        },
      );
      s.once('error', reject);
    });
    expect(cert.subject.CN).toBe('localhost');
    expect(cert.subjectaltname).toContain('IP Address:127.0.0.1');
    expect(cert.subject.CN).toBe(cert.issuer.CN);
    expect(new Date(cert.valid_to).getUTCFullYear()).toBeGreaterThan(2100);
    expect((await get(l.url('/ok'), { rejectUnauthorized: false })).status).toBe(200);
    const err = await getError(l.url('/ok'));
    expect(err.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('host resolver rules', () => {
  it('maps named hosts first, then everything else to ~NOTFOUND except loopback', () => {
    expect(hostResolverRules({ 'app.test': '127.0.0.1', 'v6.test': '::1' })).toBe(
      'MAP app.test 127.0.0.1 , MAP v6.test [::1] , MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1 , EXCLUDE ::1',
    );
    expect(() => hostResolverRules({ 'evil.test': '93.184.216.34' })).toThrow(/loopback/);
  });

  it('isLoopbackUrl', () => {
    expect(isLoopbackUrl('http://127.0.0.1:3000/')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:3000/')).toBe(true);
    expect(isLoopbackUrl('http://localhost/')).toBe(true);
    expect(isLoopbackUrl('chrome-extension://abc/page.html')).toBe(true);
    expect(isLoopbackUrl('data:text/plain,x')).toBe(true);
    expect(isLoopbackUrl('https://example.com/')).toBe(false);
    expect(isLoopbackUrl('http://app.test/', ['app.test'])).toBe(true);
  });
});

describe('Chromium without an extension', () => {
  let fs: FaultServer;
  let b: LaunchedBrowser;
  beforeAll(async () => {
    fs = await startFaultServer();
    b = await launchWithExtension({ extensionDir: null, hostMap: { 'app.test': '127.0.0.1', 'v6.test': '::1' } });
  });
  afterAll(async () => {
    await b?.close();
    await fs?.close();
    if (b) expect(existsSync(b.profileDir)).toBe(false);
  });

  it('a closed port is ERR_CONNECTION_REFUSED', async () => {
    const page = await b.newPage();
    const nav = await gotoFailing(page, `http://127.0.0.1:${await closedPort()}/`);
    expect(nav.code).toBe('ERR_CONNECTION_REFUSED');
    expect(nav.committedUrl).toBe('chrome-error://chromewebdata/');
    await closePage(page);
  });

  it('an unknown name does not resolve (host-resolver-rules), a mapped name does', async () => {
    const page = await b.newPage();
    expect((await gotoFailing(page, 'http://does-not-exist.test/')).code).toBe('ERR_NAME_NOT_RESOLVED');
    expect((await gotoFailing(page, 'https://www.example.com/')).code).toBe('ERR_NAME_NOT_RESOLVED');
    const mapped = await gotoFailing(page, fs.ok('Mapped', { host: 'app.test' }));
    expect(mapped.response?.status()).toBe(200);
    expect(await page.title()).toBe('Mapped');
    await closePage(page);
  });

  it('a name mapped to ::1 reaches a ::1-only server', async () => {
    const page = await b.newPage();
    const v6 = await fs.listenHttp({ host: '::1' });
    const nav = await gotoFailing(page, v6.url('/ok?title=IPv6', { host: 'v6.test' }));
    expect(nav.response?.status()).toBe(200);
    expect(await page.title()).toBe('IPv6');
    await closePage(page);
  });

  it("the profile turns off Chromium's DNS probe (it would query 8.8.8.8 and the system resolver)", async () => {
    const page = await b.newPage();
    await page.goto('chrome://prefs-internals');
    const prefs = JSON.parse((await page.locator('body').innerText()).trim()) as {
      alternate_error_pages?: { enabled?: { value?: unknown } };
    };
    expect(prefs.alternate_error_pages?.enabled?.value).toBe(false);
    await closePage(page);
  });

  it('a page at the fault server loads', async () => {
    const page = await b.newPage();
    const nav = await gotoFailing(page, fs.ok('Loaded fine'));
    expect(nav.error).toBeNull();
    expect(nav.response?.status()).toBe(200);
    expect(await page.title()).toBe('Loaded fine');
    await closePage(page);
  });

  it('each fault gives the error from the platform table', async () => {
    const page = await b.newPage();
    const tlsServer = await fs.listenTls();
    const cases: [string, string][] = [
      [fs.url('/reset'), 'ERR_CONNECTION_RESET'],
      [fs.url('/empty'), 'ERR_EMPTY_RESPONSE'],
      [fs.url('/non-http'), 'ERR_INVALID_HTTP_RESPONSE'],
      [(await fs.listen('nonHttp')).url('/'), 'ERR_INVALID_HTTP_RESPONSE'],
      [(await fs.listen('reset')).url('/'), 'ERR_CONNECTION_RESET'],
      [(await fs.listen('empty')).url('/'), 'ERR_EMPTY_RESPONSE'],
      [fs.redirectLoop(), 'ERR_TOO_MANY_REDIRECTS'],
      [fs.redirectLoop('pair'), 'ERR_TOO_MANY_REDIRECTS'],
      [fs.status(502, { body: null }), 'ERR_HTTP_RESPONSE_CODE_FAILURE'],
      [fs.url('/ok', { scheme: 'https' }), 'ERR_SSL_PROTOCOL_ERROR'],
      [tlsServer.url('/ok'), 'ERR_CERT_AUTHORITY_INVALID'],
      ['http://127.0.0.1:6000/', 'ERR_UNSAFE_PORT'],
    ];
    const got: [string, string | null][] = [];
    for (const [url] of cases) got.push([url, (await gotoFailing(page, url)).code]);
    expect(got).toEqual(cases);
    const destroyed = await gotoFailing(page, (await fs.listen('destroyOnAccept')).url('/'));
    expect(['ERR_SOCKET_NOT_CONNECTED', 'ERR_CONNECTION_RESET', 'ERR_EMPTY_RESPONSE']).toContain(destroyed.code);
    for (const code of [502, 503, 404]) {
      const nav = await gotoFailing(page, fs.status(code));
      expect(nav.error).toBeNull();
      expect(nav.response?.status()).toBe(code);
    }
    await closePage(page);
  });

  it('localhost IP family: a ::1-only server answers on [::1] and localhost, not on 127.0.0.1', async () => {
    const page = await b.newPage();
    const v6 = await fs.listenHttp({ host: '::1' });
    expect((await gotoFailing(page, v6.url('/ok'))).response?.status()).toBe(200);
    expect((await gotoFailing(page, v6.url('/ok', { host: 'localhost' }))).response?.status()).toBe(200);
    expect((await gotoFailing(page, v6.url('/ok', { host: '127.0.0.1' }))).code).toBe('ERR_CONNECTION_REFUSED');
    await closePage(page);
  });

  it('retry after the server starts', async () => {
    const page = await b.newPage();
    const later = await fs.later();
    expect((await gotoFailing(page, later.url('/ok'))).code).toBe('ERR_CONNECTION_REFUSED');
    await later.start();
    await page.reload();
    expect(page.url()).toBe(later.url('/ok'));
    expect(await page.title()).toBe('netwhy test page');
    await closePage(page);
  });

  it('subresource page: fetch and img to a closed port fail, and the request log sees them', async () => {
    const page = await b.newPage();
    const port = await closedPort();
    // Closed ports get reused: count only what this page asked for, not an earlier test's visit to the same port.
    const before = b.requests.entries.length;
    await gotoFailing(page, fs.subresourcePage(port, { kinds: ['fetch', 'img', 'xhr', 'script'] }));
    await page.locator('body[data-done="true"]').waitFor({ state: 'attached' });
    const results = JSON.parse((await page.locator('body').getAttribute('data-results')) ?? '{}') as Record<
      string,
      string
    >;
    expect(results).toEqual({ fetch: 'error', img: 'error', xhr: 'error', script: 'error' });
    const failed = b.requests.entries.slice(before).filter((e) => e.url.startsWith(`http://127.0.0.1:${port}/`));
    expect(failed.map((e) => e.resourceType).sort()).toEqual(['fetch', 'image', 'script', 'xhr']);
    expect(failed.every((e) => e.failure === 'net::ERR_CONNECTION_REFUSED')).toBe(true);
    await closePage(page);
  });

  it('offline emulation gives ERR_INTERNET_DISCONNECTED', async () => {
    const page = await b.newPage();
    await b.setOffline(true);
    try {
      expect((await gotoFailing(page, fs.ok())).code).toBe('ERR_INTERNET_DISCONNECTED');
    } finally {
      await b.setOffline(false);
    }
    expect((await gotoFailing(page, fs.ok())).response?.status()).toBe(200);
    await closePage(page);
  });

  it('no request left loopback except the names the tests made fail on purpose', () => {
    expect(b.requests.entries.length).toBeGreaterThan(10);
    expect(b.requests.outside({ allow: ['does-not-exist.test', 'www.example.com'] })).toEqual([]);
    expect(
      b.requests
        .outside()
        .map((e) => new URL(e.url).hostname)
        .sort(),
    ).toEqual(['does-not-exist.test', 'www.example.com']);
  });
});

describe('Chromium with a trivial extension', () => {
  let fs: FaultServer;
  let ext: TrivialExtension;
  let b: LaunchedBrowser;
  beforeAll(async () => {
    fs = await startFaultServer();
    ext = await makeTrivialExtension();
    b = await launchWithExtension({ extensionDir: ext.dir });
  });
  afterAll(async () => {
    await b?.close();
    await fs?.close();
    await ext?.remove();
  });

  it('finds the worker, and the computed extension id matches its URL', () => {
    expect(b.extensionId).toBe(extensionIdFor(ext.dir));
    expect(b.worker?.url()).toBe(b.extensionUrl('background.js'));
  });

  it('opens an extension page that talks to the worker', async () => {
    const page = await b.newPage();
    await page.goto(b.extensionUrl('/page.html'));
    await page.locator('body[data-pong="ping"]').waitFor({ state: 'attached' });
    await closePage(page);
  });

  it('stopWorker stops it; waitForWorker resolves when something wakes it', async () => {
    const worker = b.worker;
    expect(worker).not.toBeNull();
    await worker!.evaluate(() => {
      (globalThis as { marker?: string }).marker = 'before stop';
    });
    await b.stopWorker();
    const back = b.waitForWorker();
    const page = await b.newPage();
    await page.goto(b.extensionUrl('page.html'));
    const restarted = await back;
    // A fresh global scope: the cold start really happened.
    expect(await restarted.evaluate(() => (globalThis as { marker?: string }).marker ?? 'fresh')).toBe('fresh');
    await page.locator('body[data-pong="ping"]').waitFor({ state: 'attached' });
    await closePage(page);
  });

  it("logs the worker's own requests", async () => {
    const worker = await b.waitForWorker();
    const url = fs.ok('from the worker');
    expect(await worker.evaluate((u) => fetch(u).then((r) => r.status), url)).toBe(200);
    const entry = b.requests.fromWorkers().find((e) => e.url === url);
    expect(entry?.initiator).toBe(b.extensionUrl('background.js'));
    b.requests.assertLoopbackOnly();
  });

  it('clipboard written by an extension page can be read back', async () => {
    const page = await b.newPage();
    await page.goto(b.extensionUrl('page.html'));
    await page.evaluate(() => navigator.clipboard.writeText('netwhy report'));
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('netwhy report');
    await closePage(page);
  });
});
