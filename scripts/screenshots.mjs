#!/usr/bin/env node
/**
 * npm run screenshots — renders netwhy's main screens in headless Chromium into docs/screenshots/ (the README shows
 * them). Real failures on loopback, the real extension, nothing mocked:
 *
 *   explain-refused.png          http://localhost:3000/ with nothing listening           (no-listener, light)
 *   explain-refused-dark.png     the same page in the dark colour scheme
 *   explain-wrong-port.png       http://localhost:3000/ while a dev server answers on 5173  (wrong-port)
 *   explain-tls-plain-port.png   https://localhost:5173/ on that plain-HTTP dev server     (tls-on-plain-port)
 *   explain-name-not-found.png   a name that does not resolve                              (name-not-found)
 *   explain-typo.png             shop.exmaple.com after shop.example.com loaded            (url-typo)
 *   explain-redirect-loop.png    /account → /login → /account ...                          (redirect-loop)
 *   overlay-502.png              the card on a site's own nginx "502 Bad Gateway" page
 *   banner-api-refused.png       the developer banner on an app whose API calls are refused
 *   popup.png                    the popup on the 502 tab: this tab's failure, opened
 *   popup-history.png            the popup's history, one entry opened (the whole popup, scrolled part included)
 *   options.png, catalogue.png   the settings and the error catalogue
 *
 * And the store's images, in docs/screenshots/store/ (the Chrome Web Store takes 1280×800 screenshots and a 440×280
 * small promo tile; addons.mozilla.org takes the same screenshots):
 *
 *   explain-refused.png, explain-wrong-port.png, overlay-502.png   the same screens at 1280×800
 *   popup.png                    the popup on the 502 tab, centred on a 1280×800 backdrop
 *   tile-440x280.png             the icon, the name and the popup's tagline (src/locales/en/ui.json)
 *
 * Deterministic where it can be: a fixed viewport, scale 1, light scheme unless named dark, no animations, no caret,
 * fonts loaded before each shot. Ports: the screens show the ports netwhy saw, so the script asks for the classic
 * ones (3000 for the dead app, 5173 for the dev server, 80 for the site, 8000 for the API) and falls back to free
 * ephemeral ports when one is taken (the shots then show those numbers; the script says so). Each shot checks the
 * cause netwhy gave (`data-cause`) before it is taken, so a screenshot never shows the wrong explanation.
 *
 *   npm run screenshots                 builds the extension into dist-screenshots/, then renders
 *   npm run screenshots -- --no-build   reuses dist-screenshots/
 *   npm run screenshots -- --out DIR    writes somewhere else than docs/screenshots/ (store images in DIR/store/)
 *   npm run screenshots -- --store-only only the store images (the README's screenshots are left as they are)
 */
/* global document, requestAnimationFrame, chrome -- used only inside page.evaluate / worker.evaluate callbacks */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ROOT, buildExtension, importTs, loadSupport, until } from './lib/support.mjs';

const argv = process.argv.slice(2);
const OUT = resolve(ROOT, argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : 'docs/screenshots');
const EXT_DIR = 'dist-screenshots';
const EXPLAIN = 'src/pages/explain/index.html';
const SITE = 'shop.example.com';
const STORE_OUT = join(OUT, 'store');
const STORE_ONLY = argv.includes('--store-only');
const STORE = { width: 1280, height: 800 };
const VIEW = {
  explain: { width: 1000, height: 900 },
  site: { width: 1000, height: 620 },
  popup: { width: 420, height: 600 },
  page: { width: 1000, height: 900 },
};

const log = (line) => process.stdout.write(`${line}\n`);

if (!argv.includes('--no-build')) {
  log(`building the extension into ${EXT_DIR}/ ...`);
  await buildExtension(EXT_DIR);
}
const support = await loadSupport();
const { candidatePorts } = await importTs('src/background/probes.ts');
// netwhy's cards keep their hooks inside a closed shadow root: read through DevTools' DOM domain (pierce: true).
const { waitForCard, cards } = await importTs('test/e2e/chromium/helpers.ts');
const { startFaultServer, isPortFree, closedPort, launchWithExtension, gotoFailing } = support;

