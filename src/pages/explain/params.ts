/** Reads the explanation page's query string. Everything in it is untrusted: it is parsed, never rendered as HTML. */
import { toFailure, type Failure } from '../../engine/failure';

export interface ExplainParams {
  id: string;
  tabId: number;
  failure: Failure | null;
  /** The worker's headline, already painted by first-paint.ts ('' when none). */
  headline: string;
}

export function readParams(search: string): ExplainParams {
  const p = new URLSearchParams(search);
  const id = (p.get('id') ?? '').slice(0, 100);
  const tabId = Number(p.get('tab') ?? -1);
  const status = Number(p.get('status'));
  const failure = toFailure({
    id,
    url: p.get('url') ?? '',
    error: p.get('error'),
    httpStatus: Number.isFinite(status) && status > 0 ? status : null,
    tabId,
    resourceType: /^[a-z_]{1,30}$/.test(p.get('type') ?? '') ? p.get('type') : 'main_frame',
  });
  return { id, tabId: Number.isInteger(tabId) ? tabId : -1, failure, headline: (p.get('h') ?? '').slice(0, 500) };
}

/** Retry only ever navigates to web addresses. */
export function retryable(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
