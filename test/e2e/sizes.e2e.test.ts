/**
 * Size budgets of the built Chrome package (gzip), checked after `npm run build` (test/run-all.mjs builds before the
 * e2e project). The same computation feeds `npm run bench` (bench/sizes.ts).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_ERRORS } from '../../src/engine/errors/table';
import { RULES } from '../../src/engine/rules';
import {
  closure,
  enforcedLimit,
  EXPLAIN_HTML,
  importsOf,
  kb,
  localeTextFloor,
  measureSizes,
  overBudget,
  pageAssets,
} from '../../bench/sizes';

const dist = resolve(fileURLToPath(new URL('../../', import.meta.url)), 'dist');
const report = measureSizes(dist);

describe('size budgets (gzip, 1 KB = 1024 bytes)', () => {
  for (const t of report.targets) {
    const limit = enforcedLimit(t.id);
    const name =
      limit === t.budget
        ? `${t.label} ≤ ${kb(t.budget)}`
        : `${t.label} ≤ ${kb(limit)} (ceiling; budget ${kb(t.budget)} still missed)`;
    it(name, () => {
      // Every part is in the package: finding none is a broken check, not a pass.
      expect(t.gzip, `no ${t.label} found in ${dist}`).not.toBeNull();
      expect(t.gzip, overBudget(t, limit)).toBeLessThanOrEqual(limit);
    });
  }

  it("the text floor the bench reports is a lower bound of the catalogs' share of the zip, for every language", () => {
    const floor = localeTextFloor(dist);
    const catalogs = report.targets.find((t) => t.id === 'zip')!.files;
    expect(floor.languages).toBeGreaterThanOrEqual(4);
    expect(catalogs).toHaveLength(floor.languages);
    expect(floor.deflated).toBeGreaterThan(0);
    expect(floor.deflated).toBeLessThan(catalogs.reduce((n, f) => n + f.gzip, 0));
  });

  it("the explanation page's first paint costs one script request: its entry imports nothing before it runs", () => {
    const scripts = pageAssets(dist, EXPLAIN_HTML).filter((p) => p.endsWith('.js'));
    expect(scripts).toHaveLength(1);
    const entry = scripts[0]!;
    expect(importsOf(readFileSync(join(dist, entry), 'utf8'), entry, 'static')).toEqual([]);
    // and it does load the rest, later
    expect(importsOf(readFileSync(join(dist, entry), 'utf8'), entry).length).toBeGreaterThan(0);
  });

  it('the popup, explanation and options pages carry no rule and no taxonomy: the worker diagnoses', () => {
    // Markers: every rule's cause id with a hyphen (`server-stopped`), every Chromium and Firefox error name.
    const markers = [
      ...RULES.map((r) => r.cause).filter((c) => c.includes('-')),
      ...ALL_ERRORS.map((e) => e.code).filter((c) => /^(ERR_|NS_ERROR_)/.test(c)),
    ];
    expect(markers.length).toBeGreaterThan(300);
    const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as {
      action: { default_popup: string };
      options_ui: { page: string };
    };
    // The options page's example rule and sample failure name one code as input text.
    const example: Record<string, string[]> = { [manifest.options_ui.page]: ['ERR_NAME_NOT_RESOLVED'] };
    for (const html of [manifest.action.default_popup, EXPLAIN_HTML, manifest.options_ui.page]) {
      const files = closure(dist, pageAssets(dist, html)).filter((p) => p.endsWith('.js'));
      expect(files.length, html).toBeGreaterThan(0);
      for (const file of files) {
        const code = readFileSync(join(dist, file), 'utf8');
        expect(
          markers.filter((m) => code.includes(m) && !example[html]?.includes(m)),
          `${html} loads ${file}`,
        ).toEqual([]);
      }
    }
  });

  it('the package is zipped deterministically', () => {
    const again = measureSizes(dist).targets.find((t) => t.id === 'zip')!;
    expect(again.gzip).toBe(report.targets.find((t) => t.id === 'zip')!.gzip);
  });
});
