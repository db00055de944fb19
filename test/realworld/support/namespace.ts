/**
 * The real-world suite runs only inside the namespace of scripts/netns.mjs with `--lan 192.0.2.10/24` and
 * `--sysctl net.ipv4.tcp_syn_retries=1` (see package.json `test:realworld`). This checks it from the kernel's view
 * rather than trusting the environment: loopback plus the namespace's own veth pair, no route but the LAN prefix,
 * the LAN address on netwhy0, DNS on loopback only, and the lowered SYN retries.
 */
import { readFileSync } from 'node:fs';
import { checkIsolation } from '../../e2e/firefox/support/isolation';
import { run } from './process';

/** "The machine's LAN address": a documentation-range address that exists only inside the namespace. */
export const LAN_IP = '192.0.2.10';
/** The name dnsmasq gives it (A record only). */
export const SITE = 'site.test';

export function assertRealWorldNamespace(): void {
  const problems: string[] = [];
  const iso = checkIsolation({ lan: true });
  problems.push(...iso.problems);
  const addr = run('ip', ['-4', '-o', 'addr', 'show', 'dev', 'netwhy0']);
  if (!addr.stdout.includes(` ${LAN_IP}/`)) problems.push(`${LAN_IP} is not on netwhy0`);
  let retries = '';
  try {
    retries = readFileSync('/proc/sys/net/ipv4/tcp_syn_retries', 'utf8').trim();
  } catch {
    /* reported below */
  }
  if (retries !== '1') problems.push(`net.ipv4.tcp_syn_retries is ${retries || 'unreadable'}, not 1`);
  if (JSON.stringify(iso.nameservers) !== JSON.stringify(['127.0.0.1']))
    problems.push(`name servers: ${iso.nameservers.join(', ')}`);
  if (problems.length) {
    throw new Error(
      `The real-world suite must run in the namespace of scripts/netns.mjs (${problems.join('; ')}). ` +
        'Run it through `npm run test:realworld` / `npm run test:realworld:firefox` or `npm test -- realworld`.',
    );
  }
}
