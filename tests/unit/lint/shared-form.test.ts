/** The lint rule that keeps every form of the app on the shared Form (renderer/ui/form.tsx, issue 21). */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

const raw = "export function F() {\n  return <form onSubmit={(e) => e.preventDefault()}><input /></form>;\n}\n";
const shared = "import { Form } from '../../ui/form';\nexport function F() {\n  return <Form onSubmit={() => 'done'}><input /></Form>;\n}\n";

describe('every form on the shared Form', () => {
  it('refuses a bare <form> on a screen, in app/ and in ui/', { timeout: 60_000 }, async () => {
    for (const file of ['renderer/features/ledger/probe.tsx', 'renderer/app/backup/probe.tsx', 'renderer/ui/probe.tsx']) {
      expect(await restricted(file, raw), file).toEqual([expect.stringContaining('Use the shared Form')]);
    }
  });

  it('allows the shared Form, and the one <form> inside it', async () => {
    expect(await restricted('renderer/features/ledger/probe.tsx', shared)).toEqual([]);
    expect(await restricted('renderer/ui/form.tsx', raw)).toEqual([]);
  });

  it('keeps the other renderer rules beside it', async () => {
    const append = "import { eventStore } from '../../core/store';\nexport const f = () => eventStore.append('IncidentResolved', {}, ctx);\ndeclare const ctx: never;\n";
    expect(await restricted('renderer/ui/form.tsx', append)).toEqual([expect.stringContaining('through a renderer/core command')]);
  });
});
