/**
 * Explanation latency in real Chromium: navigation start → the final page rendered, for a refused connection
 * (a closed loopback port), side by side with three references, interleaved round by round:
 *   netwhy  the built extension: the failing navigation, then netwhy's explanation page
 *   (a)     no extension: the browser's own error page (chrome-error://chromewebdata/)
 *   (b)     the floor of the design: a direct navigation to the same explanation page URL (netwhy's last one) plus
 *           the delay of the earliest error event (webRequest.onErrorOccurred, measured in the (c) browser)
 *   (c)     bench/baseline-extension: tabs.update to a one-line extension page on the first error event
 *   (d)     the same, to a page whose one line a module script writes from the page's address: the least a page can
 *           do that shows words of its own failure (an extension page may run no inline script)
 *   (e)     the limit of netwhy's design (bench/limit-extension): (c)'s one listener, to a static file holding netwhy's
 *           own first paint of this failure, in a worker that carries and evaluates what issue #21 puts in netwhy's
 *           (engine, taxonomy, reports, probes, polyfill); its page asks that worker for netwhy's loopback probes
 *           and is complete when they are in. No extension shows this explanation sooner.
 * and, with the worker stopped first (cold start), netwhy, (c) and (e) again; and, as a diagnostic, netwhy with its
 * loopback probes turned off (settings.probes = 'off', in a fourth browser): what the probes cost the page.
 * Each sample starts from the same loopback page in the same tab; see tab-timing.ts for the clock.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { launchWithExtension, type LaunchedBrowser } from '../test/e2e/support/chromium';
import { startFaultServer, type FaultServer } from '../test/e2e/support/fault-server';
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import type { ChromeGlobal } from '../test/e2e/chromium/helpers';
import { substitute } from '../src/engine/i18n';
import { prepareShell, servedPage } from '../src/platform/explain-server';
import { ENGLISH } from './english';
import { TabTimer, type NavTiming } from './tab-timing';

export const EXPLAIN_PATH = 'src/pages/explain/index.html';

export type Scenario =
  'netwhy' | 'a' | 'b' | 'c' | 'd' | 'e' | 'netwhyCold' | 'cCold' | 'eCold' | 'netwhyNoProbes' | 'alt' | 'altCold';

export interface LatencySample extends NavTiming {
  round: number;
  /** webRequest.onErrorOccurred timeStamp − start, when the scenario saw it ((c) only: the baseline reports it). */
  errorEvent: number | null;
  /** netwhy's worker, from its own performance timeline (src/background/timeline.ts), ms after start. */
  worker?: WorkerTimeline;
}

/**
 * `started`: the worker's time origin (its global created: a cold start's first moment); `ready`: its modules ran and
 * its listeners are registered; `event`: it handled the page's failure; `takeover`: it called tabs.update. null: not
 * in this sample (a warm worker started long before it).
 */
export interface WorkerTimeline {
  started: number | null;
  /** Its first module started to run: every module of the worker fetched and compiled. */
  evaluating: number | null;
  ready: number | null;
  event: number | null;
  takeover: number | null;
  /** Every `netwhy:*` mark of the worker (the four above and any other), ms after start. */
  all: Record<string, number>;
}

/** The worker's marks since `startWall` (epoch ms), on the sample's clock (ms after start). */
async function workerTimeline(r: Rig, startWall: number): Promise<WorkerTimeline> {
  const w = await r.b.waitForWorker();
  const got = await w.evaluate(() => ({
    origin: performance.timeOrigin,
    marks: performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('netwhy:'))
      .map((m) => [m.name.slice('netwhy:'.length), m.startTime] as const),
  }));
  const at = (epoch: number | null) => (epoch === null || epoch < startWall ? null : epoch - startWall);
  const mark = (name: string) => {
    const m = got.marks.find(([n]) => n === name);
    return m ? at(got.origin + m[1]) : null;
  };
  return {
    started: at(got.origin),
    evaluating: mark('evaluating'),
    ready: mark('ready'),
    event: mark('event'),
    takeover: mark('takeover'),
    all: Object.fromEntries(
      got.marks.map(([n]) => [n, mark(n)] as const).filter((e): e is readonly [string, number] => e[1] !== null),
    ),
  };
}

