#!/usr/bin/env node
/**
 * Checks that the browser suites have what they need (browsers, network-namespace tools, the real-world suite's
 * servers) and installs what is missing when it can (root with apt-get); otherwise prints the exact command to run
 * and exits 1. The table and the decision are in scripts/lib/deps.mjs.
 *
 *   node scripts/ensure-deps.mjs                 # what every suite needs
 *   node scripts/ensure-deps.mjs e2e firefox     # what these suites need (test/run-all.mjs names)
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { EXTRA_DIRS, ensure } from './lib/deps.mjs';

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...EXTRA_DIRS];
const found = (command) => dirs.some((dir) => executable(join(dir, command)));

const systemIo = {
  env: process.env,
  isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
  hasAptGet: found('apt-get'),
  platform: process.platform,
  found,
  exists: executable,
  run: (cmd, args, env) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1,
  writeFile: (path, text, mode) => writeFileSync(path, text, { mode }),
  remove: (path) => rmSync(path, { force: true }),
  log: (line) => console.error(line),
};

process.exit(ensure(process.argv.slice(2), systemIo));
