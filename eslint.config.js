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
        ...['it', 'test', 'describe', 'suite'].map((object) => ({ object, property: 'only', message: 'No .only: it skips every other test.' })),
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never render HTML from data.' },
        { selector: "CallExpression[callee.property.name='write'][callee.object.name='document']", message: 'No document.write.' },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      // The engine is pure: it runs in Node, benchmarks and tests.
      'no-restricted-imports': ['error', { patterns: ['webextension-polyfill', '**/platform/**', '**/background/**', '**/pages/**', 'preact', 'preact/*'] }],
      'no-restricted-globals': ['error', 'chrome', 'browser', 'window', 'document', 'navigator'],
    },
  },
  {
    // Classic scripts copied as they are into the package.
    files: ['public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { document: 'readonly', location: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', browser: 'readonly', chrome: 'readonly' } },
  },
  {
    files: ['scripts/**/*.mjs', 'test/**/*.mjs', 'bench/**/*.mjs', '.ci/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly' } },
  },
);
