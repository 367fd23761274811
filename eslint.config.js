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
    files: ['main/core/**/*.ts', 'main/cli/**/*.ts', 'test/cidx-server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'main/core, the CLI and the double must not depend on Electron.' }],
          patterns: [{ group: ['**/electron/**', 'electron/*'], message: 'No Electron adapters outside main/electron.' }],
        },
      ],
    },
  },
);
