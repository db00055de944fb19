/**
 * CORS: why the browser refused to hand a response to the page. Capture joins a failed request with what its request
 * and response said (the Origin sent, whether credentials went along, the preflight and its answer, the
 * `Access-Control-*` headers received: only those, never bodies, cookies or header values beyond these); this module
 * reads the first rule of the CORS protocol that the exchange broke. Pure: it runs in Node and in tests.
 */

/** What a server answered, as far as CORS is concerned. */
export interface CorsAnswer {
  status: number;
  allowOrigin: string | null;
  allowCredentials: string | null;
  allowMethods: string | null;
  allowHeaders: string | null;
}

/** A cross-origin request as capture saw it. */
export interface CorsExchange {
  /** The page's origin, as the request's Origin header said. */
  origin: string;
  method: string;
  /** Cookies or an Authorization header went along (their values are never kept). */
  credentials: boolean;
  /** The answer to the request itself, when one came. */
  response?: CorsAnswer;
  /** The preflight (OPTIONS) the browser sent first, and its answer. */
  preflight?: CorsAnswer & { method: string; headers: string[] };
}

export type CorsProblem =
  | { kind: 'preflight-status'; status: number }
  | { kind: 'preflight-method'; method: string; allowed: string | null }
  | { kind: 'preflight-header'; header: string; allowed: string | null }
  | { kind: 'missing-allow-origin'; preflight: boolean }
  | { kind: 'origin-mismatch'; allowed: string; preflight: boolean }
  | { kind: 'credentials-wildcard'; preflight: boolean }
  | { kind: 'credentials-not-allowed'; preflight: boolean };

/** Methods and request headers that never need the server's permission (the CORS "safelisted" ones). */
const SIMPLE_METHODS = new Set(['GET', 'HEAD', 'POST']);
const SIMPLE_HEADERS = new Set(['accept', 'accept-language', 'content-language', 'content-type', 'range']);

const list = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
const ok = (status: number) => status >= 200 && status < 300;

/** The first CORS rule the exchange broke, or null when none shows (then it is not a CORS failure we can explain). */
export function corsProblem(x: CorsExchange): CorsProblem | null {
  const p = x.preflight;
  if (p) {
    if (!ok(p.status)) return { kind: 'preflight-status', status: p.status };
    const origin = originProblem(x, p, true);
    if (origin) return origin;
    const methods = list(p.allowMethods);
    const method = p.method.toUpperCase();
    const wildcardOk = !x.credentials;
    if (
      !SIMPLE_METHODS.has(method) &&
      !methods.includes(method.toLowerCase()) &&
      !(wildcardOk && methods.includes('*'))
    ) {
      return { kind: 'preflight-method', method, allowed: p.allowMethods };
    }
    const allowed = list(p.allowHeaders);
    const missing = p.headers
      .map((h) => h.toLowerCase())
      .find((h) => !SIMPLE_HEADERS.has(h) && !allowed.includes(h) && !(wildcardOk && allowed.includes('*')));
    if (missing) return { kind: 'preflight-header', header: missing, allowed: p.allowHeaders };
  }
  const problem = x.response ? originProblem(x, x.response, false) : null;
  if (problem) return problem;
  // The browser blocked it although every rule read here passed: an answer with `*` then fails only for a request
  // that carries credentials (fetch with credentials: 'include', which webRequest does not show).
  const wildcard = (x.response ?? p)?.allowOrigin?.trim() === '*';
  return wildcard ? { kind: 'credentials-wildcard', preflight: !x.response } : null;
}

function originProblem(x: CorsExchange, a: CorsAnswer, preflight: boolean): CorsProblem | null {
  const allow = a.allowOrigin?.trim() ?? null;
  if (!allow) return { kind: 'missing-allow-origin', preflight };
  if (allow === '*') return x.credentials ? { kind: 'credentials-wildcard', preflight } : null;
  if (allow !== x.origin) return { kind: 'origin-mismatch', allowed: allow, preflight };
  if (x.credentials && a.allowCredentials?.trim() !== 'true') return { kind: 'credentials-not-allowed', preflight };
  return null;
}

/** The header line the server must send to fix the problem. */
export function corsFix(x: CorsExchange, problem: CorsProblem): string {
  switch (problem.kind) {
    case 'preflight-method':
      return `Access-Control-Allow-Methods: ${[...list(problem.allowed).map((m) => m.toUpperCase()), problem.method].join(', ')}`;
    case 'preflight-header':
      return `Access-Control-Allow-Headers: ${[...list(problem.allowed), problem.header].join(', ')}`;
    case 'credentials-not-allowed':
      return 'Access-Control-Allow-Credentials: true';
    default:
      return `Access-Control-Allow-Origin: ${x.origin}`;
  }
}

/** Repairs a stored or received exchange; undefined when it is not one. Strings capped, headers listed by name only. */
export function toCorsExchange(value: unknown): CorsExchange | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.origin !== 'string' || typeof v.method !== 'string') return undefined;
  const out: CorsExchange = {
    origin: v.origin.slice(0, 300),
    method: v.method.slice(0, 20),
    credentials: v.credentials === true,
  };
  const response = toAnswer(v.response);
  if (response) out.response = response;
  const p = v.preflight as Record<string, unknown> | undefined;
  const answer = toAnswer(p);
  if (answer && p && typeof p.method === 'string') {
    const headers = Array.isArray(p.headers)
      ? p.headers
          .filter((h): h is string => typeof h === 'string')
          .slice(0, 20)
          .map((h) => h.slice(0, 100))
      : [];
    out.preflight = { ...answer, method: p.method.slice(0, 20), headers };
  }
  return out;
}

function toAnswer(value: unknown): CorsAnswer | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (!Number.isInteger(v.status)) return undefined;
  const s = (x: unknown) => (typeof x === 'string' ? x.slice(0, 300) : null);
  return {
    status: v.status as number,
    allowOrigin: s(v.allowOrigin),
    allowCredentials: s(v.allowCredentials),
    allowMethods: s(v.allowMethods),
    allowHeaders: s(v.allowHeaders),
  };
}

/** An answer's CORS headers from webRequest's `responseHeaders`. */
export function corsAnswer(
  status: number,
  headers: readonly { name: string; value?: string }[] | undefined,
): CorsAnswer {
  const get = (name: string) => headers?.find((h) => h.name.toLowerCase() === name)?.value ?? null;
  return {
    status,
    allowOrigin: get('access-control-allow-origin'),
    allowCredentials: get('access-control-allow-credentials'),
    allowMethods: get('access-control-allow-methods'),
    allowHeaders: get('access-control-allow-headers'),
  };
}
