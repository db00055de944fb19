#!/usr/bin/env node
/**
 * Runs a command inside a private network namespace (and a private mount namespace) where nothing can leave the
 * machine and names are resolved only by a resolver on 127.0.0.1:53 that the suite starts itself.
 *
 *   node scripts/netns.mjs [options] [--] <command> [args...]
 *
 *   --lan <ip/prefix>     also create a veth pair with BOTH ends inside the namespace (netwhy0 ⇄ netwhy1) and give
 *                         netwhy0 this address, e.g. 192.0.2.10/24 (documentation range): "the machine's LAN address",
 *                         which exists only in the namespace. Its only route is the connected /prefix on netwhy0;
 *                         there is no default route, so a send to any other address fails with ENETUNREACH.
 *   --sysctl <key=value>  set a per-namespace sysctl inside it (repeatable), e.g. net.ipv4.tcp_syn_retries=1 so a
 *                         DROPped SYN ends as a connect timeout after ~3 s instead of ~2 min.
 *   --own-pids            also a private PID namespace: when the command ends (or crashes), the kernel kills every
 *                         process left in it — servers a failed test did not stop (nginx, apache2, dnsmasq, browsers)
 *                         cannot outlive the run.
 *
 * Used by the Firefox suite (scripts/firefox-netns.mjs: loopback only) and the real-world suite (`--lan` and
 * `--sysctl`, see test/realworld/README.md). Environment inside: NETWHY_NETNS=1, and NETWHY_NETNS_LAN=<ip/prefix>
 * when --lan was given. The suites check the namespace themselves rather than trusting these.
 *
 * Why: a name that must not resolve still goes to the system resolver, and browsers talk to the network in the
 * background. Inside this namespace names never reach an outside resolver:
 * - /etc/resolv.conf is replaced (a bind mount private to this mount namespace) by `nameserver 127.0.0.1`, where the
 *   suite runs its resolver (a stub, or dnsmasq), which answers NXDOMAIN for every name the test did not define;
 * - /etc/nsswitch.conf is replaced by one whose `hosts:` line is `files dns`: NSS modules such as nss-resolve
 *   (systemd-resolved over a Unix socket) or nss-mdns (avahi over a Unix socket) would hand a name to a daemon outside
 *   the namespace, since Unix sockets with a path are not scoped by network namespaces;
 * - nscd's socket directory, if present, is hidden behind an empty tmpfs, for the same reason.
 * The host's files are untouched: the mounts, interfaces, sysctls and firewall rules made inside exist only in the
 * namespaces and vanish with them.
 *
 * Needs root (CI runs as root) or unprivileged user namespaces, plus `unshare`/`mount` (util-linux) and `ip`
 * (iproute2).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Interface names of the veth pair made by --lan. */
export const LAN_IF = 'netwhy0';
export const LAN_PEER = 'netwhy1';

/**
 * Parses `[options] [--] command...`.
 * @param {string[]} argv
 * @returns {{ lan: string | null, sysctls: string[], ownPids: boolean, command: string[] }}
 */
export function parseArgs(argv) {
  let lan = null;
  let ownPids = false;
  const sysctls = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (a === '--lan') {
      lan = argv[++i] ?? '';
      if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(lan))
        throw new Error(`--lan needs an IPv4 address with a prefix, e.g. 192.0.2.10/24 (got ${JSON.stringify(lan)})`);
    } else if (a === '--own-pids') {
      ownPids = true;
    } else if (a === '--sysctl') {
      const s = argv[++i] ?? '';
      if (!/^[a-z0-9_.]+=[A-Za-z0-9_.-]+$/.test(s))
        throw new Error(`--sysctl needs key=value (got ${JSON.stringify(s)})`);
      sysctls.push(s);
    } else break;
  }
  return { lan, sysctls, ownPids, command: argv.slice(i) };
}

/**
 * Runs `command` in the namespaces and returns its exit status.
 * @param {string[]} command
 * @param {{ lan?: string | null, sysctls?: string[], ownPids?: boolean, label?: string }} [opts]
 * @returns {number}
 */
