/**
 * The benchmark driver (run through bench/run.mjs, which builds first). Runs the parts, prints the table and the
 * machine, writes the results (JSON + a Markdown table for the README).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { findChromium, launchWithExtension } from '../test/e2e/support/chromium';
import { startFaultServer } from '../test/e2e/support/fault-server';
import {
  openBrowsers,
  runLatency,
  stableClosedPort,
  type LatencyBrowsers,
  type LatencyRun,
  type LatencySample,
  type Scenario,
} from './latency';
import { runMemory, type MemoryResult } from './memory';
import { runPopup, type PopupSample } from './popup';
import { KB, kb, localeTextFloor, measureSizes, type SizeReport } from './sizes';
import { rounded, summarize, type Summary } from './stats';

export interface MainOptions {
  root: string;
  extDir: string;
  /** Scenario (e)'s extension (bench/limit-extension), built by bench/run.mjs. */
  limitDir?: string;
  nodeDir: string;
  composition: string;
  argv: string[];
}

const PARTS = ['sizes', 'engine', 'storm', 'takeover', 'latency', 'popup', 'memory'] as const;
type Part = (typeof PARTS)[number];

interface Goal {
  id: string;
  figure: string;
  measured: string;
  goal: string;
  met: boolean;
  /** By how much it is missed, and what limits it. */
  note?: string;
}

const MB = 1024 * 1024;

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

function git(root: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function machine(root: string) {
  const cpus = os.cpus();
  let chromium: string | null;
  try {
    chromium = execFileSync(findChromium(), ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    chromium = null;
  }
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium,
    loadavgStart: os.loadavg().map((v) => Math.round(v * 100) / 100),
    loadavgEnd: [] as number[],
    commit: git(root, ['rev-parse', '--short', 'HEAD']),
    /** Uncommitted changes in the checkout when it ran (the bench measures the working tree). */
    dirty: (git(root, ['status', '--porcelain', '--', 'src', 'manifest.json', 'vite.config.ts']) ?? '') !== '',
  };
}

function child<T>(file: string, args: string[]): T {
  const r = spawnSync(process.execPath, [file, ...args], { encoding: 'utf8', maxBuffer: 64 * MB });
  if (r.status !== 0) throw new Error(`${file} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as T;
}

const ms = (v: number | null | undefined, d = 0) =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d);
const med = (s: Summary, d = 0, unit = '') => `${ms(s.median, d)}${unit} (${ms(s.p10, d)}–${ms(s.p90, d)}, n=${s.n})`;

interface EngineResult {
  cases: number;
  rounds: number;
  perCall: Summary;
  batchMeanUs: number;
  /** Diagnoses.of() for a failure already diagnosed (the worker's cache), µs per lookup. */
  cacheHit: Summary;
  slowest: { name: string; median: number }[];
  /** The slowest call on hostile inputs, ms (bench/engine.ts). */
  hostile: { normalizeHugeMs: number; normalizeLongMs: number; repairSettingsMs: number };
}

interface StormResult {
  mode: string;
  failures: number;
  cpuMs: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  deliveredMs: number;
  wallMs: number;
  writes: Record<string, number>;
  calls: Record<string, number>;
  historyEntries: number;
  historyCount: number;
  historyLimit: number;
  tabGroups: number;
  tabGroupCount: number;
  profile?: { sampledMs: number; top: { fn: string; ms: number }[] };
}

interface TakeoverRound {
  toUpdateUs: number;
  before: string[];
  after: [number, string][];
  answeredMs: number | null;
  answered: boolean;
}

interface ColdTakeover {
  evaluateMs: number;
  toUpdateMs: number;
  updateAfterEventMs: number;
  timeline: [number, string][];
}

interface Composition {
  [chunk: string]: { imports: string[]; modules: { id: string; bytes: number; gzip: number | null }[] };
}

/** Source modules of the given package files (from the build's chunk records), biggest first, and by folder. */
/** What the zip's text takes, and the least it could take: the arithmetic behind the zip budget. */
function zipNote(
  zip: number,
  budget: number,
  catalogs: number,
  floor: { languages: number; deflated: number },
): string {
  const rest = zip - catalogs;
  return (
    ` The text in ${floor.languages} languages (_locales/*/messages.json, required complete by issue #10) is ${kb(catalogs)} of it, gzipped one by one;` +
    ` the messages alone, with no names and no JSON, still deflate to ${kb(floor.deflated)}. With everything else at ${kb(rest)}, the least this package` +
    ` could be is ${kb(floor.deflated + rest)}; within ${kb(budget)}, the code, pages and icons would have ${kb(budget - floor.deflated)} in all.`
  );
}

function modulesOf(composition: Composition, files: string[]) {
  const modules = files.flatMap((f) => (composition[f]?.modules ?? []).map((m) => ({ ...m, chunk: f })));
  modules.sort((a, b) => (b.gzip ?? 0) - (a.gzip ?? 0));
  const groups = new Map<string, { bytes: number; gzip: number; modules: number }>();
  for (const m of modules) {
    const key = m.id.startsWith('src/')
      ? dirname(m.id)
      : m.id.includes('node_modules/')
        ? m.id.replace(/.*node_modules\/((?:@[^/]+\/)?[^/]+).*/, 'node_modules/$1')
        : 'other';
    const g = groups.get(key) ?? { bytes: 0, gzip: 0, modules: 0 };
    g.bytes += m.bytes;
    g.gzip += m.gzip ?? 0;
    g.modules++;
    groups.set(key, g);
  }
  return {
    modules,
    groups: [...groups.entries()].map(([dir, g]) => ({ dir, ...g })).sort((a, b) => b.gzip - a.gzip),
  };
}

/** When the page's message of `type` was answered (ms after start). */
const answered = (x: { messages: { type: string; end: number | null }[] }, type: string) =>
  x.messages.find((mm) => mm.type === type)?.end ?? null;

/** The explanation page's User Timing marks (`netwhy:<name>`) the bench reports. */
const PAGE_MARKS = ['entry', 'headline', 'asked', 'replied', 'app', 'answered', 'rendered'] as const;

function latencySummaries(run: LatencyRun) {
  type Metric =
    | 'paint'
    | 'commit'
    | 'redirect'
    | 'failed'
    | 'errorEvent'
    | 'domContentLoaded'
    | 'main'
    | 'complete'
    | 'workerAnswer'
    | 'pageNavToCommit'
    | 'pageCommitToDcl'
    | 'pageDclToPaint'
    | 'pageCommitToPaint'
    | 'pageNavToPaint'
    | 'workerStarted'
    | 'workerEvaluating'
    | 'workerDiagnosing'
    | 'workerReady'
    | 'workerEvent'
    | 'workerTakeover'
    | 'workerProbes'
    | 'pageEntryToApp'
    | 'pageAskedToReplied';
  const diff = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? null : a - b);
  const metrics: Record<Metric | 'pageResponseEnd' | `page_${string}`, (s: LatencySample) => number | null> = {
    paint: (s) => s.paint,
    commit: (s) => s.commit,
    redirect: (s) => s.redirect,
    failed: (s) => s.failed,
    errorEvent: (s) => s.errorEvent,
    domContentLoaded: (s) => s.domContentLoaded,
    main: (s) => s.marks.main ?? null,
    complete: (s) => s.marks.complete ?? null,
    workerAnswer: (s) => answered(s, 'diagnosis:get'),
    // The final page's own timeline, from its navigation start (the redirect, or the start for a direct navigation).
    pageNavToCommit: (s) => diff(s.commit, s.redirect ?? 0),
    pageCommitToDcl: (s) => diff(s.domContentLoaded, s.commit),
    pageDclToPaint: (s) => diff(s.paint, s.domContentLoaded),
    pageCommitToPaint: (s) => diff(s.paint, s.commit),
    pageNavToPaint: (s) => diff(s.paint, s.redirect ?? 0),
    workerStarted: (s) => s.worker?.started ?? null,
    workerEvaluating: (s) => s.worker?.evaluating ?? null,
    workerDiagnosing: (s) => s.worker?.all.diagnosing ?? null,
    workerReady: (s) => s.worker?.ready ?? null,
    workerEvent: (s) => s.worker?.event ?? null,
    workerTakeover: (s) => s.worker?.takeover ?? null,
    // The worker's active checks for the failure, start → end (src/background/index.ts `enrich`: 17 loopback fetches
    // for a refused port), and the page's two waits before it is complete: its app's modules, the worker's answer.
    workerProbes: (s) => diff(s.worker?.all.probed, s.worker?.all.probing),
    pageEntryToApp: (s) => diff(s.pageMarks?.app, s.pageMarks?.entry),
    pageAskedToReplied: (s) => diff(s.pageMarks?.replied, s.pageMarks?.asked),
    pageResponseEnd: (s) => s.responseEnd ?? null,
    // The explanation page's own marks (src/pages/explain: its entry module ran, the headline drawn, the app module
    // ran, diagnosis:get asked and answered, the answer rendered), ms after start.
    ...Object.fromEntries(PAGE_MARKS.map((m) => [`page_${m}`, (s: LatencySample) => s.pageMarks?.[m] ?? null])),
  };
  const by = (scenario: Scenario) => {
    const list = run.samples[scenario];
    const out = Object.fromEntries(
      Object.entries(metrics).map(([k, f]) => [k, summarize(list.map(f).filter((v): v is number => v !== null))]),
    ) as Record<Metric | 'pageResponseEnd', Summary> & Record<`page_${string}`, Summary | undefined>;
    return {
      ...out,
      errorPagePainted: list.filter((s) => s.errorPagePaint !== null).length,
      // Pages whose HTML came from the worker with the first paint in it (Chromium, platform/explain-server.ts).
      served: list.filter((s) => s.pageMarks?.served !== undefined).length,
      samples: list.length,
    };
  };
  // (b) per round: the direct navigation plus that round's error-event delay (from the (c) warm sample).
  const eventByRound = new Map(run.samples.c.filter((s) => s.errorEvent !== null).map((s) => [s.round, s.errorEvent!]));
  const floor = run.samples.b
    .filter((s) => s.paint !== null && eventByRound.has(s.round))
    .map((s) => ({ round: s.round, paint: s.paint! + eventByRound.get(s.round)! }));
  const paired = (scenario: Scenario, ref: Map<number, number>) =>
    summarize(
      run.samples[scenario]
        .filter((s) => s.paint !== null && ref.has(s.round))
        .map((s) => s.paint! / ref.get(s.round)!),
    );
  const paintByRound = (scenario: Scenario) =>
    new Map(run.samples[scenario].filter((s) => s.paint !== null).map((s) => [s.round, s.paint!]));
  const floorByRound = new Map(floor.map((f) => [f.round, f.paint]));
  /** A scenario's complete form ÷ a reference per round: (c)'s paint unless another is given. */
  const completeByRound = (scenario: Scenario, ref = paintByRound('c')) =>
    summarize(
      run.samples[scenario]
        .filter((s) => s.marks.complete != null && ref.has(s.round))
        .map((s) => s.marks.complete! / ref.get(s.round)!),
    );
  const completeOf = (scenario: Scenario) =>
    new Map(run.samples[scenario].filter((s) => s.marks.complete != null).map((s) => [s.round, s.marks.complete!]));
  return {
    netwhy: by('netwhy'),
    a: by('a'),
    bDirect: by('b'),
    bFloor: summarize(floor.map((f) => f.paint)),
    c: by('c'),
    d: by('d'),
    e: by('e'),
    netwhyCold: by('netwhyCold'),
    cCold: by('cCold'),
    eCold: by('eCold'),
    netwhyNoProbes: by('netwhyNoProbes'),
    pairedRatio: {
      toFloor: paired('netwhy', floorByRound),
      toBaseline: paired('netwhy', paintByRound('c')),
      toWords: paired('netwhy', paintByRound('d')),
      wordsToBaseline: paired('d', paintByRound('c')),
      toBrowser: paired('netwhy', paintByRound('a')),
      coldToBaselineCold: paired('netwhyCold', paintByRound('cCold')),
      completeToBaseline: completeByRound('netwhy'),
      // (e), the limit of the design: netwhy's own first paint as a static file behind (c)'s listener, in a worker
      // carrying #21's modules; complete when netwhy's probes have answered (bench/limit-extension).
      toLimit: paired('netwhy', paintByRound('e')),
      limitToBaseline: paired('e', paintByRound('c')),
      limitToWords: paired('e', paintByRound('d')),
      coldToLimitCold: paired('netwhyCold', paintByRound('eCold')),
      limitColdToBaselineCold: paired('eCold', paintByRound('cCold')),
      completeToLimitComplete: completeByRound('netwhy', completeOf('e')),
      limitCompleteToBaseline: completeByRound('e'),
      // --alt: another build in the same rounds.
      toAlt: paired('netwhy', paintByRound('alt')),
      altToBaseline: paired('alt', paintByRound('c')),
      altToWords: paired('alt', paintByRound('d')),
      coldToAltCold: paired('netwhyCold', paintByRound('altCold')),
      altColdToBaselineCold: paired('altCold', paintByRound('cCold')),
      altCompleteToBaseline: completeByRound('alt'),
    },
    alt: by('alt'),
    altCold: by('altCold'),
  };
}

