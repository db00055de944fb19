/**
 * Chromium: the worker serves the explanation page's HTML with its first paint already in it (the brand line,
 * headline, verdict and first evidence, src/shared/first-paint.ts), its stylesheets inlined and its module script
 * moved to the end. The page then paints from its HTML alone, the way a one-line static page does, before any of
 * its scripts has loaded; before, it painted only after its entry module had been fetched and run (the first frame
 * waited for it). Measured side by side in `npm run bench` (docs/performance.md).
 *
 * An extension's service worker gets `fetch` events for its own pages. A static route (Chromium's ServiceWorker
 * static routing API, set at install) sends every other request of the extension straight to its files, so that
 * no other page or script waits on the worker. Firefox runs the worker as an event page, with no fetch events: there
 * (and whenever this serves nothing) the page draws the same first paint itself (pages/explain/first-paint.ts).
 *
 * The page's text comes from its address: every value is escaped (`viewToHtml`), and the response carries the
 * extension's content security policy, so no inline script of any kind could run.
 */
import { EXPLAIN_APP } from '../shared/explain-app';
import { firstPaintView, viewToHtml, type Say } from '../shared/first-paint';
import { browser } from './browser';
import { catalogSay } from './i18n';
import { EXPLAIN_PAGE } from './pages';

export interface ServerDeps {
  /** The explanation page's URL, without a query: chrome-extension://<id>/src/pages/explain/index.html. */
  pageUrl: string;
  /** The extension's own files (the worker's fetch: a worker's requests never reach its own fetch handler). */
  fetch: (url: string) => Promise<Response>;
  /** The extension's messages in the browser's language, as the page would look them up. */
  say: Say;
  /** The extension pages' content security policy (the manifest's). */
  csp: () => string;
  /**
   * The same words before the worker's first lookup (which blocks it while the browser loads the catalog), when they
   * can be had without it: the language's catalog file (background/language.ts). null: they cannot.
   */
  words?: () => Promise<Say | null>;
  /** Told of each page served, and whose words it has: the catalog file's (`words`) or the worker's lookups. */
  served?: (words: 'file' | 'lookups') => void;
  /**
   * The prepared page kept by an earlier worker of this browser session: a worker just started reads this one small
   * value instead of the page's three files ("" if none).
   */
  kept?: { read(): Promise<string>; write(shell: string): Promise<void> };
}

export interface ExplanationServer {
  /**
   * Loads and prepares the page's HTML now (after a takeover), so that the page's request does not wait for it: the
   * page kept by an earlier worker (`deps.kept`, one read), or its files.
   * `firstLookup`: the worker has looked up no message yet. The page is then served with the words of `deps.words`,
   * and the promise says when the worker may do its first lookup without holding the page's request back: once the
   * next page is served (or `FIRST_PAGE_WAIT_MS` passed), or at once if those words could not be had.
   */
  warm(firstLookup?: boolean): Promise<void>;
  /** The page's response, or null when this request is not one to serve (the browser then loads the file). */
  respond(request: Pick<Request, 'url' | 'mode'>): Promise<Response> | null;
}

/** The built page with each stylesheet inlined and its module script moved to the end of the body, async. */
export async function prepareShell(html: string, pageUrl: string, load: ServerDeps['fetch']): Promise<string> {
  const links = html.match(/<link rel="stylesheet"[^>]*>/g) ?? [];
  // All at once: a cold worker's first page waits for these.
  const [sheets, preload] = await Promise.all([
    Promise.all(
      links.map(async (link) => {
        const href = /\shref="([^"]+)"/.exec(link)?.[1];
        if (!href) return null;
        const response = await load(new URL(href, pageUrl).href);
        if (!response.ok) throw new Error(`stylesheet ${href}: ${response.status}`);
        return response.text();
      }),
    ),
    preloads(pageUrl, load),
  ]);
  let shell = html;
  links.forEach((link, i) => {
    const css = sheets[i];
    // A stylesheet that would end its element early keeps its link.
    if (css !== null && css !== undefined && !/<\/style/i.test(css))
      shell = shell.replace(link, () => `<style>${css}</style>`);
  });
  // A module script in the head ran before the first frame (the paint waited for it, fetched, parsed and run); at
  // the end and async, the page paints from its HTML while the script loads.
  const script = /<script type="module"[^>]*><\/script>\s*/.exec(shell)?.[0];
  if (script && shell.includes('</body>')) {
    const moved = script.trim().replace('<script type="module"', '<script type="module" async');
    shell = shell.replace(script, '').replace('</body>', () => `${moved}${preload}\n</body>`);
  }
  return shell;
}

