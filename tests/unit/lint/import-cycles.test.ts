/** No import cycles: the run-time import graph of every source folder is acyclic. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, importsOf } from '../../support/import-graph';

const root = join(__dirname, '../../..');

describe('import cycles', () => {
  it('none in renderer/, shared/, center/ and electron/', () => {
    const graph = importGraph(root, ['renderer', 'shared', 'center/src', 'electron']);
    expect(graph.size).toBeGreaterThan(200);
    expect(importCycles(graph)).toEqual([]);
  });

  it('fires on a cycle through files on disk (a screen and its panel importing each other), not on type-only imports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cycles-'));
    mkdirSync(join(dir, 'features/outpremises'), { recursive: true });
    writeFileSync(join(dir, 'features/outpremises/RegisterScreen.tsx'), "import { TeamsPanel } from './TeamsPanel';\nexport const useRegister = () => TeamsPanel;\n");
    writeFileSync(join(dir, 'features/outpremises/TeamsPanel.tsx'), "import {\n  useRegister,\n} from './RegisterScreen';\nexport const TeamsPanel = useRegister;\n");
    writeFileSync(join(dir, 'features/outpremises/a.ts'), "import type { B } from './b';\nexport type A = B;\n");
    writeFileSync(join(dir, 'features/outpremises/b.ts'), "import type { A } from './a';\nexport type B = A | 1;\n");
    expect(importCycles(importGraph(dir, ['features']))).toEqual([['features/outpremises/RegisterScreen.tsx', 'features/outpremises/TeamsPanel.tsx']]);
  });

  it('follows longer cycles and re-exports', () => {
    expect(importCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
    expect(importsOf("export { x } from './x';\nexport * from './y';\nimport './side';\nconst z = import('./lazy');\nimport { q } from 'pkg';\n")).toEqual(['./x', './y', './side', './lazy']);
  });
});
