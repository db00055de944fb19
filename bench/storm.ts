/**
 * Storm (a child process of `npm run bench`): 10,000 subresource failures through the real worker —
 * src/background/index.ts with its capture, grouping (TabStates), history (HistoryStore), neighbourhood and badge —
 * on the in-memory browser of bench/fake-browser.ts (storage calls resolve after 1 ms, values are cloned).
 * Events arrive one per macrotask, back to back (as the browser delivers them, at the rate the worker can take).
 * Measured: CPU time of this process (process.cpuUsage, user + system) from the first event until every write has
 * landed, storage writes, other API calls; checked: stored history counts and the tab's failure groups add up.
 *
 *   node storm-child.mjs [mix|unique] [failures] [--profile] [--harness-only]   → prints one JSON line
 * --harness-only: the same events, waits and settling without the worker: what the harness itself costs (its
 * setImmediate loop and idle waits), subtracted by bench/main.ts so the figure is the worker's own CPU.
 * --profile: samples the storm with V8's CPU profiler (every 100 µs) and adds, per function, the samples that had it
 * on the stack × 100 µs (inclusive, so they overlap; profiled runs are slower, so read them as shares).
 *
 * mix: a page whose API server is down and whose CDN name does not resolve: 60% fetch to localhost:8000 (20 paths,
 * refused), 20% images on cdn.example.test (30 paths, name not resolved), 10% scripts on 127.0.0.1:5173 (5 paths,
 * reset), 10% HTTP 503 from localhost:8000/api/health — 56 distinct failures, under the history limit.
 * unique: every failure a different URL (the history keeps its newest `historyLimit` entries: capped).
 */
import { Session } from 'node:inspector/promises';
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import { config, counters, event, storage, tabs } from './fake-browser';

const mode = process.argv[2] === 'unique' ? 'unique' : 'mix';
const failures = Number(process.argv[3] ?? 10_000);
const profile = process.argv.includes('--profile');
const harnessOnly = process.argv.includes('--harness-only');
const TAB = 7;
/** Settled = no storage write for this long (the neighbourhood persists 1 s after its first change). */
const QUIET_MS = 1200;
const PAGE = 'http://127.0.0.1:5173/app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nextTask = () => new Promise((resolve) => setImmediate(resolve));

interface StormEvent {
  kind: 'error' | 'completed';
  details: Record<string, unknown>;
}

function stormEvents(n: number): StormEvent[] {
  const out: StormEvent[] = [];
  const base = {
    tabId: TAB,
    frameId: 0,
    parentFrameId: -1,
    initiator: 'http://127.0.0.1:5173',
    documentUrl: PAGE,
    method: 'GET',
  };
  const seen = [0, 0, 0, 0]; // per kind: its own path counter
  const next = (kind: number, paths: number) => seen[kind]!++ % paths;
  for (let i = 0; i < n; i++) {
    const requestId = String(1000 + i);
    const timeStamp = Date.now();
    const r = i % 10;
    if (mode === 'unique') {
      out.push({
        kind: 'error',
        details: {
          ...base,
          requestId,
          timeStamp,
          url: `http://localhost:8000/api/item/${i}`,
          type: 'xmlhttprequest',
          error: 'net::ERR_CONNECTION_REFUSED',
        },
      });
    } else if (r < 6) {
      out.push({
        kind: 'error',
        details: {
          ...base,
          requestId,
          timeStamp,
          url: `http://localhost:8000/api/items/${next(0, 20)}`,
          type: 'xmlhttprequest',
          error: 'net::ERR_CONNECTION_REFUSED',
        },
      });
    } else if (r < 8) {
      out.push({
        kind: 'error',
        details: {
          ...base,
          requestId,
          timeStamp,
          url: `https://cdn.example.test/img/${next(1, 30)}.png`,
          type: 'image',
          error: 'net::ERR_NAME_NOT_RESOLVED',
        },
      });
    } else if (r < 9) {
      out.push({
        kind: 'error',
        details: {
          ...base,
          requestId,
          timeStamp,
          url: `http://127.0.0.1:5173/src/chunk-${next(2, 5)}.js`,
          type: 'script',
          error: 'net::ERR_CONNECTION_RESET',
        },
      });
    } else {
      out.push({
        kind: 'completed',
        details: {
          ...base,
          requestId,
          timeStamp,
          url: 'http://localhost:8000/api/health',
          type: 'xmlhttprequest',
          statusCode: 503,
          statusLine: 'HTTP/1.1 503 Service Unavailable',
          ip: '127.0.0.1',
          fromCache: false,
          responseHeaders: [{ name: 'content-type', value: 'application/json' }],
        },
      });
    }
  }
  return out;
}

