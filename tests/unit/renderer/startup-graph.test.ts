/**
 * What a reload fetches, compiles and runs before the desk answers (issue 19, desk.open): the
 * modules the app's start (renderer/boot.tsx) imports statically, followed through every static
 * import (`import()` is left out: loaded when first needed). Modules the desk's start has no use for
 * must not be among them: each costs the window its fetch, its compile and the run of its top level
 * (zod schemas are built there) on every reload.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

/** The project files `file` imports statically (type-only imports and `import()` left out). */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gmu)) {
    if (m[1] || !m[2]!.startsWith('.')) continue;
    const base = join(dirname(file), m[2]!);
    const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find((p) => existsSync(p) && /\.(ts|tsx)$/u.test(p));
    if (found) out.push(found);
  }
  return out;
}

function graph(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [join(ROOT, entry)];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    todo.push(...staticImports(file));
  }
  return new Set([...seen].map((f) => relative(ROOT, f)));
}

describe("the app's start (boot.tsx and what it imports statically)", () => {
  const start = graph('renderer/boot.tsx');

  it('is followed (the walk finds the desk and the list it opens)', () => {
    expect(start).toContain('renderer/features/voters/VotersScreen.tsx');
    expect(start).toContain('renderer/core/list-open.ts');
  });

  it.each([
    // The import worker's client (and with it its message schemas, shared/voters/import-protocol.ts:
    // ~15 ms of zod schemas built at a reload's start, profiled): an import or a backup loads it.
    'renderer/features/voters/import/import-client.ts',
    'renderer/app/backup/backup-actions.ts',
    // Training's scenarios, room, handouts and the demo election: loaded in training, when shown.
    'renderer/features/training/ScenariosPanel.tsx',
    'renderer/features/training/room-loop.ts',
    'renderer/features/training/HandoutPrintPage.tsx',
    'shared/training/scenarios/catalog.ts',
    'shared/election/demo.ts',
  ])('leaves out %s', (file) => {
    expect(start).not.toContain(file);
  });
});
