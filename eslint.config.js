// Flat config. Process boundaries are enforced here: shared/ is pure domain code (no DOM, Node or
// Electron), renderer/ never imports electron/ and electron/ never imports renderer/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { readdirSync } from 'node:fs';
import noRestrictedPaths from './eslint-rules/no-restricted-paths.js';
import rulesOfHooks from './eslint-rules/rules-of-hooks.js';
import reactHooks from 'eslint-plugin-react-hooks';
import judgementReturnsResult from './eslint-rules/judgement-returns-result.js';

// The project's own rules, one plugin object (flat config needs the same object wherever it is named).
const local = { rules: { 'no-restricted-paths': noRestrictedPaths, 'rules-of-hooks': rulesOfHooks, 'judgement-returns-result': judgementReturnsResult } };

// One zone per feature folder (as abacus's frontend does): a feature imports nothing of another
// feature; what two features share lives in renderer/core (commands, queries) or renderer/ui. The
// core and the shared UI import no feature; only renderer/app composes them.
const FEATURES = readdirSync(new URL('./renderer/features', import.meta.url), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const featureZones = [
  ...FEATURES.map((name) => ({
    target: `renderer/features/${name}`,
    from: 'renderer/features',
    except: [name],
    message: `features/${name} imports no other feature: share through renderer/core or renderer/ui.`,
  })),
  { target: 'renderer/core', from: 'renderer/features', message: 'the core knows no feature.' },
  { target: 'renderer/ui', from: 'renderer/features', message: 'shared UI knows no feature.' },
  { target: 'renderer/db', from: 'renderer/features', message: 'the store knows no feature.' },
  // One way in: screens, the app shell, the shared UI and the sync client read and record through
  // renderer/core's named commands, query hooks and the sync store (renderer/core/sync-store.ts),
  // never the database, the event store or a raw live query.
  ...['renderer/features', 'renderer/app', 'renderer/ui', 'renderer/sync'].flatMap((target) => [
    { target, from: 'renderer/db', message: 'the store is the core\'s: read through a renderer/core query hook or read function.' },
    { target, from: 'renderer/core/store', message: 'the window\'s database and event store are the core\'s: use a renderer/core command, query hook or read function.' },
    { target, from: 'renderer/core/query', message: 'a raw live query reads Dexie tables: use (or add) a named query hook in renderer/core.' },
  ]),
];

// Exact module names (not patterns: a pattern like `events/*` would also match `../events/x`).
const nodeBuiltinNames = [
  'fs', 'fs/promises', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util',
  'stream', 'worker_threads', 'zlib', 'events', 'buffer', 'process', 'module', 'readline',
];
const nodeBuiltinPaths = (message) => nodeBuiltinNames.map((name) => ({ name, message }));

/** The renderer's import limits; only renderer/core and renderer/db may import Dexie. */
const EXCELJS_MESSAGE = 'XLSX is read by renderer/features/voters/import/read-xlsx.ts, streaming: exceljs (≈1 MB, ≈600 MB of cell objects for a 100,000-row list) is for tests and the bench only.';

function rendererImports({ dexie }) {
  const dexieMessage = 'Only the renderer core (renderer/core, renderer/db) imports Dexie: record through a core command, read through a core query hook.';
  return ['error', {
    paths: [
      { name: 'electron', message: 'The renderer talks to Electron only through renderer/platform (the preload API).' },
      { name: 'exceljs', message: EXCELJS_MESSAGE },
      ...nodeBuiltinPaths('renderer/ runs in a browser: no Node built-ins.'),
      ...(dexie ? [] : [{ name: 'dexie', message: dexieMessage }, { name: 'dexie-react-hooks', message: dexieMessage }]),
    ],
    patterns: [
      { group: ['**/electron/**'], message: 'renderer/ never imports electron/.' },
      { group: ['**/center/**'], message: 'renderer/ talks to the center over HTTP only (renderer/sync).' },
      { group: ['node:*'], message: 'renderer/ runs in a browser: no Node built-ins.' },
    ],
  }];
}

const RESULT_MESSAGE = "A refusal is a Result: return err(refusal) and type it Result<T, E> (shared/util/result.ts), not an ad-hoc { ok: false } shape.";
/** …nor loaded on demand (no-restricted-imports does not see `import('exceljs')`). */
const EXCELJS_SYNTAX = { selector: "ImportExpression[source.value='exceljs']", message: EXCELJS_MESSAGE };
const RESULT_SYNTAX = [
  { selector: "ObjectExpression > Property[key.name='ok'][value.type='Literal'][value.value=false]", message: RESULT_MESSAGE },
  { selector: "TSPropertySignature[key.name='ok'] > TSTypeAnnotation > TSLiteralType > Literal[value=false]", message: RESULT_MESSAGE },
];

/** Screens record facts through core commands only (renderer/, outside core and db). */
const ONE_DOOR_SYNTAX = { selector: "CallExpression[callee.property.name='append'][callee.object.name=/[sS]tore$/]", message: 'Record a fact through a renderer/core command (commands.execute, recordFact, …), never by appending to the event store.' };
/**
 * Screens read the app's clock (renderer/app/clock.ts `appNow`/`useNow`): in training the trainer
 * moves it, and what a screen says was recorded "at" must be the time the command stored.
 */
const APP_CLOCK_SYNTAX = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Screens read the app's clock: new Date(appNow()) or useNow() (renderer/app/clock.ts), not the computer's." },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "Screens read the app's clock: appNow() or useNow() (renderer/app/clock.ts), not the computer's." },
];
/** Every form is the shared Form (WCAG 3.3.1): it marks invalid fields and moves the focus to the first error. */
const SHARED_FORM_SYNTAX = { selector: "JSXOpeningElement[name.name='form']", message: 'Use the shared Form and FormField (renderer/ui/form.tsx): they mark invalid fields and move the focus to the first error.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', '.tsbuild/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'center/node_modules/**', 'center/dist/**', 'center/.test-cli/**'] },
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
          { name: 'exceljs', message: EXCELJS_MESSAGE },
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
    plugins: { local, 'react-hooks': reactHooks },
    rules: {
      'no-restricted-imports': rendererImports({ dexie: false }),
      'local/no-restricted-paths': ['error', { zones: featureZones }],
      'local/rules-of-hooks': 'error',
      // An effect, memo or callback that reads a value it does not list runs with a stale one.
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // …nor raw IndexedDB: a worker's way into the store lives in the core too (core/import-store.ts).
    files: ['renderer/features/**/*.{ts,tsx}', 'renderer/app/**/*.{ts,tsx}', 'renderer/ui/**/*.{ts,tsx}', 'renderer/sync/**/*.{ts,tsx}'],
    rules: { 'no-restricted-globals': ['error', { name: 'indexedDB', message: 'Only the renderer core touches the store: read or write through renderer/core.' }] },
  },
  {
    // The renderer's core (commands and query hooks) and its store are the only code that touches Dexie.
    files: ['renderer/core/**/*.{ts,tsx}', 'renderer/db/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': rendererImports({ dexie: true }) },
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
    // The center's dashboard page (center/web, built by Vite): browser code, of the project's folders
    // it imports shared/ and locales/ only (the center's API is reached over HTTP).
    files: ['center/web/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'react', message: 'the dashboard page is plain DOM.' }, ...nodeBuiltinPaths('center/web runs in a browser: no Node built-ins.')],
        patterns: [
          { group: ['node:*'], message: 'center/web runs in a browser: no Node built-ins.' },
          { group: ['**/renderer/**', '**/electron/**', '**/tests/**', '**/bench/**', '**/src/**'], message: 'center/web imports shared/ and locales/ only; it reaches the center over HTTP.' },
        ],
      }],
      'no-restricted-globals': ['error', 'process', 'require', '__dirname', 'Buffer'],
    },
  },
  {
    // One Result shape for refusals (shared/util/result.ts): a refusal is made with err(), never by an
    // ad-hoc `{ ok: false, … }` object or a `{ ok: false; … }` type of its own.
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}', 'electron/**/*.ts', 'center/src/**/*.ts', 'center/web/**/*.ts'],
    ignores: ['shared/util/result.ts'],
    plugins: { local },
    rules: {
      'no-restricted-syntax': ['error', ...RESULT_SYNTAX, EXCELJS_SYNTAX],
      // …and an exported check*/judge*/verify*/validate*/decide* answers with a Result, not T | null or a Problem[] list.
      'local/judgement-returns-result': 'error',
    },
  },
  {
    // Screens record facts through core commands only: no event is appended outside renderer/core and renderer/db.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/core/**', 'renderer/db/**'],
    rules: {
      'no-restricted-syntax': ['error', ...RESULT_SYNTAX, EXCELJS_SYNTAX, ONE_DOOR_SYNTAX, SHARED_FORM_SYNTAX],
    },
  },
  {
    // Screens tell times by the app's clock, never the computer's.
    files: ['renderer/features/**/*.{ts,tsx}'],
    ignores: ['renderer/features/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': ['error', ...RESULT_SYNTAX, EXCELJS_SYNTAX, ONE_DOOR_SYNTAX, SHARED_FORM_SYNTAX, ...APP_CLOCK_SYNTAX],
    },
  },
  {
    // The shared Form itself renders the one <form>.
    files: ['renderer/ui/form.tsx'],
    rules: { 'no-restricted-syntax': ['error', ...RESULT_SYNTAX, EXCELJS_SYNTAX, ONE_DOOR_SYNTAX] },
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'bench/**/*.{ts,mjs}', 'scripts/**/*.{js,mjs}', 'eslint-rules/**/*.js', '*.config.{ts,js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { 'no-console': 'off' },
  },
);
