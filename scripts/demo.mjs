#!/usr/bin/env node
/**
 * npm run demo — see netwhy work in a minute, from a fresh clone.
 *
 * 1. Builds the extension (Chromium package) into dist-demo/ (its own folder: never swaps files under a test run).
 * 2. Starts the e2e suites' loopback fault server (test/e2e/support/fault-server.ts, loaded through Vite's module
 *    runner: one implementation for tests, demo and screenshots) and a demo page on 127.0.0.1 that links to one
 *    failure of each kind: refused, reset, a name that does not resolve, https:// on a plain-HTTP port, a redirect
 *    loop, a 502 page (netwhy's card on the site's own page), a dev server on another port, and a page whose API
 *    calls fail (netwhy's developer banner, switched on for the demo).
 * 3. Opens Debian's Chromium with the extension loaded, in a fresh temporary profile, through the same launcher as
 *    the tests (test/e2e/support/chromium.ts), so every name but localhost and the loopback addresses fails to
 *    resolve without any DNS query (--host-resolver-rules): nothing the demo does leaves this machine.
 *    - With a display ($DISPLAY or $WAYLAND_DISPLAY): a normal window on the demo page; click the links. Close the
 *      window or press Ctrl-C to stop.
 *    - Without one: says so and how to run it headed, then takes the tour itself in headless Chromium: it clicks
 *      each link and prints one line per failure with what netwhy said.
 *
 *   npm run demo                    build, then headed (display) or the headless tour (no display)
 *   npm run demo -- --headless      the headless tour even with a display
 *   npm run demo -- --no-build      reuse dist-demo/
 *
 * Ctrl-C stops everything: the browser (its temporary profile is deleted) and every server.
 */
import { buildExtension, importTs, loadSupport, until } from './lib/support.mjs';

const argv = process.argv.slice(2);
const EXT_DIR = 'dist-demo';
const EXPLAIN = 'src/pages/explain/index.html';
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = argv.includes('--headless') || !hasDisplay;
const log = (line = '') => process.stdout.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------------------------
// stopping cleanly

const cleanups = [];
let stopping = null;
/** Reads netwhy's cards through DevTools (test/e2e/chromium/helpers.ts), loaded in main(). */
let cards;
function stop(code) {
  stopping ??= (async () => {
    for (const fn of cleanups.reverse()) await fn().catch(() => {});
    process.exit(code);
  })();
  return stopping;
}
process.on('SIGINT', () => {
  log('\nstopping ...');
  void stop(130);
});
process.on('SIGTERM', () => void stop(143));

// ---------------------------------------------------------------------------------------------------------------
// the failures and the demo page

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One link per kind of failure; `expect` is where netwhy shows it. */
async function failures(fs, closedPort) {
  // A proxy's own 502 page, as nginx writes it.
  fs.route(
    '/checkout',
    (_req, res) =>
      void res
        .writeHead(502, { 'Content-Type': 'text/html; charset=utf-8' })
        .end(
          '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
        ),
  );
  const { server: devServer, closedPort: devNeighbour } = await fs.listenHttpWithClosedNeighbour({ offset: 1 });
  const apiPort = await closedPort('both');
  return [
    {
      id: 'refused',
      label: 'Refused: nothing listens on the port',
      url: `http://localhost:${await closedPort('both')}/`,
      expect: 'page',
    },
    { id: 'reset', label: 'Reset: the server drops the connection', url: fs.url('/reset'), expect: 'page' },
    { id: 'no-name', label: 'A name that does not resolve', url: 'http://no-such-host.example/', expect: 'page' },
    {
      id: 'tls-plain',
      label: 'https:// to a port that speaks plain HTTP',
      url: fs.url('/', { scheme: 'https' }),
      expect: 'page',
    },
    { id: 'loop', label: 'A redirect loop', url: fs.redirectLoop(), expect: 'page' },
    {
      id: '502',
      label: 'HTTP 502 from a proxy (the site keeps its page, netwhy adds a card)',
      url: fs.url('/checkout'),
      expect: 'overlay',
    },
    {
      id: 'wrong-port',
      label: `A dev server that runs on ${devServer.port}, opened on ${devNeighbour}`,
      url: `http://127.0.0.1:${devNeighbour}/app`,
      expect: 'page',
    },
    {
      id: 'api',
      label: `A page whose API calls (to port ${apiPort}) are refused`,
      url: fs.subresourcePage(apiPort, { kinds: ['fetch', 'img'], fetches: 3 }),
      expect: 'banner',
    },
  ];
}

