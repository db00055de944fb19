/**
 * The article's situations, set up once for both browsers (test/realworld/chromium and firefox/article.rw.test.ts):
 * each function starts the real servers and firewall rules of one scenario, registers them with the test's Lab (torn
 * down in afterEach, pass or fail) and returns the URLs the test opens. What each browser reports, and what netwhy
 * must conclude from it, stays in the browser's own test file.
 *
 * `realWorldSuite()` is the suite's frame: the namespace check and dnsmasq (`site.test` → the LAN address) for the
 * whole file, a fresh Lab per test.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startFaultServer } from '../../e2e/support/fault-server';
import { startApache } from './apache';
import { startDnsmasq, type Dnsmasq } from './dnsmasq';
import { firewall, type Firewall } from './firewall';
import { Lab } from './lab';
import { assertRealWorldNamespace, LAN_IP, SITE } from './namespace';
import { okPage, startNginx } from './nginx';
import { observe } from './observations';

export interface RealWorldSuite {
  /** What the current test starts (servers, firewall rules, the browser); torn down after each test. */
  readonly lab: Lab;
  /** The suite's resolver (its query log). */
  dns(): Dnsmasq;
}

export interface RealWorldSuiteOptions {
  /**
   * Runs after each test while its browser and servers are still up; the function it returns (an assertion) runs
   * after they are torn down, so a failing check never keeps the teardown from running.
   */
  beforeTeardown?: () => (() => void) | void;
}

export function realWorldSuite(options: RealWorldSuiteOptions = {}): RealWorldSuite {
  let dns: Dnsmasq | undefined;
  const lab = new Lab();
  beforeAll(async () => {
    assertRealWorldNamespace();
    dns = await startDnsmasq({ [SITE]: LAN_IP });
  });
  afterAll(async () => {
    await dns?.dispose();
  });
  afterEach(async () => {
    const check = options.beforeTeardown?.();
    await lab.dispose();
    check?.();
  });
  return {
    lab,
    dns: () => {
      if (!dns) throw new Error('dnsmasq is not running (beforeAll failed?)');
      return dns;
    },
  };
}

/** What the explanation page showed, as each browser's helpers read it (`H`: the page's data-* hooks). */
export interface ExplainedPage<H extends object = object> {
  hooks: H;
  /** The browser's own words for the failure (net::ERR_*; NS_ERROR_* or `Error code <n>`), as netwhy stored them. */
  browserError: string | null;
  /** The explanation page's headline (its <h1>) and its whole text. */
  headline: string;
  text: string;
  /** ms from the navigation's start to the explanation page's hooks. */
  elapsed: number;
}

/** Records what netwhy said in a scenario (before the assertions: a failing run still records it). */
export function recordExplained(browser: 'chromium' | 'firefox', scenario: string, ex: ExplainedPage): void {
  observe(browser, scenario, {
    browserError: ex.browserError,
    ...ex.hooks,
    headline: ex.headline,
    elapsedMs: ex.elapsed,
    text: ex.text,
  });
}

/** Something a browser can open and expects a 200 from. */
interface Navigable {
  goto(url: string, options: { timeout: number }): Promise<{ status(): number } | null>;
}

/** Loads a page that must work (status 200): the "it loaded fine at T" evidence. Returns when it started and ended. */
export async function loadOk(page: Navigable, url: string): Promise<{ from: number; to: number }> {
  const from = Date.now();
  const response = await page.goto(url, { timeout: 30_000 });
  if (response?.status() !== 200) throw new Error(`${url} answered ${response?.status() ?? 'nothing'}, expected 200`);
  return { from, to: Date.now() };
}

export interface StoppedServer {
  url: string;
  /** Ends the server as the scenario says (nginx: SIGKILL, a crash; Apache: graceful stop) until its port refuses. */
  stop(): Promise<void>;
}

/** 1. nginx on site.test:8080, crashed by `stop()`. */
export async function crashedNginx(lab: Lab): Promise<StoppedServer> {
  const ng = lab.add(await startNginx([{ listen: '8080', body: okPage('site on 8080') }]));
  return { url: `http://${SITE}:8080/`, stop: () => ng.crash() };
}

/** 2. Apache on site.test:8081, stopped gracefully by `stop()`. */
export async function stoppedApache(lab: Lab): Promise<StoppedServer> {
  const ap = lab.add(
    await startApache({
      listen: ['8081'],
      pages: { 'index.html': '<!doctype html><title>apache on 8081</title><h1>It works</h1>' },
    }),
  );
  return { url: `http://${SITE}:8081/`, stop: () => ap.gracefulStop() };
}