type LatencySummaries = ReturnType<typeof latencySummaries>;

export async function main(o: MainOptions): Promise<number> {
  const only = arg(o.argv, 'only')
    ?.split(',')
    .map((s) => s.trim()) as Part[] | undefined;
  const unknown = only?.filter((p) => !(PARTS as readonly string[]).includes(p)) ?? [];
  if (unknown.length) {
    console.error(`unknown part(s): ${unknown.join(', ')} (parts: ${PARTS.join(', ')})`);
    return 2;
  }
  const want = (p: Part) => !only || only.includes(p);
  const rounds = Number(arg(o.argv, 'rounds') ?? 25);
  const popupRounds = Number(arg(o.argv, 'popup-rounds') ?? 15);
  const failures = Number(arg(o.argv, 'failures') ?? 10_000);
  const full = !only && rounds >= 20;
  const out = arg(o.argv, 'out') ?? join(o.root, 'bench', 'results', full ? 'latest.json' : 'partial.json.tmp');
  const log = (line: string) => console.log(line);
  const started = Date.now();
  const m = machine(o.root);
  log(
    `bench: ${m.cpu}, ${m.cores} cores, load ${m.loadavgStart.join(' ')}, ${m.chromium ?? 'Chromium not found'}, Node ${m.node}`,
  );

  const results: Record<string, unknown> = {};
  const goals: Goal[] = [];
  const composition = JSON.parse(readFileSync(o.composition, 'utf8')) as Composition;
  const load = () => os.loadavg().map((v) => Math.round(v * 100) / 100);

  // 4. Sizes (deterministic).
  let sizes: SizeReport | null = null;
  /** Scenario (e)'s worker, gzip: what #21 puts in netwhy's worker, and the polyfill. */
  let limitWorkerGzip: number | null;
  if (want('sizes')) {
    sizes = measureSizes(o.extDir);
    const worker = sizes.targets.find((t) => t.id === 'worker')!;
    const explain = sizes.targets.find((t) => t.id === 'explain')!;
    const popup = sizes.targets.find((t) => t.id === 'popup')!;
    results.sizes = {
      kb: KB,
      targets: sizes.targets.map((t) => ({
        id: t.id,
        label: t.label,
        gzip: t.gzip,
        bytes: t.bytes,
        budget: t.budget,
        ok: t.ok,
        files: t.files,
      })),
      workerComposition: modulesOf(
        composition,
        worker.files.map((f) => f.path),
      ),
      explainComposition: modulesOf(
        composition,
        explain.files.map((f) => f.path),
      ),
      popupComposition: modulesOf(
        composition,
        popup.files.map((f) => f.path),
      ),
    };
    const compositions = results.sizes as Record<string, ReturnType<typeof modulesOf>>;
    const parts = (id: string) => {
      const c = compositions[`${id}Composition`];
      // Module sizes are gzipped one by one, so they add up to more than the files: read them as shares.
      return c
        ? ` Largest parts (modules gzipped alone): ${c.groups
            .slice(0, 5)
            .map((g) => `${g.dir} ${kb(g.gzip)}`)
            .join(', ')}.`
        : '';
    };
    const zipFiles = sizes.targets.find((t) => t.id === 'zip')?.files ?? [];
    const localesGzip = zipFiles.filter((f) => f.path.startsWith('_locales/')).reduce((n, f) => n + f.gzip, 0);
    for (const t of sizes.targets) {
      goals.push({
        id: `size.${t.id}`,
        figure: `${t.label} (gzip)`,
        measured: kb(t.gzip),
        goal: `≤ ${kb(t.budget)}`,
        met: t.ok,
        note: t.ok
          ? undefined
          : t.gzip === null
            ? 'none found in the package: the check cannot pass on nothing'
            : `over by ${kb((t.gzip ?? 0) - t.budget)} (×${((t.gzip ?? 0) / t.budget).toFixed(1)}).` +
              (t.id === 'worker' || t.id === 'explain' || t.id === 'popup' ? parts(t.id) : '') +
              (t.id === 'zip' && localesGzip > 0
                ? zipNote(t.gzip ?? 0, t.budget, localesGzip, localeTextFloor(o.extDir))
                : ''),
      });
    }
    log(`sizes: ${sizes.targets.map((t) => `${t.id} ${kb(t.gzip)}`).join(', ')}`);
  }

  // 2. Engine.
  if (want('engine')) {
    const engineLoad = load();
    const e = child<EngineResult>(join(o.nodeDir, 'engine-child.mjs'), [String(400)]);
    results.engine = { ...e, perCall: rounded(e.perCall, 2), cacheHit: rounded(e.cacheHit, 2), loadavg: engineLoad };
    goals.push({
      id: 'engine.median',
      figure: 'diagnose() per failure, median',
      measured: `${e.perCall.median.toFixed(1)} µs`,
      goal: '≤ 20 µs',
      met: e.perCall.median <= 20,
    });
    goals.push({
      id: 'engine.p99',
      figure: 'diagnose() per failure, p99',
      measured: `${e.perCall.p99.toFixed(1)} µs`,
      goal: '≤ 100 µs',
      met: e.perCall.p99 <= 100,
    });
    log(`engine: median ${e.perCall.median.toFixed(1)} µs, p99 ${e.perCall.p99.toFixed(1)} µs (n=${e.perCall.n})`);
    // Reported: what the worker's cache saves a page that asks again (no goal of its own; diagnose() has one).
    goals.push({
      id: 'engine.cacheHit',
      figure: 'a diagnosis served from the worker cache (evidence serialized and compared), median',
      measured: `${e.cacheHit.median.toFixed(1)} µs (p99 ${e.cacheHit.p99.toFixed(1)} µs; diagnose() ${e.perCall.median.toFixed(1)} µs)`,
      goal: 'report',
      met: true,
    });
    // Limits the unit tests used to assert (a shared, loaded machine made them flaky there; here they are measured).
    const h = e.hostile;
    goals.push({
      id: 'engine.normalizeHuge',
      figure: 'normalizeError(), slowest huge input (≤ 1 M chars)',
      measured: `${h.normalizeHugeMs.toFixed(1)} ms`,
      goal: '≤ 1000 ms',
      met: h.normalizeHugeMs <= 1000,
    });
    goals.push({
      id: 'engine.normalizeLong',
      figure: 'normalizeError(), slowest long error-like string',
      measured: `${h.normalizeLongMs.toFixed(2)} ms`,
      goal: '≤ 500 ms',
      met: h.normalizeLongMs <= 500,
    });
    goals.push({
      id: 'engine.repairSettings',
      figure: 'repairSettings(), slowest stored value',
      measured: `${h.repairSettingsMs.toFixed(2)} ms`,
      goal: '≤ 200 ms',
      met: h.repairSettingsMs <= 200,
    });
    log(
      `engine: hostile inputs: normalizeError ${h.normalizeHugeMs.toFixed(1)} ms (huge) / ${h.normalizeLongMs.toFixed(2)} ms (long), repairSettings ${h.repairSettingsMs.toFixed(2)} ms`,
    );
  }

  // 3. Storm.
  if (want('storm')) {
    const runs: StormResult[] = [];
    const harness: StormResult[] = [];
    // Side by side: each worker run next to a run of the harness alone, whose CPU is subtracted.
    for (let i = 0; i < 5; i++) {
      runs.push(child<StormResult>(join(o.nodeDir, 'storm-child.mjs'), ['mix', String(failures)]));
      harness.push(child<StormResult>(join(o.nodeDir, 'storm-child.mjs'), ['mix', String(failures), '--harness-only']));
    }
    const unique = child<StormResult>(join(o.nodeDir, 'storm-child.mjs'), ['unique', String(failures)]);
    const profiled = child<StormResult>(join(o.nodeDir, 'storm-child.mjs'), ['mix', String(failures), '--profile']);
    const harnessCpu = summarize(harness.map((r) => r.cpuMs));
    const cpu = summarize(runs.map((r, i) => r.cpuMs - harness[i]!.cpuMs));
    const grossCpu = summarize(runs.map((r) => r.cpuMs));
    // The journal (storage.session: a few writes per storm, one removal per history write) apart.
    const isJournal = (k: string) => k === 'session.journal' || k === 'session.remove' || k === 'local.journalApplied'; // journalApplied: in the history's own set() call
    const writes = summarize(
      runs.map((r) =>
        Object.entries(r.writes)
          .filter(([k]) => !isJournal(k))
          .reduce((a, [, b]) => a + b, 0),
      ),
    );
    const historyWrites = summarize(runs.map((r) => r.writes['local.history'] ?? 0));
    const journalWrites = summarize(runs.map((r) => r.writes['session.journal'] ?? 0));
    const journalRemovals = summarize(runs.map((r) => r.writes['session.remove'] ?? 0));
    const lost = runs.map((r) => ({ history: failures - r.historyCount, tabs: failures - r.tabGroupCount }));
    const last = runs[runs.length - 1]!;
    results.storm = {
      failures,
      model:
        'real worker (src/background/index.ts) on bench/fake-browser.ts; one event per macrotask; storage calls resolve after 1 ms',
      cpuMs: rounded(cpu),
      cpuNote:
        'worker CPU = CPU of a run with the worker − CPU of the next run with the harness alone (same events, waits and settling)',
      grossCpuMs: rounded(grossCpu),
      harnessCpuMs: rounded(harnessCpu),
      writes: rounded(writes, 0),
      historyWrites: rounded(historyWrites, 0),
      journalWrites: rounded(journalWrites, 0),
      journalRemovals: rounded(journalRemovals, 0),
      runs: runs.map((r) => ({
        cpuMs: Math.round(r.cpuMs),
        writes: r.writes,
        historyCount: r.historyCount,
        tabGroupCount: r.tabGroupCount,
      })),
      calls: last.calls,
      historyEntries: last.historyEntries,
      tabGroups: last.tabGroups,
      counts: { history: last.historyCount, tabGroups: last.tabGroupCount, lost },
      unique: {
        cpuMs: Math.round(unique.cpuMs),
        writes: unique.writes,
        historyEntries: unique.historyEntries,
        historyCount: unique.historyCount,
        historyLimit: unique.historyLimit,
        tabGroupCount: unique.tabGroupCount,
        capped: unique.historyEntries >= unique.historyLimit,
      },
      profile: {
        note: 'one profiled run (slower than unprofiled): samples every 100 µs; sampledMs = samples running JS or GC × 100 µs; top = per function, samples with it on the stack × 100 µs (inclusive, overlapping)',
        cpuMs: Math.round(profiled.cpuMs),
        sampledMs: profiled.profile?.sampledMs,
        top: profiled.profile?.top,
      },
    };
    const busy = profiled.profile?.sampledMs ?? 0;
    const share = (fn: string) => {
      const hit = profiled.profile?.top.find((x) => x.fn === fn);
      return hit && busy > 0 ? `${fn} ${Math.round((hit.ms / busy) * 100)}%` : null;
    };
    const shares = [
      'record',
      'toEntry',
      'diagnose',
      'drain',
      'repairEntries',
      'foldEntry',
      '(garbage collector)',
      'subFailed',
      'setBadge',
      'onRequestError',
    ]
      .map(share)
      .filter(Boolean)
      .join(', ');
    const apiCalls =
      Object.entries(last.calls)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none';
    const storageLimit =
      `Per failure the worker still builds a full history entry (record → toEntry → diagnose); the HistoryStore made ${ms(historyWrites.median)} ` +
      `history flushes, each re-reading, repairing, folding, pruning and re-writing (cloning) the whole list. API calls for the ` +
      `${failures.toLocaleString('en')} failures: ${apiCalls}. Share of the profiled samples with each function on the stack ` +
      `(overlapping): ${shares}.`;
    goals.push({
      id: 'storm.cpu',
      figure: `Storm: ${failures.toLocaleString('en')} subresource failures, worker CPU`,
      measured: `${ms(cpu.median)} ms (${ms(cpu.p10)}–${ms(cpu.p90)}, n=${cpu.n})`,
      goal: '≤ 250 ms',
      met: cpu.median <= 250,
      note:
        cpu.median <= 250
          ? undefined
          : `over by ${ms(cpu.median - 250)} ms (×${(cpu.median / 250).toFixed(1)}). ${storageLimit}`,
    });
    goals.push({
      id: 'storm.writes',
      figure: 'Storm: storage writes',
      measured: `${ms(writes.median)} (${ms(writes.p10)}–${ms(writes.p90)}, n=${writes.n}); history ${ms(historyWrites.median)}`,
      goal: '≤ 10',
      met: writes.median <= 10,
      note:
        writes.median <= 10
          ? undefined
          : `×${(writes.median / 10).toFixed(1)} the goal (${Object.entries(last.writes)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')} in the last run), with storage calls taking 1 ms.`,
    });
    goals.push({
      id: 'storm.journal',
      figure: `Storm: journal writes to storage.session per ${failures.toLocaleString('en')} failures`,
      measured:
        `${ms(journalWrites.median)} writes (${ms(journalWrites.p10)}–${ms(journalWrites.p90)}, ` +
        `n=${journalWrites.n}), ${ms(journalRemovals.median)} removals`,
      goal: `one per failure (${failures.toLocaleString('en')}): nothing waits in memory for a later write`,
      met: journalWrites.median <= failures + 1,
      note:
        'Each failure is written from the handler that saw it: a worker stopped while busy runs its queued tasks and ' +
        'is torn down, and whatever waited in memory for a later write was lost (the forced-stop e2e test saw 50 of ' +
        '170 received failures lost with writes merged while one was in flight; src/background/journal.ts). Before ' +
        '(merged, ≥ 25 ms apart): 49 writes and 495 ms of worker CPU on the same machine and load.',
    });
    const lostAny = lost.some((l) => l.history !== 0 || l.tabs !== 0);
    goals.push({
      id: 'storm.counts',
      figure: 'Storm: nothing lost (history counts, tab groups)',
      measured: `history ${last.historyCount.toLocaleString('en')}, tab groups ${last.tabGroupCount.toLocaleString('en')} of ${failures.toLocaleString('en')}`,
      goal: `= ${failures.toLocaleString('en')}`,
      met: !lostAny,
    });
    log(
      `storm: CPU ${med(cpu, 0, ' ms')}, writes ${ms(writes.median)}, history ${last.historyCount}, tab groups ${last.tabGroupCount}`,
    );
  }

  // 3b. The takeover path, in Node (bench/takeover.ts): what the worker does before and after its tabs.update.
  if (want('takeover')) {
    const warm = child<{ rounds: TakeoverRound[] }>(join(o.nodeDir, 'takeover-child.mjs'), ['warm', '25']).rounds;
    const colds: ColdTakeover[] = [];
    for (let i = 0; i < 9; i++) colds.push(child<ColdTakeover>(join(o.nodeDir, 'takeover-child.mjs'), ['cold']));
    const isWrite = (w: string) => /^storage\.\w+\.(set|remove)\b/.test(w);
    const journalWrite = (w: string) => w === 'storage.session.set journal';
    const firstWrite = (r: TakeoverRound) => r.after.find(([, w]) => isWrite(w) && !journalWrite(w))?.[0] ?? null;
    const journalAt = (r: TakeoverRound) => r.after.find(([, w]) => journalWrite(w))?.[0] ?? null;
    const summary = {
      toUpdateUs: rounded(summarize(warm.map((r) => r.toUpdateUs)), 0),
      callsBefore: rounded(summarize(warm.map((r) => r.before.length)), 0),
      before: warm[warm.length - 1]!.before,
      journalWrittenMs: rounded(summarize(warm.map(journalAt).filter((v): v is number => v !== null))),
      writesIn300ms: rounded(
        summarize(warm.map((r) => r.after.filter(([, w]) => isWrite(w) && !journalWrite(w)).length)),
        0,
      ),
      firstOtherWriteMs: rounded(summarize(warm.map(firstWrite).filter((v): v is number => v !== null))),
      answeredMs: rounded(summarize(warm.map((r) => r.answeredMs).filter((v): v is number => v !== null))),
      answeredAll: warm.every((r) => r.answered),
      after: warm[warm.length - 1]!.after,
      cold: {
        evaluateMs: rounded(summarize(colds.map((c) => c.evaluateMs))),
        toUpdateMs: rounded(summarize(colds.map((c) => c.toUpdateMs))),
        updateAfterEventMs: rounded(summarize(colds.map((c) => c.updateAfterEventMs))),
        timeline: colds[Math.floor(colds.length / 2)]!.timeline,
      },
    };
    results.takeover = {
      model:
        'real worker on bench/fake-browser.ts (storage answers after 1 ms); warm: 25 refused top-level loads, the explanation page commits 40 ms after the tabs.update and asks diagnosis:get; cold: 9 fresh processes, the error event dispatched once the worker module evaluated',
      ...summary,
    };
    log(
      `takeover: error event → tabs.update ${ms(summary.toUpdateUs.median)} µs, ${ms(summary.callsBefore.median)} calls before it, ` +
        `${ms(summary.writesIn300ms.median)} other writes in the 300 ms after it (first at ${ms(summary.firstOtherWriteMs.median, 1)} ms), ` +
        `journal written ${ms(summary.journalWrittenMs.median, 1)} ms after; ` +
        `cold: evaluated ${ms(summary.cold.evaluateMs.median, 1)} ms, ` +
        `tabs.update at ${ms(summary.cold.toUpdateMs.median, 1)} ms`,
    );
  }

  // 1 + 5. Latency and popup (real Chromium).
  let browsers: LatencyBrowsers | null = null;
  try {
    if (want('latency') || want('popup')) {
      browsers = await openBrowsers({
        ...(arg(o.argv, 'alt') ? { altDir: resolve(arg(o.argv, 'alt')!) } : {}),
        extDir: o.extDir,
        baselineDir: join(o.root, 'bench', 'baseline-extension'),
        ...(o.limitDir ? { limitDir: o.limitDir } : {}),
        rounds,
        warmup: 2,
        log,
        skip: (arg(o.argv, 'skip')?.split(',') ?? []) as Scenario[],
      });
    }
    if (want('latency') && browsers) {
      const latencyLoad = load();
      const run = await runLatency(
        {
          extDir: o.extDir,
          baselineDir: join(o.root, 'bench', 'baseline-extension'),
          rounds,
          warmup: 2,
          log,
          skip: (arg(o.argv, 'skip')?.split(',') ?? []) as Scenario[],
        },
        browsers,
      );
      const s = latencySummaries(run);
      limitWorkerGzip = o.limitDir ? gzipSync(readFileSync(join(o.limitDir, 'worker.js')), { level: 9 }).length : null;
      results.latency = {
        limitWorkerGzip,
        definition:
          'ms from the navigation start (the browser sending the document request: DevTools Network.requestWillBeSent) to the first contentful paint of the final document (lifecycle firstContentfulPaint), both on the browser\'s monotonic clock; "ready" = main[data-ready="true"] in the DOM (MutationObserver), on the same clock through the paint entry',
        closedPort: run.closedPort,
        loadavg: latencyLoad,
        summaries: roundDeep(s),
        errors: run.errors,
        samples: Object.fromEntries(
          Object.entries(run.samples).map(([k, v]) => [
            k,
            v.map((x) => ({
              round: x.round,
              failed: r1(x.failed),
              redirect: r1(x.redirect),
              commit: r1(x.commit),
              paint: r1(x.paint),
              main: r1(x.marks.main ?? null),
              complete: r1(x.marks.complete ?? null),
              dcl: r1(x.domContentLoaded),
              workerAnswer: r1(answered(x, 'diagnosis:get')),
              errorEvent: r1(x.errorEvent),
              errorPagePaint: r1(x.errorPagePaint),
              responseEnd: r1(x.responseEnd ?? null),
              pageMarks: Object.fromEntries(Object.entries(x.pageMarks ?? {}).map(([k, v]) => [k, r1(v)])),
              ...(x.worker
                ? {
                    workerStarted: r1(x.worker.started),
                    workerEvaluating: r1(x.worker.evaluating),
                    workerMarks: Object.fromEntries(Object.entries(x.worker.all).map(([k, v]) => [k, r1(v)])),
                    workerReady: r1(x.worker.ready),
                    workerEvent: r1(x.worker.event),
                    workerTakeover: r1(x.worker.takeover),
                  }
                : {}),
            })),
          ]),
        ),
      };
      latencyGoals(s, goals, sizes?.targets.find((t) => t.id === 'worker')?.gzip ?? null, limitWorkerGzip);
      log(
        `latency: netwhy ${med(s.netwhy.paint)} ms, (a) ${med(s.a.paint)}, (b) ${med(s.bFloor)}, (c) ${med(s.c.paint)}; cold netwhy ${med(s.netwhyCold.paint)}, (c) ${med(s.cCold.paint)}`,
      );
    }
    if (want('popup') && browsers) {
      const p = await runPopup(browsers.netwhy.b, browsers.fs, { entries: 500, rounds: popupRounds, warmup: 2, log });
      const sum = (list: PopupSample[], f: (x: PopupSample) => number | null) =>
        summarize(list.map(f).filter((v): v is number => v !== null && Number.isFinite(v)));
      const lastAnswer = (x: PopupSample) =>
        x.messages.length && x.messages.every((mm) => mm.end !== null)
          ? Math.max(...x.messages.map((mm) => mm.end!))
          : null;
      const of = (list: PopupSample[]) => ({
        paint: sum(list, (x) => x.paint),
        list: sum(list, (x) => x.marks.list ?? null),
        all: sum(list, (x) => x.marks.all ?? null),
        /** From the last worker answer (the data is there) to the list painted: the first render. */
        firstRender: sum(list, (x) => (x.paint !== null && lastAnswer(x) !== null ? x.paint - lastAnswer(x)! : null)),
        commit: sum(list, (x) => x.commit),
        domContentLoaded: sum(list, (x) => x.domContentLoaded),
        answers: sum(list, lastAnswer),
        /** From the last worker answer to the first frame's items in the DOM: the render. */
        render: sum(list, (x) =>
          x.marks.list != null && lastAnswer(x) !== null ? x.marks.list - lastAnswer(x)! : null,
        ),
        /** From the first frame's items in the DOM to their first paint: style, layout, paint. */
        toPaint: sum(list, (x) => (x.marks.list != null && x.paint !== null ? x.paint - x.marks.list : null)),
      });
      const warm = of(p.warm);
      const cold = of(p.cold);
      results.popup = { entries: 500, warm: roundDeep(warm), cold: roundDeep(cold), errors: p.errors };
      const met = warm.firstRender.median <= 50;
      const loading =
        `The page itself: committed at ${ms(warm.commit.median)} ms, DOMContentLoaded ` +
        `(its ${sizes ? kb(sizes.targets.find((t) => t.id === 'popup')!.gzip) + ' gzip of ' : ''}scripts ` +
        `loaded and run) at ${ms(warm.domContentLoaded.median)} ms, the worker's ` +
        `answers (history:list, tab:state, settings:get) at ${ms(warm.answers.median)} ` +
        `ms; from navigation start the list is painted at ${ms(warm.paint.median)} ` +
        `ms, and all 500 entries are in the DOM at ${ms(warm.all.median)} ms.`;
      goals.push({
        id: 'popup.render',
        figure: "Popup first render, 500 entries (the worker's answers → list painted, warm worker)",
        measured: `${med(warm.firstRender, 0, ' ms')}; from navigation start ${ms(warm.paint.median)} ms; cold worker ${ms(cold.paint.median)} ms`,
        goal: '≤ 50 ms',
        met,
        note: `${met ? '' : `over by ${ms(warm.firstRender.median - 50)} ms. `}${ms(warm.render.median)} ms to render the first frame (the newest 40; the rest follow after it is painted), ${ms(warm.toPaint.median)} ms to style, lay out and paint it. ${loading}`,
      });
      log(
        `popup: painted ${med(warm.paint, 0, ' ms')}, list ${med(warm.list, 0, ' ms')}; cold ${med(cold.paint, 0, ' ms')}`,
      );
    }
  } finally {
    await browsers?.close();
  }

  // 6. Worker memory after a real storm.
  if (want('memory')) {
    const fs = await startFaultServer();
    const b = await launchWithExtension({ extensionDir: o.extDir });
    try {
      const r: MemoryResult = await runMemory(b, fs, {
        failures,
        batch: 200,
        paths: 20,
        closedPort: await stableClosedPort(22_000),
        log,
      });
      results.memory = r;
      const met = r.heapAfter.usedSize <= 5 * MB;
      goals.push({
        id: 'memory.heap',
        figure: `Worker JS heap after ${failures.toLocaleString('en')} real failures (after GC)`,
        measured:
          `${(r.heapAfter.usedSize / MB).toFixed(2)} MB (idle before: ${(r.heapBefore.usedSize / MB).toFixed(2)} ` +
          `MB; when the page's last request failed: ${(r.heapAtStormEnd.usedSize / MB).toFixed(2)} ` +
          `MB)`,
        goal: '≤ 5 MB',
        met,
        note: met ? undefined : `over by ${((r.heapAfter.usedSize - 5 * MB) / MB).toFixed(2)} MB`,
      });
      const growth = r.heapAfterSecond.usedSize - r.heapAfter.usedSize;
      goals.push({
        id: 'memory.idle',
        figure: 'Worker JS heap back to its idle level: the same storm again, from a new tab (after GC)',
        measured:
          `${(r.heapAfterSecond.usedSize / MB).toFixed(2)} MB after the second storm, ${(r.heapAfter.usedSize / MB).toFixed(2)} ` +
          `MB after the first (${growth >= 0 ? '+' : ''}${(growth / 1024).toFixed(0)} KB); idle before any: ` +
          `${(r.heapBefore.usedSize / MB).toFixed(2)} MB${r.secondSettled ? '' : '; the second storm was not all counted'}`,
        goal: '≤ 100 KB more than after the first storm',
        met: growth <= 100 * 1024 && r.secondSettled,
      });
      // From heap snapshots: compiled code grows as functions first run, V8 keeps caches of its own; what a storm
      // leaves behind of netwhy's is in its JavaScript values.
      const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
      const jsGrowth = r.split.second.js - r.split.idle.js;
      goals.push({
        id: 'memory.data',
        figure:
          "Worker's JavaScript values (heap snapshot: no compiled code, no V8 caches) back to idle after two storms",
        measured:
          `${kb(r.split.idle.js)} idle → ${kb(r.split.first.js)} after the first storm → ${kb(r.split.second.js)} ` +
          `after the second (${jsGrowth >= 0 ? '+' : ''}${kb(jsGrowth)}); compiled code ${kb(r.split.idle.code)} → ` +
          `${kb(r.split.first.code)} → ${kb(r.split.second.code)}; all else (V8's own) ${kb(r.split.idle.data - r.split.idle.js)} → ` +
          `${kb(r.split.first.data - r.split.first.js)} → ${kb(r.split.second.data - r.split.second.js)}`,
        goal: '≤ 50 KB above idle',
        met: jsGrowth <= 50 * 1024 && r.secondSettled,
        note: `the biggest objects after the second storm: ${r.biggest.join(' | ')}`,
      });
      const writes = Object.values(r.writes).reduce((a, b2) => a + b2, 0);
      // The journal writes one key per failure (journal:<start>:<n>): counted as one line.
      const byArea: Record<string, number> = {};
      for (const [k, v] of Object.entries(r.writes)) {
        const key = k.replace(/^session\.journal:.*/, 'session.journal:*');
        byArea[key] = (byArea[key] ?? 0) + v;
      }
      goals.push({
        id: 'memory.counts',
        figure: 'Real storm in Chromium: nothing lost (history counts, tab groups)',
        measured:
          `history ${r.historyCount.toLocaleString('en')}, tab groups ${r.tabGroupCount.toLocaleString('en')} of ${failures.toLocaleString('en')}; ` +
          `${writes} storage writes (${Object.entries(byArea)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}); the page's requests took ${(r.stormMs / 1000).toFixed(1)} s, ` +
          `the worker ${r.settled ? 'had counted them all' : 'still had not counted them all'} ${(r.settleMs / 1000).toFixed(1)} s later`,
        goal: `= ${failures.toLocaleString('en')}`,
        met: r.historyCount === failures && r.tabGroupCount === failures,
        note: r.workerLog.count
          ? `the worker logged ${r.workerLog.count} warnings/errors, first: ${r.workerLog.first.join(' | ')}`
          : undefined,
      });
      const stormWrites = goals.find((g) => g.id === 'storm.writes');
      if (stormWrites) {
        stormWrites.note =
          `${stormWrites.note ?? ''} In real Chromium the same ${failures.toLocaleString('en')} failures made ${writes} storage writes ` +
          `(history ${r.writes['local.history'] ?? 0}), because there each storage call waits behind the worker's backlog of API calls: ` +
          `the worker finished counting ${(r.settleMs / 1000).toFixed(1)} s after the page's last request. The count follows storage latency, not a time budget.`.trim();
      }
      log(
        `memory: heap ${(r.heapBefore.usedSize / MB).toFixed(2)} → ${(r.heapAfter.usedSize / MB).toFixed(2)} ` +
          `MB, storm ${(r.stormMs / 1000).toFixed(1)} s, history ${r.historyCount}, ` +
          `tabs ${r.tabGroupCount}`,
      );
    } finally {
      await b.close();
      await fs.close();
    }
  }

  m.loadavgEnd = load();
  const doc = {
    schema: 'netwhy.bench/1',
    date: new Date().toISOString(),
    durationS: Math.round((Date.now() - started) / 1000),
    machine: m,
    options: { parts: only ?? PARTS, latencyRounds: rounds, popupRounds, failures },
    goals,
    ...results,
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(doc, null, 1)}\n`);
  const md = markdown(doc.machine, goals, results);
  const mdOut = out.replace(/\.json(\.tmp)?$/, '.md$1');
  writeFileSync(mdOut, md);
  console.log(`\n${table(doc.machine, goals, results)}`);
  console.log(`\nwrote ${relative(o.root, out)} and ${relative(o.root, mdOut)} in ${doc.durationS} s`);
  return 0;
}

const r1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

function roundDeep<T>(v: T): T {
  if (typeof v === 'number') return (Number.isFinite(v) ? Math.round(v * 100) / 100 : v) as T;
  if (Array.isArray(v)) return v.map(roundDeep) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, roundDeep(x)])) as T;
  return v;
}

/**
 * Issue #21: "If a goal proves out of reach for any extension, show it in the bench (the timeline and the limit
 * measured side by side) ... the measured limit becomes the goal." (e) is that limit (bench/limit-extension): netwhy's
 * own first paint as a static file behind (c)'s one listener, in a worker that carries what #21 puts in netwhy's, and
 * complete when netwhy's probes have answered. A lower bound netwhy can only match: the goal allows 5% over it. The
 * per-round median moves more than that between runs: the same build measured ×1.02 of itself (p10–p90 0.66–1.34,
 * 20 rounds), and netwhy ÷ (e) warm 0.99 to 1.21 in five runs of the same code on 2026-12-07.
 */
export const LIMIT_TOLERANCE = 1.05;

function latencyGoals(s: LatencySummaries, goals: Goal[], workerGzip: number | null, limitGzip: number | null): void {
  const n = s.netwhy.paint.median;
  const floor = s.bFloor.median;
  const c = s.c.paint.median;
  const a = s.a.paint.median;
  const toFloor = n / floor;
  const nw = s.netwhy;
  const r = s.pairedRatio;
  const spread = (x: Summary) => `per-round ×${ms(x.median, 2)}, p10–p90 ${ms(x.p10, 2)}–${ms(x.p90, 2)}, n=${x.n}`;
  const hasLimit = s.e.paint.n > 0;
  const timeline =
    `netwhy acts on the first event: its redirect starts at ${ms(nw.redirect.median)} ms, like (c)'s at ${ms(s.c.redirect.median)} ms ` +
    `(webRequest.onErrorOccurred fires at ${ms(s.c.errorEvent.median, 1)} ms). The cost is its page: from its own navigation start it needs ` +
    `${ms(nw.pageNavToCommit.median)} ms to commit (a direct navigation: ${ms(s.bDirect.pageNavToCommit.median)} ms; the browser is committing its own ` +
    `error page for the failed load at the same time; (c): ${ms(s.c.pageNavToCommit.median)} ms), then ${ms(nw.pageCommitToPaint.median)} ms to ` +
    `paint (${nw.served} of ${nw.samples} pages served by the worker with the first paint and the styles in their HTML, their one script ` +
    `async at the end; DOMContentLoaded ${ms(nw.pageCommitToDcl.median)} ms after the commit); (c)'s one-line page paints ` +
    `${ms(s.c.pageCommitToPaint.median)} ms after its commit, (e)'s static copy of netwhy's first paint ${ms(s.e.pageCommitToPaint.median)} ms.`;
  const outOfReach = (what: string, x: Summary) =>
    hasLimit
      ? ` Out of reach for any extension that shows this explanation: (e), ${what}, is itself ${spread(x)} of it.`
      : '';
  goals.push({
    id: 'latency.floor',
    figure: 'Explanation latency vs (b) the floor',
    measured: `×${toFloor.toFixed(2)} (${ms(n)} / ${ms(floor)} ms; ${spread(r.toFloor)})`,
    goal: '≤ ×1.15',
    met: toFloor <= 1.15,
    note: toFloor <= 1.15 ? undefined : `over by ${ms(n - 1.15 * floor)} ms. ${timeline}`,
  });
  goals.push({
    id: 'latency.baseline',
    figure: 'Explanation latency vs (c) the redirect-only baseline',
    measured: `${spread(r.toBaseline)} (${ms(n)} / ${ms(c)} ms)`,
    goal: '≤ ×1.0 (issue #21, per-round median)',
    met: r.toBaseline.median <= 1,
    note:
      r.toBaseline.median <= 1
        ? undefined
        : `over by ${ms(n - c)} ms.${outOfReach("netwhy's first paint as a static file behind (c)'s own listener", r.limitToBaseline)} ${timeline}`,
  });
  goals.push({
    id: 'latency.limit',
    figure: "Explanation latency vs (e) the limit: netwhy's first paint as a static page behind (c)'s listener",
    measured: hasLimit ? `${spread(r.toLimit)} (${ms(n)} / ${ms(s.e.paint.median)} ms)` : 'not measured',
    goal: `≤ ×${LIMIT_TOLERANCE} (the measured limit, issue #21)`,
    met: hasLimit && r.toLimit.median <= LIMIT_TOLERANCE,
    note: hasLimit && r.toLimit.median <= LIMIT_TOLERANCE ? undefined : timeline,
  });
  goals.push({
    id: 'latency.words',
    figure: 'Explanation latency vs (d) a page whose script writes one line of its failure (reported)',
    measured: `${spread(r.toWords)} (${ms(n)} / ${ms(s.d.paint.median)} ms); (d) itself is ×${ms(r.wordsToBaseline.median, 2)} of (c)`,
    goal: 'report',
    met: true,
  });
  const completeWaits =
    `The page paints at ${ms(n)} ms, then waits for two things it asks for at once: the worker's answer, ` +
    `${ms(nw.pageAskedToReplied.median)} ms after the ask (its checks, the loopback probes of a refused port, take ` +
    `${ms(nw.workerProbes.median, 1)} ms; (e)'s worker runs the same probes in ${ms(s.e.workerProbes.median, 1)} ms), and its app's ` +
    `modules, ${ms(nw.pageEntryToApp.median)} ms after its entry ran. Complete is the later of the two, rendered.`;
  const complete = r.completeToBaseline.median;
  goals.push({
    id: 'latency.complete',
    figure: "Explanation complete (the worker's evidence in) vs (c) the redirect-only page painted",
    measured: `${spread(r.completeToBaseline)} (${ms(s.netwhy.complete.median)} / ${ms(c)} ms)`,
    goal: '≤ ×1.3',
    met: complete <= 1.3,
    note:
      complete <= 1.3
        ? undefined
        : `over by ${ms(s.netwhy.complete.median - 1.3 * c)} ms.` +
          `${outOfReach("whose page is complete when its worker has run netwhy's probes for it, rendering nothing", r.limitCompleteToBaseline)} ${completeWaits}`,
  });
  goals.push({
    id: 'latency.completeLimit',
    figure: "Explanation complete vs (e) the limit complete (netwhy's probes answered in its static page)",
    measured: hasLimit
      ? `${spread(r.completeToLimitComplete)} (${ms(s.netwhy.complete.median)} / ${ms(s.e.complete.median)} ms)`
      : 'not measured',
    goal: `≤ ×${LIMIT_TOLERANCE} (the measured limit, issue #21)`,
    met: hasLimit && r.completeToLimitComplete.median <= LIMIT_TOLERANCE,
    note: hasLimit && r.completeToLimitComplete.median <= LIMIT_TOLERANCE ? undefined : completeWaits,
  });
  goals.push({
    id: 'latency.browser',
    figure: "Explanation latency vs (a) the browser's own error page (reported)",
    measured: `×${(n / a).toFixed(2)} (${ms(n)} / ${ms(a)} ms)`,
    goal: 'report',
    met: true,
  });
  const cold = r.coldToBaselineCold.median;
  const coldTimeline =
    `The stopped worker must start before the event reaches it: netwhy's redirect starts at ${ms(s.netwhyCold.redirect.median)} ms, ` +
    `(e)'s at ${ms(s.eCold.redirect.median)} ms, (c)'s at ${ms(s.cCold.redirect.median)} ms; netwhy's worker ` +
    `${workerGzip !== null ? `(${kb(workerGzip)} gzip of modules) ` : ''}ran its modules in ` +
    `${ms(s.netwhyCold.workerReady.median - s.netwhyCold.workerStarted.median)} ms, (e)'s ` +
    `${limitGzip !== null ? `(${kb(limitGzip)}) ` : ''}in ${ms(s.eCold.workerReady.median - s.eCold.workerStarted.median)} ms; ` +
    `netwhy's page then gets its HTML ${ms(s.netwhyCold.pageResponseEnd.median - s.netwhyCold.redirect.median)} ms after its redirect ` +
    `(served by the worker just started), (e)'s ${ms(s.eCold.pageResponseEnd.median - s.eCold.redirect.median)} ms.`;
  goals.push({
    id: 'latency.cold',
    figure: 'Cold worker: netwhy vs (c) cold',
    measured: `${spread(r.coldToBaselineCold)} (${ms(s.netwhyCold.paint.median)} / ${ms(s.cCold.paint.median)} ms)`,
    goal: '≤ ×1.0',
    met: cold <= 1,
    note:
      cold <= 1
        ? undefined
        : `over by ${ms(s.netwhyCold.paint.median - s.cCold.paint.median)} ms.` +
          `${outOfReach("cold, whose worker carries #21's modules", r.limitColdToBaselineCold)} ${coldTimeline}`,
  });
  const coldLimit = r.coldToLimitCold;
  goals.push({
    id: 'latency.coldLimit',
    figure: "Cold worker: netwhy vs (e) cold, the limit (#21's modules evaluated at start)",
    measured:
      s.eCold.paint.n > 0
        ? `${spread(coldLimit)} (${ms(s.netwhyCold.paint.median)} / ${ms(s.eCold.paint.median)} ms)`
        : 'not measured',
    goal: `≤ ×${LIMIT_TOLERANCE} (the measured limit, issue #21)`,
    met: s.eCold.paint.n > 0 && coldLimit.median <= LIMIT_TOLERANCE,
    note: s.eCold.paint.n > 0 && coldLimit.median <= LIMIT_TOLERANCE ? undefined : coldTimeline,
  });
}

