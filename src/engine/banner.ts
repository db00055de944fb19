/** The developer banner's sentence for a group of failed requests of one page. Pure. */
import { normalizeError } from './errors/normalize';
import { t } from './i18n';

export interface RequestGroup {
  /** `host` or `host:port`, as siteKey() writes it. */
  host: string;
  /** Canonical code, or `HTTP_<status>`. */
  code: string;
  count: number;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

export function bannerLine(g: RequestGroup): string {
  // One message per case and number: "1 request … was", "3 requests … were".
  const say = (name: string, code?: string) => t(`banner_${name}_${g.count === 1 ? 'one' : 'other'}`, [g.count, g.host, code ?? '']);
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
