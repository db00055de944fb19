/**
 * Launches Debian's Chromium (no browser download) with an unpacked extension, through playwright-core.
 *
 *   const b = await launchWithExtension({ extensionDir: 'dist', hostMap: { 'app.test': '127.0.0.1' } });
 *   const page = await b.newPage();
 *   const nav = await gotoFailing(page, `http://127.0.0.1:${await closedPort()}/`);  // nav.code ===
 *   'ERR_CONNECTION_REFUSED'
 *   await page.waitForURL(b.extensionUrl('*'));                   // (extensionUrl builds chrome-extension://<id>/...)
 *   await b.stopWorker(); ...; const w = await b.waitForWorker();  // cold start
 *   b.requests.assertLoopbackOnly();
 *   await b.close();                                             // closes the browser, deletes the profile dir
 *   launchWithExtension({ profileDir: dir })                      // a given profile, kept on close (browser restart)
 *
 * - A fresh temporary profile per launch; `close()` removes it. `extensionDir: null` launches with no extension.
 * - Names never reach a DNS server: `--host-resolver-rules` maps every name to ~NOTFOUND (→ ERR_NAME_NOT_RESOLVED)
 *   except localhost and the loopback literals; `hostMap` adds `MAP name 127.0.0.1` rules (loopback targets only).
 * - The extension id is computed from the directory (Chromium's id for an unpacked extension: sha256 of its real
 *   path, or of the manifest `key`), so extensionUrl() works before the worker starts; the worker is found by it.
 * - Clipboard read/write is granted (no origin), so tests can read what "Copy report" wrote.
 */
import { chromium } from 'playwright-core';
import type { BrowserContext, CDPSession, Frame, Page, Response, Worker } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RequestLog } from './request-log';

/** The repository root (relative extensionDir values are resolved against it, not against the cwd). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface LaunchOptions {
  /** Unpacked extension directory (with manifest.json), relative to the repo root. Default 'dist'. null: none. */
  extensionDir?: string | null;
  /** Extra test host names → loopback IP (127.x.x.x or ::1), e.g. { 'app.test': '127.0.0.1' }. */
  hostMap?: Record<string, string>;
  /** Default true (Chromium's new headless mode, which runs extensions). */
  headless?: boolean;
  /** Extra command-line flags. */
  args?: string[];
  /** Wait for the extension's service worker before returning. Default: when the manifest declares one. */
  waitForWorker?: boolean;
  /** Timeout for launching and for the first worker, ms. Default 90 s (slow shared machine). */
  timeout?: number;
  /**
   * Chromium reloads its own network-error pages by itself (after ~1 s, then with backoff), which repeats the failed
   * request. Off by default (`--disable-auto-reload`) so tests see each failure once; true keeps the browser default.
   */
  autoReload?: boolean;
  /**
   * Run on this profile directory (created if missing) instead of a fresh temporary one, and leave it in place on
   * close(): launching again with the same directory is a browser restart with the same profile. Preferences already
   * in it are kept (the launcher's own are merged in). The caller removes the directory.
   */
  profileDir?: string;
  /**
   * Resolve names through the system resolver instead of `--host-resolver-rules` (no `MAP * ~NOTFOUND`). Only for the
   * real-world suite, which runs inside the private namespace of scripts/netns.mjs where /etc/resolv.conf points at
   * its own dnsmasq on 127.0.0.1 and nothing can leave the machine. `hostMap` must then be empty. Default false.
   */
  systemDns?: boolean;
}

