#!/usr/bin/env node
// Runs every suite (unit, then build + end-to-end in real browsers) and prints one closing line,
// `N passed, N failed`, computed from vitest's JSON report. The line never says "0 failed" for a run that went wrong:
// - a suite that crashed (no report, or a non-zero exit without a failed test) counts as one failure, and says so;
// - a suite that ran no test counts as one failure;
// - in CI (CI set and not "false"/"0"), each skipped or todo test counts as a failure;
// - `.only` is refused (`--allowOnly=false`: the file fails), whatever the environment.
// First, scripts/ensure-deps.mjs checks what the selected suites need and installs it when it can (or says how).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tally } from '../scripts/lib/tally.mjs';

const out = 'test-results';
mkdirSync(out, { recursive: true });
const only = process.argv.slice(2); // e.g. `npm test -- unit`

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

let passed = 0;
let failed = 0;
const failures = [];
const ci = !!process.env.CI && !['false', '0'].includes(process.env.CI);

/** `wrap`: a command vitest runs under, e.g. the Firefox suite's private network namespace. */
function suite(name, args, env, wrap = []) {
  if (only.length && !only.includes(name)) return;
  const file = `${out}/${name}.json`;
  rmSync(file, { force: true });
  const vitest = [
    'npx',
    'vitest',
    'run',
    ...args,
    '--allowOnly=false',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ];
  const [cmd, ...rest] = [...wrap, ...vitest];
  const status = run(cmd, rest, env);
  const verdict = tally(name, status, existsSync(file) ? readFileSync(file, 'utf8') : undefined, ci);
  for (const line of verdict.lines) console.log(line);
  passed += verdict.passed;
  failed += verdict.failed;
  failures.push(...verdict.failures);
}

// Before anything runs: what the selected suites need (browsers, namespace tools), installed when it can be.
if (run('node', ['scripts/ensure-deps.mjs', ...only]) !== 0) {
  console.error('run-all: the suites cannot run without what is listed above; nothing ran; counted as 1 failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

suite('unit', ['--project', 'unit']);
// `npm run build` builds both packages: dist/ (Chrome) and dist-firefox/ (Firefox).
if (!only.length || ['e2e', 'firefox', 'realworld', 'realworld-firefox'].some((s) => only.includes(s))) {
  const built = run('npm', ['run', '--silent', 'build']);
  if (built !== 0) {
    console.error('build failed');
    failed++;
    failures.push('build failed');
  } else {
    suite('e2e', ['--project', 'e2e']);
    // Firefox runs in a loopback-only network namespace with a loopback DNS stub (see scripts/firefox-netns.mjs).
    suite('firefox', ['--project', 'firefox'], {}, ['node', 'scripts/firefox-netns.mjs']);
    // The article's situations with real nginx, Apache, iptables and dnsmasq, in a namespace with a LAN address
    // (test/realworld/README.md); a private PID namespace too, so no server outlives the run.
    const realworld = [
      'node',
      'scripts/netns.mjs',
      '--lan',
      '192.0.2.10/24',
      '--sysctl',
      'net.ipv4.tcp_syn_retries=1',
      '--own-pids',
      '--',
    ];
    suite('realworld', ['--project', 'realworld'], {}, realworld);
    suite('realworld-firefox', ['--project', 'realworld-firefox'], {}, realworld);
  }
}

if (passed + failed === 0) {
  console.error('no suite ran; counted as 1 failed');
  failed++;
}
if (failures.length) {
  console.log(`what failed (${failures.length}):`);
  for (const line of failures) console.log(`  ${line}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
