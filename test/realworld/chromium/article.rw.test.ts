/**
 * The article's situations, for real (issue 17): real nginx, Apache, iptables and dnsmasq, run by this test inside
 * the private network namespace of scripts/netns.mjs (`npm run test:realworld`), with Debian's Chromium resolving
 * names through dnsmasq. `site.test` is the machine's LAN address 192.0.2.10 (an A record only).
 *
 * Each test gets a fresh browser profile (no evidence carried over from another scenario) and its own servers and
 * firewall rules, all torn down in afterEach whether the test passed or not.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { LaunchedBrowser } from '../../e2e/support/chromium';
import { run } from '../support/process';
import {
  closesWithoutAnswer,
  expectNamesResolvedByDnsmasqOnly,
  filteredPort,
  loadOk,
  loopbackOnlyNginx,
  loopbackReset,
  maintenance503,
  PROXY_UPSTREAM_TEXT,
  proxyUpstreamDown,
  realWorldSuite,
  recordExplained,
  STOPPED_SERVERS,
  type ExplainedPage,
} from '../support/scenarios';
import { clocks, explain, explainNavigation, LAN_IP, launchChromium, overlayHooks, readOverlay, SITE } from './helpers';
import { observe } from '../support/observations';

let b: LaunchedBrowser;
let page: Page;
const suite = realWorldSuite({
  // Nothing the browser did may have left the namespace's own addresses (read while the browser is still open).
  beforeTeardown: () => {
    const outside = b?.requests.outside({ allow: [SITE, LAN_IP] }) ?? [];
    return () => expect(outside.map((e) => e.url)).toEqual([]);
  },
});
const lab = suite.lab;

beforeEach(async () => {
  b = await launchChromium();
  lab.defer(() => b.close());
  page = await b.newPage();
});

const record = (scenario: string, ex: ExplainedPage): void => recordExplained('chromium', scenario, ex);

describe("the article's situations in Chromium, with real servers", () => {
  it('the namespace resolves site.test through dnsmasq (A only) and nothing else', async () => {
    const res = run('getent', ['ahostsv4', SITE]);
    expect(res.stdout).toContain(LAN_IP);
    expect(run('getent', ['hosts', 'example.com']).status).not.toBe(0);
    const log = suite.dns().log();
    expect(log).toMatch(new RegExp(`config ${SITE.replace('.', '\\.')} is ${LAN_IP.replace(/\./g, '\\.')}`));
    expect(log).toMatch(/config example\.com is NXDOMAIN/);
  });

  for (const { title, scenario, setUp } of STOPPED_SERVERS) {
    it(title, async () => {
      const server = await setUp(lab);
      const url = server.url;
      const loaded = await loadOk(page, url);
      await server.stop();
      const ex = await explainNavigation(b, page, url, () => page.reload({ timeout: 60_000 }));
      record(scenario, ex);
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
  }

  it('3. a firewall REJECTs port 8082 while the machine answers on 8085 → port-closed-or-filtered; iptables -S shows the rule', async () => {
    const { answering, url, fw } = await filteredPort(lab, 8082, 'reject');
    await loadOk(page, answering);
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
    const { answering, url, fw } = await filteredPort(lab, 8083, 'drop');
    await loadOk(page, answering);
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
    const url = await loopbackOnlyNginx(lab);
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
    const url = await maintenance503(lab);
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
    const { refused, url } = await closesWithoutAnswer(lab);
    // Two other ports of the same machine refuse: the path to it works.
    for (const other of refused) {
      const first = await explain(b, page, other);
      expect(first.hooks.errorCode).toBe('ERR_CONNECTION_REFUSED');
    }
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
    const { refused, url } = await loopbackReset(lab);
    for (const other of refused) {
      const first = await explain(b, page, other);
      expect(first.hooks.errorCode).toBe('ERR_CONNECTION_REFUSED');
    }
    const ex = await explain(b, page, url);
    record('8 loopback reset after refusals', ex);
    expect(ex.browserError).toBe('net::ERR_CONNECTION_RESET');
    expect(ex.hooks).toMatchObject({ errorCode: 'ERR_CONNECTION_RESET', url, verdict: 'server', local: 'true' });
  });

  it('9. nginx reverse proxy whose upstream is down → 502 page with the overlay: nginx answered, the app behind it failed (proxy-upstream-failed)', async () => {
    const proxy = await proxyUpstreamDown(lab);
    const response = await page.goto(proxy.url);
    expect(response?.status()).toBe(502);
    const card = await readOverlay(b, page);
    const hooks = overlayHooks(card);
    observe('chromium', '9 proxy 502', { hooks, hostAttributes: card.host, text: card.text });
    expect(hooks).toMatchObject({ 'http-status': '502', cause: 'proxy-upstream-failed', verdict: 'server' });
    expect(card.text).toContain(PROXY_UPSTREAM_TEXT);
    // nginx's own error log says why: the upstream refused.
    expect(proxy.errorLog()).toMatch(/connect\(\) failed \(111: Connection refused\) while connecting to upstream/);
  });

  it('names were resolved only by dnsmasq: Chromium asked it for site.test, and anything else got NXDOMAIN', () => {
    expectNamesResolvedByDnsmasqOnly('chromium', suite.dns());
  });
});
