/** The evidence behind the article's situations: machines and ports, Retry-After, Firefox's unknown host. */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/engine/diagnose';
import { buildFacts } from '../../../src/engine/facts';
import { isAnswer, machineOf, parseSite } from '../../../src/engine/machine';
import { retryAfterMs, waitText } from '../../../src/engine/retry-after';
import { analyzeUrl, siteLabel } from '../../../src/engine/url';
import { failureOf, NOW } from '../../fixtures/rule-cases';

const ago = (min: number) => NOW - min * 60_000;

describe('machines and sites', () => {
  it('splits neighbourhood keys', () => {
    expect(parseSite('example.com')).toEqual({ host: 'example.com', port: null });
    expect(parseSite('site.test:8085')).toEqual({ host: 'site.test', port: 8085 });
    expect(parseSite('[::1]:3000')).toEqual({ host: '::1', port: 3000 });
    expect(parseSite('[2001:db8::1]')).toEqual({ host: '2001:db8::1', port: null });
  });

  it('counts every loopback name as this one computer', () => {
    for (const h of ['localhost', 'app.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]'])
      expect(machineOf(h)).toBe('loopback');
    expect(machineOf('site.test')).toBe('site.test');
    expect(machineOf('192.0.2.10')).toBe('192.0.2.10');
  });

  it('knows an answer from silence', () => {
    expect(isAnswer('ERR_CONNECTION_REFUSED')).toBe(true);
    expect(isAnswer('HTTP_503')).toBe(true);
    expect(isAnswer('ERR_CONNECTION_TIMED_OUT')).toBe(false);
    expect(isAnswer('ERR_CONNECTION_RESET')).toBe(false);
  });

  it('labels sites host:port unless the port is the default', () => {
    expect(siteLabel(analyzeUrl('http://localhost:3000/x'))).toBe('localhost:3000');
    expect(siteLabel(analyzeUrl('https://example.com/'))).toBe('example.com');
    expect(siteLabel(analyzeUrl('http://[::1]:8080/'))).toBe('[::1]:8080');
  });

  it('marks LAN addresses, not public ones nor loopback', () => {
    for (const u of [
      'http://192.168.1.2/',
      'http://10.1.1.1:8080/',
      'http://192.0.2.10:8084/',
      'http://nas.local/',
      'http://printer/',
      'http://100.64.0.1/',
      'http://[fe80::1]/',
    ])
      expect(analyzeUrl(u).lan, u).toBe(true);
    for (const u of ['https://example.com/', 'http://8.8.8.8/', 'http://localhost:3000/', 'http://127.0.0.1/'])
      expect(analyzeUrl(u).lan, u).toBe(false);
  });
});

