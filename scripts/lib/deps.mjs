/**
 * What the browser suites need from the system, and how `npm test` gets it (scripts/ensure-deps.mjs runs this before
 * any suite). One table: a new tool is one row.
 *
 * - Everything there: nothing to do.
 * - Something missing, running as root where `apt-get` exists (CI, a fresh Debian or Ubuntu container): install it,
 *   saying so: `apt-get update` first, DEBIAN_FRONTEND=noninteractive, and a /usr/sbin/policy-rc.d that forbids
 *   starting services (nginx, apache2 would start theirs), removed after only if this step created it.
 * - Otherwise: stop before running anything, with the exact command to run and why.
 *
 * The decision (`plan`) is pure and the installation (`ensure`) takes its system calls as arguments, so both are
 * unit-tested with fakes (test/unit/tooling/deps.test.ts).
 */

/**
 * `command`: what must be found (on PATH, or in /usr/sbin and /sbin, where root's tools live); `pkg`: the Debian
 * package that provides it; `suites`: the suites (run-all names; a name also covers `name-…` and `name:…`) that need
 * it; `env`: a variable that points at the binary instead (the launchers honour it); `why`: said when it is missing.
 */
export const TOOLS = [
  {
    command: 'chromium',
    pkg: 'chromium',
    suites: ['e2e', 'realworld'],
    env: 'NETWHY_CHROMIUM',
    why: 'the browser of the Chromium suites',
  },
  {
    command: 'firefox-esr',
    pkg: 'firefox-esr',
    suites: ['firefox', 'realworld'],
    env: 'NETWHY_FIREFOX',
    why: 'the browser of the Firefox suites',
  },
  // `npm run package` archives the sources with `git archive` (the package test, in the Firefox suite). A clone has
  // git; a copy of the tree (a tarball, a container image) may not: a clean Debian chroot failed there without it.
  { command: 'git', pkg: 'git', suites: ['firefox'], why: 'npm run package archives the sources (git archive)' },
  // The private network namespaces (scripts/firefox-netns.mjs and the real-world suite).
  { command: 'ip', pkg: 'iproute2', suites: ['firefox', 'realworld'], why: 'sets up the private network namespace' },
  {
    command: 'unshare',
    pkg: 'util-linux',
    suites: ['firefox', 'realworld'],
    why: 'creates the private network namespace',
  },
  { command: 'mount', pkg: 'mount', suites: ['firefox', 'realworld'], why: 'gives the namespace its own resolv.conf' },
  // The real-world suite's servers, resolver and firewall, run as the test's own processes.
  { command: 'nginx', pkg: 'nginx', suites: ['realworld'], why: 'a real web server for the real-world suite' },
  { command: 'apache2', pkg: 'apache2', suites: ['realworld'], why: 'a real web server for the real-world suite' },
  { command: 'dnsmasq', pkg: 'dnsmasq-base', suites: ['realworld'], why: "the real-world suite's resolver" },
  {
    command: 'iptables',
    pkg: 'iptables',
    suites: ['realworld'],
    why: "the real-world suite's firewall rules (REJECT, DROP)",
  },
];

/** Where a command is looked for besides PATH: root's tools are in sbin, which a user's PATH may lack. */
export const EXTRA_DIRS = ['/usr/sbin', '/sbin', '/usr/local/sbin'];

/** Does `tool` serve one of `suites`? An empty list means every suite. */
export function needed(tool, suites) {
  if (suites.length === 0) return true;
  return suites.some((s) => tool.suites.some((t) => s === t || s.startsWith(`${t}-`) || s.startsWith(`${t}:`)));
}

/**
 * What to do. `sys`: `{ env, isRoot, hasAptGet, platform, found(command) → boolean, exists(path) → boolean }`.
 * Returns `{ action: 'none' }`, `{ action: 'install', packages, missing }` or `{ action: 'instruct', missing, lines }`
 * (`lines`: the message, the exact command in it). `missing`: the rows that are missing, with `problem` set.
 */