export interface LatencyRun {
  closedPort: number;
  samples: Record<Scenario, LatencySample[]>;
  errors: { scenario: Scenario; round: number; message: string }[];
}

/** A port below the ephemeral range, closed on both loopback families (other test runs bind ephemeral ports). */
export async function stableClosedPort(from = 21_000): Promise<number> {
  const free = (host: string, port: number) =>
    new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen({ host, port, exclusive: true }, () => s.close(() => resolve(true)));
    });
  for (let port = from; port < from + 1000; port++) {
    if ((await free('127.0.0.1', port)) && (await free('::1', port))) return port;
  }
  throw new Error('no closed port found');
}

export interface LatencyOptions {
  extDir: string;
  baselineDir: string;
  /** Scenario (e)'s extension, built by bench/run.mjs; its page.html is written here from netwhy's. */
  limitDir?: string;
  rounds: number;
  warmup: number;
  log: (line: string) => void;
  /**
   * Another build of netwhy (`--alt DIR`), measured as `alt` and `altCold` in the same rounds as netwhy: an A/B of a
   * change on the same machine state.
   */
  altDir?: string;
  /** Scenarios left out (`--skip a,b`): quicker A/B runs. */
  skip?: Scenario[];
}

interface Rig {
  b: LaunchedBrowser;
  timer: TabTimer;
}

/**
 * The explanation page's own User Timing marks the bench waits for: its headline is in the DOM (`headline`), the
 * worker's answer arrived (`replied`) and is rendered (`rendered`). Read after the paint, from the page itself: no
 * script is added to any page of any scenario. A script added to every new document (DevTools
 * `Page.addScriptToEvaluateOnNewDocument`, as bench/popup.ts still uses) made the same one-line page paint ×1.29 later
 * (per-round median, 20 rounds, side by side with the uninstrumented (d); ×0.91 without it), so instrumenting only
 * netwhy's page had charged netwhy for the bench's own script.
 */
export const EXPLAIN_MARKS = ['headline', 'replied', 'rendered', 'served'];

async function rig(extensionDir: string | null): Promise<Rig> {
  const b = await launchWithExtension({ extensionDir });
  const page = await b.newPage();
  const timer = await TabTimer.attach(b.context, page);
  return { b, timer };
}

/** Navigates to a failing address and reads the explanation page's marks as `main`, `complete` and its message. */
async function explained(r: Rig, url: string, isFinal: (u: string) => boolean): Promise<NavTiming> {
  const t = await r.timer.navigate(url, isFinal, { pageMarks: EXPLAIN_MARKS, selector: 'main[data-ready="true"]' });
  const at = (name: string) => t.pageMarks[name] ?? null;
  t.marks = {
    main: at('served') !== null ? t.responseEnd : at('headline'),
    complete: t.matched ? at('rendered') : null,
  };
  const asked = at('asked');
  t.messages = asked === null ? [] : [{ type: 'diagnosis:get', start: asked, end: at('replied') }];
  checkMain(t);
  return t;
}

/** The explanation page's paint must be its main content: `main` was in the DOM by then. */
function checkMain(t: NavTiming): void {
  const main = t.marks.main;
  if (main === null || main === undefined || t.paint === null || main > t.paint + 0.5) {
    throw new Error(`the first paint (${t.paint} ms) came before <main> (${main} ms)`);
  }
}

/**
 * Scenario (e)'s page: netwhy's explanation page as its worker serves it for a refused connection (its HTML, the
 * first paint from the address of one netwhy takeover, the styles inlined), in English, with its script swapped for
 * the limit's own (bench/limit-extension/page.js). Written once, before (e)'s browser starts.
 */
