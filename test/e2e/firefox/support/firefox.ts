/**
 * Launches Debian's Firefox ESR (no browser download) over WebDriver BiDi with puppeteer-core, and installs the built
 * extension as a temporary add-on.
 *
 *   const ff = await launchFirefox({ hosts: { 'app.test': '127.0.0.1' } });  // DNS stub + Firefox + dist-firefox/
 *   const page = await ff.newPage();
 *   navigate(page, 'http://127.0.0.1:1/');                      // not awaited: the extension replaces the navigation
 *   await ff.waitForUrl(page, (u) => u.startsWith(ff.extensionUrl('src/pages/explain/')));
 *   await ff.inExtension(() => browser.storage.local.get('history'));
 *   ff.dns.names()                                               // every name anything in the namespace looked up
 *   await ff.close();                                            // browser, profile dir, DNS stub
 *
 * - Runs only inside the loopback-only network namespace of scripts/firefox-netns.mjs (checked, see isolation.ts),
 *   and starts the stub resolver that namespace's resolv.conf points to: unknown names get NXDOMAIN from loopback,
 *   names in `hosts` resolve to loopback, and nothing ever reaches an outside resolver.
 * - A fresh profile per launch, with the prefs below: host permissions granted at install (without them webRequest
 *   events silently never fire for an MV3 add-on), and Firefox's own background traffic turned off.
 * - The extension's moz-extension:// UUID is chosen here (pref `extensions.webextensions.uuids`, read by Firefox when
 *   it installs an add-on) and then checked against the installed extension (`browser.runtime.getURL('')` in its page).
 * - `ready` means the background event page answers a runtime message (netwhy's typed `settings:get`): only then are
 *   its webRequest/webNavigation listeners registered, so a navigation cannot race the extension's start.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDnsStub, type DnsStub } from './dns-stub';
import { assertIsolatedNetwork } from './isolation';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface FirefoxLaunchOptions {
  /** Unpacked extension directory, relative to the repo root. Default 'dist-firefox'. null: no extension. */
  extensionDir?: string | null;
  /** Test host names → loopback IP, answered by the DNS stub. Every other name is NXDOMAIN. */
  hosts?: Record<string, string>;
  /** Default true. */
  headless?: boolean;
  /** Extra prefs (override the defaults below). */
  prefs?: Record<string, string | number | boolean>;
  /** Launch, install and ready timeout, ms. Default 90 s (slow shared machine). */
  timeout?: number;
  /**
   * Start the DNS stub on 127.0.0.1:53. Default true. false: the caller runs its own resolver there (the real-world
   * suite's dnsmasq); `dns` is then an empty log and `hosts` must not be given.
   */
  dnsStub?: boolean;
  /**
   * Run in the real-world suite's namespace (scripts/netns.mjs --lan), whose LAN address (192.0.2.10) the tests
   * connect to. The isolation check then allows the namespace's veth pair, and Firefox runs without
   * MOZ_DISABLE_NONLOCAL_CONNECTIONS: that switch makes Firefox crash on purpose on a connection to any address that
   * is not loopback or private (192.0.2.0/24 is neither); the namespace alone keeps traffic inside. Default false.
   */
  lan?: boolean;
}