/** Scenarios 1 and 2: the same origin loaded, then its server ended; both browsers run each the same way. */
export const STOPPED_SERVERS: { title: string; scenario: string; setUp: (lab: Lab) => Promise<StoppedServer> }[] = [
  {
    title: '1. crashed nginx: the origin answered, nginx is killed, reload → server-stopped',
    scenario: '1 crashed nginx',
    setUp: crashedNginx,
  },
  { title: '2. Apache stopped (graceful stop) → server-stopped', scenario: '2 apache stopped', setUp: stoppedApache },
];

export interface FilteredPort {
  /** The port of the same machine that answers (8085): load it first. */
  answering: string;
  /** The port the firewall filters; nginx does listen there. */
  url: string;
  fw: Firewall;
}

/** 3 and 4. nginx on 8085 and `port`; iptables REJECTs (with a TCP reset) or DROPs `port`. */
export async function filteredPort(lab: Lab, port: 8082 | 8083, action: 'reject' | 'drop'): Promise<FilteredPort> {
  lab.add(
    await startNginx([
      { listen: '8085', body: okPage('site on 8085') },
      { listen: String(port), body: okPage(`site on ${port}`) },
    ]),
  );
  const fw = lab.add(firewall());
  fw[action](port);
  return { answering: `http://${SITE}:8085/`, url: `http://${SITE}:${port}/`, fw };
}

/** 5. nginx on 127.0.0.1:8084 only; the URL is the LAN address's port 8084. */
export async function loopbackOnlyNginx(lab: Lab): Promise<string> {
  lab.add(await startNginx([{ listen: '127.0.0.1:8084', body: okPage('loopback only') }]));
  return `http://${LAN_IP}:8084/`;
}

/** 6. nginx answers 503 with `Retry-After: 120` and a page whose own message is `#msg`. */
export async function maintenance503(lab: Lab): Promise<string> {
  lab.add(
    await startNginx([
      {
        listen: '8091',
        body: 'location / { default_type text/html; add_header Retry-After 120 always; return 503 "<!doctype html><html><head><title>Maintenance</title></head><body><h1 id=msg>We are down for maintenance</h1></body></html>"; }',
      },
    ]),
  );
  return `http://${SITE}:8091/`;
}

export interface AfterRefusals {
  /** Two other ports of the same machine, where nothing listens: open them first. */
  refused: string[];
  url: string;
}

/** 7. nginx closes without answering (`return 444`) on site.test:8086; 8087 and 8088 refuse. */
export async function closesWithoutAnswer(lab: Lab): Promise<AfterRefusals> {
  lab.add(await startNginx([{ listen: '8086', body: 'location / { return 444; }' }]));
  return { refused: [8087, 8088].map((p) => `http://${SITE}:${p}/`), url: `http://${SITE}:8086/` };
}

/** 8. the fault server resets connections on 127.0.0.1:8089; 127.0.0.1:8087 and 8088 refuse. */
export async function loopbackReset(lab: Lab): Promise<AfterRefusals> {
  const fs = await startFaultServer();
  lab.defer(() => fs.close());
  const reset = await fs.listen('reset', { host: '127.0.0.1', port: 8089 });
  return { refused: [8087, 8088].map((p) => `http://127.0.0.1:${p}/`), url: reset.url('/') };
}

/** 9. nginx proxies site.test:8092 to 127.0.0.1:8090, where nothing listens. */
export async function proxyUpstreamDown(lab: Lab): Promise<{ url: string; errorLog(): string }> {
  const ng = lab.add(await startNginx([{ listen: '8092', body: 'location / { proxy_pass http://127.0.0.1:8090; }' }]));
  return { url: `http://${SITE}:8092/`, errorLog: () => ng.errorLog() };
}

/** The card's words for scenario 9, the same in both browsers. */
export const PROXY_UPSTREAM_TEXT =
  'nginx answered for site.test but could not get an answer from the application behind it';

/** The last check of both files: every name the browser looked up went to dnsmasq, and all but site.test failed. */
export function expectNamesResolvedByDnsmasqOnly(browser: 'chromium' | 'firefox', dns: Dnsmasq): void {
  const log = dns.log();
  expect(log).toMatch(/query\[A\] site\.test from 127\.0\.0\.1/);
  const others = dns.names().filter((n) => n !== SITE);
  observe(browser, 'dns', { otherNames: others });
  for (const name of others) expect(log).toMatch(new RegExp(`config ${name.replace(/\./g, '\\.')} is NXDOMAIN`));
}
