/**
 * How test/run-all.mjs counts one suite. Its closing line, `N passed, N failed`, must never say "0 failed" for a run
 * that went wrong, so every way a suite can go wrong adds at least one failure, with a line saying which and why.
 */

/** One suite's count from its exit status and the text of its JSON report (undefined: vitest wrote none). */
export function tally(name, status, json, ci) {
  if (json === undefined) {
    return {
      passed: 0,
      failed: 1,
      lines: [`${name}: crashed: vitest wrote no report (exit ${status}); counted as 1 failed`],
      failures: [`${name}: crashed (no report)`],
    };
  }
  let report;
  try {
    report = JSON.parse(json);
  } catch {
    return {
      passed: 0,
      failed: 1,
      lines: [`${name}: crashed: its report is not JSON (exit ${status}); counted as 1 failed`],
      failures: [`${name}: crashed (report not JSON)`],
    };
  }
  const p = report.numPassedTests ?? 0;
  // Failed tests, plus files that failed without a failed test (an error while loading, in a hook, or a refused
  // `.only`).
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'),
  );
  let f = (report.numFailedTests ?? 0) + brokenFiles.length;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  const lines = [];
  // Each failed test by name, so the end of a long log says which (CI keeps only the tail).
  const failures = [];
  for (const file of report.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status !== 'failed') continue;
      const why = String(t.failureMessages?.[0] ?? '')
        .split('\n')[0]
        .slice(0, 200);
      failures.push(`${name}: ${shortPath(file.name)} > ${t.fullName ?? t.title}: ${why}`);
    }
  }
  for (const file of brokenFiles) {
    const why = String(file.message ?? '').split('\n')[0];
    lines.push(`${name}: ${file.name} failed outside any test: ${why}`);
    failures.push(`${name}: ${shortPath(file.name)}: failed outside any test: ${why.slice(0, 200)}`);
  }
  if (skipped && ci) {
    f += skipped;
    lines.push(`${name}: ${skipped} skipped or todo tests; in CI each counts as failed`);
    failures.push(`${name}: ${skipped} skipped or todo tests`);
  }
  if (status !== 0 && f === 0) {
    f += 1;
    lines.push(`${name}: crashed: exit ${status} without a failed test; counted as 1 failed`);
    failures.push(`${name}: crashed (exit ${status})`);
  }
  if (p + (report.numFailedTests ?? 0) === 0) {
    // Already failed (a file that did not load): say why, without counting the same fault twice.
    lines.push(`${name}: ran no tests${f === 0 ? '; counted as 1 failed' : ''}`);
    if (f === 0) {
      f += 1;
      failures.push(`${name}: ran no tests`);
    }
  }
  lines.push(`${name}: ${p} passed, ${f} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return { passed: p, failed: f, lines, failures };
}

/** A test file's path from the repository's root (reports hold absolute paths). */
function shortPath(path) {
  const at = String(path).lastIndexOf('/test/');
  return at >= 0 ? String(path).slice(at + 1) : String(path);
}