export interface LaunchedFirefox {
  readonly browser: Browser;
  readonly profileDir: string;
  readonly dns: DnsStub;
  readonly extensionDir: string | null;
  /** The gecko id from the manifest (`netwhy@netwhy.dev`). */
  readonly extensionId: string | null;
  /** The internal UUID of moz-extension://<uuid>/ URLs for this profile. */
  readonly extensionUuid: string | null;
  /** Firefox's version string, e.g. `firefox/153.8.0`. */
  readonly version: string;
  /** moz-extension://<uuid>/<path> */
  extensionUrl(path?: string): string;
  newPage(): Promise<Page>;
  /**
   * Runs `fn` in an extension page (a tab kept open on the extension's own page), where the WebExtension `browser`
   * global is available; the result must be JSON-serializable.
   */
  inExtension<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /** Navigates `page` to `url` and waits for that document's load (works for moz-extension:// pages too). */
  openPage(page: Page, url: string, timeoutMs?: number): Promise<void>;
  /** Polls the page's location until `match` holds (Firefox replaces navigations: never await page.goto for them). */
  waitForUrl(page: Page, match: (url: string) => boolean, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

/** Firefox ESR: $NETWHY_FIREFOX, else the real binary of Debian's firefox-esr package, else /usr/bin/firefox-esr. */
export function findFirefox(): string {
  const fromEnv = process.env['NETWHY_FIREFOX'];
  // A variable that points nowhere is a mistake to report, not a reason to run another browser.
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`NETWHY_FIREFOX=${fromEnv} does not exist`);
  }
  try {
    const files = execFileSync('dpkg', ['-L', 'firefox-esr'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const binary = files
      .split('\n')
      .map((l) => l.trim())
      .find((l) => /\/lib\/firefox-esr\/firefox-esr$/.test(l) && existsSync(l));
    if (binary) return binary;
  } catch {
    /* not Debian, or the package is missing */
  }
  for (const candidate of ['/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox-esr'])
    if (existsSync(candidate)) return candidate;
  throw new Error('Firefox ESR not found: install the Debian package `firefox-esr` or set NETWHY_FIREFOX');
}

/**
 * Prefs of every test profile (on top of puppeteer's own test defaults). Each group stops a kind of traffic Firefox
 * starts by itself; the namespace makes leaks impossible anyway, and the DNS stub's log shows any name they would
 * still look up.
 */
export const TEST_PREFS: Record<string, string | number | boolean> = {
  // The extension's host permissions (<all_urls>) granted at install, as a user would on the permission prompt.
  'extensions.originControls.grantByDefault': true,
  // Captive portal and connectivity checks (detectportal.firefox.com, IPv4/IPv6 probes).
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  // DNS: the system resolver only (no DNS over HTTPS), no prefetching, no speculative connections, no proxy.
  'network.trr.mode': 5,
  'network.dns.disablePrefetch': true,
  'network.dns.disablePrefetchFromHTTPS': true,
  'network.prefetch-next': false,
  'network.predictor.enabled': false,
  'network.http.speculative-parallel-limit': 0,
  'network.proxy.type': 0,
  'browser.urlbar.speculativeConnect.enabled': false,
  'browser.places.speculativeConnect.enabled': false,
  // Telemetry, health report, pings.
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.server': '',
  'toolkit.telemetry.shutdownPingSender.enabled': false,
  'toolkit.telemetry.firstShutdownPing.enabled': false,
  'toolkit.telemetry.newProfilePing.enabled': false,
  'toolkit.telemetry.updatePing.enabled': false,
  'toolkit.telemetry.bhrPing.enabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.usage.uploadEnabled': false,
  'browser.ping-centre.telemetry': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.newtabpage.activity-stream.feeds.telemetry': false,
  // Updates of the browser, add-ons, system add-ons, plugins.
  'app.update.auto': false,
  'app.update.disabledForTesting': true,
  'extensions.update.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'media.gmp-manager.updateEnabled': false,
  // Safe Browsing lists and lookups.
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'browser.safebrowsing.update.enabled': false,
  // Remote settings (blocklists, CRLite, intermediates), experiments, studies.
  // Release builds ignore this pref unless MOZ_DISABLE_NONLOCAL_CONNECTIONS=1 (set at launch); this value is the one
  // Firefox's own test harness uses to skip every remote settings sync.
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  'security.remote_settings.crlite_filters.enabled': false,
  'security.remote_settings.intermediates.enabled': false,
  'app.normandy.enabled': false,
  'app.normandy.api_url': '',
  'app.shield.optoutstudies.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  // Region and geolocation lookups, search engine updates, suggestions.
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.search.update': false,
  'browser.search.suggest.enabled': false,
  'geo.enabled': false,
  'geo.provider.network.url': '',
  // New tab page content, sponsored tiles, Pocket, snippets.
  'browser.newtabpage.enabled': false,
  'browser.newtabpage.activity-stream.feeds.section.topstories': false,
  'browser.newtabpage.activity-stream.feeds.topsites': false,
  'browser.newtabpage.activity-stream.default.sites': '',
  'browser.topsites.contile.enabled': false,
  'browser.urlbar.quicksuggest.enabled': false,
  'extensions.pocket.enabled': false,
  // Push, accounts and sync, translations models, OCSP.
  'dom.push.connection.enabled': false,
  'identity.fxaccounts.enabled': false,
  'browser.translations.enable': false,
  'security.OCSP.enabled': 0,
  // The explanation page replaces the tab: no "this page is asking you to confirm" or session restore prompts.
  'browser.sessionstore.resume_from_crash': false,
};

interface Manifest {
  browser_specific_settings?: { gecko?: { id?: string } };
  background?: { scripts?: string[]; service_worker?: string };
}

function readManifest(dir: string): Manifest {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) throw new Error(`no manifest.json in ${dir}: build the Firefox package first (npm run build)`);
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts a navigation without awaiting it: when the extension replaces it, puppeteer's goto rejects. */
export function navigate(page: Page, url: string): void {
  page.goto(url, { timeout: 30_000 }).catch(() => undefined);
}

async function currentReadyState(page: Page): Promise<string | null> {
  try {
    return await withTimeout(
      page.evaluate(() => document.readyState),
      2_000,
      'evaluate timed out',
    );
  } catch {
    return null;
  }
}

/** The page's location, or null while it is between documents. */
export async function currentUrl(page: Page): Promise<string | null> {
  try {
    return await withTimeout(
      page.evaluate(() => location.href),
      2_000,
      'evaluate timed out',
    );
  } catch {
    return null;
  }
}

/** The DNS log when the caller runs its own resolver (dnsStub: false): no queries are seen here. */
function noDnsStub(): DnsStub {
  return { host: '127.0.0.1', port: 53, queries: [], names: () => [], close: async () => {} };
}

export async function launchFirefox(opts: FirefoxLaunchOptions = {}): Promise<LaunchedFirefox> {
  assertIsolatedNetwork({ lan: opts.lan ?? false });
  if (opts.dnsStub === false && opts.hosts && Object.keys(opts.hosts).length > 0) {
    throw new Error('launchFirefox: `hosts` needs the DNS stub (dnsStub: false means the caller resolves names)');
  }
  const timeout = opts.timeout ?? 90_000;
  let extensionDir: string | null = null;
  if (opts.extensionDir !== null) {
    const dir = resolve(REPO_ROOT, opts.extensionDir ?? 'dist-firefox');
    if (!existsSync(dir)) throw new Error(`extension directory ${dir} does not exist: build it first (npm run build)`);
    extensionDir = realpathSync(dir);
  }
  // Installed from a private copy: a rebuild of dist-firefox/ during the run cannot pull files from under the add-on.
  let installDir: string | null = null;
  const manifest = extensionDir === null ? null : readManifest(extensionDir);
  const extensionId = manifest === null ? null : (manifest.browser_specific_settings?.gecko?.id ?? null);
  if (manifest !== null && !extensionId)
    throw new Error('the Firefox manifest has no browser_specific_settings.gecko.id');
  if (manifest?.background?.service_worker)
    throw new Error('the Firefox manifest declares a service worker: Firefox ESR needs background.scripts');
  const extensionUuid = extensionId === null ? null : randomUUID();

  const dns = opts.dnsStub === false ? noDnsStub() : await startDnsStub({ hosts: opts.hosts });
  const profileDir = await mkdtemp(join(tmpdir(), 'netwhy-firefox-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: findFirefox(),
      headless: opts.headless ?? true,
      userDataDir: profileDir,
      timeout,
      protocolTimeout: timeout,
      // WebDriver BiDi only navigates to http(s)/file/blob URLs unless system access is allowed; tests open the
      // extension's own pages (popup, options) in tabs the way a user typing the moz-extension:// URL would.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        ...TEST_PREFS,
        ...(extensionId === null
          ? {}
          : { 'extensions.webextensions.uuids': JSON.stringify({ [extensionId]: extensionUuid }) }),
        ...opts.prefs,
      },
      // Debian's Firefox needs no display in headless mode; keep it from touching a session bus or a real HOME.
      // MOZ_DISABLE_NONLOCAL_CONNECTIONS: Firefox's own test-harness switch: its socket layer refuses any connection
      // to a non-loopback address (a second wall behind the namespace), and it lets the prefs above move remote
      // settings off Mozilla's server.
      env: {
        ...process.env,
        MOZ_HEADLESS: '1',
        MOZ_DISABLE_NONLOCAL_CONNECTIONS: opts.lan ? '0' : '1',
        MOZ_CRASHREPORTER_DISABLE: '1',
        DBUS_SESSION_BUS_ADDRESS: 'disabled:',
      },
    });
  } catch (err) {
    await rm(profileDir, { recursive: true, force: true, maxRetries: 3 });
    await dns.close();
    throw err;
  }

