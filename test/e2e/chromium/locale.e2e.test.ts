/**
 * The user's language in real Chromium: started with --lang=de (es, fr), the explanation page, its report, the
 * popup and the toolbar tooltip speak it — the words come from _locales/<lang>/messages.json via i18n.getMessage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalog } from '../../../scripts/locales';
import { substitute } from '../../../src/engine/i18n';
import { launchWithExtension, type LaunchedBrowser } from '../support/chromium';
import { closedPort } from '../support/fault-server';
import { eventually, explain, journalSettled, openPopup, tabIdOf, type ChromeGlobal } from './helpers';

describe.each(['de', 'es', 'fr'])('Chromium in %s', (lang) => {
  const catalog = readCatalog(lang);
  const say = (key: string, params: (string | number)[] = []) => substitute(catalog[key]!.message, params);
  let b: LaunchedBrowser;

  beforeAll(async () => {
    b = await launchWithExtension({ args: [`--lang=${lang}`] });
  });

  afterAll(async () => {
    await b?.close();
  });

  it('explains a refused connection in that language: page, verdict, step and toolbar tooltip', async () => {
    const port = await closedPort();
    const page = await b.newPage();
    const hooks = await explain(b, page, `http://127.0.0.1:${port}/`);
    expect(hooks).toMatchObject({ cause: 'no-listener', verdict: 'server' });
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
    await expect(page.locator('h1').first().textContent()).resolves.toBe(say('r_no_listener_summary', [port]));
    // The verdict and a step, in the same language.
    await expect(page.getByText(say('side_local_server'), { exact: true }).count()).resolves.toBeGreaterThan(0);
    await expect(page.getByText(say('step_dev_check_port', [port])).count()).resolves.toBe(1);
    // The toolbar tooltip the worker set (after the page is shown: waited for, not read once).
    const tabId = await tabIdOf(b, page);
    const expected = say('badge_failure', [say('r_no_listener_title')]);
    let title = '';
    await eventually(async () => {
      title = await (
        await b.waitForWorker()
      ).evaluate((id: number) => (globalThis as unknown as ChromeGlobal).chrome.action.getTitle({ tabId: id }), tabId);
      return title === expected;
    }).catch(() => undefined);
    expect(title).toBe(expected);
    // The language is kept for the next cold start (background/language.ts).
    await eventually(async () => {
      const kept = await (
        await b.waitForWorker()
      ).evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.storage.session.get('language'));
      return kept.language === lang;
    });
    await page.close();
  });

  it('after a stopped worker, the first paint (looked up from keys by the page) is already in that language', async () => {
    await journalSettled(b); // nothing for the next worker to replay before the event (a replay looks words up)
    await b.stopWorker();
    const port = await closedPort();
    const page = await b.newPage();
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const h1 = document.querySelector('main h1');
        if (!h1) return;
        (window as unknown as { __first: string }).__first = h1.textContent ?? '';
        observer.disconnect();
      }).observe(document, { subtree: true, childList: true });
    });
    await explain(b, page, `http://127.0.0.1:${port}/cold`);
    const seen = await page.evaluate(() => ({
      first: (window as unknown as { __first: string }).__first,
      keys: (new URL(location.href).searchParams.get('h') ?? '').includes('\u0001'),
    }));
    expect(seen.keys).toBe(true); // the started worker sent keys, not words
    // It served the page in words read from the catalog's file, without waiting for i18n.getMessage's load.
    const served = await (
      await b.waitForWorker()
    ).evaluate(() => performance.getEntriesByType('mark').map((e) => e.name));
    expect(served).toContain('netwhy:servedFromFile');
    expect(seen.first).toBe(say('r_no_listener_summary', [port]));
    await expect(page.locator('main h1').textContent()).resolves.toBe(seen.first);
    await page.close();
  });

  it('the popup lists it with that language’s words', async () => {
    const popup = await openPopup(b);
    await expect(popup.locator('html').getAttribute('lang')).resolves.toBe(lang);
    await expect(popup.getByRole('heading', { name: say('popup_recent') }).count()).resolves.toBe(1);
    await expect(popup.locator('li[data-cause="no-listener"]').first().textContent()).resolves.toContain(
      say('r_no_listener_title'),
    );
    await expect(popup.getByLabel(say('popup_search_label')).count()).resolves.toBe(1);
    await popup.close();
  });
});
