import { render } from 'preact';
import { diagnose } from '../../engine/diagnose';
import type { Failure } from '../../engine/failure';
import { send } from '../../platform/messages';
import { DEFAULT_SETTINGS, type Settings } from '../../platform/settings';
import '../components/base.css';
import { reportFor, renderReport } from '../components/report';
import { Explain } from './Explain';
import { readParams, retryable } from './params';
import './style.css';

const WORKER_WAIT_MS = 400;
const root = document.getElementById('app')!;
const params = readParams(location.search);
let settings: Settings = { ...DEFAULT_SETTINGS };

function show(failure: Failure, ready: boolean) {
  const diagnosis = diagnose(failure);
  document.title = `${diagnosis.cause.title} — netwhy`;
  const canRetry = retryable(failure.url);
  const retry = async () => {
    if (!canRetry) return;
    try {
      await send('retry:intent', { tabId: params.tabId, url: failure.url });
    } catch {
      // The worker may be restarting; retrying still works, it just may show the browser's page on failure.
    }
    location.replace(failure.url);
  };
  render(
    <Explain
      failure={failure}
      diagnosis={diagnosis}
      ready={ready}
      canRetry={canRetry}
      onRetry={retry}
      report={() => renderReport(reportFor(failure, settings), 'markdown')}
    />,
    root,
  );
}

function showMissing() {
  render(
    <main data-error-code="UNKNOWN" data-verdict="unknown" data-cause="none" data-local="false" data-url="" data-ready="true">
      <h1>Nothing to explain here</h1>
      <p>This page explains failed page loads, but it was opened without one. Open netwhy's popup to see recent failures.</p>
    </main>,
    root,
  );
}

async function start() {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), WORKER_WAIT_MS));
  const [full, stored] = await Promise.all([
    Promise.race([send('failure:get', { id: params.id }).catch(() => null), timeout]),
    Promise.race([send('settings:get', {}).catch(() => null), timeout]),
  ]);
  if (stored) settings = stored;
  const failure = full && full.url === params.failure?.url ? full : params.failure;
  if (failure) show(failure, true);
  else showMissing();
}

void start();
