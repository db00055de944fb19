import { render } from 'preact';
import { t } from '../../engine/i18n';
import { diagnose } from '../../engine/diagnose';
import type { Failure } from '../../engine/failure';
import type { Diagnosis } from '../../engine/types';
import { send } from '../../platform/messages';
import { activeRules, loadRules } from '../../platform/rules';
import { DEFAULT_SETTINGS, type Settings } from '../../platform/settings';
import { useBrowserLanguage } from '../../platform/i18n';
import { useBrowserVocabulary } from '../../platform/vocabulary';
import '../components/base.css';
import { reportFor, renderReport } from '../components/report';
import { Explain } from './Explain';
import { readParams, retryable } from './params';
import { checkOnce, WatchControl } from './watch';
import './style.css';

// The user's language before anything renders or asks the engine for words.
useBrowserLanguage();
useBrowserVocabulary();
document.title = t('explain_title_default');

/** The worker answers at once, except while its probes run (bounded at a few hundred ms). */
const WORKER_WAIT_MS = 1500;
const root = document.getElementById('app')!;
const params = readParams(location.search);
let settings: Settings = { ...DEFAULT_SETTINGS };
let supportContact: string | null = null;
let current: { failure: Failure; ready: boolean; diagnosis: Diagnosis } | null = null;
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
  if (current) show(current.failure, current.ready, current.diagnosis);
}

/** Renders a failure; its diagnosis is made once per failure shown (re-renders for the watch status reuse it). */
function show(failure: Failure, ready: boolean, diagnosis: Diagnosis = diagnose(failure, activeRules())) {
  current = { failure, ready, diagnosis };
  document.title = t('explain_title', [diagnosis.cause.title]);
  // Retry and watch reload the tab: only for the page itself, not for one of its requests.
  const canRetry = retryable(failure.url) && failure.resourceType === 'main_frame';
  render(
    <Explain
      failure={failure}
      diagnosis={diagnosis}
      ready={ready}
      canRetry={canRetry}
      onRetry={() => canRetry && void retry(failure.url)}
      report={() => renderReport(reportFor(failure, settings, supportContact), 'markdown')}
      watching={watcher.watching}
      watchStatus={watchStatus}
      onWatch={toggleWatch}
    />,
    root,
  );
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
  // Paint at once from the address; the worker's evidence (neighbourhood, probes) completes it. When the worker's
  // headline is already painted and the address alone says something else (the worker knew more: other sites
  // failing, a similar host), keep it until the worker answers rather than flip the headline twice.
  if (params.failure) {
    const early = diagnose(params.failure, activeRules());
    if (!params.headline || early.cause.summary === params.headline) show(params.failure, false, early);
  }
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), WORKER_WAIT_MS));
  const [full, stored, policy] = await Promise.all([
    Promise.race([send('failure:get', { id: params.id }).catch(() => null), timeout]),
    Promise.race([send('settings:get', {}).catch(() => null), timeout]),
    Promise.race([send('policy:get', {}).catch(() => null), timeout]),
    loadRules(),
  ]);
  if (stored) settings = stored;
  supportContact = policy?.supportContact ?? null;
  const failure = full && full.url === params.failure?.url ? full : params.failure;
  if (failure) show(failure, true);
  else showMissing();
}

void start();
