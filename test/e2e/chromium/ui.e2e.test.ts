/**
 * The everyday UI in real Chromium: popup search, filters, delete and clear, report formats, options, catalogue, badge.
 */
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoFailing, launchWithExtension, type LaunchedBrowser } from '../support/chromium';
import { closedPort, startFaultServer, type FaultServer } from '../support/fault-server';
import { eventually, explain, openPopup, openToolbarPopup, storedHistory, tabIdOf, type ChromeGlobal } from './helpers';

let b: LaunchedBrowser;
let fs: FaultServer;
const validate = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync('docs/report.schema.json', 'utf8')),
);

beforeAll(async () => {
  fs = await startFaultServer();
  b = await launchWithExtension();
  await b.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // A few real failures to work with.
  for (const url of [
    `http://127.0.0.1:${await closedPort()}/a?token=secret#frag`,
    fs.url('/reset'),
    'http://typo-host.example/',
  ]) {
    const page = await b.newPage();
    await explain(b, page, url);
    await page.close();
  }
});

afterAll(async () => {
  await b?.close();
  await fs?.close();
});

describe('popup', () => {
  it('search narrows the list, filters by verdict and category', async () => {
    const popup = await openPopup(b);
    const items = popup.locator('section[aria-labelledby="recent"] li[data-failure-id]');
    await expect(items.count()).resolves.toBe(3);
    await popup.getByLabel('Search failures').fill('typo-host');
    await expect(items.count()).resolves.toBe(1);
    await expect(items.first().getAttribute('data-error-code')).resolves.toBe('ERR_NAME_NOT_RESOLVED');
    await popup.getByLabel('Search failures').fill('nothing-like-this');
    await expect(popup.getByText('Nothing matches').count()).resolves.toBe(1);
    await popup.getByLabel('Search failures').fill('');
    await popup.getByLabel('Kind of error').selectOption('dns');
    await expect(items.count()).resolves.toBe(1);
    await popup.getByLabel('Kind of error').selectOption('');
    await popup.getByLabel('Where the fault lies').selectOption('server');
    await expect(items.count()).resolves.toBe(2);
    await popup.close();
  });

  it('copies Markdown, text and JSON reports; the JSON validates; the token is gone from all three', async () => {
    const popup = await openPopup(b);
    const entry = popup.locator('li[data-cause="no-listener"]').first();
    await entry.locator('.entry-head').click();
    const copies: Record<string, string> = {};
    for (const label of ['Copy report', 'as text', 'as JSON']) {
      await entry.getByRole('button', { name: label, exact: true }).click();
      await entry.getByRole('button', { name: 'Copied' }).waitFor();
      copies[label] = await popup.evaluate(() => navigator.clipboard.readText());
      await entry.getByRole('button', { name: label, exact: true }).waitFor(); // label is back
    }
    expect(copies['Copy report']).toContain('## netwhy report');
    expect(copies['as text']).toMatch(/^netwhy report: /);
    const json = JSON.parse(copies['as JSON']!);
    expect(validate(json)).toBe(true);
    expect(json.failure.error.code).toBe('ERR_CONNECTION_REFUSED');
    expect(json.browser.name).toMatch(/Chrom/);
    for (const text of Object.values(copies)) {
      expect(text).not.toContain('secret');
      expect(text).not.toContain('frag');
    }
    await popup.close();
  });

  it('delete and clear stay done after the worker restarts', async () => {
    let popup = await openPopup(b);
    const reset = popup.locator('li[data-error-code="ERR_CONNECTION_RESET"]');
    await reset.locator('.entry-head').click();
    await reset.getByRole('button', { name: 'Delete' }).click();
    await reset.waitFor({ state: 'detached' });
    await b.stopWorker();
    await popup.close();
    popup = await openPopup(b);
    await popup.locator('li[data-failure-id]').first().waitFor();
    await expect(popup.locator('li[data-error-code="ERR_CONNECTION_RESET"]').count()).resolves.toBe(0);
    await expect(popup.locator('li[data-failure-id]').count()).resolves.toBe(2);

    await popup.getByRole('button', { name: 'Clear history' }).click();
    await popup.getByRole('button', { name: 'Delete all' }).click();
    await popup.getByText('No failed page loads yet').waitFor();
    await b.stopWorker();
    await popup.close();
    popup = await openPopup(b);
    await popup.getByText('No failed page loads yet').waitFor();
    expect(await storedHistory(b)).toEqual([]);
    await popup.close();
  });
});

