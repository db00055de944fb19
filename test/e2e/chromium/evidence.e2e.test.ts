/**
 * Is it me or them? The verdict rests on evidence gathered in the real browser: neighbourhood, probes, typos, offline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type LaunchedBrowser } from '../support/chromium';
import { startFaultServer, type FaultServer } from '../support/fault-server';
import { isLoopbackUrl } from '../support/request-log';
import { eventually, explain } from './helpers';

let fs: FaultServer;

beforeAll(async () => {
  fs = await startFaultServer();
});

afterAll(async () => {
  await fs?.close();
});

describe('names that do not resolve', () => {
  let b: LaunchedBrowser;
  beforeAll(async () => {
    b = await launchWithExtension();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('one failing name while other sites load fine: the name, not the network', async () => {
    const page = await b.newPage();
    await page.goto(fs.ok('fine one'));
    await page.goto((await fs.listenHttp()).url('/ok?title=fine%20two'));
    const hooks = await explain(b, page, 'http://alpha-site.example/');
    expect(hooks.cause).toBe('name-not-found');
    expect(hooks.verdict).not.toBe('network');
    await expect(page.locator('[data-points-to="server"]').first().textContent()).resolves.toContain(
      'loaded fine in the last minutes',
    );
    await page.close();
  });

  it('three unrelated names failing in a row: the DNS resolver, a network verdict', async () => {
    // All three here (not one left by the test before).
    const page = await b.newPage();
    await explain(b, page, 'http://delta-shop.example/');
    await explain(b, page, 'http://bravo-portal.test/');
    const hooks = await explain(b, page, 'http://charlie-news.invalid/');
    expect(hooks).toMatchObject({ cause: 'dns-failure', verdict: 'network' });
    const evidence = await page.locator('[data-points-to="network"]').allTextContents();
    expect(evidence.join(' ')).toContain('delta-shop.example');
    await page.close();
  });
});

describe('evidence around one site', () => {
  let b: LaunchedBrowser;
  beforeAll(async () => {
    b = await launchWithExtension({ hostMap: { 'myapp.test': '127.0.0.1' } });
  });
  afterAll(async () => {
    await b?.close();
  });

  it("a typo of a host loaded earlier: url-typo with a link to the right host's root", async () => {
    const page = await b.newPage();
    const good = `http://myapp.test:${fs.port}/ok?title=myapp`;
    await page.goto(good);
    const hooks = await explain(b, page, `http://myap.test:${fs.port}/ok?title=myapp`);
    expect(hooks).toMatchObject({ errorCode: 'ERR_NAME_NOT_RESOLVED', cause: 'url-typo', verdict: 'client' });
    await expect(page.locator('h1').textContent()).resolves.toContain('did you mean that?');
    // The root of the suggested host: never the typed path and query (issue 18).
    const root = `http://myapp.test:${fs.port}/`;
    const link = page.locator(`a[href="${root}"]`);
    await expect(link.count()).resolves.toBe(1);
    await link.click();
    await page.waitForURL(root);
    await page.close();
  });

  it('a server listening only on ::1, reached through 127.0.0.1: localhost-ip-family', async () => {
    const v6 = await fs.listenHttp({ host: '::1' });
    const page = await b.newPage();
    const hooks = await explain(b, page, `http://127.0.0.1:${v6.port}/`);
    expect(hooks).toMatchObject({
      errorCode: 'ERR_CONNECTION_REFUSED',
      cause: 'localhost-ip-family',
      verdict: 'server',
      local: 'true',
    });
    await expect(page.locator('h1').textContent()).resolves.toContain(`[::1]:${v6.port}`);
    await expect(page.locator(`a[href="http://[::1]:${v6.port}/"]`).count()).resolves.toBe(1);
    await v6.close();
    await page.close();
  });

  it('a server on a nearby port: wrong-port with a link to it, and the ports tried', async () => {
    const { server, closedPort: port } = await fs.listenHttpWithClosedNeighbour({ offset: 1 });
    const page = await b.newPage();
    const hooks = await explain(b, page, `http://127.0.0.1:${port}/app`);
    expect(hooks).toMatchObject({ cause: 'wrong-port', local: 'true' });
    await expect(page.locator('h1').textContent()).resolves.toContain(`something answers on ${server.port}`);
    await expect(page.locator(`a[href="http://127.0.0.1:${server.port}/app"]`).count()).resolves.toBe(1);
    await expect(page.locator('body').textContent()).resolves.toContain('netwhy tried these ports on this computer');
    await server.close();
    await page.close();
  });

  it('offline (network emulation): offline, your device', async () => {
    const page = await b.newPage();
    await b.setOffline(true);
    try {
      const hooks = await explain(b, page, fs.ok('unreachable'));
      expect(hooks).toMatchObject({ errorCode: 'ERR_INTERNET_DISCONNECTED', cause: 'offline', verdict: 'client' });
    } finally {
      await b.setOffline(false);
    }
    await page.close();
  });

  it('watch and reload: the tab reloads by itself when the server comes back', async () => {
    const later = await fs.later();
    const page = await b.newPage();
    const url = later.url('/ok?title=it%20is%20back');
    await explain(b, page, url);
    await page.getByRole('button', { name: 'Watch and reload' }).click();
    await eventually(async () => /Still down/.test((await page.getByTestId('watch-status').textContent()) ?? ''));
    await later.start();
    await eventually(async () => page.url() === url, 20_000);
    await expect(page.title()).resolves.toBe('it is back');
    await page.close();
  });

  it('with default settings, nothing the extension requested left loopback', () => {
    const own = b.requests.entries.filter(
      (r) => r.fromServiceWorker || (r.initiator ?? '').startsWith('chrome-extension://'),
    );
    expect(own.length).toBeGreaterThan(0);
    expect(own.filter((r) => !isLoopbackUrl(r.url, ['myapp.test']))).toEqual([]);
  });
});
