/**
 * Firefox treats an MV3 add-on's host permissions as the user's choice. Here they are withheld at install (the
 * default of a profile without `extensions.originControls.grantByDefault`): webNavigation still reports a page that
 * failed to load, but webRequest reports nothing, so netwhy says on its toolbar button that access is missing, and
 * everything comes back once the user grants it.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, startFaultServer, type FaultServer } from '../support/fault-server';
import { launchFirefox, navigate, type LaunchedFirefox } from './support/firefox';
import { type BrowserGlobal, eventually, explain, storedHistory } from './helpers';

let ff: LaunchedFirefox;
let fs: FaultServer;
const pages: Page[] = [];

async function newPage(): Promise<Page> {
  const page = await ff.newPage();
  pages.push(page);
  return page;
}

/** What the toolbar button shows on a tab with no badge of its own, and whether netwhy has host access. */
const button = () =>
  ff.inExtension(async () => {
    const { browser } = globalThis as unknown as BrowserGlobal;
    return {
      access: await browser.permissions.contains({ origins: ['<all_urls>'] }),
      badge: await browser.action.getBadgeText({}),
      title: await browser.action.getTitle({}),
    };
  });

/** Loads a page that fetch()es and loads an image from a closed port; resolves once both requests failed. */
async function pageWithFailingRequests(): Promise<number> {
  const port = await closedPort();
  const page = await newPage();
  navigate(page, fs.subresourcePage(port));
  await page.waitForSelector('body[data-done="true"]', { timeout: 15_000 });
  return port;
}

const recordedFor = async (port: number) =>
  (await storedHistory(ff)).filter((e) => e.url.startsWith(`http://127.0.0.1:${port}/`));

beforeAll(async () => {
  fs = await startFaultServer();
  ff = await launchFirefox({
    prefs: {
      'extensions.originControls.grantByDefault': false,
      // permissions.request() grants without the doorhanger, which a headless browser cannot click.
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
});

afterAll(async () => {
  for (const p of pages) await p.close().catch(() => undefined);
  await ff?.close();
  await fs?.close();
});

describe('host access withheld in Firefox', () => {
  it('the toolbar button says that netwhy sees only part of what fails', async () => {
    const state = await eventually(async () => {
      const s = await button();
      return s.badge === '!' ? s : null;
    });
    expect(state.access).toBe(false);
    expect(state.title).toMatch(/^netwhy sees only part of what fails: allow it to access all websites/);
  });

  it('a page that fails to load is still explained: webNavigation needs no host access', async () => {
    const port = await closedPort();
    const page = await newPage();
    const url = `http://127.0.0.1:${port}/`;
    const hooks = await explain(ff, page, url);
    expect(hooks).toMatchObject({ errorCode: 'ERR_CONNECTION_REFUSED', cause: 'no-listener', url });
    // History writes are batched: wait for the entry.
    const entry = await eventually(async () => (await storedHistory(ff)).find((e) => e.url === url));
    expect(entry.error).toBe('Error code 2152398861'); // webNavigation's words only: webRequest said nothing
  });

  it('failed requests of a page go unseen (webRequest is silent without host access)', async () => {
    const port = await pageWithFailingRequests();
    // A positive signal first: a top-level failure after the page's requests failed (webNavigation, seen without host
    // access) is recorded; the page's requests, had webRequest reported them, would have been recorded before it.
    const later = `http://127.0.0.1:${await closedPort()}/after-requests`;
    await explain(ff, await newPage(), later);
    await eventually(async () => (await storedHistory(ff)).some((e) => e.url === later));
    expect(await recordedFor(port)).toEqual([]);
  });

  it('once the user grants access, the hint goes and failed requests are recorded again', async () => {
    const page = await newPage();
    await ff.openPage(page, ff.extensionUrl('src/pages/options/index.html'));
    // permissions.request() needs a user gesture: a real click (WebDriver BiDi input) on a button in netwhy's page.
    await page.evaluate(() => {
      const b = document.createElement('button');
      b.id = 'test-grant';
      b.textContent = 'Allow netwhy on all websites';
      b.style.cssText = 'position:fixed;top:0;left:0;width:300px;height:80px;z-index:2147483647';
      b.addEventListener('click', () => {
        const { browser } = globalThis as unknown as {
          browser: { permissions: { request(p: object): Promise<boolean> } };
        };
        browser.permissions.request({ origins: ['<all_urls>'] }).then(
          (ok) => (document.body.dataset.granted = String(ok)),
          (err: Error) => (document.body.dataset.granted = `error: ${err.message}`),
        );
      });
      document.body.append(b);
    });
    await page.click('#test-grant');
    await page.waitForSelector('body[data-granted]', { timeout: 10_000 });
    expect(await page.evaluate(() => document.body.dataset.granted)).toBe('true');
    const state = await eventually(async () => {
      const s = await button();
      return s.badge === '' ? s : null;
    });
    expect(state).toEqual({ access: true, badge: '', title: 'netwhy' });

    const port = await pageWithFailingRequests();
    const entries = await eventually(async () => {
      const list = await recordedFor(port);
      return list.length >= 2 ? list : null;
    });
    expect(entries.map((e) => e.resourceType).sort()).toEqual(['image', 'xmlhttprequest']);
  });
});