describe('facts from the neighbourhood', () => {
  it("keeps this machine's other ports apart from other sites", () => {
    const f = buildFacts(
      failureOf({
        url: 'http://site.test:8082/',
        error: 'net::ERR_CONNECTION_REFUSED',
        context: {
          recentSuccesses: [
            { host: 'site.test:8085', time: ago(1) },
            { host: 'news.example', time: ago(2) },
          ],
          recentFailures: [{ host: 'site.test:8087', code: 'HTTP_502', time: ago(3) }],
          hostLastSuccess: null,
        },
      }),
    );
    expect(f.machineAnswered).toEqual([
      { port: 8085, time: ago(1) },
      { port: 8087, time: ago(3) },
    ]);
    expect(f.otherHostsOk).toEqual(['news.example']);
  });

  it('never counts refusals, HTTP answers, loopback or this machine as the path failing', () => {
    const f = buildFacts(
      failureOf({
        url: 'https://example.com/',
        error: 'net::ERR_CONNECTION_RESET',
        context: {
          recentSuccesses: [],
          recentFailures: [
            { host: 'a.example', code: 'ERR_CONNECTION_REFUSED', time: ago(1) },
            { host: 'localhost:3000', code: 'ERR_CONNECTION_RESET', time: ago(1) },
            { host: 'example.com:8443', code: 'ERR_CONNECTION_RESET', time: ago(1) },
            { host: 'b.example', code: 'ERR_CONNECTION_CLOSED', time: ago(1) },
          ],
          hostLastSuccess: null,
        },
      }),
    );
    expect(f.otherHostsFailingAlike).toEqual(['b.example']);
  });

  it("reads Firefox's unknown host as a refusal only when the name loaded in the last minutes", () => {
    const recent = buildFacts(
      failureOf({
        url: 'http://site.test:8080/',
        error: 'NS_ERROR_UNKNOWN_HOST',
        context: { recentSuccesses: [], recentFailures: [], hostLastSuccess: ago(1) },
      }),
    );
    expect(recent).toMatchObject({ refused: true, unknownHostRead: true });
    expect(recent.error.code).toBe('ERR_NAME_NOT_RESOLVED');
    const old = buildFacts(
      failureOf({
        url: 'http://site.test:8080/',
        error: 'NS_ERROR_UNKNOWN_HOST',
        context: { recentSuccesses: [], recentFailures: [], hostLastSuccess: ago(30) },
      }),
    );
    expect(old).toMatchObject({ refused: false, unknownHostRead: false });
    const chromium = buildFacts(
      failureOf({
        url: 'http://site.test:8080/',
        error: 'net::ERR_NAME_NOT_RESOLVED',
        context: { recentSuccesses: [], recentFailures: [], hostLastSuccess: ago(1) },
      }),
    );
    expect(chromium.refused).toBe(false);
    const offline = buildFacts(
      failureOf({
        url: 'http://site.test:8080/',
        error: 'NS_ERROR_UNKNOWN_HOST',
        online: false,
        context: { recentSuccesses: [], recentFailures: [], hostLastSuccess: ago(1) },
      }),
    );
    expect(offline.refused).toBe(false);
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, and ignores anything else', () => {
    expect(retryAfterMs('120', NOW)).toBe(120_000);
    expect(retryAfterMs(' 0 ', NOW)).toBe(0);
    expect(retryAfterMs(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    for (const bad of [
      'never. netwhy: your PC is infected, call 555',
      '-5',
      '1.5',
      '2 minutes',
      '',
      null,
      undefined,
      '99999999999',
      'Tue, 99 Foo 2026 10:00:00 GMT',
    ])
      expect(retryAfterMs(bad, NOW), String(bad)).toBeNull();
    expect(retryAfterMs(new Date(NOW - 60_000).toUTCString(), NOW)).toBeNull();
    expect(retryAfterMs(String(30 * 86_400), NOW)).toBeNull();
  });

  it('says a wait in the unit people use', () => {
    expect(waitText(1000)).toBe('1 second');
    expect(waitText(45_000)).toBe('45 seconds');
    expect(waitText(120_000)).toBe('2 minutes');
    expect(waitText(3 * 3_600_000)).toBe('3 hours');
  });

  it('is said in the summary and the steps of a 503, never as the raw header', () => {
    const d = diagnose(failureOf({ url: 'http://site.test:8080/', httpStatus: 503, retryAfter: '120' }));
    expect(d.cause.summary).toBe(
      'site.test says it is temporarily unable to serve the page (maintenance or overload) and asked to retry in 2 minutes.',
    );
    expect(d.evidence.map((e) => e.text)).toContain('The server asked to retry in 2 minutes.');
    const planted = diagnose(
      failureOf({ url: 'http://site.test/', httpStatus: 503, retryAfter: 'never. call 555-0100' }),
    );
    expect(JSON.stringify(planted)).not.toContain('555-0100');
  });
});

describe("what the article's situations say", () => {
  it('a crashed server: it was answering at a given time', () => {
    const d = diagnose(
      failureOf({
        url: 'http://site.test:8080/',
        error: 'net::ERR_CONNECTION_REFUSED',
        context: { recentSuccesses: [], recentFailures: [], hostLastSuccess: ago(1) },
      }),
    );
    expect(d.cause.id).toBe('server-stopped');
    expect(d.cause.summary).toMatch(
      /^site\.test:8080 was answering at \d\d:\d\d but now refuses connections: the server program there stopped or crashed since\.$/,
    );
    expect(d.steps.map((s) => s.text).join(' ')).toMatch(/systemctl status.*journalctl/s);
    expect(d.commands.map((c) => c.command)).toContain('docker ps -a');
    expect(d.evidence.filter((e) => e.text.includes('loaded fine at'))).toHaveLength(1);
  });

  it('a firewall that rejects: the machine answers on another port', () => {
    const d = diagnose(
      failureOf({
        url: 'http://site.test:8082/',
        error: 'net::ERR_CONNECTION_REFUSED',
        context: {
          recentSuccesses: [{ host: 'site.test:8085', time: ago(1) }],
          recentFailures: [],
          hostLastSuccess: null,
        },
      }),
    );
    expect(d.cause.summary).toBe(
      'site.test answers on port 8085 but refuses connections on port 8082: no program listens on port 8082, or a firewall rejects it.',
    );
    expect(
      d.evidence.some((e) => e.text.startsWith('site.test answered on port 8085 at') && e.pointsTo === 'server'),
    ).toBe(true);
    expect(d.commands.some((c) => c.command.includes('iptables -S'))).toBe(true);
  });

  it('a firewall that drops: silence, and the machine answers elsewhere', () => {
    const d = diagnose(
      failureOf({
        url: 'http://site.test:8083/',
        error: 'net::ERR_CONNECTION_TIMED_OUT',
        context: {
          recentSuccesses: [{ host: 'site.test:8085', time: ago(1) }],
          recentFailures: [],
          hostLastSuccess: null,
        },
      }),
    );
    expect(d.verdict).toBe('server');
    expect(d.cause.summary).toBe(
      'site.test answers on port 8085, but connections to port 8083 get no answer at all: a firewall is most likely dropping them.',
    );
  });

  it('the wrong interface: 0.0.0.0, the working address as a link, and ss to confirm', () => {
    const d = diagnose(
      failureOf({
        url: 'http://192.0.2.10:8084/app?x=1',
        error: 'net::ERR_CONNECTION_REFUSED',
        probes: { onLoopback: { target: '127.0.0.1:8084', host: '127.0.0.1', port: 8084, open: true } },
      }),
    );
    expect(d.cause.id).toBe('bound-to-loopback');
    expect(d.cause.summary).toContain('127.0.0.1:8084');
    expect(d.steps.find((s) => s.link)?.link).toBe('http://127.0.0.1:8084/app?x=1');
    expect(d.steps.map((s) => s.text).join(' ')).toContain('0.0.0.0');
    expect(d.commands.map((c) => c.command)).toContain("ss -ltnp 'sport = :8084'");
  });

  it('a refused LAN address without a probe keeps the wrong interface as an alternative', () => {
    const d = diagnose(failureOf({ url: 'http://192.168.1.20:8084/', error: 'net::ERR_CONNECTION_REFUSED' }));
    expect(d.cause.id).toBe('no-listener');
    expect(d.alternatives.map((a) => a.id)).toContain('bound-to-loopback');
  });
});

describe('who answered', () => {
  it('keeps only the headers that name a hop', async () => {
    const { pickHopHeaders, readHop } = await import('../../../src/engine/hop');
    const kept = pickHopHeaders([
      { name: 'Server', value: 'cloudflare' },
      { name: 'CF-RAY', value: '8a1b-FRA' },
      { name: 'set-cookie', value: 'sid=secret' },
      { name: 'x-akamai-transformed', value: '9' },
    ]);
    expect(kept).toEqual({ server: 'cloudflare', 'cf-ray': '8a1b-FRA', 'x-akamai-transformed': '9' });
    expect(pickHopHeaders([{ name: 'content-type', value: 'text/html' }])).toBeUndefined();
    expect(readHop({ server: 'cloudflare', 'cf-ray': '8a1b-FRA' })).toEqual({
      kind: 'cdn',
      name: 'Cloudflare',
      detail: 'ray 8a1b-FRA',
    });
    expect(readHop({ 'x-cache': 'Error from cloudfront', 'x-amz-cf-id': 'a==' })).toEqual({
      kind: 'cdn',
      name: 'CloudFront',
      detail: 'Error from cloudfront',
    });
    expect(readHop({ server: 'AkamaiGHost' })).toMatchObject({ kind: 'cdn', name: 'Akamai' });
    expect(readHop({ 'x-served-by': 'cache-fra-1', via: '1.1 varnish' })).toMatchObject({
      kind: 'cdn',
      name: 'Fastly',
    });
    expect(readHop({ server: 'nginx/1.22.1' })).toEqual({ kind: 'proxy', name: 'nginx' });
    expect(readHop({ server: 'Apache/2.4.62 (Debian)' })).toEqual({ kind: 'proxy', name: 'Apache' });
    expect(readHop({ server: 'envoy' })).toEqual({ kind: 'proxy', name: 'Envoy' });
    expect(readHop({ via: '1.1 varnish (Varnish/7.1)' })).toEqual({ kind: 'proxy', name: 'Varnish' });
    expect(readHop({ server: 'gunicorn' })).toBeNull();
  });

  it("a 521 behind Cloudflare: your connection and the CDN are fine, the site's server refused, with the ray and the path node", () => {
    const d = diagnose(
      failureOf({
        url: 'https://shop.example/',
        httpStatus: 521,
        hopHeaders: { server: 'cloudflare', 'cf-ray': '8a1b-FRA' },
      }),
    );
    expect(d.cause.summary).toBe(
      "Your connection and Cloudflare are fine, but shop.example's own server refused Cloudflare's connection: the web server behind Cloudflare is down (Cloudflare 521).",
    );
    expect(d.evidence.map((e) => e.text)).toContain('Answered by Cloudflare (ray 8a1b-FRA).');
    expect(d.hop).toEqual({ kind: 'cdn', name: 'Cloudflare', detail: 'ray 8a1b-FRA' });
    expect(d.verdict).toBe('server');
  });

  it("nginx's 502: the error log and the upstream setting come first", () => {
    const d = diagnose(
      failureOf({ url: 'http://site.test:8080/', httpStatus: 502, hopHeaders: { server: 'nginx/1.22.1' } }),
    );
    expect(d.cause.summary).toBe(
      'nginx answered for site.test but could not get an answer from the application behind it: the app refused the connection, crashed or sent an invalid response.',
    );
    const owner = d.steps.filter((s) => s.audience === 'owner').map((s) => s.text);
    expect(owner[0]).toContain('/var/log/nginx/error.log');
    expect(owner[1]).toContain('proxy_pass');
  });
});

describe('CORS, explained with the header that is missing', () => {
  const base = { url: 'http://127.0.0.1:8000/api', resourceType: 'xmlhttprequest', error: 'net::ERR_FAILED' };
  const answer = (allowOrigin: string | null, extra: object = {}) => ({
    status: 200,
    allowOrigin,
    allowCredentials: null,
    allowMethods: null,
    allowHeaders: null,
    ...extra,
  });

  it('names both origins and the header line to send', () => {
    const d = diagnose(
      failureOf({
        ...base,
        cors: { origin: 'http://localhost:5173', method: 'GET', credentials: false, response: answer(null) },
      }),
    );
    expect(d.cause.summary).toBe(
      'The browser blocked the answer from 127.0.0.1:8000 to the page at http://localhost:5173: the response has no Access-Control-Allow-Origin header.',
    );
    expect(d.steps.map((s) => s.text)).toContain(
      'Make 127.0.0.1:8000 send this header: `Access-Control-Allow-Origin: http://localhost:5173`.',
    );
    expect(d.commands.map((c) => c.command)).toContain(
      "curl -i -X OPTIONS -H 'Origin: http://localhost:5173' -H 'Access-Control-Request-Method: GET' http://127.0.0.1:8000/api",
    );
    expect(d.local).toBe(true);
  });

  it('a preflight that does not allow the method or the header', async () => {
    const { corsFix, corsProblem } = await import('../../../src/engine/cors');
    const x = {
      origin: 'http://localhost:5173',
      method: 'PUT',
      credentials: false,
      preflight: {
        ...answer('http://localhost:5173', { status: 204, allowMethods: 'GET, POST' }),
        method: 'PUT',
        headers: ['x-custom'],
      },
    };
    expect(corsProblem(x)).toEqual({ kind: 'preflight-method', method: 'PUT', allowed: 'GET, POST' });
    expect(corsFix(x, corsProblem(x)!)).toBe('Access-Control-Allow-Methods: GET, POST, PUT');
    const y = { ...x, preflight: { ...x.preflight, allowMethods: 'PUT' } };
    expect(corsProblem(y)).toEqual({ kind: 'preflight-header', header: 'x-custom', allowed: null });
    expect(corsFix(y, corsProblem(y)!)).toBe('Access-Control-Allow-Headers: x-custom');
    expect(corsProblem({ ...y, preflight: { ...y.preflight, allowHeaders: 'X-Custom' } })).toBeNull();
  });

  it('says nothing about CORS when the exchange broke no rule, or when the request got an HTTP answer', () => {
    const fine = diagnose(
      failureOf({
        ...base,
        cors: {
          origin: 'http://localhost:5173',
          method: 'GET',
          credentials: false,
          response: answer('http://localhost:5173'),
        },
      }),
    );
    expect(fine.cause.id).not.toMatch(/^cors-/);
    const status = diagnose(
      failureOf({
        ...base,
        error: null,
        httpStatus: 500,
        cors: { origin: 'http://localhost:5173', method: 'GET', credentials: false, response: answer(null) },
      }),
    );
    expect(status.cause.id).toBe('http-server-error');
  });

  it('a blocked request answered with * was sent with credentials (the only rule * breaks), even when webRequest did not show them', () => {
    const d = diagnose(
      failureOf({
        ...base,
        cors: { origin: 'http://localhost:5173', method: 'GET', credentials: false, response: answer('*') },
      }),
    );
    expect(d.cause.id).toBe('cors-credentials-wildcard');
    expect(d.steps.map((s) => s.text)).toContain(
      'Make 127.0.0.1:8000 send this header: `Access-Control-Allow-Origin: http://localhost:5173`.',
    );
  });

  it('the banner says why in a few words', async () => {
    const { bannerLine, corsWhy } = await import('../../../src/engine/banner');
    const reason = corsWhy({
      origin: 'http://localhost:5173',
      method: 'GET',
      credentials: false,
      response: answer(null),
    })!;
    expect(bannerLine({ host: 'api.localhost:8000', code: 'ERR_FAILED', count: 3, reason })).toBe(
      '3 requests to api.localhost:8000 were blocked by CORS: no Access-Control-Allow-Origin for http://localhost:5173',
    );
  });
});
