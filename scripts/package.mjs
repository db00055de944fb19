#!/usr/bin/env node
/**
 * Store packages from the builds (run `npm run build` first; `npm run package` does both):
 *   packages/netwhy-chrome-<version>.zip    dist/            for the Chrome Web Store
 *   packages/netwhy-firefox-<version>.zip   dist-firefox/    for addons.mozilla.org
 *   packages/netwhy-sources-<version>.zip   `git archive` of HEAD plus BUILDING.md, for AMO's source code review
 *
 *   node scripts/package.mjs [--out DIR] [--no-check]
 *
 * Then it checks the zips it wrote, as the stores will receive them (skip with --no-check):
 *   - both: the store rules that can be checked offline (scripts/store.ts): name, short name and description in every
 *     language within the store's limits, icons 16/32/48/128 present and the size they claim, every permission
 *     justified in docs/permissions.md, no remote code (CSP, pages' scripts, bundles), no source maps;
 *   - Firefox: `web-ext lint` (addons.mozilla.org's own linter) on the zip's contents: any error fails, and so does any
 *     warning not listed in KNOWN_LINT_WARNINGS below;
 *   - the store images of `npm run screenshots` (docs/screenshots/store/): reported, with their sizes.
 * It exits 1 when a check fails.
 *
 * The extension zips are deterministic: entries sorted by path, one fixed timestamp (SOURCE_DATE_EPOCH if set, else
 * 1980-01-01 00:00), Unix mode 0644, no extra fields, so the same build gives byte-identical zips. The sources zip is
 * what `git archive` makes of the committed tree (timestamps = the commit's time): commit before packaging; a dirty
 * work tree is reported, since the builds then contain changes the sources archive lacks.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync, zipSync } from 'fflate';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outArg = args.indexOf('--out');
const outDir = resolve(root, outArg >= 0 && args[outArg + 1] ? args[outArg + 1] : 'packages');
const check = !args.includes('--no-check');

/**
 * web-ext lint warnings that are understood and accepted, each with why. Anything else fails the package.
 * preact's own renderer assigns innerHTML for `dangerouslySetInnerHTML`; netwhy never uses that prop (ESLint forbids
 * it,
 * test/unit/property/policy.test.ts proves the rule fires), so no data reaches that assignment.
 */
