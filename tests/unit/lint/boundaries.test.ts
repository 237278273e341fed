/** The lint rules that keep the process boundaries: run ESLint on probe sources placed in each folder. */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('process boundaries', () => {
  it('keep Node, Electron, Dexie and the DOM out of shared/', async () => {
    expect(await restricted('shared/x/probe.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toHaveLength(1);
    expect(await restricted('shared/x/probe.ts', "import fs from 'fs';\nexport const a = fs;\n")).toHaveLength(1);
    expect(await restricted('shared/x/probe.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await restricted('shared/x/probe.ts', "import Dexie from 'dexie';\nexport const a = Dexie;\n")).toHaveLength(1);
    expect(await restricted('shared/x/probe.ts', 'export const a = window.location;\n')).toHaveLength(1);
    expect(await restricted('shared/x/probe.ts', 'export const a = document.title;\n')).toHaveLength(1);
    expect(await restricted('shared/x/probe.ts', "import { x } from '../../renderer/app/x';\nexport const a = x;\n")).toHaveLength(1);
    expect(await restricted('shared/x/probe.ts', "import { canonicalJson } from '../util/canonical-json';\nexport const a = canonicalJson;\n")).toHaveLength(0);
  });

  it('keep renderer/ and electron/ apart', async () => {
    expect(await restricted('renderer/app/probe.ts', "import { x } from '../../electron/main/x';\nexport const a = x;\n")).toHaveLength(1);
    expect(await restricted('renderer/app/probe.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toHaveLength(1);
    expect(await restricted('renderer/app/probe.ts', "import { join } from 'node:path';\nexport const a = join;\n")).toHaveLength(1);
    expect(await restricted('electron/main/probe.ts', "import { x } from '../../renderer/app/x';\nexport const a = x;\n")).toHaveLength(1);
    expect(await restricted('renderer/app/probe.ts', "import { x } from '../../shared/events/envelope';\nexport const a = x;\n")).toHaveLength(0);
  });

  it('let center/ import shared/ only, and keep the center out of renderer/, electron/ and shared/', async () => {
    expect(await restricted('center/src/probe.ts', "import { x } from '../../renderer/app/x';\nexport const a = x;\n")).toHaveLength(1);
    expect(await restricted('center/src/probe.ts', "import { x } from '../../electron/main/x';\nexport const a = x;\n")).toHaveLength(1);
    expect(await restricted('center/src/probe.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await restricted('center/src/probe.ts', "import Dexie from 'dexie';\nexport const a = Dexie;\n")).toHaveLength(1);
    expect(await restricted('center/src/probe.ts', "import { x } from '../../shared/sync/index';\nimport { join } from 'node:path';\nexport const a = [x, join];\n")).toHaveLength(0);
    expect(await restricted('renderer/sync/probe.ts', "import { x } from '../../center/src/center';\nexport const a = x;\n")).toHaveLength(1);
    expect(await restricted('electron/main/probe.ts', "import { x } from '../../center/src/center';\nexport const a = x;\n")).toHaveLength(1);
    expect(await restricted('shared/sync/probe.ts', "import { x } from '../../center/src/center';\nexport const a = x;\n")).toHaveLength(1);
  });

  it('let only the renderer core import Dexie: screens record through commands and read through query hooks', async () => {
    const dexie = "import Dexie from 'dexie';\nexport const a = Dexie;\n";
    const hooks = "import { useLiveQuery } from 'dexie-react-hooks';\nexport const a = useLiveQuery;\n";
    expect(await restricted('renderer/features/voters/probe.ts', dexie)).toHaveLength(1);
    expect(await restricted('renderer/features/voters/probe.tsx', hooks)).toHaveLength(1);
    expect(await restricted('renderer/app/probe.tsx', hooks)).toHaveLength(1);
    expect(await restricted('renderer/core/probe.ts', dexie)).toHaveLength(0);
    expect(await restricted('renderer/core/probe.ts', hooks)).toHaveLength(0);
    expect(await restricted('renderer/db/probe.ts', dexie)).toHaveLength(0);
    // The core keeps the renderer's other limits.
    expect(await restricted('renderer/core/probe.ts', "import { join } from 'node:path';\nexport const a = join;\n")).toHaveLength(1);
  });

  it('keep each feature folder to itself (one zone per feature); the core, the shared UI and the store import no feature', async () => {
    const zone = async (file: string, code: string) => {
      const [result] = await eslint.lintText(code, { filePath: join(root, file) });
      return (result?.messages ?? []).filter((m) => m.ruleId === 'local/no-restricted-paths').map((m) => m.message);
    };
    expect(await zone('renderer/features/outpremises/probe.tsx', "import { VotersScreen } from '../voters/VotersScreen';\nexport const a = VotersScreen;\n")).toHaveLength(1);
    expect(await zone('renderer/features/voters/import/probe.ts', "export { x } from '../../setup/setup-draft';\n")).toHaveLength(1);
    expect(await zone('renderer/features/protocol/prints/probe.ts', "const m = import('../../ledger/LedgerScreen');\nexport const a = m;\n")).toHaveLength(1);
    expect(await zone('renderer/core/probe.ts', "import { x } from '../features/voters/VotersScreen';\nexport const a = x;\n")).toHaveLength(1);
    expect(await zone('renderer/ui/probe.tsx', "import { x } from '../features/setup/FirstRun';\nexport const a = x;\n")).toHaveLength(1);
    // Its own folder, the core, the shared UI, shared/ and the app's composition are allowed.
    expect(await zone('renderer/features/outpremises/probe.tsx', "import { problemText } from './problem-text';\nimport { useOutPremisesState } from '../../core';\nimport { fullName } from '../../ui/voter-name';\nimport { x } from '../../../shared/outpremises';\nexport const a = [problemText, useOutPremisesState, fullName, x];\n")).toHaveLength(0);
    expect(await zone('renderer/features/voters/import/probe.ts', "import { x } from '../VotersScreen';\nexport const a = x;\n")).toHaveLength(0);
    expect(await zone('renderer/app/probe.tsx', "import { FirstRun } from '../features/setup/FirstRun';\nimport { TrainingSwitch } from '../features/training/TrainingSwitch';\nexport const a = [FirstRun, TrainingSwitch];\n")).toHaveLength(0);
  });

  it('give screens, the app shell, the shared UI and the sync client one way in: the core\'s commands, named hooks and sync store, never the store, the event store or a raw live query', async () => {
    const zone = async (file: string, code: string) => {
      const [result] = await eslint.lintText(code, { filePath: join(root, file) });
      return (result?.messages ?? []).filter((m) => m.ruleId === 'local/no-restricted-paths').map((m) => m.message);
    };
    const store = "import { db, eventStore } from '../../core/store';\nexport const a = [db, eventStore];\n";
    const schema = "import type { VoterListRow } from '../../db/schema';\nexport type A = VoterListRow;\n";
    const projector = "import { readIncidents } from '../../db/projectors';\nexport const a = readIncidents;\n";
    const rawQuery = "import { useQuery } from '../../core/query';\nexport const a = useQuery;\n";
    for (const file of ['renderer/features/voters/probe.tsx', 'renderer/features/sync/probe.ts', 'renderer/sync/x/probe.ts']) {
      expect(await zone(file, store), file).toEqual([expect.stringContaining('the core\'s')]);
      expect(await zone(file, schema), file).toEqual([expect.stringContaining('query hook')]);
      expect(await zone(file, projector), file).toHaveLength(1);
      expect(await zone(file, rawQuery), file).toEqual([expect.stringContaining('named query hook')]);
    }
    expect(await zone('renderer/app/probe.tsx', store.replaceAll('../../', '../'))).toHaveLength(1);
    expect(await zone('renderer/app/backup/probe.ts', store)).toHaveLength(1);
    expect(await zone('renderer/ui/probe.tsx', projector.replaceAll('../../', '../'))).toHaveLength(1);
    // The sync client too: it reads and writes through the core's sync store, never the database.
    expect(await zone('renderer/sync/probe.ts', "import { db, eventStore } from '../core/store';\nexport const a = [db, eventStore];\n")).toHaveLength(1);
    expect(await zone('renderer/sync/probe.ts', "import type { PrecinctDatabase } from '../db/schema';\nexport type A = PrecinctDatabase;\n")).toHaveLength(1);
    expect(await zone('renderer/sync/probe.ts', "import type { EventStore } from '../db/event-store';\nexport type A = EventStore;\n")).toHaveLength(1);
    expect(await zone('renderer/sync/probe.ts', "import type { SyncStore } from '../core/sync-store';\nimport { windowSyncStore } from '../core/device';\nexport const a: SyncStore = windowSyncStore;\n")).toHaveLength(0);
    // The core's index and its command modules are the door; the core itself uses the store.
    expect(await zone('renderer/features/voters/probe.tsx', "import { useVoterStatuses, commands } from '../../core';\nimport { issueCommand } from '../../core/ballots';\nexport const a = [useVoterStatuses, commands, issueCommand];\n")).toHaveLength(0);
    expect(await zone('renderer/core/probe.ts', "import { db } from './store';\nimport { readIncidents } from '../db/projectors';\nexport const a = [db, readIncidents];\n")).toHaveLength(0);
    expect(await zone('renderer/core/probe.ts', "import { db } from './store';\nimport { syncStoreOf } from './sync-store';\nexport const a = [db, syncStoreOf];\n")).toHaveLength(0);
    // Nor raw IndexedDB (the import worker reads and stages through renderer/core/import-store).
    const raw = 'export const a = indexedDB.open(\'x\');\n';
    expect(await restricted('renderer/features/voters/import/probe.worker.ts', raw)).toEqual([expect.stringContaining('Only the renderer core')]);
    expect(await restricted('renderer/sync/probe.ts', raw)).toEqual([expect.stringContaining('Only the renderer core')]);
    expect(await restricted('renderer/core/probe.ts', raw)).toEqual([]);
  });

  it('keep the rules of hooks: top level of a component or hook only, never conditional, in a loop, in a callback or after an early return', async () => {
    const hooks = async (code: string) => {
      const [result] = await eslint.lintText(code, { filePath: join(root, 'renderer/features/voters/probe.tsx') });
      return (result?.messages ?? []).filter((m) => m.ruleId === 'local/rules-of-hooks').map((m) => m.message);
    };
    const head = "import { useState } from 'react';\n";
    expect(await hooks(`${head}export function Card({ on }: { on: boolean }) {\n  if (on) useState(0);\n  return null;\n}\n`)).toEqual([expect.stringContaining('called conditionally')]);
    expect(await hooks(`${head}export function Card({ on }: { on: boolean }) {\n  const a = on && useState(0);\n  return a;\n}\n`)).toEqual([expect.stringContaining('called conditionally')]);
    expect(await hooks(`${head}export function Card({ n }: { n: number }) {\n  for (let i = 0; i < n; i += 1) useState(i);\n  return null;\n}\n`)).toEqual([expect.stringContaining('in a loop')]);
    expect(await hooks(`${head}export function Card() {\n  const f = () => useState(0);\n  return f;\n}\n`)).toEqual([expect.stringContaining('neither a component nor a hook')]);
    expect(await hooks(`${head}export function helper() {\n  return useState(0);\n}\n`)).toEqual([expect.stringContaining('neither a component nor a hook')]);
    expect(await hooks(`${head}export function Card({ on }: { on: boolean }) {\n  if (!on) return null;\n  const [x] = useState(0);\n  return x;\n}\n`)).toEqual([expect.stringContaining('after an early return')]);
    // Allowed: top level of a component, of a hook, of a memo'd component; a condition's test.
    expect(await hooks(`import { memo, useState } from 'react';\nexport function useCount() {\n  return useState(0);\n}\nexport function Card() {\n  const [a] = useState(0);\n  const [b] = useCount();\n  if (a > b) return null;\n  return a;\n}\nexport const Row = memo(function Row() {\n  return useState(1)[0];\n});\n`)).toEqual([]);
  });

  it('list every value an effect, memo or callback reads: a stale one is an error', async () => {
    const deps = async (code: string) => {
      const [result] = await eslint.lintText(code, { filePath: join(root, 'renderer/features/voters/probe.tsx') });
      return (result?.messages ?? []).filter((m) => m.ruleId === 'react-hooks/exhaustive-deps').map((m) => `${m.severity}:${m.message}`);
    };
    const head = "import { useCallback, useEffect, useMemo } from 'react';\n";
    expect(await deps(`${head}export function Card({ id }: { id: string }) {\n  useEffect(() => { document.title = id; }, []);\n  return null;\n}\n`)).toEqual([expect.stringMatching(/^2:.*missing dependency: 'id'/u)]);
    expect(await deps(`${head}export function Card({ n }: { n: number }) {\n  const f = useCallback(() => n + 1, []);\n  return f();\n}\n`)).toEqual([expect.stringMatching(/^2:.*missing dependency: 'n'/u)]);
    expect(await deps(`${head}export function Card({ n }: { n: number }) {\n  const a = useMemo(() => n * 2, [n]);\n  useEffect(() => { document.title = String(a); }, [a]);\n  return a;\n}\n`)).toEqual([]);
  });
});