export function runInNetns(command, opts = {}) {
  const label = opts.label ?? 'netns';
  const dir = mkdtempSync(join(tmpdir(), 'netwhy-netns-'));
  const resolvConf = join(dir, 'resolv.conf');
  const nsswitchConf = join(dir, 'nsswitch.conf');
  // One try, one second: a query the resolver does not answer fails fast instead of hanging a test.
  writeFileSync(resolvConf, 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n');
  const nsswitch = existsSync('/etc/nsswitch.conf') ? readFileSync('/etc/nsswitch.conf', 'utf8') : '';
  const withoutHosts = nsswitch.split('\n').filter((l) => !/^\s*hosts\s*:/.test(l));
  writeFileSync(nsswitchConf, [...withoutHosts.filter((l) => l.trim() !== ''), 'hosts: files dns', ''].join('\n'));

  // Runs as root inside the new namespaces (real root, or root mapped in a user namespace). $1 resolv.conf,
  // $2 nsswitch.conf, $3 the LAN address or '', $4 the sysctls (space separated) or ''.
  const setup = [
    'set -e',
    'ip link set lo up',
    'if [ -n "$3" ]; then',
    `  ip link add ${LAN_IF} type veth peer name ${LAN_PEER}`,
    // No IPv6 on the pair: no link-local routes, no router solicitations, nothing but the one IPv4 address.
    `  for i in ${LAN_IF} ${LAN_PEER}; do echo 1 > /proc/sys/net/ipv6/conf/$i/disable_ipv6 2>/dev/null || true; done`,
    `  ip addr add "$3" dev ${LAN_IF}`,
    `  ip link set ${LAN_IF} up`,
    `  ip link set ${LAN_PEER} up`,
    'fi',
    'for s in $4; do sysctl -q -w "$s" >/dev/null; done',
    'mount --bind "$1" /etc/resolv.conf',
    'mount --bind "$2" /etc/nsswitch.conf',
    'for d in /run/nscd /var/run/nscd; do if [ -d "$d" ]; then mount -t tmpfs -o size=64k tmpfs "$d"; fi; done',
    'shift 4',
    // With its own PID namespace this shell is PID 1: it stays (and reaps orphans) until the command ends; its exit
    // then makes the kernel kill whatever is left in the namespace.
    ...(opts.ownPids ? ['"$@"', 'exit $?'] : ['exec "$@"']),
  ].join('\n');

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const unshare = [
    'unshare',
    ...(isRoot ? [] : ['--user', '--map-root-user']),
    '--net',
    '--mount',
    '--propagation',
    'private',
    ...(opts.ownPids ? ['--pid', '--fork', '--mount-proc', '--kill-child'] : []),
    '--',
  ];
  const env = { ...process.env, NETWHY_NETNS: '1' };
  if (opts.lan) env.NETWHY_NETNS_LAN = opts.lan;
  else delete env.NETWHY_NETNS_LAN;
  const r = spawnSync(
    unshare[0],
    [
      ...unshare.slice(1),
      'sh',
      '-c',
      setup,
      'netns-setup',
      resolvConf,
      nsswitchConf,
      opts.lan ?? '',
      (opts.sysctls ?? []).join(' '),
      ...command,
    ],
    { stdio: 'inherit', env },
  );
  rmSync(dir, { recursive: true, force: true });
  if (r.error) {
    console.error(`${label}: could not start unshare: ${r.error.message} (install util-linux and iproute2)`);
    return 1;
  }
  return r.status ?? 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let parsed;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`netns: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  }
  if (parsed.command.length === 0) {
    console.error(
      'usage: node scripts/netns.mjs [--lan 192.0.2.10/24] [--sysctl key=value]... [--own-pids] [--] <command> [args...]',
    );
    process.exit(2);
  }
  process.exit(runInNetns(parsed.command, { lan: parsed.lan, sysctls: parsed.sysctls, ownPids: parsed.ownPids }));
}
