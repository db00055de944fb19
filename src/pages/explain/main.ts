/**
 * The explanation page's entry: unless its HTML came with it (Chromium: the worker serves the page with its first paint
 * in it, platform/explain-server.ts), it paints the worker's headline from the address at once (first-paint.ts), then
 * loads the page's modules (engine, preact, its evidence) after the browser has painted it: loaded at once, they
 * would run before the first frame and hold the headline back until they are done. In the same turn it asks the
 * worker for the diagnosis with its evidence, and hands the pending answer to those modules (handoff.ts).
 */
// The page's styles load with the page itself (render-blocking), so the first paint is already styled: imported
// only by the app, they would come with it, after that paint, and move everything.
import '../components/base.css';
import './style.css';
import { paintHeadline } from './first-paint';
import type { DiagnosisAsk, HandoffGlobal } from './handoff';
import { readParams } from './params';

/** User Timing marks for `npm run bench` (bench/tab-timing.ts reads `netwhy:*`); nothing the user sees. The app
 * marks through the handoff (it shares no module with this entry). */
function mark(name: string): void {
  try {
    performance.mark(`netwhy:${name}`);
  } catch {
    // No User Timing: nothing to mark.
  }
}

declare const __NETWHY_BROWSER__: 'chrome' | 'firefox';

mark('entry');
// Chromium: the worker serves this page with its first paint in its HTML (platform/explain-server.ts). The Chrome
// build leaves the page's own drawing of it out (1 KB, and a second script request before the paint); a page the
// worker did not serve paints when its modules have run. Firefox's worker is an event page, which gets no fetch
// events: there the page draws it. The build's constant, not platform/browser.ts: importing that would cost this page
// a request before its paint. The bench and the e2e tests read `served` and `drawn`.
const served = !!document.getElementById('app')?.firstChild;
if (served) mark('served');
else if (__NETWHY_BROWSER__ === 'firefox' && paintHeadline()) mark('drawn');
mark('headline');

interface RuntimeLike {
  runtime?: { sendMessage(message: unknown): Promise<unknown> };
}

/**
 * Asks the worker for the diagnosis with its evidence now, while the app loads (the app awaits this answer): the
 * worker starts its probes when the page asks. The browser's own API, as the pages use it (platform/browser.ts).
 */
function ask(): void {
  const params = readParams(location.search);
  const g = globalThis as { browser?: RuntimeLike; chrome?: RuntimeLike };
  const runtime = (g.browser?.runtime ? g.browser : g.chrome)?.runtime;
  const message: DiagnosisAsk = {
    netwhy: 1,
    type: 'diagnosis:get',
    data: { id: params.id, ...(params.address ? { address: params.address } : {}) },
  };
  let reply: Promise<unknown>;
  try {
    reply = runtime ? Promise.resolve(runtime.sendMessage(message)) : Promise.reject(new Error('no runtime'));
  } catch (err) {
    reply = Promise.reject(err);
  }
  // Handled by the app (unhandled until it has loaded); `replied` is for the bench: when the answer arrived.
  reply.then(
    () => mark('replied'),
    () => mark('replied'),
  );
  (globalThis as HandoffGlobal).netwhyExplain = { params, reply, mark };
  mark('asked');
}

let started = false;
function start(): void {
  if (started) return;
  started = true;
  ask();
  // By its built name (EXPLAIN_APP, src/shared/explain-app.ts), not './app': see vite.config.ts. Its own imports
  // load with it, from the extension's files.
  const app = '/assets/explain-app.js';
  void import(/* @vite-ignore */ app);
}
if (served) {
  // The first paint came with the HTML: the modules can load now (they take longer to arrive than that paint).
  start();
} else {
  requestAnimationFrame(() => setTimeout(start, 0));
  // A hidden tab gets no frames: start anyway.
  setTimeout(start, 100);
}
