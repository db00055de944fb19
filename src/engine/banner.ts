/** The developer banner's sentence for a group of failed requests of one page. Pure. */
import { corsProblem, type CorsExchange } from './cors';
import { normalizeError } from './errors/normalize';
import { t } from './i18n';

export interface RequestGroup {
  /** `host` or `host:port`, as siteKey() writes it. */
  host: string;
  /** Canonical code, or `HTTP_<status>`. */
  code: string;
  count: number;
  /** Why CORS blocked these requests, in words (see corsWhy), when it did. */
  reason?: string;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

export function bannerLine(g: RequestGroup): string {
  // One message per case and number: "1 request … was", "3 requests … were".
  const say = (name: string, code?: string) =>
    t(`banner_${name}_${g.count === 1 ? 'one' : 'other'}`, [g.count, g.host, code ?? '']);
  if (g.reason) return t(`banner_cors_${g.count === 1 ? 'one' : 'other'}`, [g.count, g.host, g.reason]);
  const http = /^HTTP_(\d{3})$/.exec(g.code);
  if (http) return say(Number(http[1]) >= 500 ? 'http5xx' : 'http', http[1]);
  const { code, category } = normalizeError(g.code);
  if (code === 'ERR_CONNECTION_REFUSED') return say(LOOPBACK.test(g.host) ? 'refused_local' : 'refused');
  if (category === 'dns') return say('dns');
  if (code === 'ERR_BLOCKED_BY_CLIENT') return say('blocked');
  if (category === 'connection') return say('connection', code);
  if (category === 'tls' || category === 'certificate') return say('tls', code);
  return say('failed', code);
}

/** Why CORS blocked a request, in a few words ("no Access-Control-Allow-Origin for http://localhost:5173"), or null. */
export function corsWhy(x: CorsExchange | undefined): string | null {
  const p = x ? corsProblem(x) : null;
  if (!x || !p) return null;
  switch (p.kind) {
    case 'missing-allow-origin':
      return t('cors_why_missing', [x.origin]);
    case 'origin-mismatch':
      return t('cors_why_mismatch', [x.origin, p.allowed]);
    case 'credentials-wildcard':
      return t('cors_why_wildcard', [x.origin]);
    case 'credentials-not-allowed':
      return t('cors_why_credentials', [x.origin]);
    case 'preflight-status':
      return t('cors_why_preflight', [x.origin, p.status]);
    case 'preflight-method':
      return t('cors_why_method', [x.origin, p.method]);
    case 'preflight-header':
      return t('cors_why_header', [x.origin, p.header]);
  }
}
