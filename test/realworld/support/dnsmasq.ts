/**
 * dnsmasq as the namespace's only resolver (scripts/netns.mjs points /etc/resolv.conf at 127.0.0.1), run by the test
 * itself: no config file, no upstream servers, no /etc/hosts, a pid file and a query log of its own.
 *
 *   const dns = await startDnsmasq({ 'site.test': '192.0.2.10' });
 *   dns.log()        // every query and the answer dnsmasq gave
 *   await dns.dispose();
 *
 * `--host-record` gives each name its A record (and nothing else: AAAA is NODATA, as for a real IPv4-only site); the
 * `--address=/#/` catch-all answers NXDOMAIN for every other name. Nothing is ever forwarded (`--no-resolv`, no
 * `--server`), so no query can reach an outside resolver.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Resolver } from 'node:dns/promises';
import { join } from 'node:path';
import { startProcess, type ManagedProcess } from './process';
import { tempDir } from './tmp';

export const DNSMASQ = '/usr/sbin/dnsmasq';

export interface Dnsmasq {
  readonly process: ManagedProcess;
  readonly records: Record<string, string>;
  /** dnsmasq's query log (`query[A] site.test from 127.0.0.1`, `config site.test is 192.0.2.10`, ...). */
  log(): string;
  /** Names queried so far. */
  names(): string[];
  dispose(): Promise<void>;
}

export async function startDnsmasq(records: Record<string, string>): Promise<Dnsmasq> {
  const tmp = tempDir('dnsmasq');
  const logFile = join(tmp.path, 'queries.log');
  const args = [
    '--no-daemon',
    '--conf-file=/dev/null',
    '--listen-address=127.0.0.1',
    '--port=53',
    '--bind-interfaces',
    '--no-resolv',
    '--no-hosts',
    '--no-poll',
    '--user=root',
    `--pid-file=${join(tmp.path, 'dnsmasq.pid')}`,
    '--log-queries',
    `--log-facility=${logFile}`,
    ...Object.entries(records).map(([name, ip]) => `--host-record=${name},${ip}`),
    '--address=/#/',
  ];
  const proc = startProcess('dnsmasq', DNSMASQ, args);
  let disposed = false;
  const log = (): string => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const dns: Dnsmasq = {
    process: proc,
    records,
    log,
    names: () => [...new Set([...log().matchAll(/query\[[A-Z0-9]+\] (\S+) from/g)].map((m) => m[1]!.toLowerCase()))],
    async dispose() {
      if (disposed) return;
      disposed = true;
      try {
        if (!proc.exited()) await proc.kill('SIGTERM');
      } finally {
        tmp.remove();
      }
    },
  };
  // Ready when it answers the first record (bounded).
  const resolver = new Resolver({ timeout: 500, tries: 1 });
  resolver.setServers(['127.0.0.1']);
  const [first] = Object.keys(records);
  const end = Date.now() + 10_000;
  for (;;) {
    const exit = proc.exited();
    if (exit) {
      await dns.dispose();
      throw new Error(`dnsmasq exited (${exit.code ?? exit.signal}):\n${proc.output()}`);
    }
    try {
      if (first === undefined) break;
      await resolver.resolve4(first);
      break;
    } catch {
      if (Date.now() > end) {
        await dns.dispose();
        throw new Error(`dnsmasq did not answer within 10 s:\n${proc.output()}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return dns;
}
