#!/usr/bin/env node
// Runs every suite (unit, then build + end-to-end in real browsers) and prints one closing line,
// `N passed, N failed`, computed from vitest's JSON report. A run with no tests fails.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

const out = 'test-results';
mkdirSync(out, { recursive: true });
const only = process.argv.slice(2); // e.g. `npm test -- unit`

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

let passed = 0;
let failed = 0;
let broken = false;

/** `wrap`: a command vitest runs under, e.g. the Firefox suite's private network namespace. */
function suite(name, args, env, wrap = []) {
  if (only.length && !only.includes(name)) return;
  const file = `${out}/${name}.json`;
  rmSync(file, { force: true });
  const vitest = ['npx', 'vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`];
  const [cmd, ...rest] = [...wrap, ...vitest];
  const status = run(cmd, rest, env);
  if (!existsSync(file)) {
    console.error(`${name}: vitest wrote no report (exit ${status})`);
    broken = true;
    return;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const p = report.numPassedTests ?? 0;
  // Failed tests, plus files that failed without a failed test (an error while loading or in a hook).
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'),
  ).length;
  const f = (report.numFailedTests ?? 0) + brokenFiles;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(`${name}: ${p} passed, ${f} failed${skipped ? `, ${skipped} skipped` : ''}`);
  if (status !== 0 && f === 0) broken = true; // a crash outside any test
  passed += p;
  failed += f;
}

suite('unit', ['--project', 'unit']);
// `npm run build` builds both packages: dist/ (Chrome) and dist-firefox/ (Firefox).
if (!only.length || ['e2e', 'firefox', 'realworld', 'realworld-firefox'].some((s) => only.includes(s))) {
  const built = run('npm', ['run', '--silent', 'build']);
  if (built !== 0) {
    console.error('build failed');
    failed++;
  } else {
    suite('e2e', ['--project', 'e2e']);
    // Firefox runs in a loopback-only network namespace with a loopback DNS stub (see scripts/firefox-netns.mjs).
    suite('firefox', ['--project', 'firefox'], {}, ['node', 'scripts/firefox-netns.mjs']);
    // The article's situations with real nginx, Apache, iptables and dnsmasq, in a namespace with a LAN address
    // (test/realworld/README.md); a private PID namespace too, so no server outlives the run.
    const realworld = ['node', 'scripts/netns.mjs', '--lan', '192.0.2.10/24', '--sysctl', 'net.ipv4.tcp_syn_retries=1', '--own-pids', '--'];
    suite('realworld', ['--project', 'realworld'], {}, realworld);
    suite('realworld-firefox', ['--project', 'realworld-firefox'], {}, realworld);
  }
}

if (passed + failed === 0) {
  console.error('no tests ran');
  broken = true;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || broken ? 1 : 0);
