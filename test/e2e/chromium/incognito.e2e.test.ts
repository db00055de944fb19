/**
 * Privacy in real Chromium (issue 18), with the extension allowed in incognito and two windows, a normal one and an
 * incognito one, browsing different hosts:
 * - nothing an incognito tab loads (host names included) reaches storage.local, the session's neighbourhood mirror,
 *   a normal tab's explanation page or any report format;
 * - an incognito tab closed before its failure is recorded still keeps it out of storage.local (fail closed);
 * - reports name no other site, only counts;
 * - typo suggestions come from top-level pages of normal tabs only, and link to the suggested host's root;
 * - an incognito entry deleted in the popup stays deleted.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionIdFor, launchWithExtension, REPO_ROOT, type LaunchedBrowser } from '../support/chromium';
import { closedPort, startFaultServer, type FaultServer } from '../support/fault-server';
import { eventually, explain, journalSettled, openPopup, storedHistory, type ChromeGlobal } from './helpers';

const DIST = join(REPO_ROOT, 'dist');
const SECRETS = Array.from({ length: 10 }, (_, i) => `secret${i}-incog.test`);
const NORMAL_OK = 'normal-ok.test';
const NORMAL_FAIL = 'normal-fail.test';
const BANK = 'bankofexample.test';

let fs: FaultServer;
let b: LaunchedBrowser;
let profileDir: string;
let closed: number;

interface Chrome {
  chrome: ChromeGlobal['chrome'] & {
    windows: {
      create(o: object): Promise<{ id?: number; tabs?: { id?: number }[] }>;
      remove(id: number): Promise<void>;
    };
    storage: ChromeGlobal['chrome']['storage'] & {
      local: { get(k: null | string): Promise<Record<string, unknown>> };
      session: { get(k: null | string): Promise<Record<string, unknown>> };
    };
  };
}

async function openIncognito(urls: string[]): Promise<number> {
  const w = await b.waitForWorker();
  return w.evaluate(
    async (u) => (await (globalThis as unknown as Chrome).chrome.windows.create({ incognito: true, url: u })).id!,
    urls,
  );
}

async function closeWindow(id: number): Promise<void> {
  const w = await b.waitForWorker();
  await w.evaluate((i) => (globalThis as unknown as Chrome).chrome.windows.remove(i), id).catch(() => undefined);
}

/** storage.session as JSON (the journal, the incognito list, the mirrors). */
async function sessionDump(): Promise<string> {
  const w = await b.waitForWorker();
  return w.evaluate(async () =>
    JSON.stringify(await (globalThis as unknown as Chrome).chrome.storage.session.get(null)),
  );
}

/** The mirrors the worker writes to storage.session (throttled), as they are now. */
async function mirrors(): Promise<{ neighbourhood: string; pages: string }> {
  const { neighbourhood, pages } = JSON.parse(await storageDump()) as Record<string, unknown>;
  return { neighbourhood: JSON.stringify(neighbourhood), pages: JSON.stringify(pages) };
}

/** The tabs of a window, as the extension sees them. */
async function windowTabs(windowId: number): Promise<{ url?: string; status?: string }[]> {
  const w = await b.waitForWorker();
  return w.evaluate(
    (id) =>
      (
        globalThis as unknown as {
          chrome: { tabs: { query(q: object): Promise<{ url?: string; status?: string }[]> } };
        }
      ).chrome.tabs.query({ windowId: id }),
    windowId,
  );
}

async function storageDump(): Promise<string> {
  const w = await b.waitForWorker();
  return w.evaluate(async () => {
    const { chrome } = globalThis as unknown as Chrome;
    // storage.local, and what storage.session keeps of normal tabs (the neighbourhood mirror, the typo candidates).
    return JSON.stringify({
      local: await chrome.storage.local.get(null),
      neighbourhood: await chrome.storage.session.get('neighbourhood'),
      pages: await chrome.storage.session.get('pages'),
    });
  });
}

/** The three report formats of the popup's entry for `url`. */
async function reportsFor(url: string): Promise<{ markdown: string; text: string; json: string }> {
  const popup = await openPopup(b);
  const entry = popup
    .locator('li[data-failure-id]')
    .filter({ hasText: new URL(url).hostname })
    .first(); // newest first
  await entry.locator('.entry-head').click();
  const copies: string[] = [];
  for (const label of ['Copy report', 'as text', 'as JSON']) {
    await entry.getByRole('button', { name: label, exact: true }).click();
    await entry.getByRole('button', { name: 'Copied' }).waitFor();
    copies.push(await popup.evaluate(() => navigator.clipboard.readText()));
    await entry.getByRole('button', { name: label, exact: true }).waitFor();
  }
  await popup.close();
  return { markdown: copies[0]!, text: copies[1]!, json: copies[2]! };
}