export interface LaunchedBrowser {
  readonly context: BrowserContext;
  readonly profileDir: string;
  /** Absolute real path of the loaded extension, or null. */
  readonly extensionDir: string | null;
  readonly extensionId: string | null;
  /**
   * The extension's service worker; null until it first started. Playwright keeps the same object across
   * stopWorker() and the restart, so after a stop use `await waitForWorker()` before evaluating in it.
   */
  readonly worker: Worker | null;
  /** Every request of pages and service workers since launch. */
  readonly requests: RequestLog;
  /** chrome-extension://<id>/<path> */
  extensionUrl(path?: string): string;
  /**
   * Resolves with the extension worker once it runs: immediately when it does; after stopWorker(), when something
   * woke it again (an event it listens to, a message from an extension page, ...). Default timeout 60 s.
   */
  waitForWorker(timeoutMs?: number): Promise<Worker>;
  /**
   * Stops every service worker (CDP ServiceWorker.enable + stopAllWorkers) and resolves once the extension's worker
   * is stopped. Needed for cold-start tests: while Playwright's DevTools session is attached, Chromium never stops
   * the worker on its own (no 30 s idle stop in tests).
   */
  stopWorker(): Promise<void>;
  newPage(): Promise<Page>;
  /** Playwright's offline emulation (CDP Network.emulateNetworkConditions) for pages and workers. */
  setOffline(offline: boolean): Promise<void>;
  /** A CDP session on `page` (or on a page of the context). */
  cdp(page?: Page): Promise<CDPSession>;
  close(): Promise<void>;
}

/**
 * Real Chromium binary: $NETWHY_CHROMIUM, else the package's `chromium/chromium` from `dpkg -L chromium`, else
 * /usr/bin/chromium.
 */
export function findChromium(): string {
  const fromEnv = process.env['NETWHY_CHROMIUM'];
  // A variable that points nowhere is a mistake to report, not a reason to run another browser.
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`NETWHY_CHROMIUM=${fromEnv} does not exist`);
  }
  try {
    const files = execFileSync('dpkg', ['-L', 'chromium'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const binary = files
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.endsWith('/chromium/chromium') && existsSync(l));
    if (binary) return binary;
  } catch {
    /* not Debian, or the package is missing */
  }
  for (const candidate of ['/usr/lib/chromium/chromium', '/usr/bin/chromium'])
    if (existsSync(candidate)) return candidate;
  throw new Error('Chromium not found: install the Debian package `chromium` or set NETWHY_CHROMIUM');
}

function isLoopbackIp(ip: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip) || ip === '::1' || ip === '[::1]';
}

/** The --host-resolver-rules value: named test hosts first, then everything else to ~NOTFOUND except loopback. */
export function hostResolverRules(hostMap: Record<string, string> = {}): string {
  const maps = Object.entries(hostMap).map(([name, ip]) => {
    if (!/^[a-z0-9*][a-z0-9.*-]*$/i.test(name)) throw new Error(`hostMap: bad host name ${JSON.stringify(name)}`);
    if (!isLoopbackIp(ip)) throw new Error(`hostMap: ${name} → ${ip}: only loopback targets are allowed in tests`);
    return `MAP ${name} ${ip === '::1' ? '[::1]' : ip}`;
  });
  return [...maps, 'MAP * ~NOTFOUND', 'EXCLUDE localhost', 'EXCLUDE 127.0.0.1', 'EXCLUDE ::1'].join(' , ');
}

interface Manifest {
  key?: string;
  background?: { service_worker?: string };
}

function readManifest(dir: string): Manifest {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) throw new Error(`no manifest.json in ${dir}: build the extension first (npm run build)`);
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

/**
 * Chromium's id for an unpacked extension: sha256 of the manifest key (DER) or of the absolute real path, a–p encoded.
 */
