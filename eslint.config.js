import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
    files: [
      'main/core/**/*.ts',
      'main/cli/**/*.ts',
      'main/contract/**/*.ts',
      'main/host/**/*.ts',
      'preload/contract.ts',
      'preload/channels.ts',
      'preload/api.ts',
      'renderer/**/*.{ts,tsx}',
      'test/cidx-server/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only main/electron and preload/index.ts may import Electron.' }],
          patterns: [{ group: ['**/electron/**', 'electron/*'], message: 'No Electron adapters outside main/electron.' }],
        },
      ],
    },
  },
);
