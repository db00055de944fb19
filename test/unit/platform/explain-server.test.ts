/**
 * src/platform/explain-server.ts: in Chromium the worker serves the explanation page's HTML with its first paint in
 * it. It serves only the page's own navigations with a headline, inlines the page's stylesheets, moves its module
 * script after the content, sends the extension's CSP, and never turns a problem of its own into a failed navigation:
 * the browser then loads the page's file.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  explanationServer,
  FIRST_PAGE_WAIT_MS,
  prepareShell,
  serveInWorker,
  workerScope,
  type ServerDeps,
} from '../../../src/platform/explain-server';

const PAGE = 'chrome-extension://abc/src/pages/explain/index.html';
const BUILT = `<!doctype html>
<html lang="en">
  <head>
    <title>netwhy</title>
    <script type="module" crossorigin src="/assets/explain-1.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/explain-2.css">
    <link rel="stylesheet" crossorigin href="/assets/base-3.css">
  </head>
  <body>
    <div id="app"></div>
  </body>
</html>
`;
const FILES: Record<string, string> = {
  [PAGE]: BUILT,
  'chrome-extension://abc/assets/explain-2.css': 'h1{color:red}',
  'chrome-extension://abc/assets/base-3.css': 'body{margin:0}',
  // The page's app, minified as the build writes it: its imports are preloaded.
  'chrome-extension://abc/assets/explain-app.js':
    'import{a as e}from"./preact-4.js";import{b}from"./common-5.js";import"./common-5.js";const x=import("./late-6.js");',
};
const WORDS: Record<string, string> = {
  lang: 'de',
  explain_brand: 'netwhy: $1',
  explain_checking_evidence: 'Checking…',
  common_why: 'Why',
};

function deps(files: Record<string, string> = FILES) {
  const fetched: string[] = [];
  const d: ServerDeps = {
    pageUrl: PAGE,
    fetch: async (url) => {
      fetched.push(url);
      return url in files ? new Response(files[url]) : new Response('', { status: 404 });
    },
    say: (key, subs) => (WORDS[key] ?? '').replace('$1', subs?.[0] ?? ''),
    csp: () => "script-src 'self'; object-src 'none'",
  };
  return { d, fetched };
}

const pageRequest = (query: string) => ({ url: `${PAGE}?${query}`, mode: 'navigate' as RequestMode });
const QUERY = new URLSearchParams({ id: 'f1', url: 'http://127.0.0.1:3000/', h: 'Nothing answers <here>' }).toString();

describe('explanation server', () => {
  it('serves the page with its first paint, its styles inlined and its script after the content', async () => {
    const { d } = deps();
    const response = await explanationServer(d).respond(pageRequest(QUERY))!;
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe("script-src 'self'; object-src 'none'");
    const html = await response.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<h1>Nothing answers &#60;here&#62;</h1>');
    expect(html).toContain('<span>netwhy: 127.0.0.1:3000</span>');
    expect(html).not.toContain('<link rel="stylesheet"');
    expect(html.indexOf('<style>h1{color:red}</style>')).toBeLessThan(html.indexOf('<style>body{margin:0}</style>'));
    // The script comes after the first paint, async: the page paints from its HTML while it loads.
    expect(html).toMatch(
      /<\/main><\/div>\s*<script type="module" async crossorigin src="\/assets\/explain-1.js"><\/script>(<link rel="modulepreload" href="[^"]+">)*\s*<\/body>/,
    );
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('loads and prepares the page once for every request after it (warm() after a takeover)', async () => {
    const { d, fetched } = deps();
    const server = explanationServer(d);
    server.warm();
    await server.respond(pageRequest(QUERY));
    await server.respond(pageRequest(QUERY));
    expect(fetched).toHaveLength(4); // the page, its two stylesheets and its app's module
  });

  it("preloads the page's app and the modules it imports, after the content; none when the app can't be read", async () => {
    const { d } = deps();
    const html = await (await explanationServer(d).respond(pageRequest(QUERY))!).text();
    const links = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
    expect(links).toEqual(['/assets/explain-app.js', '/assets/preact-4.js', '/assets/common-5.js']);
    expect(html.indexOf('rel="modulepreload"')).toBeGreaterThan(html.indexOf('</main>'));
    const { 'chrome-extension://abc/assets/explain-app.js': _app, ...withoutApp } = FILES;
    const { d: noApp } = deps(withoutApp);
    const plain = await (await explanationServer(noApp).respond(pageRequest(QUERY))!).text();
    expect(plain).not.toContain('modulepreload');
    expect(plain).toContain('<h1>Nothing answers &#60;here&#62;</h1>');
  });

  it('serves nothing but navigations to the page with a headline', () => {
    const server = explanationServer(deps().d);
    expect(server.respond({ url: `${PAGE}?${QUERY}`, mode: 'cors' })).toBeNull();
    expect(server.respond(pageRequest('id=f1&url=x'))).toBeNull(); // no headline: the page's own file
    expect(server.respond({ url: 'chrome-extension://abc/src/pages/popup/index.html', mode: 'navigate' })).toBeNull();
    expect(
      server.respond({ url: `chrome-extension://abc/src/pages/explain/index.htmlx?${QUERY}`, mode: 'navigate' }),
    ).toBeNull();
    expect(
      server.respond({ url: `chrome-extension://other/src/pages/explain/index.html?${QUERY}`, mode: 'navigate' }),
    ).toBeNull();
  });

  it('keeps a stylesheet that would end its <style> early as a link', async () => {
    const files = { ...FILES, 'chrome-extension://abc/assets/base-3.css': 'a::after{content:"</style><script>"}' };
    const html = await prepareShell(BUILT, PAGE, deps(files).d.fetch);
    expect(html).toContain('<link rel="stylesheet" crossorigin href="/assets/base-3.css">');
    expect(html).toContain('<style>h1{color:red}</style>');
  });

  it('fails (for the worker to fall back) when the page cannot be loaded, and tries again on the next request', async () => {
    const files: Record<string, string> = { ...FILES };
    delete files['chrome-extension://abc/assets/base-3.css'];
    const { d, fetched } = deps(files);
    const server = explanationServer(d);
    await expect(server.respond(pageRequest(QUERY))!).rejects.toThrow(/stylesheet/);
    files['chrome-extension://abc/assets/base-3.css'] = 'body{}';
    await expect(server.respond(pageRequest(QUERY))!).resolves.toBeInstanceOf(Response);
    expect(fetched.filter((u) => u === PAGE)).toHaveLength(2);
  });

  it("reads the page kept by an earlier worker instead of the page's files, and keeps the one it prepares", async () => {
    const { d, fetched } = deps();
    const store: string[] = [];
    const kept = { read: () => Promise.resolve(store[0] ?? ''), write: (shell: string) => void store.push(shell) };
    const first = explanationServer({ ...d, kept: { ...kept, write: async (shell) => kept.write(shell) } });
    const html = await (await first.respond(pageRequest(QUERY))!).text();
    expect(fetched).toHaveLength(4);
    expect(store).toHaveLength(1);
    expect(store[0]).toContain('<style>h1{color:red}</style>');
    // A worker started later: one read, no file.
    const later = explanationServer({ ...d, kept: { read: kept.read, write: () => Promise.reject(new Error('no')) } });
    expect(await (await later.respond(pageRequest(QUERY))!).text()).toBe(html);
    expect(fetched).toHaveLength(4);
    // A kept value with no place for the first paint (or none at all, or unreadable) is not used.
    for (const read of [() => Promise.resolve('<html></html>'), () => Promise.reject(new Error('gone'))]) {
      const other = explanationServer({ ...d, kept: { read, write: () => Promise.resolve() } });
      expect(await (await other.respond(pageRequest(QUERY))!).text()).toBe(html);
    }
    expect(fetched).toHaveLength(12);
  });

  it('fails when the page has no place for the first paint', async () => {
    const { d } = deps({ ...FILES, [PAGE]: '<html lang="en"><body><main></main></body></html>' });
    await expect(explanationServer(d).respond(pageRequest(QUERY))!).rejects.toThrow();
  });
});

describe("before the worker's first lookup (warm(true) after a cold takeover)", () => {
  const FILE_WORDS: Record<string, string> = { ...WORDS, lang: 'fr', explain_brand: 'netwhy : $1' };
  const fileSay = (key: string, subs?: string[]) => (FILE_WORDS[key] ?? '').replace('$1', subs?.[0] ?? '');

  it("serves the next page in the file's words, and lets the worker look up only once it is served", async () => {
    const { d } = deps();
    const looked: string[] = [];
    const words = vi.fn(() => Promise.resolve(fileSay));
    const server = explanationServer({ ...d, say: (key, subs) => (looked.push(key), d.say(key, subs)), words });
    let free = false;
    const whenFree = server.warm(true).then(() => (free = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(free).toBe(false);
    const html = await (await server.respond(pageRequest(QUERY))!).text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<span>netwhy : 127.0.0.1:3000</span>');
    expect(looked).toEqual([]);
    await whenFree;
    expect(free).toBe(true);
    // The page after it is served with the worker's own lookups.
    expect(await (await server.respond(pageRequest(QUERY))!).text()).toContain('<html lang="de">');
    expect(looked).toContain('lang');
    expect(words).toHaveBeenCalledTimes(1);
  });

  it('lets the worker look up at once when the words cannot be had without it', async () => {
    const { d } = deps();
    const server = explanationServer({ ...d, words: () => Promise.resolve(null) });
    await server.warm(true);
    expect(await (await server.respond(pageRequest(QUERY))!).text()).toContain('<html lang="de">');
    const failing = explanationServer({ ...d, words: () => Promise.reject(new Error('no file')) });
    await failing.warm(true);
    expect(await (await failing.respond(pageRequest(QUERY))!).text()).toContain('<html lang="de">');
  });

  it('stops waiting for a page that never comes', async () => {
    vi.useFakeTimers();
    try {
      const { d } = deps();
      let free = false;
      const whenFree = explanationServer({ ...d, words: () => Promise.resolve(fileSay) })
        .warm(true)
        .then(() => (free = true));
      await vi.advanceTimersByTimeAsync(FIRST_PAGE_WAIT_MS - 1);
      expect(free).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await whenFree;
      expect(free).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

/** A service worker's global as the server uses it. */
function fakeScope(options: { addRoutes?: (rules: unknown) => Promise<void> } = {}) {
  const listeners: Record<string, (event: never) => void> = {};
  const fallback = new Response('the file');
  const scope = {
    addEventListener: (type: string, listener: (event: never) => void) => (listeners[type] = listener),
    fetch: vi.fn(async () => fallback),
    URLPattern: class {
      constructor(readonly init: { pathname: string }) {}
    },
  };
  const install = () => {
    const waited: Promise<unknown>[] = [];
    listeners.install!({ addRoutes: options.addRoutes, waitUntil: (p: Promise<unknown>) => waited.push(p) } as never);
    return waited;
  };
  const fetchEvent = (request: { url: string; mode: RequestMode }) => {
    let responded: Promise<Response> | null = null;
    listeners.fetch!({ request, respondWith: (r: Promise<Response>) => (responded = r) } as never);
    return responded as Promise<Response> | null;
  };
  return { scope, install, fetchEvent, fallback };
}

