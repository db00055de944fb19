#!/usr/bin/env node
/**
 * The forced-stop test in a loop (issue 22): `npm run soak` runs test/e2e/chromium/journal.e2e.test.ts 20 times
 * against the built extension (build first: `npm run build:chrome`) and sums up what each run lost and counted twice.
 *
 *   npm run soak                 # 20 runs
 *   npm run soak -- 5            # 5 runs (or SOAK_RUNS=5)
 *   npm run soak -- 50 other.e2e.test.ts
 * Only the file's forced-stop tests run (vitest -t "forced stop|closed and reopened"; SOAK_FILTER changes it): the
 * rest of the file is ordinary e2e, run once by CI.
 *
 * Not part of `npm test`: CI runs the file once with the e2e suite.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const runs = Number(process.argv[2] ?? process.env.SOAK_RUNS ?? 20);
const file = process.argv[3] ?? 'test/e2e/chromium/journal.e2e.test.ts';
if (!Number.isInteger(runs) || runs < 1) throw new Error(`soak: bad number of runs ${process.argv[2]}`);
if (!existsSync('dist/manifest.json')) throw new Error('soak: no dist/: run `npm run build:chrome` first');

const results = [];
for (let i = 1; i <= runs; i++) {
  const started = Date.now();
  const filter = process.env.SOAK_FILTER ?? 'forced stop|closed and reopened';
  const r = spawnSync('npx', ['vitest', 'run', '--project', 'e2e', file, '-t', filter], {
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const out = `${r.stdout}\n${r.stderr}`;
  const lines = out
    // eslint-disable-next-line no-control-regex -- colour codes in the child's output
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .filter((l) => /failures made/.test(l))
    .map((l) => l.trim());
  const nums = lines.map((l) => {
    const m =
      /(\d+) failures made, (\d+) recorded, (\d+) lost: (\d+) lost of those the extension's handler journaled \((\d+) in the stopped worker, whose writes the browser stored \d+, refused \d+, never answered \d+; of the lost: (\d+) stored, (\d+) refused.*?, (\d+) never answered; the test's own one-line listener, .*? lost (\d+) of (\d+).*?\); (\d+) lost of those a worker received, (\d+) never delivered to one .*?; (\d+) lost outside .*?; (\d+) counted twice/.exec(
        l,
      );
    return m
      ? {
          made: +m[1],
          recorded: +m[2],
          lost: +m[3],
          journaledLost: +m[4],
          journaled: +m[5],
          lostStored: +m[6],
          lostRefused: +m[7],
          lostUnanswered: +m[8],
          probeLost: +m[9],
          probeWrites: +m[10],
          received: +m[11],
          undelivered: +m[12],
          outside: +m[13],
          twice: +m[14],
        }
      : null;
  });
  const passed = r.status === 0;
  results.push({ run: i, passed, nums, ms: Date.now() - started });
  console.log(`run ${i}/${runs}: ${passed ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
  for (const l of lines) console.log(`  ${l}`);
  if (!passed && lines.length === 0)
    console.log(
      out
        .split('\n')
        .filter((l) => /Error|FAIL|×/.test(l))
        .slice(0, 10)
        .map((l) => `  ${l}`)
        .join('\n'),
    );
}
const waves = results.flatMap((r) => r.nums.filter(Boolean));
const sum = (k) => waves.reduce((s, w) => s + w[k], 0);
const passed = results.filter((r) => r.passed).length;
const unparsed = results.reduce((n, r) => n + r.nums.filter((x) => x === null).length, 0);
const count = (f) => waves.filter(f).length;
console.log(
  `\nsoak: ${passed}/${runs} runs passed; ${waves.length} forced stops` +
    (unparsed ? ` (${unparsed} log lines not understood: update this script)` : '') +
    `; ${sum('made')} failures made, ${sum('recorded')} recorded, ${sum('lost')} lost: ` +
    `${sum('journaledLost')} of them journaled by the extension's handler (${sum('lostStored')} whose write the ` +
    `browser had stored, ${sum('lostRefused')} refused, ${sum('lostUnanswered')} never answered), ` +
    `${sum('received')} seen by the test's listener in a worker, ${sum('undelivered')} never delivered to one ` +
    `(${sum('outside')} of the lost failed more than 3 s before the stop request); ${sum('twice')} counted twice. ` +
    `The test's one-line listener, side by side: ${sum('probeLost')} of its ${sum('probeWrites')} storage.session ` +
    `writes lost. Stops with zero lost of what the extension journaled: ${count((w) => w.journaledLost === 0)}/` +
    `${waves.length}; with zero of the listener's writes lost: ${count((w) => w.probeLost === 0)}/${waves.length}; ` +
    `with both zero: ${count((w) => w.journaledLost === 0 && w.probeLost === 0)}; netwhy lost some, the listener ` +
    `none: ${count((w) => w.journaledLost > 0 && w.probeLost === 0)}; the listener some, netwhy none: ` +
    `${count((w) => w.journaledLost === 0 && w.probeLost > 0)}; zero lost at all: ${count((w) => w.lost === 0)}/` +
    `${waves.length}`,
);
process.exit(passed === runs ? 0 : 1);
