/**
 * The Firefox suite only runs where nothing can leave the machine: a private network namespace with loopback only
 * and DNS pointed at loopback (scripts/firefox-netns.mjs sets it up; `npm test` and `npm run test:firefox` use it).
 * This checks the namespace the test process is really in, from the kernel's view (/proc/self/net is per network
 * namespace), instead of trusting an environment variable.
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

export function checkIsolation(): IsolationReport {
  const interfaces = read('/proc/self/net/dev')
    .split('\n')
    .slice(2)
    .map((l) => l.split(':')[0]?.trim() ?? '')
    .filter(Boolean);
  const ipv4Routes = read('/proc/self/net/route').split('\n').slice(1).map((l) => l.trim()).filter(Boolean);
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
  const others = interfaces.filter((i) => i !== 'lo');
  if (others.length) problems.push(`network interfaces other than lo: ${others.join(', ')}`);
  if (ipv4Routes.length) problems.push(`${ipv4Routes.length} IPv4 route(s) in the main table`);
  if (ipv6RoutesOffLoopback.length) problems.push(`${ipv6RoutesOffLoopback.length} IPv6 route(s) not on lo`);
  const outside = nameservers.filter((n) => !/^127\./.test(n) && n !== '::1');
  if (nameservers.length === 0) problems.push('no nameserver in /etc/resolv.conf');
  if (outside.length) problems.push(`name servers off loopback: ${outside.join(', ')}`);
  return { ok: problems.length === 0, interfaces, ipv4Routes, ipv6RoutesOffLoopback, nameservers, problems };
}

export function assertIsolatedNetwork(): void {
  const report = checkIsolation();
  if (report.ok) return;
  throw new Error(
    `The Firefox suite must run in a private network namespace with loopback only (${report.problems.join('; ')}). ` +
      'Run it through `npm test -- firefox`, `npm run test:firefox`, or `node scripts/firefox-netns.mjs npx vitest run --project firefox`.',
  );
}
