/** The lint rule that keeps one Result shape for refusals: probe sources in each source folder. */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function adHoc(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('one Result shape for refusals', () => {
  const literal = "export function f(n: number) {\n  if (n < 0) return { ok: false, code: 'negative' };\n  return { ok: true, n };\n}\n";
  const typed = "export type R = { ok: true; n: number } | { ok: false; problems: string[] };\n";

  // The first lint of a run loads typescript-eslint: slow on a busy machine.
  it('refuses an ad-hoc { ok: false } object or type in shared/, renderer/, electron/ and center/', { timeout: 60_000 }, async () => {
    for (const file of ['shared/x/probe.ts', 'renderer/features/voters/probe.ts', 'renderer/core/probe.tsx', 'electron/main/probe.ts', 'center/src/probe.ts']) {
      expect(await adHoc(file, literal), file).toEqual([expect.stringContaining('return err(refusal)')]);
      expect(await adHoc(file, typed), file).toEqual([expect.stringContaining('Result<T, E>')]);
    }
  });

  it('allows err()/ok() and Result<T, E>, and the one definition in shared/util/result.ts', async () => {
    const good =
      "import { err, ok, type Result } from '../util/result';\n" +
      "export function f(n: number): Result<number, { code: 'negative' }> {\n  return n < 0 ? err({ code: 'negative' }) : ok(n);\n}\n" +
      'export const healthy = { ok: true, mode: 1 };\n';
    expect(await adHoc('shared/x/probe.ts', good)).toEqual([]);
    expect(await adHoc('shared/util/result.ts', "export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };\nexport const err = <E>(error: E) => ({ ok: false, error });\n")).toEqual([]);
  });
});

describe('one door for facts', () => {
  it('refuses appending to the event store outside renderer/core and renderer/db', { timeout: 60_000 }, async () => {
    const append = "import { eventStore } from '../../app/store';\nexport const f = () => eventStore.append('IncidentResolved', { incident: 'x', resolution: 'y' }, ctx);\ndeclare const ctx: never;\n";
    expect(await adHoc('renderer/features/ledger/probe.ts', append)).toEqual([expect.stringContaining('through a renderer/core command')]);
    expect(await adHoc('renderer/app/probe.tsx', append.replace('../../app/store', './store'))).toEqual([expect.stringContaining('through a renderer/core command')]);
    expect(await adHoc('renderer/core/probe.ts', append.replace('../../app/store', '../app/store'))).toEqual([]);
    expect(await adHoc('renderer/db/probe.ts', 'export const f = (store: { append(): void }) => store.append();\n')).toEqual([]);
    // The Result rule still holds in the screens.
    expect(await adHoc('renderer/features/ledger/probe.ts', "export const r = { ok: false, code: 'x' };\n")).toEqual([expect.stringContaining('return err(refusal)')]);
  });
});
