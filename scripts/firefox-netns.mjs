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
 * fails with ENETUNREACH before a packet exists), and names never reach an outside resolver. The namespace itself
 * (resolv.conf, nsswitch.conf and nscd mounts) is made by scripts/netns.mjs, which the real-world suite uses too,
 * with a LAN address; this is that script with no options.
 *
 * Needs root (CI runs as root) or unprivileged user namespaces, plus `unshare`/`mount` (util-linux) and `ip`
 * (iproute2).
 * Inside, NETWHY_NETNS=1 is set; the suite checks the namespace itself (support/isolation.ts) rather than trusting it.
 */
import { runInNetns } from './netns.mjs';

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: node scripts/firefox-netns.mjs <command> [args...]');
  process.exit(2);
}
process.exit(runInNetns(command, { label: 'firefox-netns' }));
