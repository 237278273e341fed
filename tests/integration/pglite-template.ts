/**
 * Integration tests' global setup: one migrated, empty PGlite data folder made once per run and
 * written to a temporary file; every in-memory center of the run starts from it (harness
 * `pgliteBackend`) instead of running initdb and the migrations again. initdb in WASM is most of a
 * PGlite start — 10–25 s on 2 busy cores, where loading the template takes 1–2 s — and with four
 * files starting their centers at once it pushed `beforeAll` hooks past their timeout.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../center/src/db/migrate';
import { dumpPglite, openPglite } from '../../center/src/db/pglite';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated PGlite template's tar file (absent: each center runs initdb itself). */
    pgliteTemplate?: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'pd-pglite-template-'));
  const db = await openPglite(null);
  try {
    await migrate(db);
    const file = join(dir, 'migrated.tar');
    await writeFile(file, new Uint8Array(await (await dumpPglite(db)).arrayBuffer()));
    project.provide('pgliteTemplate', file);
  } finally {
    await db.close();
  }
  return () => rm(dir, { recursive: true, force: true });
}
