/** URLs of the extension's own pages, shared by the worker and the pages. */
import type { Failure } from '../engine/failure';
import { extensionUrl } from './browser';

export const EXPLAIN_PAGE = 'src/pages/explain/index.html';

/**
 * The explanation page URL carries enough to render without the worker; the id fetches the rest. `headline`, the
 * worker's own summary, is painted before the page's modules have run (src/pages/explain/first-paint.ts).
 */
export function explainUrl(
  failure: Pick<Failure, 'id' | 'tabId' | 'url' | 'error' | 'httpStatus' | 'resourceType'>,
  headline?: string,
): string {
  const params = new URLSearchParams({ id: failure.id, tab: String(failure.tabId), url: failure.url });
  if (headline) params.set('h', headline);
  if (failure.resourceType !== 'main_frame') params.set('type', failure.resourceType);
  if (failure.error) params.set('error', failure.error);
  if (failure.httpStatus) params.set('status', String(failure.httpStatus));
  return `${extensionUrl(EXPLAIN_PAGE)}?${params.toString()}`;
}

export const CATALOGUE_PAGE = 'src/pages/catalogue/index.html';
