// @ts-check
import js from '@eslint/js';
import i18next from 'eslint-plugin-i18next';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Only the Electron shell may import 'electron'; everything else must run in plain Node. */
const electronShell = ['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts'];

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'release', 'coverage', 'test-artifacts'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only the Electron shell files may import electron.' }] }],
    },
  },
  { files: electronShell, rules: { 'no-restricted-imports': 'off' } },
  {
    // Renderer components: hooks used correctly, and every user-visible string through i18n (en + zh-CN).
    files: ['renderer/src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks, i18next },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'i18next/no-literal-string': ['error', { mode: 'jsx-only', 'should-validate-template': true }],
    },
  },
  {
    // Renderer modules (stores, transports, helpers) build messages too. Everywhere else a string is a key, a code or
    // a CSS selector, so only text with a space in it counts as user-visible; and no callee is trusted to hide one
    // (the plugin's default list skips whole addEventListener callbacks, where connection errors are made).
    files: ['renderer/src/**/*.ts'],
    ignores: ['renderer/src/i18n/**'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'all',
          'should-validate-template': true,
          words: { exclude: ['\\S*'] },
          callees: { exclude: ['i18n(ext)?', 't', 'require', 'querySelector(All)?', 'closest', 'matches', 'includes', 'indexOf', 'startsWith', 'endsWith'] },
        },
      ],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
);
