/** HH:MM of the times in [from, to], as netwhy writes times ("loaded fine at 10:42"; src/engine/text.ts clock()). */
export function clocks(from: number, to: number): string[] {
  const out = new Set<string>();
  const steps = Math.floor((to - from) / 30_000);
  for (const t of [from, ...Array.from({ length: steps }, (_, i) => from + (i + 1) * 30_000), to]) {
    const d = new Date(t);
    out.add(`${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`);
  }
  return [...out];
}