type Machine = ReturnType<typeof machine>;

function machineLine(m: Machine): string {
  return (
    `${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, load average ${m.loadavgStart.join(' ')} ` +
    `→ ${m.loadavgEnd.join(' ')}; ${m.os}; ${m.chromium ?? 'no Chromium'} (headless); ` +
    `Node ${m.node}; commit ${m.commit ?? '?'}${m.dirty ? ' + uncommitted changes' : ''}`
  );
}

interface Row {
  figure: string;
  median: string;
  spread: string;
  goal: string;
}

function rows(results: Record<string, unknown>): Row[] {
  const out: Row[] = [];
  const row = (figure: string, s: Summary | null, goal = '', d = 0, unit = ' ms') =>
    out.push({
      figure,
      median: s ? `${ms(s.median, d)}${unit}` : '—',
      spread: s ? `${ms(s.p10, d)}–${ms(s.p90, d)} (n=${s.n})` : '',
      goal,
    });
  const lat = results.latency as { summaries: LatencySummaries } | undefined;
  if (lat) {
    const s = lat.summaries;
    row('netwhy: refused → explanation painted (warm worker)', s.netwhy.paint, '≤ 1.15 × (b), < (c)');
    row('  netwhy: its worker handled the error event', s.netwhy.workerEvent, '', 1);
    row('  netwhy: its worker called tabs.update', s.netwhy.workerTakeover, '', 1);
    row('  netwhy: its redirect starts', s.netwhy.redirect);
    row(
      `  netwhy page: its HTML received (${s.netwhy.served} of ${s.netwhy.samples} served by the worker, first paint in it)`,
      s.netwhy.pageResponseEnd,
    );
    row('  netwhy page: its navigation start → commit', s.netwhy.pageNavToCommit);
    row('  netwhy page: commit → painted', s.netwhy.pageCommitToPaint);
    row('  netwhy page: commit → DOMContentLoaded (scripts)', s.netwhy.pageCommitToDcl);
    row('  netwhy page: DOMContentLoaded → painted', s.netwhy.pageDclToPaint);
    row('  netwhy: worker answered diagnosis:get', s.netwhy.workerAnswer);
    row("  netwhy: complete (data-ready, with the worker's evidence)", s.netwhy.complete);
    row('  netwhy page: asked the worker for the evidence → its answer', s.netwhy.pageAskedToReplied);
    row("  netwhy: the worker's checks (loopback probes, proxy), start → end", s.netwhy.workerProbes, '', 1);
    row("  netwhy page: its entry ran → the app's modules ran", s.netwhy.pageEntryToApp);
    row("(a) browser's own error page painted (no extension)", s.a.paint);
    row('  (a) error page committed', s.a.commit);
    row('(b) floor = direct navigation + error event', s.bFloor);
    row('  (b) direct navigation to the explanation page, painted', s.bDirect.paint);
    row('  (b) page: navigation start → commit', s.bDirect.pageNavToCommit);
    row('  (b) page: commit → DOMContentLoaded (scripts)', s.bDirect.pageCommitToDcl);
    row('  (b) page: DOMContentLoaded → painted', s.bDirect.pageDclToPaint);
    row('  (b) webRequest.onErrorOccurred after navigation start', s.c.errorEvent, '', 1);
    row('(c) redirect-only baseline page painted', s.c.paint);
    row('  (c) its redirect starts', s.c.redirect);
    row('  (c) page: its navigation start → commit', s.c.pageNavToCommit);
    row('  (c) page: commit → painted', s.c.pageCommitToPaint);
    row('(d) redirect to a page whose module script writes one line, painted', s.d.paint);
    row('  (d) page: its navigation start → commit', s.d.pageNavToCommit);
    row('  (d) page: commit → painted', s.d.pageCommitToPaint);
    row("(e) the limit: netwhy's first paint as a static page behind (c)'s listener, painted", s.e.paint);
    row('  (e) its redirect starts', s.e.redirect);
    row('  (e) page: its navigation start → commit', s.e.pageNavToCommit);
    row('  (e) page: commit → painted', s.e.pageCommitToPaint);
    row("  (e) complete: its worker ran netwhy's loopback probes for the page, answered", s.e.complete);
    row('netwhy with loopback probes off: explanation painted', s.netwhyNoProbes.paint);
    row('  probes off: its page navigation start → commit', s.netwhyNoProbes.pageNavToCommit);
    row('netwhy, cold worker: explanation painted', s.netwhyCold.paint, '< (c) cold');
    row('  netwhy cold: the browser reported the failure', s.netwhyCold.failed, '', 1);
    row('  netwhy cold: its worker started (time origin)', s.netwhyCold.workerStarted, '', 1);
    row('  netwhy cold: its modules started to run (all fetched and compiled)', s.netwhyCold.workerEvaluating, '', 1);
    row('  netwhy cold: its modules ran, listeners registered', s.netwhyCold.workerReady, '', 1);
    row('  netwhy cold: its worker handled the error event', s.netwhyCold.workerEvent, '', 1);
    row("  netwhy cold: the takeover's diagnosis started", s.netwhyCold.workerDiagnosing, '', 1);
    row('  netwhy cold: its worker called tabs.update', s.netwhyCold.workerTakeover, '', 1);
    row('  netwhy cold: its redirect starts', s.netwhyCold.redirect);
    row('(c), cold worker: page painted', s.cCold.paint);
    row('  (c) cold: its redirect starts', s.cCold.redirect);
    row("(e), cold worker (#21's modules evaluated first): page painted", s.eCold.paint);
    row('  (e) cold: its worker started (time origin)', s.eCold.workerStarted, '', 1);
    row('  (e) cold: its modules ran, listeners registered', s.eCold.workerReady, '', 1);
    row('  (e) cold: its worker handled the error event', s.eCold.workerEvent, '', 1);
    row('  (e) cold: its worker called tabs.update', s.eCold.workerTakeover, '', 1);
    row('  (e) cold: its redirect starts', s.eCold.redirect);
    // A per-round ratio: two decimals, no unit.
    const ratio = (figure: string, x: Summary, goal = '') => row(figure, x, goal, 2, '');
    const r = s.pairedRatio;
    ratio('ratio netwhy / (b), per round', r.toFloor, '≤ 1.15');
    ratio('ratio netwhy / (c), per round', r.toBaseline, '< 1.0');
    ratio('ratio netwhy / (d), per round', r.toWords, '≤ 1.0');
    ratio('ratio (d) / (c), per round: the cost of words written by a script', r.wordsToBaseline);
    ratio('ratio netwhy / (a), per round', r.toBrowser);
    ratio('ratio netwhy cold / (c) cold, per round', r.coldToBaselineCold, '< 1.0');
    ratio('ratio netwhy complete / (c) painted, per round', r.completeToBaseline, '≤ 1.3');
    ratio('ratio netwhy / (e) the limit, per round', r.toLimit);
    ratio("ratio (e) / (c), per round: the cost of netwhy's first paint itself", r.limitToBaseline);
    ratio('ratio (e) / (d), per round', r.limitToWords);
    ratio('ratio netwhy cold / (e) cold, per round', r.coldToLimitCold);
    ratio("ratio (e) cold / (c) cold, per round: the cost of #21's modules", r.limitColdToBaselineCold);
    ratio('ratio netwhy complete / (e) complete, per round', r.completeToLimitComplete);
    ratio('ratio (e) complete / (c) painted, per round', r.limitCompleteToBaseline);
    if (s.alt.paint.n > 0 || s.altCold.paint.n > 0) {
      row('--alt: explanation painted (warm worker)', s.alt.paint);
      row('  --alt: complete', s.alt.complete);
      row('  --alt cold: explanation painted', s.altCold.paint);
      ratio('ratio netwhy / --alt, per round', r.toAlt);
      ratio('ratio --alt / (c), per round', r.altToBaseline);
      ratio('ratio --alt / (d), per round', r.altToWords);
      ratio('ratio netwhy cold / --alt cold, per round', r.coldToAltCold);
      ratio('ratio --alt cold / (c) cold, per round', r.altColdToBaselineCold);
      ratio('ratio --alt complete / (c) painted, per round', r.altCompleteToBaseline);
    }
  }
  const tk = results.takeover as
    | {
        toUpdateUs: Summary;
        callsBefore: Summary;
        writesIn300ms: Summary;
        firstOtherWriteMs: Summary;
        journalWrittenMs: Summary;
        answeredMs: Summary;
        cold: { evaluateMs: Summary; toUpdateMs: Summary; updateAfterEventMs: Summary };
      }
    | undefined;
  if (tk) {
    row('takeover (Node): error event → tabs.update', tk.toUpdateUs, '', 0, ' µs');
    row('  takeover: storage/API calls before tabs.update', tk.callsBefore, '0', 0, '');
    row('  takeover: journal written, after tabs.update', tk.journalWrittenMs, '', 1);
    row('  takeover: other writes in the 300 ms after tabs.update', tk.writesIn300ms, '', 0, '');
    row('  takeover: first other write, after tabs.update', tk.firstOtherWriteMs, '≥ commit', 1);
    row('  takeover: diagnosis:get answered, after tabs.update', tk.answeredMs, '', 1);
    row('takeover, cold (Node): worker module evaluated', tk.cold.evaluateMs, '', 1);
    row('  takeover cold: tabs.update, from module start', tk.cold.toUpdateMs, '', 1);
    row('  takeover cold: tabs.update, after the waking event', tk.cold.updateAfterEventMs, '', 1);
  }
  const e = results.engine as { perCall: Summary } | undefined;
  if (e) {
    out.push({
      figure: 'diagnose() per failure (49 fixtures)',
      median: `${ms(e.perCall.median, 1)} µs`,
      spread: `${ms(e.perCall.p10, 1)}–${ms(e.perCall.p90, 1)}, p99 ${ms(e.perCall.p99, 1)} µs (n=${e.perCall.n})`,
      goal: '≤ 20 µs, p99 ≤ 100 µs',
    });
  }
  const st = results.storm as
    | {
        failures: number;
        cpuMs: Summary;
        grossCpuMs: Summary;
        harnessCpuMs: Summary;
        writes: Summary;
        historyWrites: Summary;
        journalWrites?: Summary;
        counts: { history: number; tabGroups: number };
        unique: { cpuMs: number; historyEntries: number; historyCount: number; tabGroupCount: number };
      }
    | undefined;
  if (st) {
    row(`storm: ${st.failures.toLocaleString('en')} subresource failures, worker CPU`, st.cpuMs, '≤ 250 ms');
    row('  storm: process CPU with the worker / harness alone', st.grossCpuMs);
    row('  storm: the harness alone (subtracted)', st.harnessCpuMs);
    row('storm: storage writes (all areas)', st.writes, '≤ 10', 0, '');
    row('  storm: of which history writes', st.historyWrites, '', 0, '');
    if (st.journalWrites)
      row('storm: journal writes (storage.session, apart)', st.journalWrites, 'one per failure', 0, '');
    out.push({
      figure: 'storm: counted in history / tab groups',
      median: `${st.counts.history} / ${st.counts.tabGroups}`,
      spread: `of ${st.failures}`,
      goal: 'none lost',
    });
    out.push({
      figure: '  storm, every URL distinct (history capped)',
      median: `${st.unique.cpuMs} ms`,
      spread: `history keeps ${st.unique.historyEntries} entries (${st.unique.historyCount}); tab groups ${st.unique.tabGroupCount}`,
      goal: '',
    });
  }
  const p = results.popup as
    | {
        warm: Record<
          'paint' | 'list' | 'all' | 'firstRender' | 'commit' | 'domContentLoaded' | 'answers' | 'render' | 'toPaint',
          Summary
        >;
        cold: { paint: Summary };
      }
    | undefined;
  if (p) {
    row("popup, 500 entries: first render (worker's answers → list painted)", p.warm.firstRender, '≤ 50 ms');
    row('  popup: navigation start → list painted', p.warm.paint);
    row('  popup: committed', p.warm.commit);
    row('  popup: DOMContentLoaded', p.warm.domContentLoaded);
    row("  popup: worker's answers received", p.warm.answers);
    row('  popup: first frame (40 items) in the DOM', p.warm.list);
    row('  popup: render (answers → first frame in the DOM)', p.warm.render);
    row('  popup: style, layout, paint (DOM → painted)', p.warm.toPaint);
    row('  popup: all 500 items in the DOM', p.warm.all);
    row('  popup: list painted, cold worker', p.cold.paint);
  }
  const mem = results.memory as MemoryResult | undefined;
  if (mem) {
    out.push({
      figure: `worker heap after ${mem.failures.toLocaleString('en')} real failures (after GC)`,
      median: `${(mem.heapAfter.usedSize / MB).toFixed(2)} MB`,
      spread: `idle ${(mem.heapBefore.usedSize / MB).toFixed(2)} MB; at the storm's end ${(mem.heapAtStormEnd.usedSize / MB).toFixed(2)} MB (n=1)`,
      goal: '≤ 5 MB',
    });
    out.push({
      figure: '  the same storm again (heap back to its level)',
      median: `${(mem.heapAfterSecond.usedSize / MB).toFixed(2)} MB`,
      spread: `${((mem.heapAfterSecond.usedSize - mem.heapAfter.usedSize) / 1024).toFixed(0)} KB from the first storm's level (n=1)`,
      goal: '≤ +100 KB',
    });
    out.push({
      figure: '  real storm: page requests / worker caught up',
      median: `${(mem.stormMs / 1000).toFixed(1)} s`,
      spread: `+${(mem.settleMs / 1000).toFixed(1)} s; history ${mem.historyCount}, tab groups ${mem.tabGroupCount}`,
      goal: 'none lost',
    });
    out.push({
      figure: '  real storm: storage writes',
      median: String(Object.values(mem.writes).reduce((a, b) => a + b, 0)),
      spread: Object.entries(mem.writes)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
      goal: '',
    });
  }
  const sz = results.sizes as { targets: { label: string; gzip: number | null; budget: number }[] } | undefined;
  if (sz)
    for (const t of sz.targets)
      out.push({
        figure: `${t.label}, gzip`,
        median: kb(t.gzip),
        spread: t.gzip === null ? 'none in the package' : `${t.gzip} bytes`,
        goal: `≤ ${kb(t.budget)}`,
      });
  return out;
}

