#!/usr/bin/env node
/**
 * Store packages from the builds (run `npm run build` first; `npm run package` does both):
 *   packages/netwhy-chrome-<version>.zip    dist/            for the Chrome Web Store
 *   packages/netwhy-firefox-<version>.zip   dist-firefox/    for addons.mozilla.org
 *   packages/netwhy-sources-<version>.zip   `git archive` of HEAD plus BUILDING.md, for AMO's source code review
 *
 *   node scripts/package.mjs [--out DIR]
 *
 * The extension zips are deterministic: entries sorted by path, one fixed timestamp (SOURCE_DATE_EPOCH if set, else
 * 1980-01-01 00:00), Unix mode 0644, no extra fields, so the same build gives byte-identical zips. The sources zip is
 * what `git archive` makes of the committed tree (timestamps = the commit's time): commit before packaging; a dirty
 * work tree is reported, since the builds then contain changes the sources archive lacks.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outArg = args.indexOf('--out');
const outDir = resolve(root, outArg >= 0 && args[outArg + 1] ? args[outArg + 1] : 'packages');

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** A DOS timestamp has no zone: build the Date from UTC fields so every machine writes the same bytes. */
function zipTime() {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  const t = Number.isFinite(epoch) && epoch >= 315532800 ? new Date(epoch * 1000) : new Date(Date.UTC(1980, 0, 1));
  return new Date(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds());
}

function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else if (st.isFile()) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Zips a build directory; its manifest must carry the package.json version. */
function packBuild(dir, name) {
  const source = join(root, dir);
  const manifestFile = join(source, 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`${dir}/manifest.json missing: run \`npm run build\` first`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  if (manifest.version !== pkg.version) throw new Error(`${dir} is version ${manifest.version}, package.json says ${pkg.version}: rebuild`);
  const mtime = zipTime();
  const entries = {};
  for (const file of listFiles(source)) {
    if (file.endsWith('.map')) continue; // development builds only; never shipped
    entries[file] = [readFileSync(join(source, file)), { mtime, os: 3, attrs: 0o100644 << 16 }];
  }
  const zip = zipSync(entries, { level: 9 });
  const target = join(outDir, `netwhy-${name}-${pkg.version}.zip`);
  writeFileSync(target, zip);
  return { target, files: Object.keys(entries).length, bytes: zip.length };
}

const BUILDING = `# Building netwhy from these sources

These are the sources of netwhy ${pkg.version}, as committed, for the add-on review.

Requirements: Node.js 20.19 or newer (npm 10 or newer), on Linux, macOS or Windows (WSL). No other tools.

    npm ci
    npm run build

\`npm run build\` builds both browsers from the same sources with Vite and @crxjs/vite-plugin:
- \`dist-firefox/\` is the Firefox add-on: its contents are the submitted package (\`BROWSER=firefox vite build\`);
- \`dist/\` is the Chrome build.

The Firefox manifest is manifest.json with the differences applied in vite.config.ts (\`firefoxManifest\`):
\`background.scripts\` instead of a service worker and \`browser_specific_settings.gecko\`.
The code is bundled and minified by Vite (Rolldown); no code is generated at run time, nothing is fetched remotely.
\`npm run package\` writes the store zips into packages/.
`;

function packSources() {
  const target = join(outDir, `netwhy-sources-${pkg.version}.zip`);
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).trim();
  const tmp = mkdtempSync(join(tmpdir(), 'netwhy-package-'));
  try {
    const building = join(tmp, 'BUILDING.md');
    writeFileSync(building, BUILDING);
    execFileSync('git', ['archive', '--format=zip', `--prefix=netwhy-${pkg.version}/`, `--add-file=${building}`, '-o', target, 'HEAD'], { cwd: root });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { target, dirty, bytes: statSync(target).size };
}

mkdirSync(outDir, { recursive: true });
const results = [packBuild('dist', 'chrome'), packBuild('dist-firefox', 'firefox')];
const sources = packSources();
for (const r of results) console.log(`${relative(root, r.target)}  ${r.files} files, ${(r.bytes / 1024).toFixed(1)} KiB`);
console.log(`${relative(root, sources.target)}  git archive of HEAD, ${(sources.bytes / 1024).toFixed(1)} KiB`);
if (sources.dirty) {
  console.warn('warning: the work tree has uncommitted changes to tracked files; the sources archive is HEAD without them:');
  console.warn(sources.dirty.split('\n').map((l) => `  ${l}`).join('\n'));
}
