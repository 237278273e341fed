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
    const append = "import { eventStore } from '../../core/store';\nexport const f = () => eventStore.append('IncidentResolved', { incident: 'x', resolution: 'y' }, ctx);\ndeclare const ctx: never;\n";
    expect(await adHoc('renderer/features/ledger/probe.ts', append)).toEqual([expect.stringContaining('through a renderer/core command')]);
    expect(await adHoc('renderer/app/probe.tsx', append.replace('../../core/store', '../core/store'))).toEqual([expect.stringContaining('through a renderer/core command')]);
    expect(await adHoc('renderer/core/probe.ts', append.replace('../../core/store', './store'))).toEqual([]);
    expect(await adHoc('renderer/db/probe.ts', 'export const f = (store: { append(): void }) => store.append();\n')).toEqual([]);
    // The Result rule still holds in the screens.
    expect(await adHoc('renderer/features/ledger/probe.ts', "export const r = { ok: false, code: 'x' };\n")).toEqual([expect.stringContaining('return err(refusal)')]);
  });
});

describe('a judgement answers with a Result', () => {
  async function judgement(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: join(root, file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'local/judgement-returns-result').map((m) => m.message);
  }
  const problem = "type LotProblem = { code: 'twice'; memberId: string };\n";

  it('refuses an exported check/judge/verify/validate/decide answering T | null or a Problem[] list, in every source folder', { timeout: 60_000 }, async () => {
    for (const file of ['shared/x/probe.ts', 'renderer/features/voters/probe.ts', 'renderer/core/probe.tsx', 'electron/main/probe.ts', 'center/src/probe.ts']) {
      expect(await judgement(file, `${problem}export function checkLot(ids: string[]): LotProblem[] {\n  return ids.length > 1 ? [{ code: 'twice', memberId: ids[0] ?? '' }] : [];\n}\n`), file).toEqual([
        expect.stringContaining('return Result<T, LotProblem[]>'),
      ]);
      expect(await judgement(file, 'export function checkPacked(value: unknown): { n: number } | null {\n  return typeof value === \'number\' ? { n: value } : null;\n}\n'), file).toEqual([
        expect.stringContaining('not T | null'),
      ]);
    }
    // Through Promise<…>, readonly and Array<…>, a same-file alias, a const arrow; judge/verify/validate/decide alike.
    const forms = [
      `${problem}export async function verifyChains(): Promise<readonly LotProblem[]> { return []; }\n`,
      `${problem}export const validateRows = (): Array<LotProblem> => [];\n`,
      `${problem}type Check = LotProblem[];\nexport function judgeLot(): Check { return []; }\n`,
      "type Refusal = { code: 'x' };\nexport function decideX(): Refusal | undefined { return undefined; }\n",
      `export function checkSomething(n: number) {\n  if (n > 1) return null;\n  return { n };\n}\n`,
    ];
    for (const code of forms) expect(await judgement('shared/x/probe.ts', code), code).toHaveLength(1);
  });

  it('allows a Result, a boolean or a type predicate, a report of findings, and functions that are not judgements', async () => {
    const good = [
      "import { err, ok, type Result } from '../util/result';\ntype LotProblem = { code: 'twice' };\nexport function checkLot(n: number): Result<void, LotProblem[]> {\n  return n > 1 ? err([{ code: 'twice' }]) : ok(undefined);\n}\n",
      "import type { Result } from '../util/result';\nexport async function verifyBundle(): Promise<Result<number | null, { code: 'x' }>> { return { ok: true, value: null }; }\n",
      'export async function verifyText(text: string): Promise<boolean> { return text.length > 0; }\n',
      'export function checkStoredIndex(x: unknown): x is { n: number } { return typeof x === \'object\'; }\n',
      "type BoxFinding = { code: 'seals-broken' };\nexport function judgeBoxes(): BoxFinding[] { return []; }\n",
      'export function parseReply(x: unknown): { n: number } | null { return typeof x === \'number\' ? { n: x } : null; }\n',
      "type LotProblem = { code: 'twice' };\nfunction checkInside(): LotProblem[] { return []; }\nexport const used = checkInside;\n",
      'export function checkLater(xs: number[]) {\n  return xs.map((x) => (x > 1 ? null : x));\n}\n',
    ];
    for (const code of good) expect(await judgement('shared/x/probe.ts', code), code).toEqual([]);
  });
});
