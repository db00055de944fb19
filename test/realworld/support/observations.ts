/**
 * What netwhy said in each scenario, written BEFORE the assertions run (so a failing run still records it) to
 * test-results/realworld-<browser>.jsonl: one JSON line per scenario with the browser's error, the hooks and the
 * headline. These are the "before/after" quotes the issue notes ask for.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = fileURLToPath(new URL('../../../test-results/', import.meta.url));

export function observe(browser: 'chromium' | 'firefox', scenario: string, data: Record<string, unknown>): void {
  const line = { time: new Date().toISOString(), browser, scenario, ...data };
  const { text: _text, ...short } = data; // the whole page text goes to the file only
  console.log(`[realworld ${browser}] ${scenario}: ${JSON.stringify(short)}`);
  try {
    mkdirSync(OUT, { recursive: true });
    appendFileSync(join(OUT, `realworld-${browser}.jsonl`), `${JSON.stringify(line)}\n`);
  } catch {
    /* the console line is enough */
  }
}