export async function writeLimitPage(limitDir: string, extDir: string, explanationUrl: string): Promise<void> {
  const pageUrl = new URL(explanationUrl.split('?')[0]!);
  const files = (url: string) => Promise.resolve(new Response(readFileSync(join(extDir, new URL(url).pathname))));
  const shell = await prepareShell(readFileSync(join(extDir, EXPLAIN_PATH), 'utf8'), pageUrl.href, files);
  const say = (key: string, subs?: string[]) => {
    const entry = Object.hasOwn(ENGLISH, key) ? ENGLISH[key] : undefined;
    return entry ? substitute(entry.message, subs ?? []) : '';
  };
  const html = servedPage(shell, new URL(explanationUrl).search, say);
  const script = /<script type="module" async[^>]*><\/script>/;
  if (html === null || !script.test(html)) throw new Error(`no served page for ${explanationUrl}`);
  writeFileSync(
    join(limitDir, 'page.html'),
    html.replace(script, '<script type="module" async src="/page.js"></script>'),
  );
}

/** (e)'s browser, once its page is written from one netwhy takeover of a refused connection. */
async function limitRig(limitDir: string, extDir: string, netwhy: Rig): Promise<Rig> {
  const port = await stableClosedPort();
  const explain = netwhy.b.extensionUrl(EXPLAIN_PATH);
  const t = await explained(netwhy, `http://127.0.0.1:${port}/app?n=0`, (u) => u.startsWith(explain));
  await writeLimitPage(limitDir, extDir, t.finalUrl);
  return rig(limitDir);
}

export interface LatencyBrowsers {
  netwhy: Rig;
  noProbes: Rig;
  none: Rig;
  baseline: Rig;
  limit: Rig | null;
  alt: Rig | null;
  fs: FaultServer;
  close(): Promise<void>;
}

export async function openBrowsers(o: LatencyOptions): Promise<LatencyBrowsers> {
  const fs = await startFaultServer();
  const [netwhy, none, baseline, noProbes] = [
    await rig(o.extDir),
    await rig(null),
    await rig(o.baselineDir),
    await rig(o.extDir),
  ];
  const alt = o.altDir ? await rig(o.altDir) : null;
  const limit =
    o.limitDir && !(o.skip?.includes('e') && o.skip.includes('eCold'))
      ? await limitRig(o.limitDir, o.extDir, netwhy)
      : null;
  const worker = await noProbes.b.waitForWorker();
  await worker.evaluate(
    async (settings) => {
      await (globalThis as unknown as ChromeGlobal).chrome.storage.local.set({ settings });
    },
    { ...DEFAULT_SETTINGS, probes: 'off' as const },
  );
  return {
    netwhy,
    noProbes,
    none,
    baseline,
    limit,
    alt,
    fs,
    async close() {
      for (const r of [netwhy, none, baseline, noProbes, ...(alt ? [alt] : []), ...(limit ? [limit] : [])])
        await r.b.close();
      await fs.close();
    },
  };
}

