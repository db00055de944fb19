/** URLs of the extension's own pages, shared by the worker and the pages. */
import type { Failure } from '../engine/failure';
import { extensionUrl } from './browser';

export const EXPLAIN_PAGE = 'src/pages/explain/index.html';

/** What the explanation page paints before its modules run (src/shared/first-paint.ts): the worker's words. */
export interface FirstPaint {
  /** The headline: the cause's summary. */
  headline: string;
  verdict: string;
  /** "The site (likely)": the verdict's label and confidence, as the page shows them. */
  verdictLabel: string;
  confidence: string;
  /** The first evidence line: what it points to (as a class and a label) and its text. */
  evidence?: { pointsTo: string; label: string; text: string };
}

/**
 * The explanation page URL carries enough to ask the worker again after a restart (the failure's address); the id
 * fetches the rest. `first`, the worker's own words, is painted before the page's modules have run.
 */
export function explainUrl(
  failure: Pick<Failure, 'id' | 'tabId' | 'url' | 'error' | 'httpStatus' | 'resourceType'>,
  first?: FirstPaint,
): string {
  const params = new URLSearchParams({ id: failure.id, tab: String(failure.tabId), url: failure.url });
  if (first) {
    params.set('h', first.headline);
    params.set('v', first.verdict);
    params.set('vl', first.verdictLabel);
    params.set('vc', first.confidence);
    if (first.evidence) {
      params.set('ep', first.evidence.pointsTo);
      params.set('epl', first.evidence.label);
      params.set('e', first.evidence.text);
    }
  }
  if (failure.resourceType !== 'main_frame') params.set('type', failure.resourceType);
  if (failure.error) params.set('error', failure.error);
  if (failure.httpStatus) params.set('status', String(failure.httpStatus));
  return `${extensionUrl(EXPLAIN_PAGE)}?${params.toString()}`;
}

export const CATALOGUE_PAGE = 'src/pages/catalogue/index.html';