export function extensionIdFor(dir: string): string {
  const real = realpathSync(dir);
  const manifest = readManifest(real);
  const input = typeof manifest.key === 'string' ? Buffer.from(manifest.key, 'base64') : Buffer.from(real, 'utf8');
  const hex = createHash('sha256').update(input).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/**
 * Profile preferences written before each start, merged into any the profile already has. `alternate_error_pages.
 * enabled: false` turns off the DNS probe Chromium runs after a main-frame ERR_NAME_NOT_RESOLVED: it queries
 * google.com at 8.8.8.8 and at the system resolver directly, bypassing --host-resolver-rules (seen with strace on
 * Chromium 156).
 */
async function writeProfilePreferences(profileDir: string): Promise<void> {
  await mkdir(join(profileDir, 'Default'), { recursive: true });
  const file = join(profileDir, 'Default', 'Preferences');
  let prefs: Record<string, unknown> = {};
  try {
    prefs = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    /* a new profile */
  }
  prefs.alternate_error_pages = { ...(prefs.alternate_error_pages as object | undefined), enabled: false };
  await writeFile(file, JSON.stringify(prefs));
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

export async function launchWithExtension(opts: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const timeout = opts.timeout ?? 90_000;
  let extensionDir: string | null = null;
  if (opts.extensionDir !== null) {
    const dir = resolve(REPO_ROOT, opts.extensionDir ?? 'dist');
    if (!existsSync(dir))
      throw new Error(`extension directory ${dir} does not exist: build the extension first (npm run build)`);
    extensionDir = realpathSync(dir);
  }
  const manifest = extensionDir === null ? null : readManifest(extensionDir);
  const extensionId = extensionDir === null ? null : extensionIdFor(extensionDir);
  const hostMap = opts.hostMap ?? {};
  if (opts.systemDns && Object.keys(hostMap).length > 0) {
    throw new Error('launchWithExtension: hostMap needs --host-resolver-rules; with systemDns the resolver maps names');
  }

  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-domain-reliability',
    '--disable-client-side-phishing-detection',
    ...(opts.autoReload ? [] : ['--disable-auto-reload']),
    ...(opts.systemDns ? [] : [`--host-resolver-rules=${hostResolverRules(hostMap)}`]),
    ...(extensionDir === null
      ? []
      : [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]),
    // English unless a test asks for another language: the machine's own locale must not change what tests read.
    ...(opts.args?.some((a) => a.startsWith('--lang=')) ? [] : ['--lang=en-US']),
    ...(opts.args ?? []),
  ];

  const ownProfile = opts.profileDir === undefined;
  const profileDir =
    opts.profileDir === undefined ? await mkdtemp(join(tmpdir(), 'netwhy-chromium-')) : resolve(opts.profileDir);
  let context: BrowserContext;
  try {
    await writeProfilePreferences(profileDir);
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: findChromium(),
      headless: opts.headless ?? true,
      args,
      // Playwright adds --disable-extensions by default; it must go for --load-extension to work.
      ...(extensionDir === null ? {} : { ignoreDefaultArgs: ['--disable-extensions'] }),
      timeout,
    });
  } catch (err) {
    if (ownProfile) await rm(profileDir, { recursive: true, force: true, maxRetries: 3 });
    throw err;
  }

  const requests = new RequestLog(context, { allowHosts: Object.keys(hostMap) });
  const workers = new EventEmitter();
  // Playwright keeps ONE Worker object per extension worker: after a stop it stays in context.serviceWorkers(),
  // fires no 'close', and serves evaluate() again once the worker restarts (same DevTools target). So the
  // running/stopped state comes from CDP's ServiceWorker domain (see stopWorker).
  let current: Worker | null = null;
  const prefix = extensionId === null ? null : `chrome-extension://${extensionId}/`;
  const otherWorkers: string[] = [];
  const adopt = (w: Worker): void => {
    if (prefix === null) return;
    if (!w.url().startsWith(prefix)) {
      otherWorkers.push(w.url());
      return;
    }
    current = w;
    w.once('close', () => {
      if (current === w) current = null;
    });
    workers.emit('worker', w);
  };
  context.on('serviceworker', adopt);
  for (const w of context.serviceWorkers()) adopt(w);

  /** Set by stopWorker: resolves when the stopped worker runs again. */
  let restarted: { promise: Promise<void>; session: CDPSession } | null = null;

  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    requests.dispose();
    await context.close().catch(() => {});
    if (ownProfile) await rm(profileDir, { recursive: true, force: true, maxRetries: 3 });
  };

  const nextWorker = (timeoutMs: number): Promise<Worker> =>
    new Promise((resolveWorker, reject) => {
      if (current) return resolveWorker(current);
      const timer = setTimeout(() => {
        workers.off('worker', onWorker);
        const others = otherWorkers.length ? ` (other service workers: ${otherWorkers.join(', ')})` : '';
        reject(new Error(`extension service worker ${prefix ?? ''} did not start within ${timeoutMs} ms${others}`));
      }, timeoutMs);
      const onWorker = (w: Worker): void => {
        clearTimeout(timer);
        resolveWorker(w);
      };
      workers.once('worker', onWorker);
    });

  const waitForWorker = async (timeoutMs = 60_000): Promise<Worker> => {
    if (prefix === null) throw new Error('no extension loaded');
    const deadline = Date.now() + timeoutMs;
    const left = (): number => Math.max(1, deadline - Date.now());
    const worker = await nextWorker(timeoutMs);
    if (restarted) {
      const { promise, session } = restarted;
      await withTimeout(promise, left(), `extension service worker did not restart within ${timeoutMs} ms`);
      restarted = null;
      await session.detach().catch(() => {});
    }
    // Also wait until Playwright has the worker's (new) execution context.
    for (;;) {
      try {
        await withTimeout(
          worker.evaluate(() => true),
          left(),
          `extension service worker not ready within ${timeoutMs} ms`,
        );
        return worker;
      } catch (err) {
        if (!/destroyed|closed|detached/i.test(String(err)) || Date.now() >= deadline) throw err;
      }
    }
  };

  const anyPage = async (): Promise<Page> => context.pages().find((p) => !p.isClosed()) ?? (await context.newPage());

  const stopWorker = async (): Promise<void> => {
    if (prefix === null) throw new Error('no extension loaded');
    const worker = current;
    if (worker === null) throw new Error('the extension has no service worker to stop');
    if (restarted) {
      // Stopped before and not awaited: just stop again with a fresh watch.
      await restarted.session.detach().catch(() => {});
      restarted = null;
    }
    const session = await context.newCDPSession(await anyPage());
    let running = true;
    let onStopped!: () => void;
    let onRunning!: () => void;
    const stopped = new Promise<void>((r) => (onStopped = r));
    const runningAgain = new Promise<void>((r) => (onRunning = r));
    interface Version {
      scriptURL: string;
      runningStatus: string;
    }
    session.on('ServiceWorker.workerVersionUpdated', (event: { versions: Version[] }) => {
      const ours = event.versions.filter((v) => v.scriptURL.startsWith(prefix));
      if (ours.length === 0) return;
      if (ours.every((v) => v.runningStatus === 'stopped')) {
        running = false;
        onStopped();
      } else if (!running && ours.some((v) => v.runningStatus === 'running')) {
        running = true;
        onRunning();
      }
    });
    // If the page holding the session goes away, fall back to Playwright: evaluate() waits for the new context.
    session.once('close', () => void worker.evaluate(() => true).then(onRunning, onRunning));
    try {
      await session.send('ServiceWorker.enable');
      await session.send('ServiceWorker.stopAllWorkers');
      await withTimeout(stopped, 30_000, 'extension service worker did not stop');
    } catch (err) {
      await session.detach().catch(() => {});
      throw err;
    }
    restarted = { promise: runningAgain, session };
  };

  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    if (opts.waitForWorker ?? Boolean(manifest?.background?.service_worker)) await waitForWorker(timeout);
  } catch (err) {
    await close();
    throw err;
  }

  return {
    context,
    profileDir,
    extensionDir,
    extensionId,
    get worker() {
      return current;
    },
    requests,
    extensionUrl(path = '') {
      if (prefix === null) throw new Error('no extension loaded');
      return prefix + path.replace(/^\//, '');
    },
    waitForWorker,
    stopWorker,
    newPage: () => context.newPage(),
    setOffline: (offline) => context.setOffline(offline),
    async cdp(page) {
      return context.newCDPSession(page ?? (await anyPage()));
    },
    close,
  };
}

