/**
 * Screens tell times by the app's clock (renderer/app/clock.ts): in training the trainer moves it,
 * and a screen saying "recorded at" from the computer's clock told another time than the event's
 * (the opening's drawing of lots did). The rule that keeps them to it, and the rules beside it.
 */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe("screens on the app's clock", () => {
  it("refuses the computer's clock on a screen", { timeout: 60_000 }, async () => {
    expect(await restricted('renderer/features/opening/probe.tsx', 'export const at = () => new Date().toISOString();\n')).toEqual([expect.stringContaining("app's clock")]);
    expect(await restricted('renderer/features/ledger/probe.ts', 'export const at = () => Date.now();\n')).toEqual([expect.stringContaining("app's clock")]);
  });

  it("allows the app's clock and dates made from a value", async () => {
    const ok = "import { appNow } from '../../app/clock';\nexport const at = () => new Date(appNow());\nexport const day = (iso: string) => new Date(iso);\n";
    expect(await restricted('renderer/features/opening/probe.ts', ok)).toEqual([]);
  });

  it('keeps the screens’ other rules beside it', async () => {
    expect(await restricted('renderer/features/ledger/probe.tsx', 'export function F() {\n  return <form><input /></form>;\n}\n')).toEqual([expect.stringContaining('Use the shared Form')]);
    const append = "import { eventStore } from '../../core/store';\nexport const f = () => eventStore.append('IncidentResolved', {}, ctx);\ndeclare const ctx: never;\n";
    expect(await restricted('renderer/features/ledger/probe.ts', append)).toEqual([expect.stringContaining('through a renderer/core command')]);
  });

});
