/**
 * Firefox steps of the real-world suite: Debian's Firefox ESR over WebDriver BiDi (puppeteer-core) with the built
 * add-on (dist-firefox/), resolving names through the namespace's dnsmasq (the launcher's `dnsStub: false`), allowed
 * to reach the namespace's LAN address (`lan: true`). Readers for the explanation page, the stored history (the
 * browser's own words for the failure) and the overlay card inside its closed shadow root (BiDi serialization with
 * `includeShadowTree: "all"`; page scripts cannot see it).
 */
import type { Page } from 'puppeteer-core';
import { launchFirefox, navigate, type LaunchedFirefox } from '../../e2e/firefox/support/firefox';
import { eventually, onExplanationPage, readHooks, storedHistory, type Hooks } from '../../e2e/firefox/helpers';
import { assertRealWorldNamespace, LAN_IP, SITE } from '../support/namespace';
import type { ExplainedPage } from '../support/scenarios';

export { eventually, type Hooks, LAN_IP, SITE };

export async function launchFirefoxLan(): Promise<LaunchedFirefox> {
  assertRealWorldNamespace();
  return launchFirefox({ dnsStub: false, lan: true });
}

/** `browserError`: Firefox's own words for the failure, as netwhy stored them (NS_ERROR_* or `Error code <n>`). */
export type Explained = ExplainedPage<Hooks>;

/** Starts a navigation with `start` (not awaited: the add-on replaces it) and waits for the explanation page. */
export async function explainNavigation(
  ff: LaunchedFirefox,
  page: Page,
  url: string,
  start: () => void,
  timeoutMs = 30_000,
): Promise<Explained> {
  const t0 = Date.now();
  const before = await currentExplainUrl(page);
  start();
  await ff.waitForUrl(
    page,
    (u) => u.startsWith(ff.extensionUrl('src/pages/explain/index.html')) && u !== before,
    timeoutMs,
  );
  await onExplanationPage(ff, page);
  const hooks = await readHooks(page);
  const elapsed = Date.now() - t0;
  const { headline, text } = await page.evaluate(() => ({
    headline: document.querySelector('main h1')?.textContent?.trim() ?? '',
    text: (document.querySelector('main') as HTMLElement | null)?.innerText ?? '',
  }));
  // The history is written around the takeover: poll it (bounded).
  const entry = await eventually(
    async () => (await storedHistory(ff)).find((e) => e.url === url && e.resourceType === 'main_frame'),
    10_000,
  ).catch(() => undefined);
  return { hooks, browserError: entry?.error ?? null, headline, text, elapsed };
}

async function currentExplainUrl(page: Page): Promise<string | undefined> {
  try {
    return await page.evaluate(() => location.href);
  } catch {
    return undefined;
  }
}

export const explain = (ff: LaunchedFirefox, page: Page, url: string, timeoutMs?: number): Promise<Explained> =>
  explainNavigation(ff, page, url, () => navigate(page, url), timeoutMs);

/** "Reload" as a user presses it (not awaited). */
export function reload(page: Page): void {
  page.reload({ timeout: 60_000 }).catch(() => undefined);
}

export { overlayHooks, readOverlay, type OverlayCard } from '../../e2e/firefox/support/overlay';

export { clocks } from '../support/clock';
