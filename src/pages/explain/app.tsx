import { render } from 'preact';
import { t } from '../../engine/i18n';
import type { Failure } from '../../engine/failure';
import type { Diagnosis } from '../../engine/types';
import type { Protocol } from '../../shared/messages';
import { send, unwrap } from '../../platform/messages';
import { useBrowserLanguage } from '../../platform/i18n';
import { Explain } from './Explain';
import type { HandoffGlobal } from './handoff';
import { retryable } from './retryable';
import { checkOnce, WatchControl } from './watch';
// Its styles come with the page (main.ts imports them), before the first paint.

// The entry parsed the address and asked the worker already (handoff.ts): it always runs first.
const handoff = (globalThis as HandoffGlobal).netwhyExplain!;
const { params, mark } = handoff;
mark('app');

// The user's language before anything renders.
useBrowserLanguage();
document.title = t('explain_title_default');

/**
 * The worker answers at once, except while its probes run (bounded at a few hundred ms) or while it starts: a worker
 * that has not answered by then is broken, and the page says it cannot explain.
 */
const WORKER_WAIT_MS = 10_000;
const root = document.getElementById('app')!;
let current: { failure: Failure; diagnosis: Diagnosis; site: string } | null = null;
const watcher = new WatchControl();
let watchStatus = '';

async function retry(url: string) {
  try {
    await send('retry:intent', { tabId: params.tabId, url });
  } catch {
    // The worker may be restarting; retrying still works, it just may show the browser's page on failure.
  }
  location.replace(url);
}

function toggleWatch() {
  if (!current || !retryable(current.failure.url)) return;
  watchStatus = '';
  const url = current.failure.url;
  void watcher.toggle({
    check: () => checkOnce(url, (u, init) => fetch(u, init)),
    online: () => navigator.onLine,
    waitOnline: () => new Promise((resolve) => window.addEventListener('online', () => resolve(), { once: true })),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: Date.now,
    onStatus: (text) => {
      watchStatus = text;
      rerender();
    },
    onUp: () => void retry(url),
  });
  rerender();
}

function rerender() {
  if (current) show(current.failure, current.diagnosis, current.site);
}

/** Renders a failure with the worker's diagnosis (re-renders for the watch status reuse it). */
function show(failure: Failure, diagnosis: Diagnosis, site: string) {
  current = { failure, diagnosis, site };
  document.title = t('explain_title', [diagnosis.cause.title]);
  // Retry and watch reload the tab: only for the page itself, not for one of its requests.
  const canRetry = retryable(failure.url) && failure.resourceType === 'main_frame';
  render(
    <Explain
      failure={failure}
      diagnosis={diagnosis}
      site={site}
      canRetry={canRetry}
      onRetry={() => canRetry && void retry(failure.url)}
      report={() => reportText()}
      watching={watcher.watching}
      watchStatus={watchStatus}
      onWatch={toggleWatch}
    />,
    root,
  );
}

/** The report is built by the worker when asked, so it says when it was made. */
async function reportText(): Promise<string> {
  const text = await send('report:get', { id: params.id, format: 'markdown', address: params.address ?? undefined });
  if (text === null) throw new Error('no failure to report');
  return text;
}

function showMissing() {
  render(
    <main
      data-error-code="UNKNOWN"
      data-verdict="unknown"
      data-cause="none"
      data-local="false"
      data-url=""
      data-ready="true"
    >
      <h1>{t('explain_missing_heading')}</h1>
      <p>{t('explain_missing_text')}</p>
    </main>,
    root,
  );
}

async function start() {
  // The headline, verdict and first evidence are painted from the address (first-paint.ts); the worker's diagnosis,
  // with its evidence (neighbourhood, probes), renders the rest.
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), WORKER_WAIT_MS));
  const view = await Promise.race([
    handoff.reply.then((reply) => unwrap<Protocol['diagnosis:get']['res']>('diagnosis:get', reply)).catch(() => null),
    timeout,
  ]);
  mark('answered');
  if (view) show(view.failure, view.diagnosis, view.entry.host);
  else showMissing();
  mark('rendered');
}

void start();