async function settled(quietMs: number): Promise<void> {
  let last = JSON.stringify(counters.writes);
  let since = performance.now();
  while (performance.now() - since < quietMs) {
    await sleep(50);
    const now = JSON.stringify(counters.writes);
    if (now !== last) {
      last = now;
      since = performance.now();
    }
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

const SAMPLE_US = 100;

/** Inclusive time per function name (each sample counted once per name on its stack), top `limit`. */
function inclusive(
  p: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] },
  limit: number,
): { fn: string; ms: number }[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const skip = new Set([
    '(root)',
    '(idle)',
    '(program)',
    '',
    'main',
    'processTimers',
    'listOnTimeout',
    'runMicrotasks',
    'processImmediate',
  ]);
  const total = new Map<string, number>();
  // Count samples (× the interval) rather than sum timeDeltas: on a loaded machine a delta also holds the time the
  // process was not running, which would go to whatever was on the stack.
  for (let i = 0; i < p.samples.length; i++) {
    const dt = SAMPLE_US / 1000;
    const names = new Set<string>();
    for (let id: number | undefined = p.samples[i]; id !== undefined; id = parent.get(id))
      names.add(byId.get(id)!.callFrame.functionName);
    for (const name of names) if (!skip.has(name)) total.set(name, (total.get(name) ?? 0) + dt);
  }
  return [...total.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([fn, ms]) => ({ fn, ms: Math.round(ms * 10) / 10 }));
}

/** Samples that ran JavaScript or GC (not idle, not program), × the interval. */
function busyMs(p: { nodes: ProfileNode[]; samples: number[] }): number {
  const idle = new Set(
    p.nodes
      .filter((n) => n.callFrame.functionName === '(idle)' || n.callFrame.functionName === '(program)')
      .map((n) => n.id),
  );
  return (p.samples.filter((id) => !idle.has(id)).length * SAMPLE_US) / 1000;
}

async function main(): Promise<void> {
  config.latencyMs = 1;
  tabs.set(TAB, { id: TAB, url: PAGE, incognito: false, active: true, windowId: 1 });
  storage.local.data.set('settings', { ...DEFAULT_SETTINGS });
  if (!harnessOnly) await import('../src/background/index');
  // The page itself loaded (the tab's state starts clean), then the worker is idle.
  const now = Date.now();
  event('webNavigation', 'onBeforeNavigate').dispatch({ tabId: TAB, frameId: 0, url: PAGE, timeStamp: now });
  event('webRequest', 'onCompleted').dispatch({
    tabId: TAB,
    frameId: 0,
    url: PAGE,
    type: 'main_frame',
    statusCode: 200,
    timeStamp: now,
    responseHeaders: [],
  });
  event('webNavigation', 'onCommitted').dispatch({
    tabId: TAB,
    frameId: 0,
    url: PAGE,
    timeStamp: now,
    transitionType: 'typed',
  });
  await settled(QUIET_MS);

  const events = stormEvents(failures);
  const onError = event('webRequest', 'onErrorOccurred');
  const onCompleted = event('webRequest', 'onCompleted');
  const writesBefore = { ...counters.writes };
  const callsBefore = { ...counters.calls };
  const session = profile ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: SAMPLE_US });
    await session.post('Profiler.start');
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const e of events) {
    (e.kind === 'error' ? onError : onCompleted).dispatch(e.details);
    await nextTask();
  }
  const delivered = performance.now() - t0;
  await settled(QUIET_MS);
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0 - QUIET_MS;
  const rawProfile = session
    ? ((await session.post('Profiler.stop')) as { profile: Parameters<typeof inclusive>[0] }).profile
    : null;
  const profiled = rawProfile ? { sampledMs: busyMs(rawProfile), top: inclusive(rawProfile, 25) } : undefined;

  const diff = (after: Record<string, number>, before: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(after)
        .map(([k, v]) => [k, v - (before[k] ?? 0)])
        .filter(([, v]) => (v as number) > 0),
    );
  const history = (storage.local.data.get('history') ?? []) as { url: string; count: number; resourceType: string }[];
  const subs = history.filter((e) => e.resourceType !== 'main_frame');
  const tabState = ((storage.session.data.get('tabs') ?? {}) as Record<string, { subresources: { count: number }[] }>)[
    String(TAB)
  ];
  const result = {
    mode,
    failures,
    cpuMs: (cpu.user + cpu.system) / 1000,
    cpuUserMs: cpu.user / 1000,
    cpuSystemMs: cpu.system / 1000,
    deliveredMs: delivered,
    wallMs: wall,
    writes: diff(counters.writes, writesBefore),
    calls: diff(counters.calls, callsBefore),
    historyEntries: subs.length,
    historyCount: subs.reduce((n, e) => n + e.count, 0),
    historyLimit: DEFAULT_SETTINGS.historyLimit,
    tabGroups: tabState?.subresources.length ?? 0,
    tabGroupCount: tabState?.subresources.reduce((n, g) => n + g.count, 0) ?? 0,
    profile: profiled,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
process.exit(0);
