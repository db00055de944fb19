/** The developer banner's sentence for a group of failed requests of one page. Pure. */
import { normalizeError } from './errors/normalize';

export interface RequestGroup {
  /** `host` or `host:port`, as siteKey() writes it. */
  host: string;
  /** Canonical code, or `HTTP_<status>`. */
  code: string;
  count: number;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

export function bannerLine(g: RequestGroup): string {
  const n = g.count === 1 ? '1 request' : `${g.count} requests`;
  const local = LOOPBACK.test(g.host);
  const http = /^HTTP_(\d{3})$/.exec(g.code);
  if (http) return `${n} to ${g.host} failed with HTTP ${http[1]}${Number(http[1]) >= 500 ? ': the server behind it is failing' : ''}.`;
  const { code, category } = normalizeError(g.code);
  if (code === 'ERR_CONNECTION_REFUSED') return `${n} to ${g.host} ${g.count === 1 ? 'was' : 'were'} refused${local ? ' — is your API server running?' : ': nothing listens there.'}`;
  if (category === 'dns') return `${n} to ${g.host} failed: the name does not resolve.`;
  if (code === 'ERR_BLOCKED_BY_CLIENT') return `${n} to ${g.host} ${g.count === 1 ? 'was' : 'were'} blocked by an extension in this browser.`;
  if (category === 'connection') return `${n} to ${g.host} ${g.count === 1 ? 'was' : 'were'} cut off or could not connect (${code}).`;
  if (category === 'tls' || category === 'certificate') return `${n} to ${g.host} failed the secure connection (${code}).`;
  return `${n} to ${g.host} failed (${code}).`;
}
