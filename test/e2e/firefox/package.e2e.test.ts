/**
 * The Firefox package as addons.mozilla.org sees it: the manifest Firefox needs (built from the one manifest.json),
 * `web-ext lint` with no errors, and the store zips that `npm run package` writes.
 * Needs `npm run build` (run-all.mjs builds before this suite).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/firefox';

const read = (file: string) => JSON.parse(readFileSync(join(REPO_ROOT, file), 'utf8')) as Record<string, unknown>;
const source = read('manifest.json');
const firefox = read('dist-firefox/manifest.json');
const chrome = read('dist/manifest.json');
const version = (read('package.json') as { version: string }).version;

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
}
interface LintReport {
  count: number;
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

describe('the Firefox manifest', () => {
  it('has an event page instead of a service worker, and the gecko settings AMO requires', () => {
    expect(firefox.background).toEqual({ scripts: [expect.stringMatching(/\.js$/)], type: 'module' });
    expect(firefox.browser_specific_settings).toEqual({
      gecko: {
        id: 'netwhy@netwhy.dev',
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    });
    const script = (firefox.background as { scripts: string[] }).scripts[0]!;
    expect(existsSync(join(REPO_ROOT, 'dist-firefox', script))).toBe(true);
  });

  it("is otherwise the same manifest as Chrome's, from the one manifest.json", () => {
    // crxjs drops `use_dynamic_url` for Firefox, which does not know that key.
    type War = { use_dynamic_url?: boolean }[];
    const strip = ({
      background: _b,
      browser_specific_settings: _s,
      web_accessible_resources: war,
      ...rest
    }: Record<string, unknown>) => ({
      ...rest,
      ...(war ? { web_accessible_resources: (war as War).map(({ use_dynamic_url: _u, ...r }) => r) } : {}),
    });
    expect(strip(firefox)).toEqual(strip(chrome));
    expect(firefox.version).toBe(source.version);
    expect(chrome.background).toEqual({ service_worker: expect.stringMatching(/\.js$/), type: 'module' });
    expect(chrome.browser_specific_settings).toBeUndefined();
  });
});

describe('web-ext lint', () => {
  it('reports no errors on dist-firefox', () => {
    const cli = join(REPO_ROOT, 'node_modules/web-ext/bin/web-ext.js');
    const r = spawnSync(
      process.execPath,
      [cli, 'lint', '--source-dir', join(REPO_ROOT, 'dist-firefox'), '--output', 'json', '--no-config-discovery'],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, WEB_EXT_NO_UPDATE_CHECK: '1' },
        timeout: 60_000,
      },
    );
    const start = r.stdout.indexOf('{');
    expect(start, `web-ext printed no JSON report (exit ${r.status}): ${r.stderr}`).toBeGreaterThanOrEqual(0);
    const report = JSON.parse(r.stdout.slice(start)) as LintReport;
    for (const w of report.warnings) console.log(`web-ext lint warning ${w.code}: ${w.message} (${w.file ?? ''})`);
    expect(report.errors.map((e) => `${e.code}: ${e.message} (${e.file ?? ''}:${e.line ?? ''})`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
    // The one known warning is preact's own innerHTML path (dangerouslySetInnerHTML, which netwhy never uses).
    const ours = report.warnings.filter(
      (w) => !(w.code === 'UNSAFE_VAR_ASSIGNMENT' && /^assets\/preact-[\w-]+\.js$/.test(w.file ?? '')),
    );
    expect(ours.map((w) => `${w.code}: ${w.message} (${w.file ?? ''})`)).toEqual([]);
  }, 90_000);
});

describe('npm run package', () => {
  const out = mkdtempSync(join(tmpdir(), 'netwhy-packages-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  // Exits non-zero (and throws here) when a zip fails the store checks; --no-check only zips.
  const pack = (dir: string, ...more: string[]) =>
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/package.mjs'), '--out', dir, ...more], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  it('writes the Chrome and Firefox store zips and the sources archive, named with the version, and they pass the store checks', () => {
    expect(pack(out)).toContain('package: both zips pass the checks');
    const zip = (name: string) => unzipSync(readFileSync(join(out, `netwhy-${name}-${version}.zip`)));
    const ff = zip('firefox');
    const ch = zip('chrome');
    // The manifest at the root of each zip is the built one, byte for byte.
    expect(JSON.parse(Buffer.from(ff['manifest.json']!).toString('utf8'))).toEqual(firefox);
    expect(JSON.parse(Buffer.from(ch['manifest.json']!).toString('utf8'))).toEqual(chrome);
    expect(Object.keys(ff).some((f) => f.startsWith('src/pages/popup/'))).toBe(true);
    expect(Object.keys(ff).filter((f) => f.endsWith('.map'))).toEqual([]);
    const sources = Object.keys(zip('sources'));
    const prefix = `netwhy-${version}/`;
    for (const f of [
      'BUILDING.md',
      'package.json',
      'package-lock.json',
      'manifest.json',
      'vite.config.ts',
      'src/background/index.ts',
    ]) {
      expect(sources).toContain(prefix + f);
    }
    expect(sources.some((f) => f.includes('node_modules/') || f.includes('/dist'))).toBe(false);
  });

  it('makes byte-identical extension zips from the same build (sorted entries, fixed times)', () => {
    // Two packings of its own (not the previous test's output).
    const first = mkdtempSync(join(out, 'first-'));
    const again = mkdtempSync(join(out, 'again-'));
    pack(first, '--no-check');
    pack(again, '--no-check');
    for (const name of ['chrome', 'firefox', 'sources']) {
      const file = `netwhy-${name}-${version}.zip`;
      expect(readFileSync(join(again, file)).equals(readFileSync(join(first, file))), file).toBe(true);
    }
    const names = Object.keys(unzipSync(readFileSync(join(first, `netwhy-firefox-${version}.zip`))));
    expect(names).toEqual([...names].sort());
  });
});