const KNOWN_LINT_WARNINGS = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^assets\/preact-[\w-]+\.js$/,
    why: "preact's dangerouslySetInnerHTML path, never used",
  },
];

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** A DOS timestamp has no zone: build the Date from UTC fields so every machine writes the same bytes. */
function zipTime() {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  const t = Number.isFinite(epoch) && epoch >= 315532800 ? new Date(epoch * 1000) : new Date(Date.UTC(1980, 0, 1));
  return new Date(
    t.getUTCFullYear(),
    t.getUTCMonth(),
    t.getUTCDate(),
    t.getUTCHours(),
    t.getUTCMinutes(),
    t.getUTCSeconds(),
  );
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
  if (manifest.version !== pkg.version)
    throw new Error(`${dir} is version ${manifest.version}, package.json says ${pkg.version}: rebuild`);
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
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: root,
    encoding: 'utf8',
  }).trim();
  const tmp = mkdtempSync(join(tmpdir(), 'netwhy-package-'));
  try {
    const building = join(tmp, 'BUILDING.md');
    writeFileSync(building, BUILDING);
    execFileSync(
      'git',
      ['archive', '--format=zip', `--prefix=netwhy-${pkg.version}/`, `--add-file=${building}`, '-o', target, 'HEAD'],
      { cwd: root },
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { target, dirty, bytes: statSync(target).size };
}

/** Runs `web-ext lint` on the zip's contents, unpacked in a temporary directory. */
function lintFirefox(zipFile) {
  const tmp = mkdtempSync(join(tmpdir(), 'netwhy-amo-'));
  try {
    for (const [path, data] of Object.entries(unzipSync(readFileSync(zipFile)))) {
      const target = join(tmp, ...path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, data);
    }
    const webExt = join(root, 'node_modules', '.bin', 'web-ext');
    const r = spawnSync(webExt, ['lint', '--source-dir', tmp, '--no-config-discovery', '--output', 'json'], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    let report;
    try {
      report = JSON.parse(r.stdout);
    } catch {
      return {
        problems: [`web-ext lint did not report (exit ${r.status}): ${(r.stderr || r.stdout).trim().slice(0, 400)}`],
        summary: null,
        accepted: [],
      };
    }
    const where = (m) => `${m.code}${m.file ? ` in ${m.file}` : ''}${m.line ? `:${m.line}` : ''}: ${m.message}`;
    const accepted = [];
    const problems = report.errors.map((m) => `web-ext lint error ${where(m)}`);
    for (const m of report.warnings) {
      const known = KNOWN_LINT_WARNINGS.find((k) => k.code === m.code && k.file.test(m.file ?? ''));
      if (known) accepted.push(`${where(m)} (accepted: ${known.why})`);
      else problems.push(`web-ext lint warning ${where(m)}`);
    }
    return { problems, summary: report.summary, accepted };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Width × height of a PNG file, or null. */
function pngFileSize(file) {
  const b = readFileSync(file);
  return b.length >= 24 && b.toString('latin1', 12, 16) === 'IHDR' ? [b.readUInt32BE(16), b.readUInt32BE(20)] : null;
}

/** The store images `npm run screenshots` writes: reported, and wrong sizes are problems. */
function storeImages() {
  const dir = join(root, 'docs', 'screenshots', 'store');
  if (!existsSync(dir)) return { lines: ['none yet: run `npm run screenshots`'], problems: [] };
  const lines = [];
  const problems = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.png'))
    .sort()) {
    const size = pngFileSize(join(dir, name));
    const want = name.startsWith('tile-') ? [440, 280] : [1280, 800];
    const ok = size && size[0] === want[0] && size[1] === want[1];
    lines.push(`${name} ${size ? size.join('×') : 'not a PNG'}${ok ? '' : ` (the store wants ${want.join('×')})`}`);
    if (!ok)
      problems.push(
        `docs/screenshots/store/${name} is ${size ? size.join('×') : 'not a PNG'}, the store wants ${want.join('×')}`,
      );
  }
  return { lines, problems };
}

mkdirSync(outDir, { recursive: true });
const results = [packBuild('dist', 'chrome'), packBuild('dist-firefox', 'firefox')];
const sources = packSources();
for (const r of results)
  console.log(`${relative(root, r.target)}  ${r.files} files, ${(r.bytes / 1024).toFixed(1)} KiB`);
console.log(`${relative(root, sources.target)}  git archive of HEAD, ${(sources.bytes / 1024).toFixed(1)} KiB`);
if (sources.dirty) {
  console.warn(
    'warning: the work tree has uncommitted changes to tracked files; the sources archive is HEAD without them:',
  );
  console.warn(
    sources.dirty
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
  );
}

if (check) {
  const { importTs } = await import('./lib/support.mjs');
  const { checkPackage } = await importTs('scripts/store.ts');
  const permissionsDoc = readFileSync(join(root, 'docs', 'permissions.md'), 'utf8');
  let failed = 0;
  const report = (title, problems, notes = []) => {
    console.log(`\n${title}: ${problems.length ? `${problems.length} problem(s)` : 'ok'}`);
    for (const p of problems) console.log(`  ✗ ${p}`);
    for (const n of notes) console.log(`  · ${n}`);
    failed += problems.length;
  };
  for (const [store, r] of [
    ['chrome', results[0]],
    ['firefox', results[1]],
  ]) {
    const files = unzipSync(readFileSync(r.target));
    const label = store === 'chrome' ? 'Chrome Web Store' : 'addons.mozilla.org';
    report(
      `${relative(root, r.target)}: ${label} rules (scripts/store.ts)`,
      checkPackage(store, files, permissionsDoc),
    );
  }
  const lint = lintFirefox(results[1].target);
  const s = lint.summary;
  report(
    `${relative(root, results[1].target)}: web-ext lint${s ? ` (${s.errors} errors, ${s.warnings} warnings, ${s.notices} notices)` : ''}`,
    lint.problems,
    lint.accepted,
  );
  const images = storeImages();
  report('store images (docs/screenshots/store/)', images.problems, images.lines);
  console.log(failed ? `\npackage: ${failed} problem(s)` : '\npackage: both zips pass the checks');
  if (failed) process.exitCode = 1;
}
