/** Finds hosts one or two edits away from a name that did not resolve: the likely intended site. Pure. */

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps), stopping early past `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** Hosts within `max` edits of `host` (not equal to it), closest first. Hosts are compared without a port. */
export function similarHosts(host: string, candidates: Iterable<string>, maxEdits = 2): string[] {
  const name = host.toLowerCase();
  // In a short name two edits change too much to call it a typo.
  const max = name.length <= 6 ? Math.min(1, maxEdits) : maxEdits;
  if (name.length < 4 || /^[\d.:[\]]+$/.test(name)) return []; // too short to guess, or an IP literal
  const scored: { host: string; d: number }[] = [];
  const seen = new Set<string>();
  for (const raw of candidates) {
    const candidate = raw
      .toLowerCase()
      .replace(/:\d+$/, '')
      .replace(/^\[|\]$/g, '');
    if (candidate === name || seen.has(candidate) || /^[\d.:]+$/.test(candidate)) continue;
    seen.add(candidate);
    const d = editDistance(name, candidate, max);
    if (d <= max) scored.push({ host: candidate, d });
  }
  return scored
    .sort((x, y) => x.d - y.d)
    .slice(0, 3)
    .map((s) => s.host);
}