export async function runLatency(o: LatencyOptions, browsers: LatencyBrowsers): Promise<LatencyRun> {
  const { netwhy, none, baseline, noProbes, limit, alt, fs } = browsers;
  const port = await stableClosedPort();
  const start = fs.ok('start');
  const explainPrefix = netwhy.b.extensionUrl(EXPLAIN_PATH);
  const baselinePage = baseline.b.extensionUrl('page.html');
  const wordsPage = baseline.b.extensionUrl('words.html');
  const limitPage = limit?.b.extensionUrl('page.html') ?? '';
  const samples: LatencyRun['samples'] = {
    netwhy: [],
    a: [],
    b: [],
    c: [],
    netwhyCold: [],
    cCold: [],
    d: [],
    e: [],
    eCold: [],
    netwhyNoProbes: [],
    alt: [],
    altCold: [],
  };
  const errors: LatencyRun['errors'] = [];
  let n = 0;
  let lastExplainUrl: string | null = null;

  const reset = async (r: Rig) => {
    await r.timer.page.goto(start, { waitUntil: 'load' });
    await new Promise((resolve) => setTimeout(resolve, 30)); // let the start page go idle
  };
  const failing = () => `http://127.0.0.1:${port}/app?n=${++n}`;
  const failingWords = () => `http://127.0.0.1:${port}/words?n=${++n}`;

  const once = async (scenario: Scenario, round: number, record: boolean): Promise<void> => {
    try {
      let t: NavTiming;
      let errorEvent: number | null = null;
      let worker: WorkerTimeline | undefined;
      if (scenario === 'netwhy' || scenario === 'netwhyCold') {
        await reset(netwhy);
        if (scenario === 'netwhyCold') await netwhy.b.stopWorker();
        t = await explained(netwhy, failing(), (u) => u.startsWith(explainPrefix));
        lastExplainUrl = t.finalUrl;
        worker = await workerTimeline(netwhy, t.startWall);
      } else if ((scenario === 'alt' || scenario === 'altCold') && alt) {
        await reset(alt);
        if (scenario === 'altCold') await alt.b.stopWorker();
        t = await explained(alt, failing(), (u) => u.startsWith(alt.b.extensionUrl(EXPLAIN_PATH)));
        worker = await workerTimeline(alt, t.startWall);
      } else if (scenario === 'netwhyNoProbes') {
        await reset(noProbes);
        t = await explained(noProbes, failing(), (u) => u.startsWith(noProbes.b.extensionUrl(EXPLAIN_PATH)));
      } else if (scenario === 'a') {
        await reset(none);
        t = await none.timer.navigate(failing(), (u) => u.startsWith('chrome-error://'));
      } else if (scenario === 'c' || scenario === 'cCold') {
        await reset(baseline);
        if (scenario === 'cCold') await baseline.b.stopWorker();
        t = await baseline.timer.navigate(failing(), (u) => u.startsWith(baselinePage));
        const stamp = Number(new URL(t.finalUrl).hash.slice(1));
        errorEvent = Number.isFinite(stamp) && stamp > 0 ? stamp - t.startWall : null;
      } else if ((scenario === 'e' || scenario === 'eCold') && limit) {
        await reset(limit);
        if (scenario === 'eCold') await limit.b.stopWorker();
        t = await explained(limit, failing(), (u) => u.startsWith(limitPage));
        worker = await workerTimeline(limit, t.startWall);
        const stamp = Number(new URL(t.finalUrl).hash.slice(1));
        errorEvent = Number.isFinite(stamp) && stamp > 0 ? stamp - t.startWall : null;
      } else if (scenario === 'd') {
        await reset(baseline);
        t = await baseline.timer.navigate(failingWords(), (u) => u.startsWith(wordsPage));
      } else {
        if (!lastExplainUrl) throw new Error('no explanation page URL yet');
        await reset(netwhy);
        t = await explained(netwhy, lastExplainUrl, (u) => u.startsWith(explainPrefix));
      }
      if (record) samples[scenario].push({ ...t, round, errorEvent, ...(worker ? { worker } : {}) });
    } catch (err) {
      if (record) errors.push({ scenario, round, message: String(err).slice(0, 300) });
      o.log(`  ${scenario} round ${round}: ${String(err).slice(0, 200)}`);
    }
  };

  const order = (
    [
      'netwhy',
      'alt',
      'a',
      'c',
      'd',
      'e',
      'b',
      'netwhyNoProbes',
      'netwhyCold',
      'altCold',
      'cCold',
      'eCold',
    ] as Scenario[]
  ).filter(
    (s) => !o.skip?.includes(s) && (alt || (s !== 'alt' && s !== 'altCold')) && (limit || (s !== 'e' && s !== 'eCold')),
  );
  for (let round = -o.warmup; round < o.rounds; round++) {
    for (const s of order) await once(s, round, round >= 0);
    if (round >= 0 && (round + 1) % 5 === 0) o.log(`  latency: ${round + 1}/${o.rounds} rounds`);
  }
  return { closedPort: port, samples, errors };
}
