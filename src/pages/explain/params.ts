/** Reads the explanation page's query string. Everything in it is untrusted: it is parsed, never rendered as HTML. */
import type { FailureAddress } from '../../shared/messages';

export interface ExplainParams {
  id: string;
  tabId: number;
  /** The failure's address, for the worker when it no longer knows the id (null without a URL). */
  address: FailureAddress | null;
}

export function readParams(search: string): ExplainParams {
  const p = new URLSearchParams(search);
  const id = (p.get('id') ?? '').slice(0, 100);
  const tab = Number(p.get('tab') ?? -1);
  const tabId = Number.isInteger(tab) ? tab : -1;
  const status = Number(p.get('status'));
  const url = (p.get('url') ?? '').slice(0, 8192);
  const address: FailureAddress | null = url
    ? {
        url,
        error: (p.get('error') ?? '').slice(0, 500) || null,
        status: Number.isInteger(status) && status > 0 && status < 1000 ? status : null,
        type: /^[a-z_]{1,30}$/.test(p.get('type') ?? '') ? p.get('type')! : 'main_frame',
        tabId,
      }
    : null;
  return { id, tabId, address };
}
