#!/usr/bin/env node
/**
 * The long property run: the same fast-check properties as CI (test/unit/property/), with every property's run count
 * multiplied (default 100×). Prints the cases tried per property and in total; exits non-zero on any failure, with
 * fast-check's counterexample and seed in the output (replay it with FC_SEED=<seed>).
 *
 *   npm run fuzz                      # 100× the CI runs
 *   npm run fuzz -- --scale 10        # 10×
 *   npm run fuzz -- --scale 100 url   # only files whose name contains "url"
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
let scale = 100;
const filters = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--scale') scale = Number(args[++i]);
  else filters.push(args[i]);
}
if (!Number.isInteger(scale) || scale < 1) {
  console.error('--scale must be a positive integer');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'netwhy-fuzz-'));
const log = join(dir, 'runs.jsonl');
const started = Date.now();
const files = filters.length ? filters.map((f) => `test/unit/property/${f}`) : ['test/unit/property/'];
const result = spawnSync('npx', ['vitest', 'run', '--project', 'unit', ...files], {
  stdio: 'inherit',
  env: { ...process.env, PROPERTY_SCALE: String(scale), PROPERTY_LOG: log },
});

const rows = existsSync(log)
  ? readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
  : [];
rmSync(dir, { recursive: true, force: true });
const total = rows.reduce((sum, r) => sum + r.runs, 0);
console.log(`\nproperty cases at ${scale}x (${((Date.now() - started) / 1000).toFixed(0)} s):`);
for (const r of rows) console.log(`  ${String(r.runs).padStart(9)}  ${r.name}`);
console.log(`  ${String(total).padStart(9)}  total over ${rows.length} properties`);
process.exit(result.status ?? 1);
