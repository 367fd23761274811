import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Who may import whom: the architecture, enforced (README, "Architecture"). */
const NO_ELECTRON = {
  paths: [{ name: 'electron', message: 'Only main/electron and preload/index.ts may import Electron.' }],
  patterns: [
    { group: ['**/electron/**', 'electron/*'], message: 'No Electron adapters outside main/electron.' },
  ],
};
const NO_TEST = {
  group: ['**/test/**'],
  message: 'Shipped code never imports test code (the CIDX double, fixtures); launchers in scripts/ may.',
};
const NO_RENDERER = {
  group: ['**/renderer/**'],
  message: 'main/ never imports the renderer: shapes both sides use live in the contract (preload/).',
};
const NO_MAIN = {
  group: ['**/main/**'],
  message: 'The renderer imports nothing from main/: use the contract (preload/views.ts, contract.ts).',
};
const restrict = (...patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'coverage/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The core is the product's brain: pure TypeScript, runnable by every host (design.md).
    files: ['main/core/**/*.ts', 'main/cli/**/*.ts', 'main/contract/**/*.ts', 'main/host/**/*.ts'],
    ignores: ['main/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { ...NO_ELECTRON, patterns: [...NO_ELECTRON.patterns, NO_TEST, NO_RENDERER] },
      ],
    },
  },
  {
    files: ['main/electron/**/*.ts', 'main/desktop-notifications/**/*.ts'],
    ignores: ['main/**/*.test.ts'],
    rules: { 'no-restricted-imports': restrict(NO_TEST, NO_RENDERER) },
  },
  {
    // The contract: shapes and schemas of its own; the core's domain types as types only.
    files: ['preload/**/*.ts'],
    ignores: ['preload/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { ...NO_ELECTRON, patterns: [...NO_ELECTRON.patterns, NO_TEST, NO_RENDERER] },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              ...NO_MAIN,
              message: 'The contract may name the core’s types, never load its code.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/index.ts'],
    rules: { 'no-restricted-imports': restrict(NO_TEST, NO_RENDERER, NO_MAIN) },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { ...NO_ELECTRON, patterns: [...NO_ELECTRON.patterns, NO_TEST, NO_MAIN] },
      ],
    },
  },
  {
    files: ['test/cidx-server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', NO_ELECTRON] },
  },
);
