import { crx } from '@crxjs/vite-plugin';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { locales, messagesJson } from './scripts/locales';
import { EXPLAIN_APP } from './src/shared/explain-app';

/** `BROWSER=firefox` builds the Firefox package into dist-firefox/ from the same sources. */
const target = process.env.BROWSER === 'firefox' ? 'firefox' : 'chrome';

/** The add-on id Firefox knows netwhy by (signing, storage, updates): never change it once published. */
export const GECKO_ID = 'netwhy@netwhy.dev';

type Manifest = typeof manifest & Record<string, unknown>;

/**
 * manifest.json is written for Chromium; Firefox gets the same manifest with its differences applied here:
 * - an event page (`background.scripts`) instead of a service worker (Firefox ESR has no MV3 service workers);
 * - `browser_specific_settings.gecko`: the id (required for storage and for signing), the first Firefox with what the
 *   extension uses (`strict_min_version` 140: MV3 webRequest without blocking, storage.session,
 *   `data_collection_permissions`), and the data collection declaration AMO requires: netwhy collects nothing.
 * `web-ext lint` on dist-firefox must report 0 errors (test/e2e/firefox/package.e2e.test.ts).
 */
export function firefoxManifest(source: Manifest): Manifest {
  // Same keys in the same order, `background` replaced in place.
  const entries = Object.entries(source).map(([key, value]) =>
    key === 'background'
      ? [key, { scripts: [source.background.service_worker], type: source.background.type }]
      : [key, value],
  );
  return {
    ...Object.fromEntries(entries),
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      // Firefox for Android reads `data_collection_permissions` from 142 on (web-ext lint warns below that).
      gecko_android: { strict_min_version: '142.0' },
    },
  } as Manifest;
}

/**
 * crxjs lists every `?script` import in `web_accessible_resources` so that a loader can fetch it. The page script is
 * injected with scripting.executeScript({ files }), which needs no such entry, and listing it would let any web page
 * detect netwhy by fetching it: remove those entries from the emitted manifest, and the module copy nothing loads.
 */
function noExposedPageScript(): Plugin {
  return {
    name: 'netwhy:no-exposed-page-script',
    enforce: 'post',
    // crxjs writes the manifest last, so this edits the written file.
    writeBundle(options, bundle) {
      const file = join(options.dir ?? 'dist', 'manifest.json');
      if (!existsSync(file)) return;
      const m = JSON.parse(readFileSync(file, 'utf8')) as { web_accessible_resources?: { resources: string[] }[] };
      const kept = (m.web_accessible_resources ?? [])
        .map((w) => ({ ...w, resources: w.resources.filter((r) => !r.startsWith('src/content/')) }))
        .filter((w) => w.resources.length > 0);
      if (kept.length > 0) m.web_accessible_resources = kept;
      else delete m.web_accessible_resources;
      writeFileSync(file, `${JSON.stringify(m, null, 2)}\n`);
      // crxjs also emits the page script as a module chunk next to the IIFE the worker injects: nothing loads that
      // copy (2 KB of the zip). Removed when no other file names it.
      const outputs = Object.values(bundle);
      for (const chunk of outputs) {
        if (chunk.type !== 'chunk' || !/[\\/]src[\\/]content[\\/]/.test(chunk.facadeModuleId ?? '')) continue;
        const base = chunk.fileName.split('/').pop()!;
        const named = outputs.some(
          (o) => o !== chunk && (o.type === 'chunk' ? o.code : String(o.source)).includes(base),
        );
        if (!named && !readFileSync(file, 'utf8').includes(base)) rmSync(join(options.dir ?? 'dist', chunk.fileName));
      }
    },
  };
}

/** Emits _locales/<lang>/messages.json, each merged from the parts in src/locales/<lang>/. */
function emitLocales(): Plugin {
  return {
    name: 'netwhy:locales',
    generateBundle() {
      for (const lang of locales()) {
        this.emitFile({ type: 'asset', fileName: `_locales/${lang}/messages.json`, source: messagesJson(lang) });
      }
    },
  };
}

export default defineConfig(({ mode }) => ({
  plugins: [
    crx({
      manifest: (target === 'firefox' ? firefoxManifest(manifest as Manifest) : manifest) as never,
      browser: target,
    }),
    noExposedPageScript(),
    emitLocales(),
  ],
  // src/platform/vocabulary.ts: the Chrome build leaves Firefox's error vocabulary out.
  define: { __NETWHY_BROWSER__: JSON.stringify(target) },
  build: {
    outDir: target === 'firefox' ? 'dist-firefox' : 'dist',
    emptyOutDir: true,
    sourcemap: mode === 'development',
    minify: mode !== 'development',
    // Chromium and Firefox support modulepreload: the polyfill would cost every page a request and 0.4 KB.
    modulePreload: { polyfill: false },
    target: 'es2022',
    rolldownOptions: {
      // The taxonomy's modules only build tables: when nothing uses a table (Firefox's, in the Chrome build), drop it.
      // The first paint's drawing is the same: the Chrome build's page leaves it out (the worker serves it,
      // src/pages/explain/main.ts), and a module kept for its "side effects" would still cost the page a request.
      treeshake: {
        moduleSideEffects: (id: string) =>
          !/[\\/]src[\\/](engine[\\/]errors[\\/]|shared[\\/]first-paint\.ts|pages[\\/]explain[\\/]first-paint\.ts)/.test(
            id,
          ),
      },
      input: {
        explain: 'src/pages/explain/index.html',
        catalogue: 'src/pages/catalogue/index.html',
        // The explanation page's modules, which its entry loads after the first paint (src/pages/explain/main.ts) by
        // this fixed name: imported as './app', vite would put its preload helper into the entry, the one module
        // the page runs before that paint (0.3 KB gzip; 3.4 KB of script to parse first).
        'explain-app': 'src/pages/explain/app.tsx',
      },
      // preact in a chunk of its own name: web-ext lint's one known warning (its innerHTML path) is recognised by it.
      output: {
        entryFileNames: (chunk) => (chunk.name === 'explain-app' ? EXPLAIN_APP : 'assets/[name]-[hash].js'),
        codeSplitting: {
          groups: [
            // Its hooks apart: the explanation page uses none (1.2 KB gzip less there).
            { name: 'hooks', test: /[\\/]node_modules[\\/]preact[\\/]hooks[\\/]/, priority: 1 },
            { name: 'preact', test: /[\\/]node_modules[\\/]preact[\\/](dist|jsx-runtime)[\\/]/, priority: 2 },
            // Firefox's explanation page draws its first paint itself and needs the messages' shipped names before
            // it: 0.3 KB of its own, not the 2.2 KB common chunk. (Chrome's page leaves that drawing out.)
            ...(target === 'firefox'
              ? [{ name: 'message-key', test: /[\\/]src[\\/]shared[\\/]message-key\.ts$/, priority: 3 }]
              : []),
            {
              name: 'common',
              test: /[\\/]src[\\/](engine[\\/](i18n|retry-after|words)|shared[\\/](words|message-key)|platform[\\/](browser|messages|i18n|pages))\.ts$/,
            },
          ],
        },
      },
    },
  },
  server: { port: 5174, strictPort: true, hmr: { port: 5174 } },
}));
