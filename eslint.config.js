import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist-*/', 'node_modules/', 'test-results/', 'bench/results/', 'docs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Data from pages, URLs and storage must never become markup.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Never write HTML from data: build nodes or use text.' },
        { property: 'outerHTML', message: 'Never write HTML from data: build nodes or use text.' },
        { property: 'insertAdjacentHTML', message: 'Never write HTML from data: build nodes or use text.' },
        // A focused test silently skips every other one: never commit it (test/run-all.mjs also passes --allowOnly=false).
        ...['it', 'test', 'describe', 'suite'].map((object) => ({
          object,
          property: 'only',
          message: 'No .only: it skips every other test.',
        })),
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never render HTML from data.' },
        {
          selector: "CallExpression[callee.property.name='write'][callee.object.name='document']",
          message: 'No document.write.',
        },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  // Layers (docs/architecture.md): engine (pure) ← shared (pure app model) ← platform (browser adapters) ←
  // background (the worker). Pages and the page script render what the worker sends: they import shared, platform
  // and their own components; from the engine only types and the translator (the catalogue page excepted: it shows
  // the error taxonomy itself). test/unit/tooling/layers.test.ts proves a wrong import fails.
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      // The engine is pure: it runs in Node, benchmarks and tests.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['webextension-polyfill', 'preact', 'preact/*'], message: 'The engine uses no browser or UI.' },
            {
              group: ['**/shared/**', '**/platform/**', '**/background/**', '**/pages/**', '**/content/**'],
              message: 'The engine is the lowest layer: it imports nothing of the app.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'chrome', 'browser', 'window', 'document', 'navigator'],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['webextension-polyfill', 'preact', 'preact/*'], message: 'shared is pure: no browser, no UI.' },
            {
              group: ['**/platform/**', '**/background/**', '**/pages/**', '**/content/**'],
              message: 'shared imports only the engine.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'chrome', 'browser', 'window', 'document', 'navigator'],
    },
  },
  {
    files: ['src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/background/**', '**/pages/**', '**/content/**'],
              message: 'platform adapts the browser; it imports engine and shared only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/background/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/pages/**', '**/content/**'], message: 'The worker does not import pages.' }] },
      ],
    },
  },
  {
    files: ['src/pages/**/*.{ts,tsx}', 'src/content/**/*.ts'],
    ignores: ['src/pages/catalogue/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // The translator, and the Retry-After parser the watch loop shares with the rules (1 KB, no rule text).
              group: ['**/engine/**', '!**/engine/i18n', '!**/engine/retry-after'],
              allowTypeImports: true,
              message: 'Pages render the diagnosis the worker sends: types only from the engine (and its translator).',
            },
            { group: ['**/background/**'], message: 'Pages ask the worker by message; they do not import it.' },
            {
              group: ['webextension-polyfill', '**/platform/polyfill'],
              message: "Pages call the browser's own API (platform/browser): the polyfill is the worker's.",
            },
          ],
        },
      ],
    },
  },
  {
    // Classic scripts copied as they are into the package.
    files: ['public/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        document: 'readonly',
        location: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        browser: 'readonly',
        chrome: 'readonly',
      },
    },
  },
  {
    files: ['scripts/**/*.mjs', 'test/**/*.mjs', 'bench/**/*.mjs', '.ci/**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly' },
    },
  },
);
