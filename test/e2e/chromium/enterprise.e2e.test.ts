/** For teams: a custom rule changes the explanation; an administrator's policy sets defaults and locks settings. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionIdFor, gotoFailing, launchWithExtension, type LaunchedBrowser } from '../support/chromium';
import { closedPort } from '../support/fault-server';
import { eventually, explain, openToolbarPopup, storedHistory, type ChromeGlobal } from './helpers';

const RULE = {
  id: 'intranet-vpn',
  match: { hosts: ['intranet.test', '*.intranet.test'], codes: ['ERR_NAME_NOT_RESOLVED'] },
  title: 'Intranet: connect to the VPN',
  summary: '{host} is only reachable through the company VPN.',
  verdict: 'network',
  steps: [{ audience: 'you', text: 'Start the VPN client, then reload.', link: 'https://help.example.com/vpn' }],
};

describe('custom rules', () => {
  let b: LaunchedBrowser;
  beforeAll(async () => {
    b = await launchWithExtension();
  });
  afterAll(async () => {
    await b?.close();
  });

  it("are validated and tried in the options page, then change the explanation page's cause and steps", async () => {
    const options = await b.newPage();
    await options.goto(b.extensionUrl('src/pages/options/index.html'));
    const editor = options.getByLabel('Rules (JSON)');
    await editor.fill('[{"id": "Broken Rule"}]');
    // The worker checks the rules (the page carries no engine): its answer arrives a moment later.
    await expect
      .poll(() => options.getByTestId('rules-errors').textContent(), { timeout: 10_000 })
      .toContain('kebab-case');
    await options.getByRole('button', { name: 'Save rules' }).click();
    await expect
      .poll(() => options.getByTestId('rules-status').textContent(), { timeout: 10_000 })
      .toContain('nothing was saved');

    await editor.fill(JSON.stringify([RULE], null, 2));
    await expect.poll(() => options.getByTestId('rules-ok').textContent(), { timeout: 10_000 }).toBe('1 valid rule.');
    await options.getByLabel('Address', { exact: true }).fill('http://wiki.intranet.test/');
    await options.getByLabel('Error or HTTP status').fill('net::ERR_NAME_NOT_RESOLVED');
    await expect
      .poll(() => options.getByTestId('sample-result').getAttribute('data-cause'), { timeout: 10_000 })
      .toBe('custom-intranet-vpn');
    await options.getByRole('button', { name: 'Save rules' }).click();
    await expect
      .poll(() => options.getByTestId('rules-status').textContent(), { timeout: 10_000 })
      .toBe('Saved 1 rule.');

    const page = await b.newPage();
    const hooks = await explain(b, page, 'http://wiki.intranet.test/');
    expect(hooks).toMatchObject({
      errorCode: 'ERR_NAME_NOT_RESOLVED',
      cause: 'custom-intranet-vpn',
      verdict: 'network',
    });
    await expect(page.locator('h1').textContent()).resolves.toBe(
      'wiki.intranet.test is only reachable through the company VPN.',
    );
    await expect(page.locator('body').textContent()).resolves.toContain('Start the VPN client, then reload.');
    await expect(page.locator('a[href="https://help.example.com/vpn"]').count()).resolves.toBe(1);
    // Other failures keep the built-in explanations.
    const other = await explain(b, page, 'http://elsewhere.test/');
    expect(other.cause).toBe('name-not-found');
    await page.close();
    await options.close();
  });
});

describe("managed settings (an administrator's policy)", () => {
  // Debian's Chromium reads policies from here; 3rdparty.extensions.<id> is the extension's storage.managed. Every
  // Chromium on the machine reads the file, but only the section for this build's extension id applies, and that id
  // comes from the build directory's path (another worktree's build has another id); the file is named after it, so
  // another tree's run neither reads nor removes this one. The e2e files of one run go one at a time (vitest.config).
  const dir = '/etc/chromium/policies/managed';
  const id = extensionIdFor('dist');
  const file = `${dir}/netwhy-e2e-${id}.json`;
  let b: LaunchedBrowser;

  beforeAll(async () => {
    if (process.getuid?.() !== 0) throw new Error(`writing a policy into ${dir} needs root (this test sets one up)`);
    mkdirSync(dir, { recursive: true });
    const policy = {
      settings: { takeover: false, devBanner: true },
      locked: ['takeover'],
      supportContact: 'IT help desk, extension 1234',
      customRules: [RULE],
    };
    writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [id]: policy } } }));
    b = await launchWithExtension();
  });

  afterAll(async () => {
    await b?.close();
    rmSync(file, { force: true });
  });

  it('locks the options page controls it sets and shows the support contact', async () => {
    const options = await b.newPage();
    await options.goto(b.extensionUrl('src/pages/options/index.html'));
    const takeover = options.getByLabel('Show the explanation page when a page fails to load');
    await takeover.waitFor();
    await expect(takeover.isDisabled()).resolves.toBe(true);
    await expect(takeover.isChecked()).resolves.toBe(false);
    await expect(options.getByText('Set by your organisation').count()).resolves.toBe(1);
    // A policy default the user may still change.
    const banner = options.getByLabel('Developer banner for failing requests');
    await expect(banner.isChecked()).resolves.toBe(true);
    await expect(banner.isDisabled()).resolves.toBe(false);
    await expect(options.locator('body').textContent()).resolves.toContain('IT help desk, extension 1234');
    await options.close();
  });

  it('the locked setting is in force: the browser keeps its own error page', async () => {
    const page = await b.newPage();
    const url = `http://127.0.0.1:${await closedPort()}/`;
    const nav = await gotoFailing(page, url);
    expect(nav.code).toBe('ERR_CONNECTION_REFUSED');
    // The worker has seen the failure and recorded it (a takeover would have been decided by then)...
    await eventually(async () => (await storedHistory(b)).some((e) => e.url === url), 15_000);
    // ...and the tab it would have taken over is marked: the worker is past the moment it acts on the tab.
    const worker = await b.waitForWorker();
    await eventually(() =>
      worker.evaluate(async (u: string) => {
        const { chrome } = globalThis as unknown as ChromeGlobal;
        const tab = (await chrome.tabs.query({})).find((t) => t.url === u || t.url === 'chrome-error://chromewebdata/');
        return tab?.id !== undefined && (await chrome.action.getBadgeText({ tabId: tab.id })) === '!';
      }, url),
    );
    expect(page.url()).not.toContain('chrome-extension://');
    expect(b.context.pages().some((p) => p.url().startsWith(b.extensionUrl('src/pages/explain/')))).toBe(false);
    await page.close();
  });

  it("applies the policy's custom rule to the diagnosis the user sees (the popup over the failed tab)", async () => {
    // No rule of the user's own: the one that matches can only come from the policy.
    const worker = await b.waitForWorker();
    const own = await worker.evaluate(
      async () =>
        (await (globalThis as unknown as ChromeGlobal).chrome.storage.local.get('customRules')).customRules ?? null,
    );
    expect(own).toBeNull();
    const page = await b.newPage();
    const url = 'http://wiki.intranet.test/start';
    const nav = await gotoFailing(page, url);
    expect(nav.code).toBe('ERR_NAME_NOT_RESOLVED');
    await eventually(async () => (await storedHistory(b)).some((e) => e.url === url), 15_000);
    const popup = await openToolbarPopup(b, page);
    try {
      const entry = 'section[aria-labelledby="this-tab"] li[data-failure-id]';
      await expect(popup.attrs(entry)).resolves.toMatchObject({
        'data-cause': 'custom-intranet-vpn',
        'data-verdict': 'network',
        'data-host': 'wiki.intranet.test',
      });
      const text = await popup.text(`${entry} .entry-body`);
      expect(text).toContain('wiki.intranet.test is only reachable through the company VPN.');
      expect(text).toContain('Start the VPN client, then reload.');
      expect(text).toContain('A custom rule set by your organisation matched this failure ("intranet-vpn").');
    } finally {
      await popup.close();
    }
    // Another unresolvable name keeps the built-in explanation.
    const other = 'http://elsewhere.test/';
    await gotoFailing(page, other);
    const entry = await eventually(async () => (await storedHistory(b)).find((e) => e.url === other));
    expect(entry.cause).toBe('name-not-found');
    await page.close();
  });
});
