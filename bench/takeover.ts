/**
 * Takeover (a child process of `npm run bench`): what the real worker (src/background/index.ts on the in-memory
 * browser of bench/fake-browser.ts) does on the error event of a top-level load, in order, with times.
 *
 *   node takeover-child.mjs warm [rounds]   → one JSON line: per round, the time from the error event to the
 *                                              tabs.update call, the calls made before it, and the storage writes
 *                                              and API calls of the 300 ms after it (and when the page asked)
 *   node takeover-child.mjs cold            → one JSON line: a stopped worker woken by the error event: the
 *                                              timeline of module evaluation, every storage read it issues and
 *                                              when each answered, and the takeover
 *
 * Each warm round: a tab starts a load (onBeforeNavigate, onSendHeaders), the worker goes idle (600 ms), then
 * webRequest.onErrorOccurred (ERR_CONNECTION_REFUSED), webNavigation.onErrorOccurred 2 ms later, the explanation
 * page commits 40 ms after the tabs.update, and asks `diagnosis:get` right after its commit (as the page does).
 * Storage calls resolve after 1 ms on a timer, as in the storm. Times are Node's: the order and the counts are the
 * point, not the microseconds.
 */
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import { EXTENSION_ORIGIN, event, storage, tabs, trace } from './fake-browser';

const mode = process.argv[2] === 'cold' ? 'cold' : 'warm';
const rounds = Number(process.argv[3] ?? 25);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const EXPLAIN = `${EXTENSION_ORIGIN}src/pages/explain/index.html`;
const WINDOW_MS = 300;

interface Round {
  /** Error event dispatched → tabs.update called, µs. */
  toUpdateUs: number;
  /** Storage and API calls made before tabs.update (in the event's task). */
  before: string[];
  /** Calls in the 300 ms after tabs.update: [ms after it, what]. */
  after: [number, string][];
  /** The page's diagnosis:get answered, ms after tabs.update, and whether it had the failure. */
  answeredMs: number | null;
  answered: boolean;
}

function setTab(id: number): void {
  tabs.set(id, { id, url: 'about:blank', incognito: false, active: true, windowId: 1 });
  event('tabs', 'onCreated').dispatch({ id, incognito: false, url: 'about:blank' });
}

/** Dispatches the events of one failed load in tab `tabId`; returns what the trace saw. */
async function failOnce(tabId: number, url: string, startedLoad: boolean): Promise<Round> {
  if (startedLoad) {
    event('webNavigation', 'onBeforeNavigate').dispatch({ tabId, frameId: 0, url, timeStamp: Date.now() });
    event('webRequest', 'onSendHeaders').dispatch({
      tabId,
      frameId: 0,
      url,
      type: 'main_frame',
      requestId: `r${tabId}`,
      timeStamp: Date.now(),
    });
    await sleep(600); // idle: every write of the start has landed
  }
  trace.log.length = 0;
  trace.on = true;
  const t0 = performance.now();
  event('webRequest', 'onErrorOccurred').dispatch({
    tabId,
    frameId: 0,
    parentFrameId: -1,
    url,
    type: 'main_frame',
    requestId: `r${tabId}`,
    error: 'net::ERR_CONNECTION_REFUSED',
    timeStamp: Date.now(),
  });
  const update = () => trace.log.find((e) => e.what === 'tabs.update');
  await sleep(2);
  event('webNavigation', 'onErrorOccurred').dispatch({
    tabId,
    frameId: 0,
    url,
    error: 'net::ERR_CONNECTION_REFUSED',
    timeStamp: Date.now(),
  });
  while (!update() && performance.now() - t0 < 5000) await sleep(1);
  const at = update()?.t ?? NaN;
  await sleep(Math.max(0, at + 40 - performance.now()));
  event('webNavigation', 'onBeforeNavigate').dispatch({ tabId, frameId: 0, url: EXPLAIN, timeStamp: Date.now() });
  event('webNavigation', 'onCommitted').dispatch({
    tabId,
    frameId: 0,
    url: `${EXPLAIN}?id=x`,
    timeStamp: Date.now(),
    transitionType: 'link',
  });
  // The page asks for its failure once its headline is painted: right after the commit here.
  const id = new URL(tabs.get(tabId)?.url ?? EXPLAIN).searchParams.get('id');
  let answeredMs: number | null = null;
  let answered = false;
  event('runtime', 'onMessage').dispatch(
    { netwhy: 1, type: 'diagnosis:get', data: { id } },
    { id: 'netwhybenchfakeextensionid', url: `${EXPLAIN}?id=${id}`, tab: { id: tabId }, frameId: 0 },
    (reply: { ok: boolean; value?: { failure?: { id?: string } } | null }) => {
      answeredMs = performance.now() - at;
      answered = reply.ok && reply.value?.failure?.id === id;
    },
  );
  await sleep(Math.max(0, at + WINDOW_MS - performance.now()));
  trace.on = false;
  const log = [...trace.log];
  await sleep(1500); // everything settles before the next round
  return {
    toUpdateUs: Math.round((at - t0) * 1000),
    before: log.filter((e) => e.t < at).map((e) => e.what),
    after: log
      .filter((e) => e.t > at && e.t <= at + WINDOW_MS && !e.what.endsWith('answered'))
      .map((e) => [Math.round((e.t - at) * 10) / 10, e.what]),
    answeredMs: answeredMs === null ? null : Math.round((answeredMs as number) * 10) / 10,
    answered,
  };
}

async function main(): Promise<void> {
  storage.local.data.set('settings', { ...DEFAULT_SETTINGS });
  // The tab's update navigates it (the page's id is read from the URL it was sent to).
  const fake = (await import('./fake-browser')).browser;
  const tabsApi = fake.tabs as unknown as Record<string, unknown>;
  const update = tabsApi.update as (id: number, p: { url: string }) => Promise<unknown>;
  tabsApi.update = (id: number, p: { url: string }) => {
    const tab = tabs.get(id);
    if (tab) tab.url = p.url;
    return update(id, p);
  };

  if (mode === 'cold') {
    setTab(3);
    trace.log.length = 0;
    trace.on = true;
    const t0 = performance.now();
    await import('../src/background/index');
    const evaluated = performance.now();
    // The browser dispatches the event that woke the worker once its script has run.
    event('webRequest', 'onErrorOccurred').dispatch({
      tabId: 3,
      frameId: 0,
      parentFrameId: -1,
      url: 'http://127.0.0.1:9/cold',
      type: 'main_frame',
      requestId: 'cold',
      error: 'net::ERR_CONNECTION_REFUSED',
      timeStamp: Date.now(),
    });
    await sleep(400);
    trace.on = false;
    const at = trace.log.find((e) => e.what === 'tabs.update')?.t ?? NaN;
    process.stdout.write(
      `${JSON.stringify({
        mode,
        evaluateMs: Math.round((evaluated - t0) * 10) / 10,
        toUpdateMs: Math.round((at - t0) * 10) / 10,
        updateAfterEventMs: Math.round((at - evaluated) * 10) / 10,
        timeline: trace.log
          .filter((e) => e.t <= at + 50)
          .map((e) => [Math.round((e.t - t0) * 10) / 10, e.what] as [number, string]),
      })}\n`,
    );
    return;
  }

  await import('../src/background/index');
  await sleep(1500);
  const out: Round[] = [];
  for (let i = 0; i < rounds; i++) {
    const tabId = 100 + i;
    setTab(tabId);
    out.push(await failOnce(tabId, `http://127.0.0.1:9/r${i}`, true));
  }
  process.stdout.write(`${JSON.stringify({ mode, rounds: out })}\n`);
}

await main();
process.exit(0);
