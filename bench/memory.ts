/**
 * Worker memory after a storm of real failures, in real Chromium: a loopback page fires N fetch()es at a closed
 * loopback port (in batches, over a few distinct paths), each a real `net::ERR_CONNECTION_REFUSED` that
 * webRequest.onErrorOccurred reports to the worker. Then, once the worker has settled, the worker's JS heap is read
 * through the DevTools protocol (Target.attachToTarget on the service worker target, non-flat session:
 * HeapProfiler.collectGarbage, Runtime.getHeapUsage), before and after the storm.
 * An extension page counts storage writes meanwhile (storage.onChanged per area and key), and the stored counts are
 * checked: history entry counts and the tab's failure groups must both add up to N.
 * Back to idle: the same storm is made again from a new tab, and the heap read once more after it settled. The first
 * storm leaves what a worker keeps once it has worked at all (its history list in memory, compiled code, summaries);
 * a second storm that leaves the heap where the first did shows that a storm leaves nothing behind.
 */
import type { CDPSession } from 'playwright-core';
import type { LaunchedBrowser } from '../test/e2e/support/chromium';
import type { FaultServer } from '../test/e2e/support/fault-server';

export interface HeapUsage {
  usedSize: number;
  totalSize: number;
}

/** A DevTools session on the extension's service worker, through a page session (non-flat: plain messages). */
export interface WorkerDevtools {
  call<T>(method: string, params?: object): Promise<T>;
  /** Events of the worker's DevTools session (e.g. HeapProfiler.addHeapSnapshotChunk). */
  on(method: string, listener: (params: Record<string, unknown>) => void): void;
  close(): Promise<void>;
}

export async function workerDevtools(b: LaunchedBrowser): Promise<WorkerDevtools> {
  const page = await b.newPage();
  const s: CDPSession = await b.context.newCDPSession(page);
  const { targetInfos } = await s.send('Target.getTargets');
  const prefix = b.extensionUrl('');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(prefix));
  if (!target) throw new Error('the extension service worker target is not running');
  const { sessionId } = await s.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let id = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, ((params: Record<string, unknown>) => void)[]>();
  s.on('Target.receivedMessageFromTarget', (e) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message) as {
      id?: number;
      method?: string;
      params?: Record<string, unknown>;
      result?: unknown;
      error?: { message: string };
    };
    if (m.method) for (const l of listeners.get(m.method) ?? []) l(m.params ?? {});
    const p = m.id === undefined ? undefined : pending.get(m.id);
    if (!p) return;
    pending.delete(m.id!);
    if (m.error) p.reject(new Error(m.error.message));
    else p.resolve(m.result);
  });
  return {
    call<T>(method: string, params: object = {}) {
      const i = ++id;
      return new Promise<T>((resolve, reject) => {
        pending.set(i, { resolve: resolve as (v: unknown) => void, reject });
        s.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: i, method, params }) }).catch(
          reject,
        );
      });
    },
    on(method, listener) {
      listeners.set(method, [...(listeners.get(method) ?? []), listener]);
    },
    async close() {
      await s.detach().catch(() => undefined);
      await page.close().catch(() => undefined);
    },
  };
}

export async function heapAfterGc(dt: { call<T>(method: string, params?: object): Promise<T> }): Promise<HeapUsage> {
  for (let i = 0; i < 3; i++) await dt.call('HeapProfiler.collectGarbage');
  return dt.call<HeapUsage>('Runtime.getHeapUsage');
}

/** Self size per node type and name (constructor, or the string itself for strings), from a heap snapshot. */
export type HeapCensus = Map<string, { count: number; bytes: number }>;

/** What a heap snapshot of the worker holds. */
export interface HeapSummary {
  census: HeapCensus;
  /** Compiled code and its metadata (V8 `code` nodes): grows as functions first run, not with data kept. */
  codeBytes: number;
  /** Everything else: the worker's data and V8's internal objects (number-string cache, hidden classes, ...). */
  dataBytes: number;
  /**
   * The JavaScript values: objects, closures, strings, numbers, and arrays not held by V8's own roots (its
   * number-string cache is an array of up to 64 KB that grows as numbers are printed, and never shrinks).
   */
  jsBytes: number;
  /** The biggest non-code objects, each with its first retainers (what keeps it alive). */
  biggest: string[];
}