export interface FailedNavigation {
  /** The error message page.goto threw, or null when it did not throw. */
  error: string | null;
  /** The net error in it without the prefix, e.g. 'ERR_CONNECTION_REFUSED'; null when there is none. */
  code: string | null;
  /** The response when goto did not throw. */
  response: Response | null;
  /**
   * What the main frame committed after the failure (the browser's 'chrome-error://chromewebdata/' page, or a page
   * the extension navigated to), or null when nothing did (not waited for, or not within settleTimeout).
   */
  committedUrl: string | null;
}

export interface GotoFailingOptions {
  /** page.goto timeout, ms. Default 30 s. */
  timeout?: number;
  /**
   * Default 'load'. Avoid 'commit' unless needed: closing a page that is still loading makes Playwright's
   * page.close() hang now and then (seen 1 in 5 on Chromium 156); use closePage() then.
   */
  waitUntil?: 'commit' | 'domcontentloaded' | 'load';
  /**
   * page.goto throws a net:: error BEFORE the browser commits its error page; a next goto started in between gets
   * "interrupted by another navigation to chrome-error://chromewebdata/". So by default gotoFailing waits for that
   * commit (or for whatever else the main frame commits, e.g. the extension's page) and for it to load. Default true.
   */
  settle?: boolean;
  /** How long to wait for that commit and load, ms. Default 15 s. */
  settleTimeout?: number;
}

