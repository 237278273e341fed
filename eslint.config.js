// Flat config. Process boundaries are enforced here: shared/ is pure domain code (no DOM, Node or
// Electron), renderer/ never imports electron/ and electron/ never imports renderer/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Exact module names (not patterns: a pattern like `events/*` would also match `../events/x`).
const nodeBuiltinNames = [
  'fs', 'fs/promises', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util',
  'stream', 'worker_threads', 'zlib', 'events', 'buffer', 'process', 'module', 'readline',
];
const nodeBuiltinPaths = (message) => nodeBuiltinNames.map((name) => ({ name, message }));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', '.tsbuild/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'center/node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { crypto: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', Intl: 'readonly' } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'shared/ is pure domain code: no Electron.' },
          { name: 'dexie', message: 'shared/ is pure: Dexie lives in renderer/db.' },
          { name: 'react', message: 'shared/ is pure: no UI.' },
          ...nodeBuiltinPaths('shared/ is pure domain code: no Node built-ins.'),
        ],
        patterns: [
          { group: ['node:*'], message: 'shared/ is pure domain code: no Node built-ins.' },
          { group: ['**/renderer/**', '**/electron/**', '**/center/**'], message: 'shared/ imports nothing of the other folders.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'indexedDB', 'process', 'require', '__dirname'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'The renderer talks to Electron only through renderer/platform (the preload API).' },
          ...nodeBuiltinPaths('renderer/ runs in a browser: no Node built-ins.'),
        ],
        patterns: [
          { group: ['**/electron/**'], message: 'renderer/ never imports electron/.' },
          { group: ['**/center/**'], message: 'renderer/ talks to the center over HTTP only (renderer/sync).' },
          { group: ['node:*'], message: 'renderer/ runs in a browser: no Node built-ins.' },
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/renderer/**'], message: 'electron/ never imports renderer/.' },
          { group: ['**/center/**'], message: 'electron/ never imports center/ (it runs it as a separate process).' },
        ],
      }],
    },
  },
  {
    // The sync server: Node only, and of the project's folders it may import shared/ only.
    files: ['center/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'center/ is a Node server: no Electron.' },
          { name: 'dexie', message: 'center/ stores in PostgreSQL/PGlite, not Dexie.' },
          { name: 'react', message: 'center/ has no React UI.' },
        ],
        patterns: [
          { group: ['**/renderer/**', '**/electron/**', '**/tests/**', '**/bench/**'], message: 'center/ may import shared/ only.' },
        ],
      }],
    },
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'bench/**/*.{ts,mjs}', 'scripts/**/*.{js,mjs}', '*.config.{ts,js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { 'no-console': 'off' },
  },
);
