/**
 * The article's situations in Firefox ESR (issues 17 and 20), with the same real nginx, Apache, iptables and dnsmasq
 * as the Chromium file, inside the namespace of scripts/netns.mjs (`npm run test:realworld:firefox`). Firefox resolves
 * `site.test` through dnsmasq (an A record only, AAAA is NODATA).
 *
 * Where Firefox reports the failure in its own words, the test says so and asserts what netwhy must conclude anyway:
 * - a refused connection to a name without an AAAA record can arrive as NS_ERROR_UNKNOWN_HOST (issue 20: Firefox
 *   retries over IPv6 and reports the failed lookup); netwhy must still say the server stopped when the same origin
 *   loaded moments ago, keeping the browser's code visible;
 * - a connect timeout is NS_ERROR_NET_TIMEOUT (ERR_TIMED_OUT), not ERR_CONNECTION_TIMED_OUT;
 * - a server closing without an answer (nginx `return 444`) is NS_ERROR_NET_RESET (ERR_CONNECTION_RESET) after
 *   Firefox's own retries: there is no "empty response" in Firefox.
 */
import { describe, expect, beforeEach, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { LaunchedFirefox } from '../../e2e/firefox/support/firefox';
import { observe } from '../support/observations';
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
import { clocks, explain, explainNavigation, launchFirefoxLan, overlayHooks, readOverlay, reload } from './helpers';

let ff: LaunchedFirefox;
let page: Page;
const suite = realWorldSuite();
const lab = suite.lab;

beforeEach(async () => {
  ff = await launchFirefoxLan();
  lab.defer(() => ff.close());
  page = await ff.newPage();
});

const record = (scenario: string, ex: ExplainedPage): void => recordExplained('firefox', scenario, ex);

/** A refusal as Firefox reports it: refused, or (name without AAAA, issue 20) the unknown host of its IPv6 retry. */
const REFUSED_IN_FIREFOX =
  /^(NS_ERROR_CONNECTION_REFUSED|Error code 2152398861|NS_ERROR_UNKNOWN_HOST|Error code 2152398878)$/;

describe("the article's situations in Firefox, with real servers", () => {
  for (const { title, scenario, setUp } of STOPPED_SERVERS) {
    it(title, async () => {
      const server = await setUp(lab);
      const url = server.url;
      const loaded = await loadOk(page, url);
      await server.stop();
      const ex = await explainNavigation(ff, page, url, () => reload(page));
      record(scenario, ex);
      expect(ex.browserError).toMatch(REFUSED_IN_FIREFOX);
      // Whatever Firefox called it, the same origin loaded moments ago: the server stopped.
      expect(ex.hooks).toMatchObject({ url, cause: 'server-stopped', verdict: 'server' });
      expect(['ERR_CONNECTION_REFUSED', 'ERR_NAME_NOT_RESOLVED']).toContain(ex.hooks.errorCode);
      expect(ex.text).toContain(ex.browserError!); // the browser's own code stays visible (issue 20)
      expect(
        clocks(loaded.from, loaded.to).some((c) => ex.text.includes(c)),
        ex.text,
      ).toBe(true);
    });
  }

  it('3. a firewall REJECTs port 8082 while the machine answers on 8085 → port-closed-or-filtered', async () => {
    const { answering, url, fw } = await filteredPort(lab, 8082, 'reject');
    await loadOk(page, answering);
    const ex = await explain(ff, page, url);
    record('3 firewall reject', ex);
    expect(ex.browserError).toMatch(REFUSED_IN_FIREFOX);
    // Refused (or Firefox's unknown host for it) on a machine that just answered on 8085: this port is closed or
    // filtered, never "the name does not exist".
    expect(ex.hooks).toMatchObject({ url, cause: 'port-closed-or-filtered', verdict: 'server' });
    expect(ex.text).toContain('8085');
    expect(ex.text).toContain('iptables -S');
    expect(fw.rules()).toMatch(/^-A INPUT -p tcp -m tcp --dport 8082 -j REJECT --reject-with tcp-reset$/m);
  });

  it('4. a firewall DROPs port 8083 while the machine answers on 8085 → timed out in seconds, packets-dropped', async () => {
    const { answering, url } = await filteredPort(lab, 8083, 'drop');
    await loadOk(page, answering);
    const ex = await explain(ff, page, url, 60_000);
    record('4 firewall drop', ex);
    // Firefox: NS_ERROR_NET_TIMEOUT (→ ERR_TIMED_OUT) once the kernel gives up on the SYN (tcp_syn_retries=1).
    expect(ex.browserError).toMatch(/^(NS_ERROR_NET_TIMEOUT|Error code 2152398862)$/);
    expect(ex.elapsed).toBeLessThan(30_000);
    expect(['ERR_TIMED_OUT', 'ERR_CONNECTION_TIMED_OUT']).toContain(ex.hooks.errorCode);
    expect(ex.hooks).toMatchObject({ url, cause: 'packets-dropped', verdict: 'server' });
  });

  it('5. nginx listens on 127.0.0.1:8084 only, opened through the LAN address → bound-to-loopback', async () => {
    const url = await loopbackOnlyNginx(lab);
    const ex = await explain(ff, page, url);
    record('5 wrong interface', ex);
    // An IP literal: no lookup, so Firefox reports the refusal itself.
    expect(ex.browserError).toMatch(/^(NS_ERROR_CONNECTION_REFUSED|Error code 2152398861)$/);
    expect(ex.hooks).toMatchObject({
      errorCode: 'ERR_CONNECTION_REFUSED',
      url,
      cause: 'bound-to-loopback',
      verdict: 'server',
    });
    expect(ex.text).toContain('0.0.0.0');
    expect(ex.text).toContain('127.0.0.1:8084');
    // The command netwhy suggests, run for real: nginx listens on 127.0.0.1:8084 only.
    expect(ex.text).toMatch(/^ss -ltnp 'sport = :8084'$/m);
    expect(run('ss', ['-ltnp', 'sport = :8084']).stdout).toMatch(/127\.0\.0\.1:8084.*nginx/s);
  });

  it('6. nginx answers 503 with Retry-After: 120 → the overlay card says to retry in 2 minutes', async () => {
    const url = await maintenance503(lab);
    const response = await page.goto(url);
    expect(response?.status()).toBe(503);
    const card = await readOverlay(ff, page);
    const hooks = overlayHooks(card);
    observe('firefox', '6 503 retry-after', { hooks, hostAttributes: card.host, text: card.text });
    expect(hooks).toMatchObject({ 'http-status': '503', cause: 'http-unavailable', verdict: 'server' });
    expect(card.text).toMatch(/retry in 2 minutes/i);
  });

  it('7. nginx closes without answering (return 444) after refusals on two other ports → connection-dropped, verdict server', async () => {
    const { refused, url } = await closesWithoutAnswer(lab);
    for (const other of refused) {
      const first = await explain(ff, page, other);
      expect(first.browserError).toMatch(REFUSED_IN_FIREFOX);
    }
    const ex = await explain(ff, page, url);
    record('7 closed without answer after refusals', ex);
    // Firefox has no "empty response": a close without an answer is NS_ERROR_NET_RESET after its own retries.
    expect(ex.browserError).toMatch(/^(NS_ERROR_NET_RESET|Error code 2152398868)$/);
    expect(ex.hooks).toMatchObject({
      errorCode: 'ERR_CONNECTION_RESET',
      url,
      cause: 'connection-dropped',
      verdict: 'server',
    });
  });

  it('8. a reset on 127.0.0.1 after refusals on other local ports → verdict server, local', async () => {
    const { refused, url } = await loopbackReset(lab);
    for (const other of refused) {
      const first = await explain(ff, page, other);
      expect(first.hooks.errorCode).toBe('ERR_CONNECTION_REFUSED');
    }
    const ex = await explain(ff, page, url);
    record('8 loopback reset after refusals', ex);
    expect(ex.browserError).toMatch(/^(NS_ERROR_NET_RESET|Error code 2152398868)$/);
    expect(ex.hooks).toMatchObject({ errorCode: 'ERR_CONNECTION_RESET', url, verdict: 'server', local: 'true' });
  });

  it('9. nginx reverse proxy whose upstream is down → 502 page with the overlay: nginx answered, the app behind it failed (proxy-upstream-failed)', async () => {
    const { url } = await proxyUpstreamDown(lab);
    const response = await page.goto(url);
    expect(response?.status()).toBe(502);
    const card = await readOverlay(ff, page);
    const hooks = overlayHooks(card);
    observe('firefox', '9 proxy 502', { hooks, hostAttributes: card.host, text: card.text });
    expect(hooks).toMatchObject({ 'http-status': '502', cause: 'proxy-upstream-failed', verdict: 'server' });
    expect(card.text).toContain(PROXY_UPSTREAM_TEXT);
  });

  it('names were resolved only by dnsmasq: site.test, and NXDOMAIN for anything Firefox looked up by itself', () => {
    expectNamesResolvedByDnsmasqOnly('firefox', suite.dns());
  });
});
