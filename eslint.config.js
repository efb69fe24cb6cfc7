// @ts-check
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['**/dist/', 'docs/api/', '**/node_modules/', '**/coverage/', '**/bench/results/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // Procedure definitions come from outside; nothing may turn their strings into code, and
      // pages may run under a strict CSP that forbids it anyway.
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Code that runs in Node: tooling, Node-side compiler, Node tests, root config files.
    files: [
      'scripts/**',
      '.ci/**',
      '*.{js,mjs,cjs}',
      'packages/*/scripts/**',
      'packages/*/src/compiler/**',
      'packages/*/test/**',
      'examples/*/scripts/**',
    ],
    ignores: ['**/*.browser.test.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['packages/*/test/**/*.browser.test.ts'],
    languageOptions: { globals: globals.browser },
  },
  {
    // The example pages' own modules, loaded by the browser as they are.
    files: ['examples/*/*.js'],
    languageOptions: { globals: globals.browser },
  },
);