/** A heap snapshot of the worker (after a GC), summed by type and name, with the biggest data objects' retainers. */
export async function heapSummary(dt: WorkerDevtools): Promise<HeapSummary> {
  let chunks = '';
  dt.on('HeapProfiler.addHeapSnapshotChunk', (p) => (chunks += String(p.chunk)));
  chunks = '';
  await dt.call('HeapProfiler.collectGarbage');
  await dt.call('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  const snap = JSON.parse(chunks) as {
    snapshot: {
      meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] };
    };
    nodes: number[];
    edges: number[];
    strings: string[];
  };
  chunks = '';
  const meta = snap.snapshot.meta;
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const types = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const at = (f: string) => meta.node_fields.indexOf(f);
  const [typeAt, nameAt, sizeAt, edgeCountAt] = [at('type'), at('name'), at('self_size'), at('edge_count')];
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => meta.edge_fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  const census: HeapCensus = new Map();
  const label = (i: number): string => {
    const type = types[snap.nodes[i + typeAt]!] ?? '?';
    const name = snap.strings[snap.nodes[i + nameAt]!] ?? '';
    return `${type}:${type.includes('string') ? name.slice(0, 60) : name}`;
  };
  let codeBytes = 0;
  let dataBytes = 0;
  const retainer = new Map<number, [number, string]>();
  let edge = 0;
  const big: [number, number][] = [];
  for (let i = 0; i < snap.nodes.length; i += nf) {
    const type = types[snap.nodes[i + typeAt]!] ?? '?';
    const size = snap.nodes[i + sizeAt]!;
    const key = label(i);
    const e = census.get(key) ?? { count: 0, bytes: 0 };
    e.count++;
    e.bytes += size;
    census.set(key, e);
    if (type === 'code') codeBytes += size;
    else {
      dataBytes += size;
      if (type !== 'synthetic' && type !== 'hidden') big.push([i, size]);
    }
    for (let k = 0; k < snap.nodes[i + edgeCountAt]!; k++, edge += ef) {
      const et = edgeTypes[snap.edges[edge + eType]!] ?? '';
      if (et === 'weak' || et === 'shortcut') continue;
      const to = snap.edges[edge + eTo]!;
      if (!retainer.has(to)) {
        const n = snap.edges[edge + eName]!;
        retainer.set(to, [i, et === 'element' || et === 'hidden' ? `[${n}]` : (snap.strings[n] ?? '?')]);
      }
    }
  }
  const JS = new Set([
    'object',
    'closure',
    'string',
    'concatenated string',
    'sliced string',
    'number',
    'regexp',
    'array',
  ]);
  let jsBytes = 0;
  for (const [i, size] of big) {
    const type = types[snap.nodes[i + typeAt]!] ?? '?';
    if (!JS.has(type)) continue;
    const by = retainer.get(i);
    if (type === 'array' && by && types[snap.nodes[by[0] + typeAt]!] === 'synthetic') continue;
    jsBytes += size;
  }
  const biggest = big
    .sort((x, y) => y[1] - x[1])
    .slice(0, 5)
    .map(([i, size]) => {
      const chain: string[] = [];
      for (let n = i, hops = 0; hops < 6; hops++) {
        const r = retainer.get(n);
        if (!r) break;
        chain.push(`${r[1]} of ${label(r[0])}`);
        n = r[0];
      }
      return `${(size / 1024).toFixed(1)} KB ${label(i)} ← ${chain.join(' ← ')}`;
    });
  return { census, codeBytes, dataBytes, jsBytes, biggest };
}

/** The biggest growths from `a` to `b`, one line each. */
export function censusDiff(a: HeapCensus, b: HeapCensus, top = 25): string[] {
  const rows: [string, number, number][] = [];
  for (const [key, e] of b) {
    const was = a.get(key) ?? { count: 0, bytes: 0 };
    if (e.bytes !== was.bytes) rows.push([key, e.bytes - was.bytes, e.count - was.count]);
  }
  for (const [key, was] of a) if (!b.has(key)) rows.push([key, -was.bytes, -was.count]);
  const total = rows.reduce((s, r) => s + r[1], 0);
  return [
    `total ${(total / 1024).toFixed(1)} KB`,
    ...rows
      .sort((x, y) => y[1] - x[1])
      .slice(0, top)
      .map(([k, bytes, count]) => `${(bytes / 1024).toFixed(1)} KB (${count >= 0 ? '+' : ''}${count}) ${k}`),
  ];
}

