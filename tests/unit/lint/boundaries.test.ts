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
});
