/**
 * What the README promises, tried in real Chromium (issue 19, point 12): certificate errors explained in the popup
 * while the browser's warning stays; the toolbar mark coloured by the verdict; reports that never carry cookies or
 * page content; the keyboard shortcut declared.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoFailing, launchWithExtension, REPO_ROOT, type LaunchedBrowser } from '../support/chromium';
import { closedPort, startFaultServer, type FaultServer } from '../support/fault-server';
import { eventually, openPopup, storedHistory, tabIdOf, type ChromeGlobal } from './helpers';

let b: LaunchedBrowser;
let fs: FaultServer;

beforeAll(async () => {
  fs = await startFaultServer();
  b = await launchWithExtension();
  await b.context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

afterAll(async () => {
  await b?.close();
  await fs?.close();
});

describe("the README's promises", () => {
  it("a certificate error keeps the browser's warning and is explained in the popup", async () => {
    const tls = await fs.listenTls();
    const page = await b.newPage();
    const url = tls.url('/cert');
    const nav = await gotoFailing(page, url);
    expect(nav.code).toBe('ERR_CERT_AUTHORITY_INVALID');
    await eventually(async () => (await storedHistory(b)).some((e) => e.url === url));
    expect(page.url()).not.toContain('chrome-extension://');
    const popup = await openPopup(b);
    const entry = popup
      .locator(
        `section[aria-labelledby="recent"] li[data-error-code="ERR_CERT_AUTHORITY_INVALID"][data-host="127.0.0.1:${tls.port}"]`,
      )
      .first();
    await entry.waitFor({ timeout: 10_000 });
    await expect(entry.getAttribute('data-cause')).resolves.toBe('certificate-untrusted');
    await entry.locator('.entry-head').click();
    await expect(entry.innerText()).resolves.toMatch(/certificate/i);
    await popup.close();
    await page.close();
  });

  it("the toolbar mark takes the verdict's colour (a server on this computer: the site's blue)", async () => {
    const page = await b.newPage();
    await gotoFailing(page, `http://127.0.0.1:${await closedPort()}/`);
    const tabId = await tabIdOf(b, page);
    const worker = await b.waitForWorker();
    const mark = await eventually(async () => {
      const m = await worker.evaluate(async (id: number) => {
        const { chrome } = globalThis as unknown as ChromeGlobal & {
          chrome: { action: { getBadgeBackgroundColor(d: object): Promise<number[]> } };
        };
        return {
          text: await chrome.action.getBadgeText({ tabId: id }),
          colour: await chrome.action.getBadgeBackgroundColor({ tabId: id }),
        };
      }, tabId);
      return m.text === '!' ? m : undefined;
    }, 15_000);
    expect(mark.colour.slice(0, 3)).toEqual([0x25, 0x63, 0xeb]); // #2563eb, presenter.ts COLOURS.server
    await page.close();
  });

  it("reports carry neither the page's cookies nor its content", async () => {
    const dead = await closedPort();
    fs.route('/secret-page', (_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/html', 'set-cookie': 'sid=cookie-secret-4711; Path=/' })
        .end(
          `<!doctype html><title>secret page</title><body><p>page-secret-0815</p><script>document.cookie = 'js=cookie-secret-js'; fetch('http://127.0.0.1:${dead}/api?x=1').catch(() => { document.body.dataset.done = '1'; });</script></body>`,
        );
    });
    const page = await b.newPage();
    await page.goto(fs.url('/secret-page'));
    await eventually(async () => (await page.evaluate(() => document.body.dataset.done ?? '')) === '1', 10_000);
    expect(await page.evaluate(() => document.cookie)).toContain('cookie-secret');
    const popup = await openPopup(b);
    const entry = popup.locator(`section[aria-labelledby="recent"] li[data-host="127.0.0.1:${dead}"]`).first();
    await entry.waitFor({ timeout: 10_000 });
    await entry.locator('.entry-head').click();
    const reports: string[] = [];
    // The entry's body arrives from the worker (its diagnosis): every format's button is there once it has.
    for (const name of ['Copy report', 'as text', 'as JSON']) {
      const button = entry.getByRole('button', { name, exact: true });
      await button.waitFor({ timeout: 10_000 });
      await button.click();
      await entry.getByRole('button', { name: 'Copied' }).waitFor();
      reports.push(await popup.evaluate(() => navigator.clipboard.readText()));
      await entry
        .getByRole('button', { name: 'Copied' })
        .waitFor({ state: 'detached', timeout: 5_000 })
        .catch(() => undefined);
    }
    expect(reports).toHaveLength(3);
    for (const report of reports) {
      expect(report).toContain(`127.0.0.1:${dead}`);
      for (const secret of ['cookie-secret', 'page-secret-0815', 'x=1']) expect(report).not.toContain(secret);
    }
    await popup.close();
    await page.close();
  });

  it('declares the keyboard shortcut that opens the popup (Alt+Shift+K), in both builds', () => {
    for (const dir of ['dist', 'dist-firefox']) {
      const manifest = JSON.parse(readFileSync(join(REPO_ROOT, dir, 'manifest.json'), 'utf8')) as {
        commands?: Record<string, { suggested_key?: { default?: string } }>;
      };
      expect(manifest.commands?._execute_action?.suggested_key?.default, dir).toBe('Alt+Shift+K');
    }
  });
});
