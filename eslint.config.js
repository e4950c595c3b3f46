import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'landsea-data/**',
      'test-output/**',
      'packages/standards/generated/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        performance: 'readonly',
      },
    },
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Invariant: core is pure. It runs in Node and the browser and does no I/O.
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'http', 'https', 'net', 'child_process'],
              message: 'core does no I/O and must run in the browser',
            },
            { group: ['@landsea/*'], message: 'core depends on nothing of ours' },
            { group: ['kysely', 'pg', 'better-sqlite3', 'fastify*', '@fastify/*'] },
          ],
        },
      ],
    },
  },
  {
    // The standards' texts and a validator over them: Node-only, and nothing of ours below it.
    files: ['packages/standards/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@landsea/*'], message: 'standards depends on nothing of ours' }] },
      ],
    },
  },
  {
    files: ['packages/storage/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@landsea/node',
                '@landsea/node/*',
                '@landsea/server',
                '@landsea/cli',
                '@landsea/web',
              ],
            },
          ],
        },
      ],
    },
  },
  {
    // Invariant: storage implements core's ports; above it only the composition roots import it.
    files: ['packages/node/src/**/*.ts'],
    ignores: ['packages/node/src/create-node.ts', 'packages/node/src/ledger/standalone-witness.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@landsea/storage', '@landsea/storage/*'],
              message:
                'depend on core ports; only the composition roots (create-node.ts, standalone-witness.ts) open storage',
            },
            {
              group: ['@landsea/server', '@landsea/cli', '@landsea/web', 'fastify*', '@fastify/*'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/server/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@landsea/storage', '@landsea/storage/*'],
              message: 'routes depend on core ports and @landsea/node use cases, never on storage',
            },
            { group: ['@landsea/cli', '@landsea/web'] },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/cli/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@landsea/storage', '@landsea/storage/*'],
              message:
                'commands reach data through @landsea/node (createNode), never storage itself',
            },
            { group: ['@landsea/web'] },
          ],
        },
      ],
    },
  },
)
