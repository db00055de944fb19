/**
 * The Firefox suite only runs where nothing can leave the machine: a private network namespace with loopback only
 * and DNS pointed at loopback (scripts/firefox-netns.mjs sets it up; `npm test` and `npm run test:firefox` use it).
 * This checks the namespace the test process is really in, from the kernel's view (/proc/self/net is per network
 * namespace), instead of trusting an environment variable.
 *
 * `{ lan: true }` is the real-world suite's namespace (scripts/netns.mjs --lan): besides `lo`, the veth pair whose
 * both ends are inside the namespace (netwhy0 ⇄ netwhy1), and IPv4 routes only on netwhy0 without a gateway (the
 * connected LAN prefix; no default route).
 */
import { readFileSync } from 'node:fs';

export interface IsolationReport {
  ok: boolean;
  /** Interfaces in this network namespace (only `lo` when isolated). */
  interfaces: string[];
  /** IPv4 routes of the main table (none when isolated: loopback routes live in the local table). */
  ipv4Routes: string[];
  /** IPv6 routes through anything but `lo`. */
  ipv6RoutesOffLoopback: string[];
  /** Name servers in /etc/resolv.conf (only loopback when isolated). */
  nameservers: string[];
  problems: string[];
}

const read = (file: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

/** The veth pair of scripts/netns.mjs --lan (both ends inside the namespace). */
export const LAN_INTERFACES = ['netwhy0', 'netwhy1'];

export interface IsolationOptions {
  /** Allow the namespace's own LAN (the veth pair and its connected route). Default false: loopback only. */
  lan?: boolean;
}

/** A line of /proc/net/route on the LAN interface, for its connected prefix (no gateway, not a default route). */
function isLanRoute(line: string): boolean {
  const [iface, destination, gateway, , , , , mask] = line.split(/\s+/);
  return iface === LAN_INTERFACES[0] && gateway === '00000000' && destination !== '00000000' && mask !== '00000000';
}

export function checkIsolation(opts: IsolationOptions = {}): IsolationReport {
  const interfaces = read('/proc/self/net/dev')
    .split('\n')
    .slice(2)
    .map((l) => l.split(':')[0]?.trim() ?? '')
    .filter(Boolean);
  const ipv4Routes = read('/proc/self/net/route')
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l && !(opts.lan && isLanRoute(l)));
  const ipv6RoutesOffLoopback = read('/proc/self/net/ipv6_route')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && l.split(/\s+/).at(-1) !== 'lo');
  const nameservers = read('/etc/resolv.conf')
    .split('\n')
    .map((l) => /^\s*nameserver\s+(\S+)/.exec(l)?.[1])
    .filter((s): s is string => !!s);
  const problems: string[] = [];
  if (interfaces.length === 0) problems.push('cannot read /proc/self/net/dev');
  const others = interfaces.filter((i) => i !== 'lo' && !(opts.lan && LAN_INTERFACES.includes(i)));
  if (others.length) problems.push(`network interfaces other than lo: ${others.join(', ')}`);
  if (ipv4Routes.length)
    problems.push(`${ipv4Routes.length} IPv4 route(s) in the main table${opts.lan ? ' besides the LAN prefix' : ''}`);
  if (ipv6RoutesOffLoopback.length) problems.push(`${ipv6RoutesOffLoopback.length} IPv6 route(s) not on lo`);
  const outside = nameservers.filter((n) => !/^127\./.test(n) && n !== '::1');
  if (nameservers.length === 0) problems.push('no nameserver in /etc/resolv.conf');
  if (outside.length) problems.push(`name servers off loopback: ${outside.join(', ')}`);
  return { ok: problems.length === 0, interfaces, ipv4Routes, ipv6RoutesOffLoopback, nameservers, problems };
}

export function assertIsolatedNetwork(opts: IsolationOptions = {}): void {
  const report = checkIsolation(opts);
  if (report.ok) return;
  if (opts.lan) {
    throw new Error(
      `The real-world suite must run in the private network namespace of scripts/netns.mjs --lan (${report.problems.join('; ')}). ` +
        'Run it through `npm test -- realworld-firefox` or `npm run test:realworld:firefox`.',
    );
  }
  throw new Error(
    `The Firefox suite must run in a private network namespace with loopback only (${report.problems.join('; ')}). ` +
      'Run it through `npm test -- firefox`, `npm run test:firefox`, or `node scripts/firefox-netns.mjs npx vitest run --project firefox`.',
  );
}