/** True when nothing listens on `port` on either loopback family. */
const freeBoth = async (port) => (await isPortFree('127.0.0.1', port)) && (await isPortFree('::1', port));
/** `wanted` when it is free on both families, else a closed ephemeral port. */
async function portOr(wanted, note) {
  if (await freeBoth(wanted).catch(() => false)) return wanted;
  const port = await closedPort('both');
  log(`  port ${wanted} is taken: ${note} uses ${port} instead`);
  return port;
}

const cleanups = [];
async function cleanup() {
  for (const fn of cleanups.reverse()) await fn().catch(() => {});
  cleanups.length = 0;
}
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

try {
  mkdirSync(STORE_OUT, { recursive: true });
  // The "site": shop.example.com on port 80 (or a free port when 80 cannot be bound here).
  let site;
  try {
    site = await startFaultServer({ port: 80 });
  } catch {
    site = await startFaultServer();
    log(`  port 80 cannot be bound here: the site runs on ${site.port}`);
  }
  cleanups.push(() => site.close());
  const siteUrl = (path) => site.url(path, { host: SITE }).replace(/:80\//, '/');
  const nginx = (status, reason) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${status} ${reason}</title></head>` +
    `<body><center><h1>${status} ${reason}</h1></center><hr><center>nginx/1.22.1</center></body></html>`;
  site.route('/account', (_req, res) => void res.writeHead(302, { Location: '/login' }).end());
  site.route('/login', (_req, res) => void res.writeHead(302, { Location: '/account' }).end());
  site.route(
    '/checkout',
    (_req, res) =>
      void res.writeHead(502, { 'Content-Type': 'text/html; charset=utf-8' }).end(nginx(502, 'Bad Gateway')),
  );
  site.route(
    '/shop',
    (_req, res) =>
      void res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        .end(
          '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Example Shop</title></head><body><h1>Example Shop</h1></body></html>',
        ),
  );

  const app = await portOr(3000, 'the app that is not running');
  const dev = await portOr(5173, 'the dev server');
  const api = await portOr(8000, 'the API that is not running');
  // A dev server answering near the refused port turns "nothing answers" into "wrong port": say so.
  const busy = [];
  for (const p of candidatePorts(app)) if (p !== dev && !(await freeBoth(p).catch(() => true))) busy.push(p);
  if (busy.length)
    log(
      `  note: something listens on port(s) ${busy.join(', ')} here; the "refused" shot may come out as "wrong port"`,
    );

  log('launching Chromium (headless) ...');
  const b = await launchWithExtension({ extensionDir: EXT_DIR, hostMap: { [SITE]: '127.0.0.1' } });
  cleanups.push(() => b.close());

  /** The page ready for a shot: fonts loaded, no caret, the scheme applied. */
  async function shoot(page, name, { scheme = 'light', fullPage = false, dir = OUT } = {}) {
    if (STORE_ONLY && dir === OUT) return;
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.evaluate(() =>
      document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))),
    );
    const path = join(dir, `${name}.png`);
    await page.screenshot({ path, fullPage, animations: 'disabled', caret: 'hide' });
    log(`  ${relative(ROOT, path)}`);
  }

  /** The same page at the store's 1280×800, into the store folder; the page keeps that size afterwards. */
  async function storeShot(page, name) {
    await page.setViewportSize(STORE);
    await shoot(page, name, { dir: STORE_OUT });
  }

  /** A page of its own, 1280×800 or `size`, showing `html` (images inlined as data: URLs). */
  async function composed(name, html, size = STORE) {
    const page = await b.newPage();
    await page.setViewportSize(size);
    await page.setContent(html, { waitUntil: 'load' });
    await shoot(page, name, { dir: STORE_OUT });
    await page.close();
  }
  const dataUrl = (png) => `data:image/png;base64,${Buffer.from(png).toString('base64')}`;

  /** Fails the navigation, waits for netwhy's explanation and checks its cause. */
  async function explainPage(url, cause) {
    const page = await b.newPage();
    await page.setViewportSize(VIEW.explain);
    await gotoFailing(page, url, { settle: false });
    await until(async () => page.url().startsWith(b.extensionUrl(EXPLAIN)), 20_000, `explanation page for ${url}`);
    const main = page.locator('main[data-ready="true"]');
    await main.waitFor({ timeout: 20_000 });
    const got = await main.getAttribute('data-cause');
    if (got !== cause)
      throw new Error(`${url}: netwhy explained it as ${got}, expected ${cause} (is a server listening nearby?)`);
    return page;
  }

  async function setSettings(patch) {
    const worker = await b.waitForWorker();
    await worker.evaluate(async (p) => {
      const current = (await chrome.storage.local.get('settings')).settings ?? { version: 1 };
      await chrome.storage.local.set({ settings: { ...current, ...p } });
    }, patch);
  }

  log('rendering ...');
  // A page of the site loads fine first: the later failures have a neighbourhood, and the typo a host to point to.
  const home = await b.newPage();
  await home.goto(siteUrl('/shop'));
  await home.close();

  const refused = await explainPage(`http://localhost:${app}/`, 'no-listener');
  await shoot(refused, 'explain-refused');
  await shoot(refused, 'explain-refused-dark', { scheme: 'dark' });
  await storeShot(refused, 'explain-refused');
  await refused.close();

  const devServer = await site.listenHttp({ port: dev });
  const wrong = await explainPage(`http://localhost:${app}/dashboard`, 'wrong-port');
  await shoot(wrong, 'explain-wrong-port');
  await storeShot(wrong, 'explain-wrong-port');
  await wrong.close();

  const tls = await explainPage(devServer.url('/', { scheme: 'https', host: 'localhost' }), 'tls-on-plain-port');
  await shoot(tls, 'explain-tls-plain-port');
  await tls.close();

  const typo = await explainPage(siteUrl('/shop').replace(SITE, 'shop.exmaple.com'), 'url-typo');
  await shoot(typo, 'explain-typo');
  await typo.close();

  const nxdomain = await explainPage('http://intranet.example.org/', 'name-not-found');
  await shoot(nxdomain, 'explain-name-not-found');
  await nxdomain.close();

  const loop = await explainPage(siteUrl('/account'), 'redirect-loop');
  await shoot(loop, 'explain-redirect-loop');
  await loop.close();

  // The site's own 502 page keeps its message; netwhy's card sits in the corner.
  const bad = await b.newPage();
  await bad.setViewportSize(VIEW.site);
  await bad.goto(siteUrl('/checkout'));
  await waitForCard(b, bad, 'overlay', 20_000);
  await shoot(bad, 'overlay-502');
  await storeShot(bad, 'overlay-502');

  // The popup for the 502 tab: its document in a background tab of that window, so it describes the window's active
  // tab (the 502 page) as the toolbar's popup does; its failure first and expanded, then the history.
  await bad.bringToFront();
  const worker = await b.waitForWorker();
  const opened = b.context.waitForEvent('page', {
    predicate: (p) => p.url().startsWith(b.extensionUrl('src/pages/popup/index.html')),
  });
  await worker.evaluate(
    async (url) => chrome.tabs.create({ url, active: false, windowId: (await chrome.windows.getLastFocused()).id }),
    b.extensionUrl('src/pages/popup/index.html'),
  );
  const popup = await opened;
  await popup.setViewportSize(VIEW.popup);
  await popup.locator('section[aria-labelledby="this-tab"] .entry-body').waitFor({ timeout: 20_000 });
  await shoot(popup, 'popup');
  await popup.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  const popupPng = await popup.screenshot({ animations: 'disabled', caret: 'hide' });
  await composed(
    'popup',
    '<!doctype html><html><body style="margin:0;height:800px;display:grid;place-items:center;background:linear-gradient(135deg,#e8eef8,#f6f8fb)">' +
      `<img src="${dataUrl(popupPng)}" alt="" style="border-radius:10px;box-shadow:0 12px 40px rgba(15,23,42,.25)"></body></html>`,
  );
  await popup.close();
  await bad.close();

  // The history as the toolbar button shows it on a tab that loaded fine, one entry opened.
  const history = await b.newPage();
  await history.setViewportSize(VIEW.popup);
  await history.goto(b.extensionUrl('src/pages/popup/index.html'));
  const entry = history.locator(`section[aria-labelledby="recent"] li[data-cause="wrong-port"]`).first();
  await entry.locator('.entry-head').click();
  await entry.locator('.entry-body').waitFor();
  await history.mouse.move(0, 0); // no hover highlight
  await shoot(history, 'popup-history', { fullPage: true });
  await history.close();

  // The developer banner: an app on the dev server whose API (nothing on port `api`) refuses every call.
  await setSettings({ devBanner: true });
  site.route(
    '/todo',
    (_req, res) =>
      void res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        .end(
          '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Todo</title>' +
            '<style>body{font:16px system-ui,sans-serif;margin:40px auto;max-width:640px;color:#222}li{margin:.3em 0}</style></head>' +
            '<body><h1>My todo app</h1><p id="state">Loading your tasks…</p><ul id="list"></ul><script>' +
            `const api = 'http://localhost:${api}';` +
            "Promise.allSettled(['/api/tasks', '/api/user', '/api/tags', '/api/settings'].map((p) => fetch(api + p)))" +
            ".then((r) => { document.getElementById('state').textContent = r.filter((x) => x.status === 'rejected').length + ' requests failed.'; document.body.dataset.done = 'true'; });" +
            '</script></body></html>',
        ),
  );
  const appPage = await b.newPage();
  await appPage.setViewportSize(VIEW.site);
  await appPage.goto(devServer.url('/todo', { host: 'localhost' }));
  await appPage.locator('body[data-done="true"]').waitFor({ timeout: 20_000 });
  await waitForCard(b, appPage, 'banner', 20_000);
  await until(
    async () => Number((await cards(b, appPage)).find((c) => c.hooks.kind === 'banner')?.hooks.count) >= 4,
    20_000,
    'banner counting 4 requests',
  );
  await shoot(appPage, 'banner-api-refused');
  await appPage.close();
  await setSettings({ devBanner: false });

  const options = await b.newPage();
  await options.setViewportSize(VIEW.page);
  await options.goto(b.extensionUrl('src/pages/options/index.html'));
  await options.locator('main.options').waitFor();
  await shoot(options, 'options');
  await options.close();

  const catalogue = await b.newPage();
  await catalogue.setViewportSize(VIEW.page);
  await catalogue.goto(b.extensionUrl('src/pages/catalogue/index.html?q=refused'));
  await catalogue.locator('main.catalogue article').first().waitFor();
  await catalogue.locator('#q').blur();
  await shoot(catalogue, 'catalogue');
  await catalogue.close();

  // The small promo tile: the icon, the name and the tagline the popup shows, in English.
  const ui = JSON.parse(readFileSync(join(ROOT, 'src/locales/en/ui.json'), 'utf8'));
  const icon = readFileSync(join(ROOT, EXT_DIR, 'icons/icon-128.png'));
  const esc = (t) => t.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  await composed(
    'tile-440x280',
    '<!doctype html><html><body style="margin:0;width:440px;height:280px;display:flex;align-items:center;gap:22px;padding:0 36px;box-sizing:border-box;' +
      'background:linear-gradient(135deg,#1e3a8a,#2563eb);color:#fff;font:16px system-ui,sans-serif">' +
      `<img src="${dataUrl(icon)}" width="112" height="112" alt="">` +
      `<div><div style="font-size:44px;font-weight:700;letter-spacing:-.5px">${esc(ui.extName.message)}</div>` +
      `<div style="font-size:20px;opacity:.9;margin-top:6px">${esc(ui.popup_tagline.message)}</div></div></body></html>`,
    { width: 440, height: 280 },
  );

  log(`done: screenshots in ${relative(ROOT, OUT) || '.'}/`);
} catch (err) {
  process.exitCode = 1;
  console.error(`screenshots failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
} finally {
  await cleanup();
}
