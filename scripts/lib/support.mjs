/**
 * What `npm run demo` and `npm run screenshots` share: building the extension and loading the e2e support modules
 * (test/e2e/support/*.ts: the loopback fault server and the Chromium launcher) straight from their TypeScript.
 *
 * Node 20 cannot run TypeScript, so the support files are loaded through Vite's module runner (`runnerImport`, the
 * same machinery Vite uses for vite.config.ts): one implementation of the fault server and the launcher for the
 * tests, the demo and the screenshots, and no build artifacts to keep in sync.
 */
import { build, runnerImport } from 'vite';
import { URL, fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Builds the Chromium package into `outDir` (relative to the repository root; `dist-*` is git-ignored). A directory
 * of its own, not dist/, so a demo or a screenshot run never swaps files under a test run using dist/.
 */
export async function buildExtension(outDir) {
  const saved = process.env.BROWSER;
  delete process.env.BROWSER; // the Chromium package
  try {
    await build({ root: ROOT, logLevel: 'warn', build: { outDir } });
  } finally {
    if (saved !== undefined) process.env.BROWSER = saved;
  }
}

/** Imports a TypeScript module of the repository (path relative to the root). */
export async function importTs(path) {
  const { module } = await runnerImport(fileURLToPath(new URL(path, `file://${ROOT}`)), {
    configFile: false,
    logLevel: 'error',
    root: ROOT,
  });
  return module;
}

/** The fault server and the Chromium launcher of the e2e suites. */
export async function loadSupport() {
  const [faults, chromium] = await Promise.all([
    importTs('test/e2e/support/fault-server.ts'),
    importTs('test/e2e/support/chromium.ts'),
  ]);
  return { ...faults, ...chromium };
}

/** Resolves when `check()` returns something truthy; polls every 100 ms, gives up after `timeoutMs`. */
export async function until(check, timeoutMs = 20_000, what = 'condition') {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => null);
    if (value) return value;
    if (Date.now() > end) throw new Error(`${what}: not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