describe('in the service worker', () => {
  it('routes every other request of the extension straight to its files (static routing, at install)', async () => {
    const addRoutes = vi.fn(async () => undefined);
    const w = fakeScope({ addRoutes });
    serveInWorker(explanationServer(deps().d), 'src/pages/explain/index.html', w.scope);
    await Promise.all(w.install());
    expect(addRoutes).toHaveBeenCalledWith([
      {
        condition: { not: { urlPattern: { init: { pathname: '/src/pages/explain/index.html' } } } },
        source: 'network',
      },
    ]);
  });

  it('installs without routes where the browser has none or refuses them', async () => {
    const none = fakeScope();
    serveInWorker(explanationServer(deps().d), 'src/pages/explain/index.html', none.scope);
    expect(none.install()).toEqual([]);
    const refused = fakeScope({ addRoutes: async () => Promise.reject(new TypeError('not supported')) });
    serveInWorker(explanationServer(deps().d), 'src/pages/explain/index.html', refused.scope);
    await expect(Promise.all(refused.install())).resolves.toBeDefined();
  });

  it("answers the page's navigation, lets every other request through, and falls back to the file on a failure", async () => {
    const w = fakeScope();
    serveInWorker(explanationServer(deps().d), 'src/pages/explain/index.html', w.scope);
    expect(await (await w.fetchEvent(pageRequest(QUERY)))!.text()).toContain('<h1>');
    expect(w.fetchEvent({ url: 'chrome-extension://abc/assets/explain-1.js', mode: 'cors' })).toBeNull();
    const broken = fakeScope();
    serveInWorker(explanationServer(deps({}).d), 'src/pages/explain/index.html', broken.scope);
    expect(await broken.fetchEvent(pageRequest(QUERY))).toBe(broken.fallback);
    expect(broken.scope.fetch).toHaveBeenCalledTimes(1);
  });

  it("finds the service worker's global only in a service worker (not in Node, nor in Firefox's event page)", () => {
    expect(workerScope()).toBeNull();
    const g = globalThis as { ServiceWorkerGlobalScope?: unknown };
    // A context that has the class but is not an instance of it (a page, another kind of worker).
    g.ServiceWorkerGlobalScope = class {};
    try {
      expect(workerScope()).toBeNull();
      // A service worker: its global is an instance of ServiceWorkerGlobalScope.
      Object.defineProperty(g.ServiceWorkerGlobalScope, Symbol.hasInstance, {
        value: (v: unknown) => v === globalThis,
      });
      expect(workerScope()).toBe(globalThis);
    } finally {
      delete g.ServiceWorkerGlobalScope;
    }
  });
});
