#!/usr/bin/env node
/**
 * Runs a command inside a private network namespace whose only interface is loopback, with DNS pointed at a stub
 * resolver on 127.0.0.1:53 that the Firefox suite starts itself (test/e2e/firefox/support/dns-stub.ts).
 *
 *   node scripts/firefox-netns.mjs npx vitest run --project firefox
 *
 * Why: Firefox has no equivalent of Chromium's --host-resolver-rules. A name that must not resolve still goes to the
 * system resolver, and Firefox itself talks to the network in the background. Inside this namespace nothing can leave
 * the machine whatever the browser does: there is no interface but `lo` and no route (a send to any other address
 * fails with ENETUNREACH before a packet exists). Names never reach an outside resolver:
 * - /etc/resolv.conf is replaced (a bind mount private to this mount namespace) by `nameserver 127.0.0.1`, the stub,
 *   which answers NXDOMAIN for every name the test did not map to loopback, and logs every query;
 * - /etc/nsswitch.conf is replaced by one whose `hosts:` line is `files dns`: NSS modules such as nss-resolve
 *   (systemd-resolved over a Unix socket) or nss-mdns (avahi over a Unix socket) would hand a name to a daemon outside
 *   the namespace, since Unix sockets with a path are not scoped by network namespaces;
 * - nscd's socket directory, if present, is hidden behind an empty tmpfs, for the same reason.
 * The host's files are untouched: the mounts exist only inside the namespace and vanish with it.
 *
 * Needs root (CI runs as root) or unprivileged user namespaces, plus `unshare`/`mount` (util-linux) and `ip` (iproute2).
 * Inside, NETWHY_NETNS=1 is set; the suite checks the namespace itself (support/isolation.ts) rather than trusting it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: node scripts/firefox-netns.mjs <command> [args...]');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'netwhy-netns-'));
const resolvConf = join(dir, 'resolv.conf');
const nsswitchConf = join(dir, 'nsswitch.conf');
// One try, one second: a query the stub does not answer fails fast instead of hanging a test.
writeFileSync(resolvConf, 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n');
const nsswitch = existsSync('/etc/nsswitch.conf') ? readFileSync('/etc/nsswitch.conf', 'utf8') : '';
const withoutHosts = nsswitch.split('\n').filter((l) => !/^\s*hosts\s*:/.test(l));
writeFileSync(nsswitchConf, [...withoutHosts.filter((l) => l.trim() !== ''), 'hosts: files dns', ''].join('\n'));

// Runs as root inside the new namespaces (real root, or root mapped in a user namespace).
const setup = [
  'set -e',
  'ip link set lo up',
  'mount --bind "$1" /etc/resolv.conf',
  'mount --bind "$2" /etc/nsswitch.conf',
  'for d in /run/nscd /var/run/nscd; do if [ -d "$d" ]; then mount -t tmpfs -o size=64k tmpfs "$d"; fi; done',
  'shift 2',
  'exec "$@"',
].join('\n');

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const unshare = ['unshare', ...(isRoot ? [] : ['--user', '--map-root-user']), '--net', '--mount', '--propagation', 'private', '--'];
const r = spawnSync(unshare[0], [...unshare.slice(1), 'sh', '-c', setup, 'netns-setup', resolvConf, nsswitchConf, ...command], {
  stdio: 'inherit',
  env: { ...process.env, NETWHY_NETNS: '1' },
});
rmSync(dir, { recursive: true, force: true });
if (r.error) {
  console.error(`firefox-netns: could not start unshare: ${r.error.message} (install util-linux and iproute2)`);
  process.exit(1);
}
process.exit(r.status ?? 1);