/**
 * `<link rel="modulepreload">` for the page's app (src/shared/explain-app.ts) and the modules it imports, after the
 * content: the browser fetches and compiles them while it paints, and the app runs when the page's entry asks for it
 * instead of a chain of requests later. Side by side, 20 warm rounds: the app's modules ran 9 ms after the entry
 * instead of 104, the explanation complete ×0.92 (p10–p90 0.77–1.14) as late, painted ×0.97; 25 rounds again later:
 * complete ×0.98, painted ×1.02 (docs/performance.md). "" if the app can't be read.
 */
async function preloads(pageUrl: string, load: ServerDeps['fetch']): Promise<string> {
  try {
    const response = await load(new URL(`/${EXPLAIN_APP}`, pageUrl).href);
    if (!response.ok) return '';
    // Its static imports, as the build writes them (a name of word characters, dots and dashes: nothing to escape).
    const imported = [...(await response.text()).matchAll(/(?:from|import)\s*["']\.\/([\w.-]+\.js)["']/g)];
    const dir = EXPLAIN_APP.slice(0, EXPLAIN_APP.lastIndexOf('/') + 1);
    return [...new Set([EXPLAIN_APP, ...imported.map((m) => dir + m[1])])]
      .map((path) => `<link rel="modulepreload" href="/${path}">`)
      .join('');
  } catch {
    return '';
  }
}

const APP = '<div id="app"></div>';

/** The page's HTML with the first paint for the address's query inside, or null if there is none to draw. */
export function servedPage(shell: string, search: string, say: Say): string | null {
  if (!shell.includes(APP)) return null;
  const view = firstPaintView(search, say);
  if (!view) return null;
  let html = shell.replace(APP, () => `<div id="app">${viewToHtml(view.main)}</div>`);
  if (view.lang && /^[a-zA-Z-]{1,20}$/.test(view.lang))
    html = html.replace(/<html lang="[^"]*"/, `<html lang="${view.lang}"`);
  return html;
}

/** How long a first lookup waits for the page a takeover sent the tab to (its request comes within tens of ms). */
export const FIRST_PAGE_WAIT_MS = 500;

export function explanationServer(deps: ServerDeps): ExplanationServer {
  let shell: Promise<string> | null = null;
  /** The words for the next page, before the worker's first lookup; and the wait that page ends. */
  let words: Promise<Say | null> | null = null;
  let served: (() => void) | null = null;
  const prepare = (): Promise<string> =>
    deps
      .fetch(deps.pageUrl)
      .then((r) => {
        if (!r.ok) throw new Error(`page: ${r.status}`);
        return r.text();
      })
      .then((html) => prepareShell(html, deps.pageUrl, deps.fetch));
  // The page an earlier worker kept, asked for as this one starts (one small read; read at the takeover, it queued
  // behind the journal's write): the page's files are read only when there is none.
  const kept = deps.kept;
  const keptPage = kept ? kept.read().catch(() => '') : Promise.resolve('');
  const loadShell = (): Promise<string> => {
    shell ??= keptPage.then((page) =>
      page.includes(APP)
        ? page
        : prepare().then((fresh) => {
            void kept?.write(fresh).catch(() => undefined);
            return fresh;
          }),
    );
    // A failed load is tried again by the next page, not kept.
    shell.catch(() => (shell = null));
    return shell;
  };
  return {
    warm(firstLookup = false) {
      void loadShell().catch(() => undefined);
      if (!firstLookup || !deps.words) return Promise.resolve();
      const pending = deps.words().catch(() => null);
      words = pending;
      return pending.then((say) => {
        if (say === null) return;
        return new Promise<void>((resolve) => {
          served = resolve;
          setTimeout(resolve, FIRST_PAGE_WAIT_MS);
        });
      });
    },
    respond(request) {
      if (request.mode !== 'navigate') return null;
      const url = new URL(request.url);
      if (request.url.split(/[?#]/)[0] !== deps.pageUrl || !url.searchParams.get('h')) return null;
      const early = words;
      words = null;
      return Promise.all([loadShell(), early])
        .then(([page, say]) => {
          const html = servedPage(page, url.search, say ?? deps.say);
          if (html === null) throw new Error('nothing to draw');
          deps.served?.(say ? 'file' : 'lookups');
          return new Response(html, {
            headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': deps.csp() },
          });
        })
        .finally(() => {
          // In a task of its own: the worker's first lookup, which the wait ends, would otherwise hold the response
          // (measured: the page got its HTML 37 ms after it was built, instead of 10).
          if (early) setTimeout(() => served?.(), 0);
        });
    },
  };
}

interface FetchEventLike {
  request: Request;
  respondWith(response: Promise<Response>): void;
}

interface InstallEventLike {
  addRoutes?(rules: unknown): Promise<void>;
  waitUntil(promise: Promise<unknown>): void;
}

interface WorkerScope {
  addEventListener(type: string, listener: (event: never) => void): void;
  fetch(request: Request): Promise<Response>;
  URLPattern?: new (init: { pathname: string }) => unknown;
}

/**
 * Registers the server in a Chromium extension service worker (at start, synchronously, like every listener); does
 * nothing elsewhere. `path`: the page's path inside the package.
 */
export function serveInWorker(server: ExplanationServer, path: string, scope: WorkerScope | null): void {
  if (!scope) return;
  scope.addEventListener('install', (event: InstallEventLike) => {
    // Every request but the page's own goes straight to the package. Without static routes (Chromium < 123) they
    // all pass through the handler below, which lets them through.
    if (!event.addRoutes || !scope.URLPattern) return;
    try {
      const page = new scope.URLPattern({ pathname: `/${path}` });
      event.waitUntil(
        event.addRoutes([{ condition: { not: { urlPattern: page } }, source: 'network' }]).catch(() => undefined),
      );
    } catch {
      // A browser without some of the routing rules: the handler lets those requests through.
    }
  });
  scope.addEventListener('fetch', (event: FetchEventLike) => {
    const response = server.respond(event.request);
    // Never a failed navigation: anything wrong here, and the browser loads the page's own file.
    if (response) event.respondWith(response.catch(() => scope.fetch(event.request)));
  });
}

/** The service worker's global in Chromium; null in Firefox's event page (and in Node). */
export function workerScope(): WorkerScope | null {
  const g = globalThis as { ServiceWorkerGlobalScope?: abstract new () => unknown };
  return typeof g.ServiceWorkerGlobalScope === 'function' && globalThis instanceof g.ServiceWorkerGlobalScope
    ? (globalThis as unknown as WorkerScope)
    : null;
}

/** The manifest's policy for extension pages (Chromium applies it to the served page too: the header repeats it). */
function extensionPagesCsp(): string {
  const csp = browser.runtime.getManifest().content_security_policy;
  return (typeof csp === 'object' ? csp?.extension_pages : csp) ?? "script-src 'self'; object-src 'self'";
}

declare const __NETWHY_BROWSER__: 'chrome' | 'firefox';

/** The worker's server for the explanation page, registered in Chromium (a no-op elsewhere). */
export function startExplanationServer(hooks: Pick<ServerDeps, 'words' | 'served' | 'kept'> = {}): ExplanationServer {
  // The Firefox build leaves it out: its worker is an event page, and its page draws the first paint itself (which
  // would otherwise share a chunk with this worker, a second request before that paint).
  if (__NETWHY_BROWSER__ !== 'chrome') return { warm: () => Promise.resolve(), respond: () => null };
  const server = explanationServer({
    pageUrl: browser.runtime.getURL(EXPLAIN_PAGE),
    fetch: (url) => fetch(url),
    say: catalogSay,
    csp: extensionPagesCsp,
    ...hooks,
  });
  serveInWorker(server, EXPLAIN_PAGE, workerScope());
  return server;
}
