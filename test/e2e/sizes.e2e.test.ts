/**
 * Size budgets of the built Chrome package (gzip), checked after `npm run build` (test/run-all.mjs builds before the
 * e2e project). The same computation feeds `npm run bench` (bench/sizes.ts).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
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

  it('the package is zipped deterministically', () => {
    const again = measureSizes(dist).targets.find((t) => t.id === 'zip')!;
    expect(again.gzip).toBe(report.targets.find((t) => t.id === 'zip')!.gzip);
  });
});
