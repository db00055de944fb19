import { describe, expect, it } from 'vitest';
import { tally } from '../../../scripts/lib/tally.mjs';

/** A vitest JSON report with the fields test/run-all.mjs reads. */
function report(o: {
  passed?: number;
  failed?: number;
  pending?: number;
  todo?: number;
  files?: { name: string; status: string; message?: string; tests?: string[] }[];
}): string {
  return JSON.stringify({
    numPassedTests: o.passed ?? 0,
    numFailedTests: o.failed ?? 0,
    numPendingTests: o.pending ?? 0,
    numTodoTests: o.todo ?? 0,
    testResults: (o.files ?? []).map((f) => ({
      name: f.name,
      status: f.status,
      message: f.message ?? '',
      assertionResults: (f.tests ?? []).map((status) => ({ status })),
    })),
  });
}

describe("run-all: one suite's count", () => {
  it('counts a clean suite as it is', () => {
    const t = tally(
      'unit',
      0,
      report({ passed: 3, files: [{ name: 'a', status: 'passed', tests: ['passed'] }] }),
      true,
    );
    expect(t).toEqual({ passed: 3, failed: 0, lines: ['unit: 3 passed, 0 failed'], failures: [] });
  });

  it('counts a suite without a report as 1 failed, and says it crashed', () => {
    const t = tally('e2e', 134, undefined, false);
    expect(t.passed).toBe(0);
    expect(t.failed).toBe(1);
    expect(t.lines).toEqual(['e2e: crashed: vitest wrote no report (exit 134); counted as 1 failed']);
  });

  it('counts an unreadable report as 1 failed', () => {
    expect(tally('e2e', 0, '{"numPassedTests": 3', false).failed).toBe(1);
  });

  it('counts a non-zero exit without a failed test as 1 failed', () => {
    const t = tally(
      'firefox',
      1,
      report({ passed: 5, files: [{ name: 'a', status: 'passed', tests: ['passed'] }] }),
      false,
    );
    expect(t.failed).toBe(1);
    expect(t.lines).toContain('firefox: crashed: exit 1 without a failed test; counted as 1 failed');
    expect(t.lines.at(-1)).toBe('firefox: 5 passed, 1 failed');
  });

  it('does not add a crash to a run whose tests failed', () => {
    const t = tally(
      'unit',
      1,
      report({ passed: 2, failed: 1, files: [{ name: 'a', status: 'failed', tests: ['passed', 'failed'] }] }),
      false,
    );
    expect(t.failed).toBe(1);
  });

  it('names each failed test, from the root of the repository, with the first line of its message', () => {
    const json = JSON.stringify({
      numPassedTests: 1,
      numFailedTests: 1,
      testResults: [
        {
          name: '/tmp/clone/test/e2e/chromium/popup.e2e.test.ts',
          status: 'failed',
          assertionResults: [
            { status: 'passed', fullName: 'popup shows it' },
            { status: 'failed', fullName: 'popup retries', failureMessages: ['AssertionError: expected 1\n  at x'] },
          ],
        },
      ],
    });
    expect(tally('e2e', 1, json, false).failures).toEqual([
      'e2e: test/e2e/chromium/popup.e2e.test.ts > popup retries: AssertionError: expected 1',
    ]);
    expect(tally('e2e', 134, undefined, false).failures).toEqual(['e2e: crashed (no report)']);
  });

  it('counts a file that failed outside any test (a load error, a hook, a refused .only), naming it', () => {
    const files = [
      { name: '/r/a.test.ts', status: 'failed', message: 'Unexpected .only modifier.\nmore', tests: [] },
      { name: '/r/b.test.ts', status: 'passed', tests: ['passed'] },
    ];
    const t = tally('unit', 1, report({ passed: 1, files }), false);
    expect(t.failed).toBe(1);
    expect(t.lines[0]).toBe('unit: /r/a.test.ts failed outside any test: Unexpected .only modifier.');
  });

  it('counts a suite that ran no test as 1 failed', () => {
    const t = tally('e2e', 0, report({}), false);
    expect(t.failed).toBe(1);
    expect(t.lines).toEqual(['e2e: ran no tests; counted as 1 failed', 'e2e: 0 passed, 1 failed']);
  });

  it('does not count a suite that ran nothing twice when a file failed to load', () => {
    const t = tally('e2e', 1, report({ files: [{ name: 'x', status: 'failed', message: 'boom', tests: [] }] }), false);
    expect(t.failed).toBe(1);
  });

  it('counts each skipped or todo test as failed in CI, and only reports them elsewhere', () => {
    const json = report({
      passed: 4,
      pending: 2,
      todo: 1,
      files: [{ name: 'a', status: 'passed', tests: ['passed'] }],
    });
    const inCi = tally('unit', 0, json, true);
    expect(inCi.failed).toBe(3);
    expect(inCi.lines).toEqual([
      'unit: 3 skipped or todo tests; in CI each counts as failed',
      'unit: 4 passed, 3 failed, 3 skipped',
    ]);
    const local = tally('unit', 0, json, false);
    expect(local.failed).toBe(0);
    expect(local.lines).toEqual(['unit: 4 passed, 0 failed, 3 skipped']);
  });
});