export function plan(suites, sys, tools = TOOLS) {
  const missing = [];
  for (const tool of tools.filter((t) => needed(t, suites))) {
    const override = tool.env ? sys.env[tool.env] : undefined;
    if (override) {
      // The user chose the binary: never install another one in its place.
      if (!sys.exists(override))
        missing.push({ ...tool, problem: `${tool.env}=${override} does not exist`, fixable: false });
    } else if (!sys.found(tool.command)) {
      missing.push({ ...tool, problem: `\`${tool.command}\` not found`, fixable: true });
    }
  }
  if (missing.length === 0) return { action: 'none' };

  const packages = [...new Set(missing.filter((m) => m.fixable).map((m) => m.pkg))];
  const unfixable = missing.filter((m) => !m.fixable);
  if (unfixable.length === 0 && sys.isRoot && sys.hasAptGet) return { action: 'install', packages, missing };

  const lines = ['The browser suites need what is missing below:'];
  for (const m of missing) lines.push(`  - ${m.problem}: ${m.why} (${m.suites.join(', ')})`);
  for (const m of unfixable)
    lines.push(`Point ${m.env} at the browser's binary, or unset it to use the Debian package.`);
  if (packages.length) {
    if (sys.hasAptGet) {
      const sudo = sys.isRoot ? '' : 'sudo ';
      lines.push(
        sys.isRoot ? 'Install them with:' : 'Installing needs root; run:',
        `  ${sudo}apt-get update && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y ${packages.join(' ')}`,
        'then run `npm test` again (run as root, `npm test` installs them itself).',
      );
    } else {
      lines.push(`There is no apt-get here: install the equivalent of the Debian packages ${packages.join(', ')}.`);
      const browsers = missing.filter((m) => m.env && m.fixable);
      if (browsers.length) {
        lines.push(
          `Or point the suites at browsers you have: ${browsers.map((m) => `${m.env}=/path/to/${m.command}`).join(' ')}.`,
        );
      }
      if (sys.platform !== 'linux')
        lines.push('The Firefox and real-world suites need Linux network namespaces (a Linux VM or container).');
    }
  }
  lines.push('Or run the unit suite alone, which needs none of this: npm test -- unit');
  return { action: 'instruct', missing, lines };
}

export const POLICY_RC_D = '/usr/sbin/policy-rc.d';

/**
 * Checks and, when it can, installs. `io`: `{ ...sys (see plan), run(cmd, args, env) → exit status, writeFile(path,
 * text, mode), remove(path), log(line) }`. Returns 0 when everything the suites need is there afterwards.
 */
export function ensure(suites, io, tools = TOOLS) {
  const first = plan(suites, io, tools);
  if (first.action === 'none') return 0;
  if (first.action === 'instruct') {
    for (const line of first.lines) io.log(line);
    return 1;
  }
  io.log(
    `ensure-deps: missing ${first.missing.map((m) => m.command).join(', ')}; installing ${first.packages.join(' ')} with apt-get`,
  );
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  // Installing nginx or apache2 would start their services: a policy-rc.d that exits 101 forbids it.
  const ownPolicy = !io.exists(POLICY_RC_D);
  if (ownPolicy)
    io.writeFile(
      POLICY_RC_D,
      '#!/bin/sh\n# netwhy npm test: no service starts while packages install\nexit 101\n',
      0o755,
    );
  let status;
  try {
    status = io.run('apt-get', ['update', '-qq'], env);
    if (status === 0) status = io.run('apt-get', ['install', '-y', '-qq', ...first.packages], env);
  } finally {
    if (ownPolicy) io.remove(POLICY_RC_D);
  }
  if (status !== 0) {
    io.log(
      `ensure-deps: apt-get failed (exit ${status}); install by hand: apt-get install -y ${first.packages.join(' ')}`,
    );
    return 1;
  }
  const after = plan(suites, io, tools);
  if (after.action !== 'none') {
    io.log(`ensure-deps: still missing after the install: ${after.missing.map((m) => m.problem).join('; ')}`);
    return 1;
  }
  io.log(`ensure-deps: installed ${first.packages.join(' ')}`);
  return 0;
}