  let closed = false;
  let extPage: Page | null = null;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await withTimeout(browser.close(), 30_000, 'firefox did not close').catch(() => browser.process()?.kill('SIGKILL'));
    await rm(profileDir, { recursive: true, force: true, maxRetries: 3 });
    if (installDir !== null) await rm(installDir, { recursive: true, force: true, maxRetries: 3 });
    await dns.close();
  };

  const extensionUrl = (path = ''): string => {
    if (extensionUuid === null) throw new Error('no extension installed');
    return `moz-extension://${extensionUuid}/${path.replace(/^\//, '')}`;
  };

  const waitForUrl = async (page: Page, match: (url: string) => boolean, timeoutMs = 20_000): Promise<string> => {
    const end = Date.now() + timeoutMs;
    let last: string | null = null;
    while (Date.now() < end) {
      last = (await currentUrl(page)) ?? last;
      if (last !== null && match(last)) return last;
      await sleep(100);
    }
    throw new Error(`URL condition not met within ${timeoutMs} ms (last: ${last})`);
  };

  /**
   * Navigates and waits until the document is the one asked for and has loaded. puppeteer's goto never settles for
   * moz-extension:// pages over BiDi (no load event reaches it), so this polls the page instead.
   */
  const openPage = async (page: Page, url: string, timeoutMs = 20_000): Promise<void> => {
    navigate(page, url);
    const end = Date.now() + timeoutMs;
    await waitForUrl(page, (u) => u === url, timeoutMs);
    while ((await currentReadyState(page)) !== 'complete') {
      if (Date.now() > end) throw new Error(`${url} did not finish loading within ${timeoutMs} ms`);
      await sleep(50);
    }
  };

  /** A tab on the extension's own page: the place to evaluate `browser.*` and the readiness probe. */
  const extensionPage = async (): Promise<Page> => {
    if (extPage && !extPage.isClosed()) return extPage;
    const page = await browser.newPage();
    await openPage(page, extensionUrl('src/pages/options/index.html'));
    extPage = page;
    return page;
  };

  const inExtension = async <T, A>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> => {
    const page = await extensionPage();
    return page.evaluate(fn as (a: unknown) => T | Promise<T>, arg as unknown) as Promise<T>;
  };

  let version: string;
  try {
    version = await browser.version();
    if (extensionDir !== null) {
      installDir = await mkdtemp(join(tmpdir(), 'netwhy-firefox-ext-'));
      await cp(extensionDir, installDir, { recursive: true });
      const installed = await withTimeout(browser.installExtension(installDir), timeout, 'extension install timed out');
      if (installed !== extensionId) throw new Error(`installed ${installed}, expected ${extensionId}`);
      // The UUID Firefox gave the add-on must be the one chosen above, and the background must answer.
      const end = Date.now() + timeout;
      let lastErr: unknown = null;
      for (;;) {
        try {
          const state = await withTimeout(
            inExtension(async () => {
              const ext = (
                globalThis as unknown as {
                  browser: { runtime: { getURL(p: string): string; sendMessage(m: unknown): Promise<unknown> } };
                }
              ).browser;
              const reply = (await ext.runtime.sendMessage({ netwhy: 1, type: 'settings:get', data: {} })) as {
                ok?: boolean;
                value?: { version?: number };
              } | null;
              const settings = reply?.ok ? reply.value : null;
              return { base: ext.runtime.getURL(''), ready: typeof settings?.version === 'number' };
            }),
            5_000,
            'readiness probe timed out',
          );
          if (state.base !== extensionUrl(''))
            throw new Error(`extension base is ${state.base}, expected ${extensionUrl('')}`);
          if (state.ready) break;
        } catch (err) {
          lastErr = err;
          if (/extension base is/.test(String(err))) throw err;
        }
        if (Date.now() > end)
          throw new Error(`the extension's background did not answer within ${timeout} ms: ${String(lastErr)}`);
        await sleep(200);
      }
    }
  } catch (err) {
    await close();
    throw err;
  }

  return {
    browser,
    profileDir,
    dns,
    extensionDir,
    extensionId,
    extensionUuid,
    version,
    extensionUrl,
    newPage: () => browser.newPage(),
    inExtension: inExtension as LaunchedFirefox['inExtension'],
    openPage,
    waitForUrl,
    close,
  };
}
