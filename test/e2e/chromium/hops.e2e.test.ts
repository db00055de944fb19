/**
 * Which hop failed, in real Chromium: loopback servers that answer like a CDN or a reverse proxy (their status and
 * headers). An empty-body 5xx arrives as a network error and goes to the explanation page, with the status and the
 * hop's headers kept by capture.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type LaunchedBrowser } from '../support/chromium';
import { startFaultServer, type FaultServer } from '../support/fault-server';
import { explain } from './helpers';

let b: LaunchedBrowser;
let fs: FaultServer;

beforeAll(async () => {
  fs = await startFaultServer();
  b = await launchWithExtension();
});

afterAll(async () => {
  await b?.close();
  await fs?.close();
});

describe('which hop failed', () => {
  it("a 521 behind Cloudflare: your connection and the CDN are fine, the site's own server refused; the ray is evidence and the CDN a node of the path", async () => {
    const page = await b.newPage();
    const url = fs.status(521, { body: null, headers: { server: 'cloudflare', 'cf-ray': '8a1b2c3d4e5f6a7b-FRA' } });
    const hooks = await explain(b, page, url);
    expect(hooks).toMatchObject({ verdict: 'server', cause: 'cdn-origin-refused' });
    const text = await page.locator('main').innerText();
    expect(text).toContain(
      "Your connection and Cloudflare are fine, but 127.0.0.1's own server refused Cloudflare's connection",
    );
    expect(text).toContain('Answered by Cloudflare (ray 8a1b2c3d4e5f6a7b-FRA).');
    await expect(page.locator('.path .node.hop .label').textContent()).resolves.toBe('Cloudflare');
    await page.close();
  });

  it("a 504 from CloudFront: the connection to the site's server timed out", async () => {
    const page = await b.newPage();
    const url = fs.status(504, {
      body: null,
      headers: {
        'x-cache': 'Error from cloudfront',
        'x-amz-cf-id': 'Zq1x==',
        via: '1.1 d111.cloudfront.net (CloudFront)',
      },
    });
    const hooks = await explain(b, page, url);
    expect(hooks).toMatchObject({ verdict: 'server', cause: 'cdn-origin-timeout' });
    await expect(page.locator('main').innerText()).resolves.toContain(
      'Answered by CloudFront (Error from cloudfront).',
    );
    await page.close();
  });

  it('a 502 from nginx: the app behind the proxy failed; the error log and proxy_pass come first', async () => {
    const page = await b.newPage();
    const url = fs.status(502, { body: null, headers: { server: 'nginx/1.22.1' } });
    const hooks = await explain(b, page, url);
    expect(hooks).toMatchObject({ verdict: 'server', cause: 'proxy-upstream-failed' });
    const text = await page.locator('main').innerText();
    expect(text).toContain('nginx answered for 127.0.0.1 but could not get an answer from the application behind it');
    expect(text).toContain('/var/log/nginx/error.log');
    expect(text).toContain('proxy_pass');
    await page.close();
  });

  // Every other code and hop the engine knows, answered by a loopback server with that hop's headers.
  const HOPS: [string, number, Record<string, string>, string, string][] = [
    [
      'Cloudflare 520',
      520,
      { server: 'cloudflare', 'cf-ray': '1-FRA' },
      'cdn-origin-unexpected',
      'Answered by Cloudflare (ray 1-FRA).',
    ],
    [
      'Cloudflare 522',
      522,
      { server: 'cloudflare', 'cf-ray': '2-FRA' },
      'cdn-origin-timeout',
      'Answered by Cloudflare (ray 2-FRA).',
    ],
    [
      'Cloudflare 523',
      523,
      { server: 'cloudflare', 'cf-ray': '3-FRA' },
      'cdn-origin-unreachable',
      'Answered by Cloudflare (ray 3-FRA).',
    ],
    [
      'Cloudflare 524',
      524,
      { server: 'cloudflare', 'cf-ray': '4-FRA' },
      'cdn-origin-slow',
      'Answered by Cloudflare (ray 4-FRA).',
    ],
    [
      'Cloudflare 525',
      525,
      { server: 'cloudflare', 'cf-ray': '5-FRA' },
      'cdn-origin-tls',
      'Answered by Cloudflare (ray 5-FRA).',
    ],
    [
      'Cloudflare 526',
      526,
      { server: 'cloudflare', 'cf-ray': '6-FRA' },
      'cdn-origin-certificate',
      'Answered by Cloudflare (ray 6-FRA).',
    ],
    [
      'Cloudflare 530',
      530,
      { server: 'cloudflare', 'cf-ray': '7-FRA' },
      'cdn-origin-error',
      'Answered by Cloudflare (ray 7-FRA).',
    ],
    [
      'Fastly 502',
      502,
      { 'x-served-by': 'cache-fra-etou8220024-FRA', via: '1.1 varnish' },
      'cdn-bad-gateway',
      'Answered by Fastly (cache-fra-etou8220024-FRA).',
    ],
    ['Akamai 504', 504, { server: 'AkamaiGHost' }, 'cdn-origin-timeout', 'Answered by Akamai.'],
    ['Apache 504', 504, { server: 'Apache/2.4.62 (Debian)' }, 'proxy-upstream-timeout', 'Answered by Apache.'],
    ['Envoy 502', 502, { server: 'envoy' }, 'proxy-upstream-failed', 'Answered by Envoy.'],
  ];
  it.each(HOPS)('%s: its own cause and who answered', async (_name, status, headers, cause, answered) => {
    const page = await b.newPage();
    const hooks = await explain(b, page, fs.status(status, { body: null, headers }));
    expect(hooks).toMatchObject({ verdict: 'server', cause });
    await expect(page.locator('main').innerText()).resolves.toContain(answered);
    await page.close();
  });
});
