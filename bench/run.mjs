#!/usr/bin/env node
/**
 * `npm run bench`: builds what it measures, then runs bench/main.ts.
 *
 *   npm run bench                        # everything (~3–5 min on 2 cores), writes bench/results/latest.json
 *   npm run bench -- --only sizes,engine # some parts: latency, engine, storm, sizes, popup, memory
 *   npm run bench -- --rounds 5          # fewer Chromium samples (quick look; not for the results file)
 *   npm run bench -- --out path.json     # write the results elsewhere
 *
 * 1. The extension, with the project's own vite.config.ts (as `npm run build` does), into a private directory
 *    (node_modules/.cache/netwhy-bench/dist), so a build or test running in the same checkout can never swap files
 *    under a running browser. A read-only plugin records which source modules went into which chunk (the bundle
 *    composition in the results).
 * 2. Scenario (e)'s extension, the limit of the design (bench/limit-extension), into
 *    node_modules/.cache/netwhy-bench/limit: its worker from netwhy's own engine, taxonomy, reports and probes,
 *    minified as the extension is.
 * 3. The benchmark's TypeScript (bench/*.ts, the product modules it drives, the e2e launcher) for Node, with Vite's
 *    SSR build, into node_modules/.cache/netwhy-bench/node (inside node_modules/ so `playwright-core` resolves;
 *    `webextension-polyfill` is aliased to bench/fake-browser.ts, the in-memory browser the storm drives the real
 *    worker with).
 * 4. `main()` of the built bench/main.ts.
 */
import { build } from 'vite';
import { copyFileSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, 'node_modules', '.cache', 'netwhy-bench');
const extDir = join(cache, 'dist');
const nodeDir = join(cache, 'node');
const limitDir = join(cache, 'limit');

const started = Date.now();

/** The source modules of every output chunk, with their rendered size (bytes) and gzip size alone. */
function compositionPlugin(out) {
  return {
    name: 'netwhy-bench-composition',
    generateBundle(_options, bundle) {
      for (const [fileName, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk') continue;
        out[fileName] = {
          imports: chunk.imports,
          dynamicImports: chunk.dynamicImports,
          modules: Object.entries(chunk.modules)
            .filter(([, m]) => m.renderedLength > 0)
            .map(([id, m]) => ({
              id: id.includes('/node_modules/')
                ? id.slice(id.indexOf('node_modules/'))
                : id.startsWith(root)
                  ? relative(root, id)
                  : id.replace(/^\0/, ''),
              bytes: m.renderedLength,
              gzip: typeof m.code === 'string' ? gzipSync(m.code, { level: 9 }).length : null,
            })),
        };
      }
    },
  };
}

async function buildExtension() {
  const composition = {};
  const saved = process.env.BROWSER;
  delete process.env.BROWSER; // the Chrome package, whatever the shell says
  try {
    await build({
      configFile: join(root, 'vite.config.ts'),
      root,
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: extDir, emptyOutDir: true },
      plugins: [compositionPlugin(composition)],
    });
  } finally {
    if (saved !== undefined) process.env.BROWSER = saved;
  }
  writeFileSync(join(cache, 'composition.json'), JSON.stringify(composition, null, 1));
}

/** crx's `import file from './x.ts?script'` (a path inside the package): a stub string for Node. */
const scriptImportStub = {
  name: 'netwhy-bench-script-imports',
  enforce: 'pre',
  resolveId(id) {
    return /\?script\b/.test(id) ? `\0bench-script:${id}` : null;
  },
  load(id) {
    return id.startsWith('\0bench-script:')
      ? `export default ${JSON.stringify(`bench-stub/${id.split('/').pop().split('?')[0]}.js`)};`
      : null;
  },
};

async function buildBench() {
  await build({
    configFile: false,
    root,
    mode: 'production',
    logLevel: 'warn',
    resolve: { alias: { 'webextension-polyfill': join(root, 'bench', 'fake-browser.ts') } },
    // The worker as the Chrome package builds it (src/platform/vocabulary.ts).
    define: { __NETWHY_BROWSER__: JSON.stringify('chrome') },
    plugins: [scriptImportStub],
    build: {
      ssr: true,
      outDir: nodeDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rolldownOptions: {
        input: {
          main: join(root, 'bench', 'main.ts'),
          'engine-child': join(root, 'bench', 'engine.ts'),
          'storm-child': join(root, 'bench', 'storm.ts'),
          'takeover-child': join(root, 'bench', 'takeover.ts'),
        },
        output: { format: 'esm', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
      },
    },
  });
}

/**
 * Scenario (e), the limit (bench/limit-extension/worker.ts): its worker built from netwhy's own modules, minified as
 * the extension's are; its page (page.html) is written by the latency bench from netwhy's served page.
 */
async function buildLimit() {
  await build({
    configFile: false,
    root,
    mode: 'production',
    logLevel: 'warn',
    define: { __NETWHY_BROWSER__: JSON.stringify('chrome') },
    publicDir: false,
    build: {
      outDir: limitDir,
      emptyOutDir: true,
      modulePreload: false,
      target: 'esnext',
      rolldownOptions: {
        input: { worker: join(root, 'bench', 'limit-extension', 'worker.ts') },
        output: { format: 'esm', entryFileNames: '[name].js', codeSplitting: false },
      },
    },
  });
  for (const file of ['manifest.json', 'page.js'])
    copyFileSync(join(root, 'bench', 'limit-extension', file), join(limitDir, file));
  cpSync(join(extDir, 'icons'), join(limitDir, 'icons'), { recursive: true });
}

mkdirSync(cache, { recursive: true });
await buildExtension();
await buildLimit();
await buildBench();
console.log(`bench: built the extension and the benchmark in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const { main } = await import(pathToFileURL(join(nodeDir, 'main.mjs')).href);
const code = await main({
  root,
  extDir,
  limitDir,
  nodeDir,
  composition: join(cache, 'composition.json'),
  argv: process.argv.slice(2),
});
process.exit(code);