const bodyText = (page: Page) =>
  page.evaluate(
    () =>
      document.body.innerText + [...document.querySelectorAll('[href]')].map((a) => a.getAttribute('href')).join(' '),
  );

beforeAll(async () => {
  fs = await startFaultServer();
  closed = await closedPort();
  profileDir = await mkdtemp(join(tmpdir(), 'netwhy-incognito-'));
  await mkdir(join(profileDir, 'Default'), { recursive: true });
  await writeFile(
    join(profileDir, 'Default', 'Preferences'),
    JSON.stringify({ extensions: { settings: { [extensionIdFor(DIST)]: { incognito: true } } } }),
  );
  const hostMap: Record<string, string> = { [NORMAL_OK]: '127.0.0.1', [NORMAL_FAIL]: '127.0.0.1', [BANK]: '127.0.0.1' };
  for (const h of SECRETS) hostMap[h] = '127.0.0.1';
  b = await launchWithExtension({ profileDir, hostMap });
  await b.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  fs.route('/with-image', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>image page</title><img src="${fs.url('/pixel.gif', { host: BANK })}" alt="">`);
  });
  fs.route('/pixel.gif', (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/gif' });
    res.end(Buffer.from('R0lGODlhAQABAAAAACH5BAEAAAAALAAAAAABAAEAAAIBAAA=', 'base64'));
  });
});

afterAll(async () => {
  await b?.close();
  await fs?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true, maxRetries: 3 });
});

describe('incognito never reaches anything persistent or a normal tab', () => {
  it('ten hosts browsed in incognito appear nowhere after a failure in a normal window', async () => {
    const w = await b.waitForWorker();
    const urls = SECRETS.map((h) => fs.url('/ok', { host: h }));
    const windowId = await openIncognito(urls);
    // All ten loaded in incognito tabs (the extension saw them: it runs there).
    await eventually(async () => {
      const tabs = (await w.evaluate(() => (globalThis as unknown as Chrome).chrome.tabs.query({}))) as {
        url?: string;
        status?: string;
        incognito?: boolean;
      }[];
      const done = tabs.filter(
        (t) => t.incognito && t.status === 'complete' && SECRETS.some((h) => t.url?.includes(h)),
      );
      return done.length === SECRETS.length;
    }, 30_000);

    const page = await b.newPage();
    await page.goto(fs.url('/ok', { host: NORMAL_OK }));
    // The (throttled) mirrors written since: both name this normal page, loaded after the incognito ones, so whatever
    // the worker kept of those would be in them by now.
    await eventually(async () => {
      const m = await mirrors();
      return m.neighbourhood.includes(NORMAL_OK) && m.pages.includes(NORMAL_OK);
    }, 20_000);
    const refused = `http://${NORMAL_FAIL}:${closed}/after-incognito`;
    await explain(b, page, refused);
    // The page is rendered with its evidence (the normal site that loaded fine is named there, on the user's screen).
    await eventually(async () => (await bodyText(page)).includes(NORMAL_OK), 10_000);
    expect(await bodyText(page)).not.toMatch(/secret\d-incog/);
    // A mistyped name one swap away from an incognito host: no suggestion from incognito.
    const typo = 'http://secret0-incog.tset/';
    const hooks = await explain(b, page, typo);
    expect(hooks.cause).not.toBe('url-typo');
    expect(await bodyText(page)).not.toMatch(/secret\d-incog\.test/);
    await page.close();

    await eventually(async () => (await storedHistory(b)).some((e) => e.url === typo), 20_000);
    const dump = await storageDump();
    expect(dump).toContain(NORMAL_FAIL); // not vacuous: the normal failure is there
    expect(dump).not.toMatch(/secret\d-incog\.test/);

    for (const url of [refused, typo]) {
      const r = await reportsFor(url);
      for (const text of [r.markdown, r.text, r.json]) expect(text).not.toMatch(/secret\d-incog\.test/);
    }
    await closeWindow(windowId);
  });

  it('an incognito tab closed before its failure is recorded keeps it out of storage.local', async () => {
    const path = `/incog-closed-quickly-${Date.now()}`;
    const windowId = await openIncognito([`http://127.0.0.1:${closed}${path}`]);
    // Closed as soon as the worker has seen the failure (its journal names it), most often before it is recorded.
    await eventually(async () => (await sessionDump()).includes(path), 20_000);
    await closeWindow(windowId);
    // A normal failure recorded after it: the writes have happened.
    const page = await b.newPage();
    const normal = `http://127.0.0.1:${closed}/after-closed-incognito`;
    await explain(b, page, normal);
    await page.close();
    await eventually(async () => (await storedHistory(b)).some((e) => e.url === normal), 20_000);
    // Every failure the worker saw is recorded by now: the incognito one in the session's own list, not in
    // storage.local.
    await journalSettled(b);
    expect(await storageDump()).not.toContain(path);
    const session = JSON.parse(await sessionDump()) as { privateHistory?: { url: string }[] };
    expect((session.privateHistory ?? []).map((e) => new URL(e.url).pathname)).toContain(path); // not vacuous
  });
});

