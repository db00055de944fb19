/**
 * Who answered: most sites sit behind a CDN or a reverse proxy, and a 5xx's response headers name the hop that gave
 * up. Only these headers are kept (never cookies, never bodies): they identify software, not the user.
 */

/** Response headers that name the hop, lower case. `x-akamai-*` headers are kept by prefix. */
export const HOP_HEADERS = [
  'server',
  'via',
  'x-cache',
  'cf-ray',
  'x-amz-cf-id',
  'x-amz-cf-pop',
  'x-served-by',
  'x-fastly-request-id',
  'x-envoy-upstream-service-time',
  'x-akamai-request-id',
] as const;
const MAX_VALUE = 120;
const MAX_HEADERS = 12;

/** The hop headers of a response (webRequest's `responseHeaders`), or undefined when it has none. */
export function pickHopHeaders(
  headers: readonly { name: string; value?: string }[] | undefined,
): Record<string, string> | undefined {
  if (!headers) return undefined;
  const out: Record<string, string> = {};
  let n = 0;
  for (const h of headers) {
    const name = h.name.toLowerCase();
    if (
      typeof h.value !== 'string' ||
      !(HOP_HEADERS.includes(name as (typeof HOP_HEADERS)[number]) || name.startsWith('x-akamai-'))
    )
      continue;
    if (name in out || ++n > MAX_HEADERS) continue;
    out[name] = h.value.slice(0, MAX_VALUE);
  }
  return n > 0 ? out : undefined;
}

/** Repairs stored or received hop headers: only known names, string values, capped. */
export function toHopHeaders(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return pickHopHeaders(
    Object.entries(value as Record<string, unknown>).map(([name, v]) => ({
      name,
      value: typeof v === 'string' ? v : undefined,
    })),
  );
}

export type HopKind = 'cdn' | 'proxy';

export interface Hop {
  kind: HopKind;
  /** The product's name as people know it: `Cloudflare`, `CloudFront`, `nginx`. */
  name: string;
  /** What identifies this answer, for the owner's support ticket: a Cloudflare ray id, CloudFront's x-cache text. */
  detail?: string;
}

/** Reverse proxies named by their `server` (or `via`) header, first word, lower case. */
const PROXIES: Record<string, string> = {
  nginx: 'nginx',
  openresty: 'OpenResty',
  apache: 'Apache',
  caddy: 'Caddy',
  envoy: 'Envoy',
  haproxy: 'HAProxy',
  traefik: 'Traefik',
  varnish: 'Varnish',
  'microsoft-iis': 'IIS',
  litespeed: 'LiteSpeed',
  awselb: 'AWS load balancer',
  'google frontend': 'Google Front End',
  gws: 'Google Front End',
  kestrel: 'Kestrel',
};

/** Which hop answered, from its headers; null when they name none. */
export function readHop(headers: Record<string, string> | undefined): Hop | null {
  if (!headers) return null;
  const server = (headers.server ?? '').toLowerCase();
  const via = (headers.via ?? '').toLowerCase();
  const cache = headers['x-cache'] ?? '';
  if (headers['cf-ray'] || server === 'cloudflare')
    return withDetail('cdn', 'Cloudflare', headers['cf-ray'] && `ray ${headers['cf-ray']}`);
  if (headers['x-amz-cf-id'] || /cloudfront/i.test(via) || /cloudfront/i.test(cache)) {
    return withDetail('cdn', 'CloudFront', /cloudfront/i.test(cache) ? cache : undefined);
  }
  if (headers['x-fastly-request-id'] || (headers['x-served-by'] ?? '').startsWith('cache-'))
    return withDetail('cdn', 'Fastly', headers['x-served-by']);
  if (server.startsWith('akamai') || Object.keys(headers).some((k) => k.startsWith('x-akamai-')))
    return withDetail('cdn', 'Akamai', headers['x-akamai-request-id']);
  if (headers['x-envoy-upstream-service-time'] && !server) return { kind: 'proxy', name: 'Envoy' };
  const product = server.split(/[\s/]/)[0] ?? '';
  const known = PROXIES[server] ?? PROXIES[product];
  if (known) return { kind: 'proxy', name: known };
  const viaName = via.replace(/^[\d.]+\s+/, '').split(/[\s(,]/)[0] ?? '';
  if (viaName && PROXIES[viaName]) return { kind: 'proxy', name: PROXIES[viaName]! };
  return null;
}

function withDetail(kind: HopKind, name: string, detail: string | undefined): Hop {
  return detail ? { kind, name, detail } : { kind, name };
}
