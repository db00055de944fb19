/** For teams: a custom rule changes the explanation; an administrator's policy sets defaults and locks settings. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionIdFor, gotoFailing, launchWithExtension, type LaunchedBrowser } from '../support/chromium';
import { closedPort } from '../support/fault-server';
import { explain } from './helpers';

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
    await expect(options.getByTestId('rules-errors').textContent()).resolves.toContain('kebab-case');
    await options.getByRole('button', { name: 'Save rules' }).click();
    await expect(options.getByTestId('rules-status').textContent()).resolves.toContain('nothing was saved');

    await editor.fill(JSON.stringify([RULE], null, 2));
    await expect(options.getByTestId('rules-ok').textContent()).resolves.toBe('1 valid rule.');
    await options.getByLabel('Address', { exact: true }).fill('http://wiki.intranet.test/');
    await options.getByLabel('Error or HTTP status').fill('net::ERR_NAME_NOT_RESOLVED');
    await expect(options.getByTestId('sample-result').getAttribute('data-cause')).resolves.toBe('custom-intranet-vpn');
    await options.getByRole('button', { name: 'Save rules' }).click();
    await expect(options.getByTestId('rules-status').textContent()).resolves.toBe('Saved 1 rule.');

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
  // Debian's Chromium reads policies from here; 3rdparty.extensions.<id> is the extension's storage.managed.
  const dir = '/etc/chromium/policies/managed';
  const file = `${dir}/netwhy-e2e-test.json`;
  let b: LaunchedBrowser;

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    const policy = {
      settings: { takeover: false, devBanner: true },
      locked: ['takeover'],
      supportContact: 'IT help desk, extension 1234',
      customRules: [RULE],
    };
    writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [extensionIdFor('dist')]: policy } } }));
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
    const nav = await gotoFailing(page, `http://127.0.0.1:${await closedPort()}/`);
    expect(nav.code).toBe('ERR_CONNECTION_REFUSED');
    await page.waitForTimeout(700);
    expect(page.url()).not.toContain('chrome-extension://');
    await page.close();
  });
});