describe('reports', () => {
  it('name no other site in any format, only counts', async () => {
    const page = await b.newPage();
    await page.goto(fs.url('/ok', { host: NORMAL_OK }));
    const refused = `http://${NORMAL_FAIL}:${closed}/report-counts`;
    await explain(b, page, refused);
    await eventually(async () => (await bodyText(page)).includes(NORMAL_OK), 10_000); // named on the user's own screen
    await page.close();
    const r = await reportsFor(refused);
    for (const text of [r.markdown, r.text, r.json]) {
      expect(text).toContain(NORMAL_FAIL);
      expect(text).not.toContain(NORMAL_OK);
    }
    const json = JSON.parse(r.json) as { context: { recentSuccesses: unknown; otherHostsFailing: unknown } };
    expect(json.context.recentSuccesses).toBeGreaterThanOrEqual(1);
    expect(typeof json.context.otherHostsFailing).toBe('number');
    expect(r.markdown).toMatch(/other sites? loaded fine/);
  });
});

describe('typo suggestions', () => {
  it('come from top-level pages of normal tabs only, and link to the root of the suggested host', async () => {
    const page = await b.newPage();
    // The bank's name only as an image of another page: not a page the user loaded.
    await page.goto(fs.url('/with-image'));
    await page.waitForLoadState('load');
    await fs.waitForRequest((r) => r.path === '/pixel.gif');
    // The worker has seen the image load: its success is in the neighbourhood mirror (written after it).
    await eventually(async () => (await mirrors()).neighbourhood.includes(`${BANK}:${fs.port}`), 20_000);
    const typo = `http://bankofexampel.test:${fs.port}/login?next=/account`;
    let hooks = await explain(b, page, typo);
    expect(hooks.cause).toBe('name-not-found');
    // Loaded as a page in a normal tab: now it is a suggestion, linking to its root.
    await page.goto(fs.url('/ok', { host: BANK }));
    hooks = await explain(b, page, typo);
    expect(hooks.cause).toBe('url-typo');
    const links = await page
      .locator('a[href*="bankofexample.test"]')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toEqual([`http://${BANK}:${fs.port}/`]);
    await page.close();
  });
});

describe('history', () => {
  it('an incognito entry deleted in the popup stays deleted', async () => {
    const path = `/incog-delete-me-${Date.now()}`;
    const windowId = await openIncognito([`http://127.0.0.1:${closed}${path}`]);
    /** The popup, searching for the entry. */
    const find = async () => {
      const popup = await openPopup(b);
      const search = popup.getByLabel('Search failures');
      if ((await search.count()) > 0) await search.fill(path); // an empty history has no search box
      return { popup, entries: popup.locator('li[data-failure-id]') };
    };
    let { popup, entries } = await find();
    await eventually(async () => {
      if ((await entries.count()) === 1) return true;
      await popup.close();
      ({ popup, entries } = await find());
      return false;
    }, 20_000);
    // Chromium reports an incognito failure twice: let the repeat fold in first. The tab's load has ended (on the
    // explanation page) and every failure the worker saw is recorded.
    await eventually(async () => {
      const tabs = await windowTabs(windowId);
      return tabs.length === 1 && tabs[0]!.status === 'complete' && !!tabs[0]!.url?.startsWith(b.extensionUrl(''));
    }, 20_000);
    await journalSettled(b);
    await popup.close();
    ({ popup, entries } = await find());
    await expect(entries.count()).resolves.toBe(1);
    await entries.first().locator('.entry-head').click();
    await entries.first().getByRole('button', { name: 'Delete' }).click();
    await eventually(async () => (await entries.count()) === 0);
    await popup.close();
    // A new popup, its list read from the worker: the search finds nothing ("no match" is shown).
    ({ popup, entries } = await find());
    await popup
      .locator('p.empty')
      .waitFor({ timeout: 10_000 })
      .catch(async () => {
        throw new Error(`the deleted entry is listed again (${await entries.count()} entries match)`);
      });
    await expect(entries.count()).resolves.toBe(0);
    const session = JSON.parse(await sessionDump()) as { privateHistory?: { url: string }[] };
    expect((session.privateHistory ?? []).some((e) => e.url.includes(path))).toBe(false);
    await popup.close();
    await closeWindow(windowId);
  });
});