function table(m: Machine, goals: Goal[], results: Record<string, unknown>): string {
  const r = rows(results);
  const w = [
    Math.max(...r.map((x) => x.figure.length), 6),
    Math.max(...r.map((x) => x.median.length), 6),
    Math.max(...r.map((x) => x.spread.length), 6),
  ];
  const lines = [
    `machine: ${machineLine(m)}`,
    '',
    `${'figure'.padEnd(w[0]!)}  ${'median'.padStart(w[1]!)}  ${'p10–p90 (n)'.padEnd(w[2]!)}  goal`,
    ...r.map((x) => `${x.figure.padEnd(w[0]!)}  ${x.median.padStart(w[1]!)}  ${x.spread.padEnd(w[2]!)}  ${x.goal}`),
    '',
    'goals:',
    ...goals.map(
      (g) =>
        `  ${g.met ? 'met ' : 'MISS'}  ${g.figure}: ${g.measured} (goal ${g.goal})${g.note ? `\n        ${g.note}` : ''}`,
    ),
  ];
  return lines.join('\n');
}

function markdown(m: Machine, goals: Goal[], results: Record<string, unknown>): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    `Machine: ${machineLine(m)}.`,
    '',
    '| figure | median | p10–p90 (n) | goal |',
    '|---|---:|---|---|',
    ...rows(results).map((x) => `| ${esc(x.figure.trim())} | ${esc(x.median)} | ${esc(x.spread)} | ${esc(x.goal)} |`),
    '',
    '| goal | measured | target | |',
    '|---|---|---|---|',
    ...goals.map((g) => `| ${esc(g.figure)} | ${esc(g.measured)} | ${esc(g.goal)} | ${g.met ? 'met' : '**missed**'} |`),
    '',
  ];
  const misses = goals.filter((g) => !g.met && g.note);
  if (misses.length)
    lines.push('What limits the missed goals:', '', ...misses.map((g) => `- **${esc(g.figure)}**: ${g.note}`), '');
  const sz = results.sizes as
    | {
        targets: { id: string; files: { path: string; gzip: number; bytes: number }[] }[];
        workerComposition: ReturnType<typeof modulesOf>;
      }
    | undefined;
  if (sz) {
    const worker = sz.targets.find((t) => t.id === 'worker')!;
    lines.push(
      'The worker bundle, file by file (gzip alone), and the source folders in it (each module gzipped alone, so the sum is larger):',
      '',
      '| file | bytes | gzip |',
      '|---|---:|---:|',
      ...[...worker.files].sort((a, b) => b.gzip - a.gzip).map((f) => `| ${f.path} | ${f.bytes} | ${f.gzip} |`),
      '',
      '| source | modules | bytes | gzip |',
      '|---|---:|---:|---:|',
      ...sz.workerComposition.groups.map((g) => `| ${g.dir} | ${g.modules} | ${g.bytes} | ${g.gzip} |`),
      '',
      'Its biggest modules (gzip alone; all of them are in bench/results/latest.json, sizes.workerComposition):',
      '',
      '| module | chunk | bytes | gzip |',
      '|---|---|---:|---:|',
      ...sz.workerComposition.modules
        .slice(0, 15)
        .map((m) => `| ${m.id} | ${m.chunk.replace(/^assets\//, '')} | ${m.bytes} | ${m.gzip ?? ''} |`),
      '',
    );
  }
  return lines.join('\n');
}