describe('settings', () => {
  it('with the takeover off, the browser keeps its error page and the badge marks the tab', async () => {
    const options = await b.newPage();
    await options.goto(b.extensionUrl('src/pages/options/index.html'));
    const box = options.getByLabel('Show the explanation page when a page fails to load');
    await expect(box.isChecked()).resolves.toBe(true);
    await box.uncheck();
    await options.getByText('Saved.').waitFor();

    const page = await b.newPage();
    const url = `http://127.0.0.1:${await closedPort()}/`;
    const nav = await gotoFailing(page, url);
    expect(nav.code).toBe('ERR_CONNECTION_REFUSED');
    const tabId = await eventually(async () => {
      const worker = await b.waitForWorker();
      return worker.evaluate(async (u: string) => {
        const { chrome } = globalThis as unknown as ChromeGlobal;
        const tabs = await chrome.tabs.query({});
        return tabs.find((t) => t.url === u || t.url === 'chrome-error://chromewebdata/')?.id;
      }, url);
    });
    const badge = await eventually(async () => {
      const worker = await b.waitForWorker();
      return worker.evaluate(
        (id: number) => (globalThis as unknown as ChromeGlobal).chrome.action.getBadgeText({ tabId: id }),
        tabId,
      );
    });
    expect(badge).toBe('!');
    // Marked: the worker has handled the failure, and kept the browser's page.
    expect(page.url()).not.toContain('chrome-extension://');
    expect(b.context.pages().some((p) => p.url().startsWith(b.extensionUrl('src/pages/explain/')))).toBe(false);
    // The popup the toolbar opens over that tab explains it.
    const popup = await openToolbarPopup(b, page);
    await expect(popup.attrs('section[aria-labelledby="this-tab"] li[data-failure-id]')).resolves.toMatchObject({
      'data-cause': 'no-listener',
      'data-error-code': 'ERR_CONNECTION_REFUSED',
    });
    await popup.close();

    await box.check();
    await options.getByText('Saved.').waitFor();
    await options.close();
    await page.close();
  });

  it("the badge counts a page's failed requests, and clears when the tab loads a page fine", async () => {
    const page = await b.newPage();
    await page.goto(fs.subresourcePage(await closedPort(), { kinds: ['fetch', 'img'] }));
    await page.locator('body[data-done="true"]').waitFor({ timeout: 15_000 });
    const tabId = await tabIdOf(b, page);
    const badge = async () =>
      (await b.waitForWorker()).evaluate(
        (id: number) => (globalThis as unknown as ChromeGlobal).chrome.action.getBadgeText({ tabId: id }),
        tabId,
      );
    await eventually(async () => (await badge()) === '2');
    await page.goto(fs.ok('fine'));
    await eventually(async () => (await badge()) === '');
    await page.close();
  });
});

describe('error catalogue', () => {
  it('finds an entry by code and by Firefox decimal', async () => {
    const page = await b.newPage();
    await page.goto(b.extensionUrl('src/pages/catalogue/index.html'));
    const search = page.getByLabel('Search error codes');
    const total = Number(await page.locator('[data-count]').getAttribute('data-count'));
    expect(total).toBeGreaterThan(240);
    await search.fill('CONNECTION_REFUSED');
    await expect(page.locator('article[data-code]').first().getAttribute('data-code')).resolves.toBe(
      'ERR_CONNECTION_REFUSED',
    );
    await search.fill('2152398861');
    await expect(page.locator('article[data-code]').count()).resolves.toBe(1);
    await expect(page.locator('article[data-code]').getAttribute('data-code')).resolves.toBe('ERR_CONNECTION_REFUSED');
    await search.fill('DNS_PROBE_FINISHED_NXDOMAIN');
    await expect(page.locator('article[data-code]').first().getAttribute('data-code')).resolves.toBe(
      'ERR_NAME_NOT_RESOLVED',
    );
    await page.close();
  });
});
