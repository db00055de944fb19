/** What the user sees from the worker: the takeover navigation and the toolbar badge. */
import type { Verdict } from '../engine/errors/types';
import type { Failure } from '../engine/failure';
import { actionApi, browser } from '../platform/browser';
import { explainUrl, type FirstPaint } from '../platform/pages';
import type { Diagnosis } from '../engine/types';
import { confidenceNote, pointsToLabel, verdictLabel } from '../shared/words';

/** The words the explanation page paints first, from its address: the same ones it then renders. */
export function firstPaint(d: Diagnosis): FirstPaint {
  const e = d.evidence[0];
  return {
    headline: d.cause.summary,
    verdict: d.verdict,
    verdictLabel: verdictLabel(d.verdict, d.local),
    confidence: confidenceNote(d.confidenceWord),
    evidence: e && { pointsTo: e.pointsTo, label: pointsToLabel(e.pointsTo, d.local), text: e.text },
  };
}

export function takeover(failure: Failure, first?: FirstPaint): void {
  const url = explainUrl(failure, first);
  browser.tabs.update(failure.tabId, { url }).catch((err: unknown) => {
    // The tab may have closed or navigated on: nothing to explain there any more.
    console.warn('netwhy: could not show the explanation', err);
  });
}

const COLOURS: Record<Verdict, string> = {
  client: '#b45309',
  network: '#7c3aed',
  server: '#2563eb',
  unknown: '#6b7280',
};

export function setBadge(tabId: number, text: string, verdict: Verdict, title: string): void {
  const a = actionApi();
  if (!a || tabId < 0) return;
  const ignore = () => undefined; // the tab may be gone
  a.setBadgeText({ tabId, text }).catch(ignore);
  a.setBadgeBackgroundColor({ tabId, color: COLOURS[verdict] }).catch(ignore);
  a.setTitle({ tabId, title }).catch(ignore);
}

export function clearBadge(tabId: number): void {
  const a = actionApi();
  if (!a || tabId < 0) return;
  a.setBadgeText({ tabId, text: '' }).catch(() => undefined);
  a.setTitle({ tabId, title: 'netwhy' }).catch(() => undefined);
}
