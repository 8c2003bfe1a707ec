// Lint rules, including the import boundaries of ../shared/docs/architecture.md:
//   renderer/   may import only analytics/api (never electron, node built-ins, DuckDB)
//   analytics/  never imports electron/ or renderer/ or the 'electron' module
//   analytics/api/ stays browser-safe (no node built-ins, no DuckDB)
//   only electron/ imports 'electron'
// tests/integration/lint-boundaries.test.ts proves the rule fires on a wrong import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'stream',
  'worker_threads',
  'url',
  'util',
  'events',
  'zlib',
  'readline',
  'buffer',
  'process',
  'module',
  'dns',
  'tls',
  'v8',
  'vm',
];

const noElectron = { name: 'electron', message: "Only electron/ may import 'electron'." };
const nodeBuiltinPaths = NODE_BUILTINS.map((name) => ({
  name,
  message: 'Browser-safe code must not use Node built-ins.',
}));
const nodeProtocol = { regex: '^node:', message: 'Browser-safe code must not use Node built-ins.' };
const noDuckdb = { regex: '^@duckdb/', message: 'DuckDB lives in analytics/engine, behind the contract.' };

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.tmp/', 'tests/fixtures/lint/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [noElectron] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...nodeBuiltinPaths],
          patterns: [
            nodeProtocol,
            noDuckdb,
            {
              regex: '(^|/)analytics/(?!api(/|$))',
              message:
                'The renderer may import only analytics/api; everything else goes through window.analyst.',
            },
            { regex: '(^|/)electron/', message: 'The renderer must not import the desktop shell.' },
          ],
        },
      ],
    },
  },
  {
    files: ['analytics/**/*.ts'],
    ignores: ['analytics/api/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, { name: 'react', message: 'analytics has no UI.' }],
          patterns: [
            {
              regex: '(^|/)(renderer|electron)/',
              message: 'analytics never imports the renderer or the shell.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['analytics/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...nodeBuiltinPaths, { name: 'react', message: 'analytics has no UI.' }],
          patterns: [
            nodeProtocol,
            noDuckdb,
            {
              regex: '(^|/)(renderer|electron)/',
              message: 'analytics never imports the renderer or the shell.',
            },
            {
              regex: '^\\.\\./(?!api/)',
              message: 'analytics/api is the leaf of the contract: it imports nothing else.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
