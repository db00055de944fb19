/**
 * Active checks, bounded and private by default. Loopback probes knock on this computer only: the same port on the
 * other IP family, and common dev ports near the failed one. The remote check (a public DNS-over-HTTPS lookup) runs
 * only when the user opted in.
 */
import type { Failure, ProbeResult, Probes } from '../engine/failure';
import { analyzeUrl } from '../engine/url';
import type { ProbeMode } from '../shared/settings';

/** Ports dev servers use most (Vite, CRA/Next/Express, Angular, Django/Python, Rails/Phoenix, Spring, Jupyter...). */
export const DEV_PORTS = [
  3000, 5173, 8080, 8000, 4200, 5000, 3001, 5174, 8081, 4000, 8888, 9000, 1234, 8443, 5500, 4321,
];
/** Ports browsers refuse to fetch: probing them tells nothing. */
const UNSAFE = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110,
  111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532,
  540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061,
  6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);
const MAX_PORTS = 16;
/**
 * A loopback knock is answered (or refused) in a few ms; the budget only runs out for a port that drops packets, or
 * on a machine so loaded that the answer is late. Late is still an answer a user needs: with 500 ms, suites run at a
 * load average near 20 on 2 cores now and then read a server on ::1 (or one bound to 127.0.0.1) as absent.
 */
export const PROBE_BUDGET_MS = 1500;

export type Fetcher = (url: string, init: RequestInit) => Promise<unknown>;

/**
 * Ports from here up are handed out by the system for outgoing and throwaway connections: a server there was started
 * on a random port, and its neighbours are unrelated, so only ports below it get their neighbours tried.
 */
export const EPHEMERAL_FROM = 32768;

/** The ports to try for a refused `port`: its neighbours first (below the ephemeral range), then common dev ports. */
export function candidatePorts(port: number): number[] {
  const out: number[] = [];
  const neighbours = port < EPHEMERAL_FROM ? [port + 1, port - 1, port + 2, port - 2] : [];
  for (const p of [...neighbours, ...DEV_PORTS]) {
    if (p > 0 && p < 65536 && p !== port && !UNSAFE.has(p) && !out.includes(p)) out.push(p);
  }
  return out.slice(0, MAX_PORTS);
}

function origin(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}

/** Open means an HTTP server answered (any status); refused, reset and silence all count as closed. */
async function knock(fetcher: Fetcher, host: string, port: number, signal: AbortSignal): Promise<ProbeResult> {
  const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  try {
    await fetcher(origin(host, port), {
      method: 'HEAD',
      mode: 'no-cors',
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'manual',
      signal,
    });
    return { target, host, port, open: true };
  } catch {
    return { target, host, port, open: false };
  }
}

/**
 * Loopback probes for a refused URL. Resolves within the budget, whatever the servers do.
 * - A loopback URL: the same port on the other IP family, and ports nearby.
 * - A LAN address (private range, `.local`, ...): the same port on 127.0.0.1 and ::1. A server there that the LAN
 *   address refuses listens on loopback only (the wrong interface). Still only this computer is asked.
 */
export async function probeLoopback(
  failure: Failure,
  mode: ProbeMode,
  fetcher: Fetcher,
  budgetMs = PROBE_BUDGET_MS,
): Promise<Probes> {
  const u = analyzeUrl(failure.url);
  if (mode === 'off' || !u.port || failure.error === null) return {};
  if (u.lan) return probeLoopbackOnly(u.port, fetcher, budgetMs);
  if (!u.loopback) return {};
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), budgetMs);
  try {
    // `localhost` already tries both families in the browser; literals do not.
    const other = u.ipFamily === 4 ? '::1' : u.ipFamily === 6 ? '127.0.0.1' : null;
    const host = u.ipFamily === 6 ? '::1' : u.host === 'localhost' || u.ipFamily === 4 ? u.host : 'localhost';
    const [otherFamily, ...ports] = await Promise.all([
      other ? knock(fetcher, other, u.port, controller.signal) : Promise.resolve(null),
      ...candidatePorts(u.port).map((p) => knock(fetcher, host, p, controller.signal)),
    ]);
    const probes: Probes = { ports };
    if (otherFamily) probes.otherFamily = otherFamily;
    return probes;
  } finally {
    clearTimeout(timer);
  }
}

async function probeLoopbackOnly(port: number, fetcher: Fetcher, budgetMs: number): Promise<Probes> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), budgetMs);
  try {
    const [v4, v6] = await Promise.all([
      knock(fetcher, '127.0.0.1', port, controller.signal),
      knock(fetcher, '::1', port, controller.signal),
    ]);
    return { onLoopback: v4.open || !v6.open ? v4 : v6 };
  } finally {
    clearTimeout(timer);
  }
}

export const DOH_RESOLVER = 'cloudflare-dns.com';

/** Opt-in: asks a public DNS-over-HTTPS resolver whether the name exists. Sends only the name. */
export async function checkPublicDns(
  host: string,
  mode: ProbeMode,
  fetcher: Fetcher,
  budgetMs = 2000,
): Promise<Probes['publicDns'] | undefined> {
  if (mode !== 'remote' || !host || /^[\d.:]+$/.test(host)) return undefined;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), budgetMs);
  try {
    const res = (await fetcher(`https://${DOH_RESOLVER}/dns-query?name=${encodeURIComponent(host)}&type=A`, {
      headers: { accept: 'application/dns-json' },
      credentials: 'omit',
      cache: 'no-store',
      signal: controller.signal,
    })) as { ok: boolean; json(): Promise<{ Status?: number }> };
    if (!res.ok) return { resolver: DOH_RESOLVER, status: 'error' };
    const body = await res.json();
    // RCODE 3 = NXDOMAIN; 0 = the name exists (with or without this record type).
    return { resolver: DOH_RESOLVER, status: body.Status === 3 ? 'nxdomain' : body.Status === 0 ? 'exists' : 'error' };
  } catch {
    return { resolver: DOH_RESOLVER, status: 'error' };
  } finally {
    clearTimeout(timer);
  }
}
