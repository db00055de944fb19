export interface Tally {
  passed: number;
  failed: number;
  /** What to print, the suite's own `name: N passed, N failed` last. */
  lines: string[];
  /** One line per failed test (or crashed/empty suite), for the summary printed above the closing line. */
  failures: string[];
}
/**
 * `json`: the text of vitest's JSON report, or undefined when vitest wrote none. `ci`: skipped tests count as failed.
 */
export function tally(name: string, status: number, json: string | undefined, ci: boolean): Tally;