const STORM_PAGE = `<!doctype html><meta charset="utf-8"><title>storm</title><body>storm<script>
const q = new URLSearchParams(location.search);
const port = Number(q.get('port')), n = Number(q.get('n')), batch = Number(q.get('batch')), paths = Number(q.get('paths'));
(async () => {
  const t0 = performance.now();
  let done = 0;
  while (done < n) {
    const k = Math.min(batch, n - done);
    const all = [];
    for (let i = 0; i < k; i++) all.push(fetch('http://127.0.0.1:' + port + '/api/item-' + ((done + i) % paths)).then(() => 'ok', () => 'error'));
    const r = await Promise.all(all);
    if (r.includes('ok')) document.body.dataset.unexpected = 'true';
    done += k;
  }
  document.body.dataset.ms = String(performance.now() - t0);
  document.body.dataset.done = 'true';
})();
</script>`;

export interface MemoryResult {
  failures: number;
  stormMs: number;
  /** From the end of the page's storm until the stored counts reached N (or stopped changing for 20 s). */
  settleMs: number;
  /** Whether the stored counts reached N. */
  settled: boolean;
  heapBefore: HeapUsage;
  /** Right when the page's last request failed (after a GC): the worker may still be working through its backlog. */
  heapAtStormEnd: HeapUsage;
  /** Once the worker has settled (after a GC). */
  heapAfter: HeapUsage;
  /** After the same storm again, from a new tab, once the worker has settled (after a GC). */
  heapAfterSecond: HeapUsage;
  /** Whether the second storm's counts were all stored (history 2N, the new tab's groups N). */
  secondSettled: boolean;
  /**
   * The same heaps from snapshots, split into compiled code and data (see HeapSummary): idle, after the first storm,
   * after the second. What a storm leaves behind is the data's growth; code grows once, as functions first run.
   */
  split: {
    idle: { code: number; data: number; js: number };
    first: { code: number; data: number; js: number };
    second: { code: number; data: number; js: number };
  };
  /** The biggest data objects after the second storm, with what retains them. */
  biggest: string[];
  historyCount: number;
  historyEntries: number;
  tabGroupCount: number;
  writes: Record<string, number>;
  badge: string;
  /** Warnings and errors the worker logged during the run (count, and the first few). */
  workerLog: { count: number; first: string[] };
}

interface StoredCounts {
  history: number;
  entries: number;
  tabs: number;
}

