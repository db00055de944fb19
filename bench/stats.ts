/** Medians and spreads. Percentiles interpolate linearly between the sorted samples (type 7, like numpy's default). */

export interface Summary {
  n: number;
  median: number;
  p10: number;
  p90: number;
  p99: number;
  min: number;
  max: number;
  mean: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
}

export function summarize(values: readonly number[]): Summary {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return {
    n: s.length,
    median: percentile(s, 0.5),
    p10: percentile(s, 0.1),
    p90: percentile(s, 0.9),
    p99: percentile(s, 0.99),
    min: s[0] ?? NaN,
    max: s[s.length - 1] ?? NaN,
    mean: s.length ? mean : NaN,
  };
}

/** Rounds every number of a summary for the results file (`digits` after the point). */
export function rounded(s: Summary, digits = 1): Summary {
  const f = 10 ** digits;
  const r = (v: number) => (Number.isFinite(v) ? Math.round(v * f) / f : v);
  return {
    n: s.n,
    median: r(s.median),
    p10: r(s.p10),
    p90: r(s.p90),
    p99: r(s.p99),
    min: r(s.min),
    max: r(s.max),
    mean: r(s.mean),
  };
}

/** "123.4 (p10–p90 110.2–140.9, n=25)" */
export function spread(s: Summary, unit = '', digits = 1): string {
  const f = (v: number) => v.toFixed(digits);
  return `${f(s.median)}${unit} (p10–p90 ${f(s.p10)}–${f(s.p90)}, n=${s.n})`;
}
