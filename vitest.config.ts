import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Unit tests run the worker's and pages' code with both browsers' vocabularies (src/platform/vocabulary.ts).
  define: { __NETWHY_BROWSER__: JSON.stringify('firefox') },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          setupFiles: ['test/support/english.ts', 'test/support/firefox-vocabulary.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          // Tests that call the engine themselves read its words in English, like the unit tests.
          setupFiles: ['test/support/english.ts', 'test/support/firefox-vocabulary.ts'],
          exclude: ['test/e2e/firefox/**', '**/node_modules/**'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 90_000,
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
      {
        // Real Firefox ESR; runs inside the loopback-only network namespace of scripts/firefox-netns.mjs.
        extends: true,
        test: {
          name: 'firefox',
          include: ['test/e2e/firefox/**/*.e2e.test.ts'],
          setupFiles: ['test/support/english.ts', 'test/support/firefox-vocabulary.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
      {
        // The article's situations with real nginx, Apache, iptables and dnsmasq, in real Chromium; runs inside the
        // namespace of scripts/netns.mjs with a LAN address (npm run test:realworld). See test/realworld/README.md.
        extends: true,
        test: {
          name: 'realworld',
          include: ['test/realworld/chromium/**/*.rw.test.ts'],
          setupFiles: ['test/support/english.ts', 'test/support/firefox-vocabulary.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
      {
        // The same situations in Firefox ESR (npm run test:realworld:firefox).
        extends: true,
        test: {
          name: 'realworld-firefox',
          include: ['test/realworld/firefox/**/*.rw.test.ts'],
          setupFiles: ['test/support/english.ts', 'test/support/firefox-vocabulary.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
    ],
  },
});