function demoPage(links) {
  const items = links
    .map(
      (l) =>
        `<li><a data-demo="${l.id}" href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a><br><code>${escapeHtml(l.url)}</code></li>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>netwhy demo</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  :root { color-scheme: light dark; font: 16px/1.5 system-ui, sans-serif; }
  body { max-width: 46rem; margin: 2.5rem auto; padding: 0 1.25rem; }
  li { margin: 0.9em 0; } code { font-size: 0.85em; opacity: 0.8; word-break: break-all; }
</style></head><body><main>
<h1>netwhy demo</h1>
<p>Each link below fails in its own way, on this computer only. Click one: netwhy explains what happened, whose side
it is on and what to do. Use Back to come here again; netwhy's toolbar button keeps the history.</p>
<ol>
${items}
</ol>
<p>netwhy's toolbar button (under the puzzle-piece menu; pin it) lists every failure, with Copy report.</p>
<p><small>In this demo browser every name except localhost fails to resolve, on purpose: nothing leaves this machine.</small></p>
</main></body></html>`;
}

// ---------------------------------------------------------------------------------------------------------------
// the tour without a display

/**
 * Texts of the page's accessibility tree (CDP Accessibility.getFullAXTree sees into netwhy's closed shadow root, as a
 * screen reader does): [role, name, heading level].
 */
async function axTexts(b, page) {
  const cdp = await b.cdp(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    return nodes
      .filter((n) => !n.ignored && n.name?.value)
      .map((n) => [
        n.role?.value ?? '',
        n.name.value,
        n.properties?.find((p) => p.name === 'level')?.value?.value ?? 0,
      ]);
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Clicks the demo link `id` in a new tab and returns what netwhy showed. */
async function visit(b, demoUrl, link, words) {
  const page = await b.newPage();
  try {
    await page.goto(demoUrl);
    await page.locator(`a[data-demo="${link.id}"]`).click();
    if (link.expect === 'page') {
      await until(async () => page.url().startsWith(b.extensionUrl(EXPLAIN)), 30_000, 'the explanation page');
      const main = page.locator('main[data-ready="true"]');
      await main.waitFor({ timeout: 30_000 });
      const [cause, verdict, local, sentence] = await Promise.all([
        main.getAttribute('data-cause'),
        main.getAttribute('data-verdict'),
        main.getAttribute('data-local'),
        page.locator('h1').textContent(),
      ]);
      return `${cause} · ${words.verdictLabel(verdict, local === 'true')} · "${sentence}"`;
    }
    // The hooks are on the card inside the closed shadow root: read through DevTools' DOM domain (pierce: true).
    const hooks = async () => (await cards(b, page)).find((c) => c.hooks.kind === link.expect)?.hooks ?? null;
    await until(hooks, 30_000, `${link.expect} card`);
    if (link.expect === 'overlay') {
      const { cause, verdict, local, httpStatus: status } = await hooks();
      const title = (await axTexts(b, page)).find(([role, , level]) => role === 'heading' && level === 2)?.[1] ?? '';
      return `${cause} · ${words.verdictLabel(verdict, local === 'true')} · card on the site's own HTTP ${status} page: "${title}"`;
    }
    // The banner counts the page's failed requests as they come in.
    const count = await until(
      async () => {
        const n = Number((await hooks())?.count);
        return n >= 4 ? n : null;
      },
      30_000,
      'the banner',
    );
    const line =
      (await axTexts(b, page)).find(([role, name]) => role === 'StaticText' && / requests? to /.test(name))?.[1] ?? '';
    return `developer banner · ${count} failed requests · "${line}"`;
  } finally {
    await page.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  if (!argv.includes('--no-build')) {
    log(`building the extension into ${EXT_DIR}/ ...`);
    await buildExtension(EXT_DIR);
  }
  const { startFaultServer, closedPort, launchWithExtension } = await loadSupport();
  const words = await importTs('src/engine/words.ts');
  ({ cards } = await importTs('test/e2e/chromium/helpers.ts'));

  const fs = await startFaultServer();
  cleanups.push(() => fs.close());
  const links = await failures(fs, closedPort);
  fs.route(
    '/demo',
    (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(demoPage(links)),
  );
  const demoUrl = fs.url('/demo');

  if (!hasDisplay) {
    log('');
    log('No display here ($DISPLAY and $WAYLAND_DISPLAY are not set), so no browser window can open.');
    log('To click through the demo yourself, run `npm run demo` in a desktop session (or over `ssh -X`).');
    log('`xvfb-run -a npm run demo` runs the headed browser on a virtual screen (nothing to look at, but it runs).');
    log('Meanwhile, here is the tour in headless Chromium: each demo link, and what netwhy said about it.');
    log('');
  }
  log(`launching Chromium${headless ? ' (headless)' : ''} with netwhy from ${EXT_DIR}/ ...`);
  // Headed, the window is sized to the launcher's fixed 1280×720 page viewport (plus the browser's own toolbars).
  const b = await launchWithExtension({
    extensionDir: EXT_DIR,
    headless,
    timeout: 120_000,
    args: headless ? [] : ['--window-size=1280,860'],
  });
  cleanups.push(() => b.close());

  // The developer banner is opt-in: the demo switches it on in its own throwaway profile, in Settings, as a person
  // would (the options page saves through the worker, which applies it at once).
  const options = await b.newPage();
  await options.goto(b.extensionUrl('src/pages/options/index.html'));
  const devBanner = options.locator('#devBanner');
  await devBanner.waitFor({ timeout: 30_000 });
  if (!(await devBanner.isChecked())) {
    await devBanner.check();
    await options.getByText('Saved.').waitFor({ timeout: 30_000 });
  }
  await options.close();

  if (!headless) {
    const page = b.context.pages()[0] ?? (await b.newPage());
    await page.goto(demoUrl);
    log('');
    log(`Chromium is open on the demo page: ${demoUrl}`);
    log(
      'Click the links; netwhy explains each failure. Its toolbar button (under the puzzle-piece menu: pin it) keeps',
    );
    log('the history. Close the browser window or press Ctrl-C to stop.');
    await new Promise((resolve) => b.context.once('close', resolve));
    if (!stopping) log('the browser was closed: stopping ...');
    await stop(0);
    return;
  }

  const width = Math.max(...links.map((l) => l.id.length));
  let failed = 0;
  for (const link of links) {
    let said;
    try {
      said = await visit(b, demoUrl, link, words);
    } catch (err) {
      failed++;
      said = `NOT EXPLAINED: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
    }
    log(`  ${link.id.padEnd(width)}  ${link.url}\n  ${' '.repeat(width)}  → ${said}`);
  }
  log('');
  log(
    `${links.length - failed} of ${links.length} failures explained in ${Math.round((Date.now() - started) / 1000)} s.`,
  );
  log(
    `The built extension is in ${EXT_DIR}/: load it in your Chromium (chrome://extensions → Developer mode → Load unpacked).`,
  );
  await stop(failed ? 1 : 0);
}

main().catch(async (err) => {
  console.error(`demo failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  await stop(1);
});
