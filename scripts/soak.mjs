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
      /(\d+) failures made, (\d+) recorded, (\d+) lost: (\d+) lost of those the extension's handler journaled \((\d+) in the stopped worker; (\d+) of them in its last \d+ writes, (\d+) earlier\); (\d+) lost of those a worker received, (\d+) never delivered to one .*?; (\d+) lost outside .*?; (\d+) counted twice/.exec(
        l,
      );
    return m
      ? {
          made: +m[1],
          recorded: +m[2],
          lost: +m[3],
          journaledLost: +m[4],
          journaled: +m[5],
          lastWrite: +m[6],
          middle: +m[7],
          received: +m[8],
          undelivered: +m[9],
          outside: +m[10],
          twice: +m[11],
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
console.log(
  `\nsoak: ${passed}/${runs} runs passed; ${waves.length} forced stops; ${sum('made')} failures made, ${sum('recorded')} recorded, ` +
    `${sum('lost')} lost: ${sum('journaledLost')} of them journaled by the extension's handler (${sum('lastWrite')} in the ` +
    `stopped worker's last writes, ${sum('middle')} earlier), ${sum('received')} seen by the ` +
    `test's listener in a worker, ${sum('undelivered')} never delivered to one ` +
    `(${sum('outside')} of the lost failed more than 3 s before the stop request); ${sum('twice')} counted twice; ` +
    `stops with zero lost of what the extension journaled: ${waves.filter((w) => w.journaledLost === 0).length}/${waves.length}, ` +
    `with none lost but the last writes: ${waves.filter((w) => w.middle === 0).length}/${waves.length}, ` +
    `with zero lost at all: ${waves.filter((w) => w.lost === 0).length}/${waves.length}`,
);
process.exit(passed === runs ? 0 : 1);
