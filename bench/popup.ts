/**
 * Popup first render with 500 history entries, in real Chromium: storage.local.history is seeded with 500 entries
 * built by the product's own toEntry() from the rule fixtures (varied hosts, paths, errors, resource types, counts,
 * times over the last days), then the popup page is opened as a tab (browser-initiated navigation from a loopback
 * page) and timed from navigation start to the 500th `li[data-failure-id]` in the DOM ("list") and to the first
 * contentful paint ("painted"; the first render already holds the list), with the page's DOMContentLoaded and its
 * messages to the worker in between. Warm and cold (worker stopped first) samples alternate.
 */
import { toEntry } from '../src/shared/history-list';
import type { HistoryEntry } from '../src/shared/types';
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import { RULE_CASES, failureOf } from '../test/fixtures/rule-cases';
import type { LaunchedBrowser } from '../test/e2e/support/chromium';
import type { ChromeGlobal } from '../test/e2e/chromium/helpers';
import type { FaultServer } from '../test/e2e/support/fault-server';
import { TabTimer, type NavTiming } from './tab-timing';

export const POPUP_PATH = 'src/pages/popup/index.html';

const SUB_TYPES = ['xmlhttprequest', 'image', 'script', 'sub_frame'];

/** `count` realistic history entries, newest first. */
export function seedEntries(count: number, now = Date.now()): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (let i = 0; i < count; i++) {
    const c = RULE_CASES[i % RULE_CASES.length]!;
    const u = new URL(c.failure.url);
    u.pathname = `${u.pathname.replace(/\/$/, '')}/page-${i}`;
    if (i % 7 === 0) u.search = `?q=${i}`;
    const time = now - i * 17 * 60_000; // one every 17 minutes: today, then the last days
    const failure = failureOf({
      ...c.failure,
      url: u.toString(),
      id: `bench-${i.toString(36)}`,
      time,
      firstTime: time - (i % 5) * 60_000,
      count: 1 + (i % 4),
      tabId: 100 + (i % 9),
      resourceType: i % 6 === 5 ? SUB_TYPES[i % SUB_TYPES.length]! : 'main_frame',
    });
    out.push(toEntry(failure));
  }
  return out;
}

export interface PopupSample extends NavTiming {
  round: number;
  cold: boolean;
  items: number;
}

export async function runPopup(
  b: LaunchedBrowser,
  fs: FaultServer,
  o: { entries: number; rounds: number; warmup: number; log: (l: string) => void },
): Promise<{ warm: PopupSample[]; cold: PopupSample[]; errors: string[] }> {
  const worker = await b.waitForWorker();
  const entries = seedEntries(o.entries);
  await worker.evaluate(
    async ({ history, settings }) => {
      const { chrome } = globalThis as unknown as ChromeGlobal;
      await chrome.storage.local.set({ settings, history });
    },
    {
      history: entries,
      settings: { ...DEFAULT_SETTINGS, historyLimit: Math.max(DEFAULT_SETTINGS.historyLimit, o.entries) },
    },
  );
  // The browser may have run the latency rounds: its worker holds that history in memory (it is the only writer of
  // storage.local.history, so it never re-reads it). Stopped, it reads the seeded 500 when the popup wakes it.
  await b.stopWorker();
  const page = await b.newPage();
  const timer = await TabTimer.attach(b.context, page, {
    marks: [
      // The first frame holds the newest 40 (src/pages/popup/Popup.tsx FIRST_FRAME); the rest follow right after.
      { name: 'list', urlPart: `/${POPUP_PATH}`, selector: 'li[data-failure-id]', count: Math.min(40, o.entries) },
      { name: 'all', urlPart: `/${POPUP_PATH}`, selector: 'li[data-failure-id]', count: o.entries },
    ],
    messages: true,
  });
  const url = b.extensionUrl(POPUP_PATH);
  const warm: PopupSample[] = [];
  const cold: PopupSample[] = [];
  const errors: string[] = [];
  for (let round = -o.warmup; round < o.rounds; round++) {
    for (const isCold of [false, true]) {
      try {
        await page.goto(fs.ok('start'), { waitUntil: 'load' });
        await new Promise((resolve) => setTimeout(resolve, 30));
        if (isCold) await b.stopWorker();
        const t = await timer.navigate(url, (u) => u.startsWith(url), { marks: ['list', 'all'] });
        const items = await page.locator('li[data-failure-id]').count();
        if (items < o.entries) throw new Error(`popup listed ${items} of ${o.entries} entries`);
        if (round >= 0) (isCold ? cold : warm).push({ ...t, round, cold: isCold, items });
      } catch (err) {
        if (round >= 0) errors.push(`${isCold ? 'cold' : 'warm'} round ${round}: ${String(err).slice(0, 300)}`);
        o.log(`  popup ${isCold ? 'cold' : 'warm'} round ${round}: ${String(err).slice(0, 200)}`);
      }
    }
  }
  await timer.detach();
  await page.close();
  return { warm, cold, errors };
}