/** The `ERR_*` code in an error message such as "page.goto: net::ERR_CONNECTION_REFUSED at http://...". */
export function netErrorCode(message: string): string | null {
  return /net::(ERR_[A-Z0-9_]+)/.exec(message)?.[1] ?? null;
}

/**
 * page.goto that expects failure: it returns instead of throwing. A failing URL makes goto throw even when the
 * extension then redirects the tab, so follow up with `page.waitForURL(...)` when the extension should take over.
 */
export async function gotoFailing(page: Page, url: string, opts: GotoFailingOptions = {}): Promise<FailedNavigation> {
  const commits: string[] = [];
  let wake: (() => void) | null = null;
  const onNavigated = (frame: Frame): void => {
    if (frame !== page.mainFrame()) return;
    commits.push(frame.url());
    wake?.();
  };
  page.on('framenavigated', onNavigated);
  try {
    const response = await page.goto(url, { timeout: opts.timeout ?? 30_000, waitUntil: opts.waitUntil ?? 'load' });
    return { error: null, code: null, response, committedUrl: page.url() };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const code = netErrorCode(message);
    // Only a net:: error is followed by a commit; ERR_ABORTED (204, download, replaced) commits nothing.
    if (code === null || code === 'ERR_ABORTED' || opts.settle === false) {
      return { error: message, code, response: null, committedUrl: null };
    }
    const settleTimeout = opts.settleTimeout ?? 15_000;
    const deadline = Date.now() + settleTimeout;
    const settled = (): string | undefined => commits.find((u) => u !== url);
    if (settled() === undefined) {
      await new Promise<void>((resolveWait) => {
        const timer = setTimeout(resolveWait, settleTimeout);
        wake = () => {
          if (settled() === undefined) return;
          clearTimeout(timer);
          resolveWait();
        };
      });
    }
    const committedUrl = settled() ?? null;
    if (committedUrl !== null) {
      await page.waitForLoadState('load', { timeout: Math.max(1, deadline - Date.now()) }).catch(() => {});
    }
    return { error: message, code, response: null, committedUrl };
  } finally {
    page.off('framenavigated', onNavigated);
  }
}

/**
 * page.close() that does not hang: waits (bounded) for the current document to finish loading first, since closing
 * a page mid-load sometimes never resolves (Playwright 1.65 + Chromium 156).
 */
export async function closePage(page: Page, timeoutMs = 15_000): Promise<void> {
  if (page.isClosed()) return;
  await page.waitForLoadState('load', { timeout: timeoutMs }).catch(() => {});
  await page.close();
}