export async function runMemory(
  b: LaunchedBrowser,
  fs: FaultServer,
  o: { failures: number; batch: number; paths: number; closedPort: number; log: (l: string) => void },
): Promise<MemoryResult> {
  const worker0 = await b.waitForWorker();
  const workerLog = { count: 0, first: [] as string[] };
  worker0.on('console', (m) => {
    if (m.type() !== 'warning' && m.type() !== 'error') return;
    workerLog.count++;
    if (workerLog.first.length < 5) workerLog.first.push(`${m.type()}: ${m.text().slice(0, 300)}`);
  });
  fs.route('/storm', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(STORM_PAGE);
  });
  const dt = await workerDevtools(b);
  try {
    // An extension page that watches storage writes and reads the stored counts.
    const observer = await b.newPage();
    await observer.goto(b.extensionUrl('src/pages/options/index.html'));
    await observer.evaluate(() => {
      const w = window as unknown as {
        __writes: Record<string, number>;
        chrome: { storage: { onChanged: { addListener(f: (c: object, area: string) => void): void } } };
      };
      w.__writes = {};
      w.chrome.storage.onChanged.addListener((changes, area) => {
        for (const key of Object.keys(changes)) {
          // One journal key per failure (written, then removed): counted together.
          const k = `${area}.${key.startsWith('journal:') ? 'journal' : key}`;
          w.__writes[k] = (w.__writes[k] ?? 0) + 1;
        }
      });
    });
    const stormUrl = `${fs.url('/storm')}?port=${o.closedPort}&n=${o.failures}&batch=${o.batch}&paths=${o.paths}`;
    const counts = (): Promise<StoredCounts> =>
      observer.evaluate(async (prefix) => {
        const c = (
          window as unknown as {
            chrome: {
              storage: {
                local: { get(k: string): Promise<Record<string, unknown>> };
                session: { get(k: string): Promise<Record<string, unknown>> };
              };
            };
          }
        ).chrome;
        const history = ((await c.storage.local.get('history')).history ?? []) as { url: string; count: number }[];
        const tabs = ((await c.storage.session.get('tabs')).tabs ?? {}) as Record<
          string,
          { subresources: { host: string; count: number }[] }
        >;
        const mine = history.filter((e) => e.url.startsWith(prefix));
        const groups = Object.values(tabs)
          .flatMap((t) => t.subresources)
          .filter((g) => prefix.includes(`//${g.host}/`));
        return {
          history: mine.reduce((n, e) => n + e.count, 0),
          entries: mine.length,
          tabs: groups.reduce((n, g) => n + g.count, 0),
        };
      }, `http://127.0.0.1:${o.closedPort}/`);

    const heapBefore = await heapAfterGc(dt);
    const idleSummary = await heapSummary(dt);
    const page = await b.newPage();
    await page.goto(stormUrl);
    await page.locator('body[data-done="true"]').waitFor({ timeout: 300_000 });
    const stormMs = Number(await page.locator('body').getAttribute('data-ms'));
    if (await page.locator('body[data-unexpected]').count())
      throw new Error('a storm request succeeded: the port is not closed');
    const heapAtStormEnd = await heapAfterGc(dt);
    // The worker can lag behind a storm (its storage calls queue behind thousands of other API calls): wait until
    // every failure is counted, or until nothing changed for 20 s.
    const settleStart = Date.now();
    let last = await counts();
    let changedAt = Date.now();
    const reached = () => last.history >= o.failures && last.tabs >= o.failures;
    while (!reached() && Date.now() - changedAt < 20_000 && Date.now() - settleStart < 240_000) {
      await new Promise((r) => setTimeout(r, 500));
      const now = await counts();
      if (now.history !== last.history || now.tabs !== last.tabs) {
        last = now;
        changedAt = Date.now();
      }
    }
    const settleMs = (reached() ? Date.now() : changedAt) - settleStart;
    // Let throttled session writes (1 s) finish before reading the heap.
    await new Promise((r) => setTimeout(r, 1500));
    const heapAfter = await heapAfterGc(dt);
    const firstSummary = await heapSummary(dt);
    o.log(`memory: idle → first storm:\n  ${censusDiff(idleSummary.census, firstSummary.census).join('\n  ')}`);
    const writes = await observer.evaluate(() => (window as unknown as { __writes: Record<string, number> }).__writes);
    const worker = await b.waitForWorker();
    const badge = await worker.evaluate(async (url) => {
      const c = (
        globalThis as unknown as {
          chrome: {
            tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
            action: { getBadgeText(d: object): Promise<string> };
          };
        }
      ).chrome;
      const tab = (await c.tabs.query({})).find((t) => t.url === url);
      return tab?.id === undefined ? '' : c.action.getBadgeText({ tabId: tab.id });
    }, stormUrl);
    await page.close();
    // The same storm again, from a new tab (the closed tab's groups are gone): the heap must come back to where the
    // first storm left it.
    const second = await b.newPage();
    await second.goto(`${stormUrl}&again=1`);
    await second.locator('body[data-done="true"]').waitFor({ timeout: 300_000 });
    let again = await counts();
    let againChangedAt = Date.now();
    const againStart = Date.now();
    const secondReached = () => again.history >= 2 * o.failures && again.tabs >= o.failures;
    while (!secondReached() && Date.now() - againChangedAt < 20_000 && Date.now() - againStart < 240_000) {
      await new Promise((r) => setTimeout(r, 500));
      const now = await counts();
      if (now.history !== again.history || now.tabs !== again.tabs) {
        again = now;
        againChangedAt = Date.now();
      }
    }
    await new Promise((r) => setTimeout(r, 1500));
    const heapAfterSecond = await heapAfterGc(dt);
    const secondSummary = await heapSummary(dt);
    o.log(`memory: first → second storm:\n  ${censusDiff(firstSummary.census, secondSummary.census).join('\n  ')}`);
    o.log(`memory: the biggest data objects after the second storm:\n  ${secondSummary.biggest.join('\n  ')}`);
    o.log(
      `memory: second storm ${secondReached() ? 'counted' : 'NOT all counted'} (history ${again.history}, tab ` +
        `${again.tabs}); heap ${(heapAfter.usedSize / 2 ** 20).toFixed(2)} → ${(heapAfterSecond.usedSize / 2 ** 20).toFixed(2)} MB`,
    );
    await second.close();
    await observer.close();
    const split = (h: HeapSummary) => ({ code: h.codeBytes, data: h.dataBytes, js: h.jsBytes });
    return {
      split: { idle: split(idleSummary), first: split(firstSummary), second: split(secondSummary) },
      biggest: secondSummary.biggest,
      heapAfterSecond,
      secondSettled: secondReached(),
      failures: o.failures,
      stormMs,
      settleMs,
      settled: reached(),
      heapBefore,
      heapAtStormEnd,
      heapAfter,
      historyCount: last.history,
      historyEntries: last.entries,
      tabGroupCount: last.tabs,
      writes,
      badge,
      workerLog,
    };
  } finally {
    await dt.close();
  }
}
