import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'storybook-static/',
      'custom-elements.json',
      'demo/public/',
      '.bench/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'stories/**/*.ts', 'demo/**/*.ts', 'test/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'stories/**/*.ts', 'demo/**/*.ts', 'test/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'stories/**/*.ts', 'demo/**/*.ts'],
    ...litA11y.configs.recommended,
  },
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Class files register nothing: only the define modules call customElements.define.
    files: ['src/**/*.ts'],
    ignores: ['src/define/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='customElements'][callee.property.name='define']",
          message: 'Register tags only in src/define/*.ts.',
        },
      ],
    },
  },
  {
    // Data, snapshot, search and catalog code import no Lit: components get data only through the catalog.
    files: [
      'src/model/**',
      'src/snapshot/**',
      'src/search/**',
      'src/catalog/**',
      'src/store/**',
      'src/util/**',
      'src/cli/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['lit', 'lit/*', '@lit/*', '@lit-labs/*', '**/components/**'],
              message: 'Keep the data layer free of Lit and components.',
            },
          ],
        },
      ],
    },
  },
  {
    // Components get data only through the catalog's public surface (src/catalog/index.ts): nothing
    // from the store, snapshot or search layers, and no catalog internals that may move.
    files: ['src/components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/store',
                '**/store/**',
                '**/snapshot',
                '**/snapshot/**',
                '**/search',
                '**/search/**',
              ],
              message: 'Components import no store, snapshot or search: take it from src/catalog/index.ts.',
            },
            {
              group: ['**/catalog/*', '!**/catalog/index.js'],
              message: 'Components import the catalog through src/catalog/index.ts only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'src/cli/**',
      'bin/**',
      'scripts/**',
      'bench/**',
      'test/support/**',
      'test/**/*.node.test.ts',
      'demo/snapshot-host.ts',
      '*.config.*',
      '.storybook/**',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: { globals: { ...globals.mocha } },
  },
);
