/**
 * The article's situations, for real (issue 17): real nginx, Apache, iptables and dnsmasq, run by this test inside
 * the private network namespace of scripts/netns.mjs (`npm run test:realworld`), with Debian's Chromium resolving
 * names through dnsmasq. `site.test` is the machine's LAN address 192.0.2.10 (an A record only).
 *
 * Each test gets a fresh browser profile (no evidence carried over from another scenario) and its own servers and
 * firewall rules, all torn down in afterEach whether the test passed or not.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { LaunchedBrowser } from '../../e2e/support/chromium';
import { startFaultServer } from '../../e2e/support/fault-server';
import { startApache } from '../support/apache';
import { startDnsmasq, type Dnsmasq } from '../support/dnsmasq';
import { firewall } from '../support/firewall';
import { Lab } from '../support/lab';
import { assertRealWorldNamespace } from '../support/namespace';
import { okPage, startNginx } from '../support/nginx';
import { observe } from '../support/observations';
import { run } from '../support/process';
import {
  clocks,
  explain,
  explainNavigation,
  LAN_IP,
  launchChromium,
  loadOk,
  overlayHooks,
  readOverlay,
  SITE,
  type Explained,
} from './helpers';

let dns: Dnsmasq;
let b: LaunchedBrowser;
let page: Page;
const lab = new Lab();

beforeAll(async () => {
  assertRealWorldNamespace();
  dns = await startDnsmasq({ [SITE]: LAN_IP });
});

afterAll(async () => {
  await dns?.dispose();
});

beforeEach(async () => {
  b = await launchChromium();
  lab.defer(() => b.close());
  page = await b.newPage();
});

afterEach(async () => {
  // Nothing the browser did may have left the namespace's own addresses.
  const outside = b?.requests.outside({ allow: [SITE, LAN_IP] }) ?? [];
  await lab.dispose();
  expect(outside.map((e) => e.url)).toEqual([]);
});

const record = (scenario: string, ex: Explained): void =>
  observe('chromium', scenario, {
    browserError: ex.browserError,
    ...ex.hooks,
    headline: ex.headline,
    elapsedMs: ex.elapsed,
    text: ex.text,
  });

describe("the article's situations in Chromium, with real servers", () => {
  it('the namespace resolves site.test through dnsmasq (A only) and nothing else', async () => {
    const res = run('getent', ['ahostsv4', SITE]);
    expect(res.stdout).toContain(LAN_IP);
    expect(run('getent', ['hosts', 'example.com']).status).not.toBe(0);
    const log = dns.log();
    expect(log).toMatch(new RegExp(`config ${SITE.replace('.', '\\.')} is ${LAN_IP.replace(/\./g, '\\.')}`));
    expect(log).toMatch(/config example\.com is NXDOMAIN/);
  });

  it('1. crashed nginx: the origin answered, nginx is killed, reload → server-stopped', async () => {
    const ng = lab.add(await startNginx([{ listen: '8080', body: okPage('site on 8080') }]));
    const url = `http://${SITE}:8080/`;
    const loaded = await loadOk(page, url);
    await ng.crash();
    const ex = await explainNavigation(b, page, url, () => page.reload({ timeout: 60_000 }));
    record('1 crashed nginx', ex);
    expect(ex.browserError).toBe('net::ERR_CONNECTION_REFUSED');
    expect(ex.hooks).toMatchObject({
      errorCode: 'ERR_CONNECTION_REFUSED',
      url,
      cause: 'server-stopped',
      verdict: 'server',
    });
    // It says the server was answering at the time of the earlier load.
    expect(
      clocks(loaded.from, loaded.to).some((c) => ex.text.includes(c)),
      ex.text,
    ).toBe(true);
  });

  it('2. Apache stopped (graceful stop) → server-stopped', async () => {
    const ap = lab.add(
      await startApache({
        listen: ['8081'],
        pages: { 'index.html': '<!doctype html><title>apache on 8081</title><h1>It works</h1>' },
      }),
    );
    const url = `http://${SITE}:8081/`;
    const loaded = await loadOk(page, url);
    await ap.gracefulStop();
    const ex = await explainNavigation(b, page, url, () => page.reload({ timeout: 60_000 }));
    record('2 apache stopped', ex);
    expect(ex.browserError).toBe('net::ERR_CONNECTION_REFUSED');
    expect(ex.hooks).toMatchObject({
      errorCode: 'ERR_CONNECTION_REFUSED',
      url,
      cause: 'server-stopped',
      verdict: 'server',
    });
    expect(
      clocks(loaded.from, loaded.to).some((c) => ex.text.includes(c)),
      ex.text,
    ).toBe(true);
  });

  it('3. a firewall REJECTs port 8082 while the machine answers on 8085 → port-closed-or-filtered; iptables -S shows the rule', async () => {
    lab.add(
      await startNginx([
        { listen: '8085', body: okPage('site on 8085') },
        { listen: '8082', body: okPage('site on 8082') },
      ]),
    );
    const fw = lab.add(firewall());
    fw.reject(8082);
    await loadOk(page, `http://${SITE}:8085/`);
    const url = `http://${SITE}:8082/`;
    const ex = await explain(b, page, url);
    record('3 firewall reject', ex);
    expect(ex.browserError).toBe('net::ERR_CONNECTION_REFUSED');
    expect(ex.hooks).toMatchObject({
      errorCode: 'ERR_CONNECTION_REFUSED',
      url,
      cause: 'port-closed-or-filtered',
      verdict: 'server',
    });
    expect(ex.text).toContain('8085'); // the port that answers: the machine is up
    // The commands netwhy suggests, run for real, confirm it: a REJECT rule for 8082, while nginx does listen there.
    expect(ex.text).toContain('iptables -S');
    expect(fw.rules()).toMatch(/^-A INPUT -p tcp -m tcp --dport 8082 -j REJECT --reject-with tcp-reset$/m);
    expect(run('ss', ['-ltn', 'sport = :8082']).stdout).toMatch(/0\.0\.0\.0:8082/);
  });

  it('4. a firewall DROPs port 8083 while the machine answers on 8085 → timed out in seconds, packets-dropped', async () => {
    lab.add(
      await startNginx([
        { listen: '8085', body: okPage('site on 8085') },
        { listen: '8083', body: okPage('site on 8083') },
      ]),
    );
    const fw = lab.add(firewall());
    fw.drop(8083);
    await loadOk(page, `http://${SITE}:8085/`);
    const url = `http://${SITE}:8083/`;
    const ex = await explain(b, page, url, 40_000);
    record('4 firewall drop', ex);
    expect(ex.browserError).toBe('net::ERR_CONNECTION_TIMED_OUT');
    // tcp_syn_retries=1 in the namespace: the SYN and one retry, ~3 s (bounded generously for a loaded machine).
    expect(ex.elapsed).toBeLessThan(20_000);
    expect(ex.hooks).toMatchObject({
      errorCode: 'ERR_CONNECTION_TIMED_OUT',
      url,
      cause: 'packets-dropped',
      verdict: 'server',
    });
    expect(fw.rules()).toMatch(/^-A INPUT -p tcp -m tcp --dport 8083 -j DROP$/m);
  });

  it('5. nginx listens on 127.0.0.1:8084 only, opened through the LAN address → bound-to-loopback; ss shows it', async () => {
    lab.add(await startNginx([{ listen: '127.0.0.1:8084', body: okPage('loopback only') }]));
    const url = `http://${LAN_IP}:8084/`;
    const ex = await explain(b, page, url);
    record('5 wrong interface', ex);
    expect(ex.browserError).toBe('net::ERR_CONNECTION_REFUSED');
    expect(ex.hooks).toMatchObject({
      errorCode: 'ERR_CONNECTION_REFUSED',
      url,
      cause: 'bound-to-loopback',
      verdict: 'server',
    });
    expect(ex.text).toContain('0.0.0.0');
    expect(ex.text).toContain('127.0.0.1:8084');
    // The command netwhy suggests, run for real: nginx listens on 127.0.0.1:8084 and nowhere else.
    expect(ex.text).toMatch(/^ss -ltnp 'sport = :8084'$/m);
    const ss = run('ss', ['-ltnp', 'sport = :8084']).stdout;
    expect(ss).toMatch(/127\.0\.0\.1:8084/);
    expect(ss).toMatch(/nginx/);
    expect(ss).not.toMatch(/0\.0\.0\.0:8084|192\.0\.2\.10:8084/);
  });

  it('6. nginx answers 503 with Retry-After: 120 → the overlay card says to retry in 2 minutes', async () => {
    lab.add(
      await startNginx([
        {
          listen: '8091',
          body: 'location / { default_type text/html; add_header Retry-After 120 always; return 503 "<!doctype html><html><head><title>Maintenance</title></head><body><h1 id=msg>We are down for maintenance</h1></body></html>"; }',
        },
      ]),
    );
    const url = `http://${SITE}:8091/`;
    const response = await page.goto(url);
    expect(response?.status()).toBe(503);
    expect(response?.headers()['retry-after']).toBe('120');
    const card = await readOverlay(b, page);
    const hooks = overlayHooks(card);
    observe('chromium', '6 503 retry-after', { hooks, hostAttributes: card.host, text: card.text });
    expect(await page.locator('#msg').isVisible()).toBe(true); // the site's own message stays visible
    expect(hooks).toMatchObject({ 'http-status': '503', cause: 'http-unavailable', verdict: 'server' });
    expect(card.text).toMatch(/retry in 2 minutes/i);
  });

  it('7. nginx closes without answering (return 444) after refusals on two other ports → connection-dropped, verdict server', async () => {
    lab.add(await startNginx([{ listen: '8086', body: 'location / { return 444; }' }]));
    // Two other ports of the same machine refuse: the path to it works.
    for (const port of [8087, 8088]) {
      const refused = await explain(b, page, `http://${SITE}:${port}/`);
      expect(refused.hooks.errorCode).toBe('ERR_CONNECTION_REFUSED');
    }
    const url = `http://${SITE}:8086/`;
    const ex = await explain(b, page, url);
    record('7 empty response after refusals', ex);
    expect(ex.browserError).toBe('net::ERR_EMPTY_RESPONSE');
    expect(ex.hooks).toMatchObject({
      errorCode: 'ERR_EMPTY_RESPONSE',
      url,
      cause: 'connection-dropped',
      verdict: 'server',
    });
  });

  it('8. a reset on 127.0.0.1 after refusals on other local ports → verdict server, local', async () => {
    const fs = await startFaultServer();
    lab.defer(() => fs.close());
    const reset = await fs.listen('reset', { host: '127.0.0.1', port: 8089 });
    for (const port of [8087, 8088]) {
      const refused = await explain(b, page, `http://127.0.0.1:${port}/`);
      expect(refused.hooks.errorCode).toBe('ERR_CONNECTION_REFUSED');
    }
    const url = reset.url('/');
    const ex = await explain(b, page, url);
    record('8 loopback reset after refusals', ex);
    expect(ex.browserError).toBe('net::ERR_CONNECTION_RESET');
    expect(ex.hooks).toMatchObject({ errorCode: 'ERR_CONNECTION_RESET', url, verdict: 'server', local: 'true' });
  });

  it('9. nginx reverse proxy whose upstream is down → 502 page with the overlay: nginx answered, the app behind it failed (proxy-upstream-failed)', async () => {
    const ng = lab.add(
      await startNginx([{ listen: '8092', body: 'location / { proxy_pass http://127.0.0.1:8090; }' }]),
    );
    const url = `http://${SITE}:8092/`;
    const response = await page.goto(url);
    expect(response?.status()).toBe(502);
    const card = await readOverlay(b, page);
    const hooks = overlayHooks(card);
    observe('chromium', '9 proxy 502', { hooks, hostAttributes: card.host, text: card.text });
    expect(hooks).toMatchObject({ 'http-status': '502', cause: 'proxy-upstream-failed', verdict: 'server' });
    expect(card.text).toContain(
      'nginx answered for site.test but could not get an answer from the application behind it',
    );
    // nginx's own error log says why: the upstream refused.
    expect(ng.errorLog()).toMatch(/connect\(\) failed \(111: Connection refused\) while connecting to upstream/);
  });

  it('names were resolved only by dnsmasq: Chromium asked it for site.test, and anything else got NXDOMAIN', () => {
    const log = dns.log();
    expect(log).toMatch(/query\[A\] site\.test from 127\.0\.0\.1/);
    const others = dns.names().filter((n) => n !== SITE);
    observe('chromium', 'dns', { otherNames: others });
    for (const name of others) expect(log).toMatch(new RegExp(`config ${name.replace(/\./g, '\\.')} is NXDOMAIN`));
  });
});
