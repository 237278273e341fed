/**
 * Ordered SQL migrations (`migrations/NNN_name.sql`), applied in one transaction under an advisory
 * lock, so two center processes starting at once apply each file exactly once. A file that changed
 * after it was applied stops the start: migrations are append-only.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { Database } from './types';

/**
 * `center/migrations/`, found at run time from where the code runs: the sources
 * (`center/src/db/migrate.ts`) or the compiled bundle (`center/dist/cli.js`); `CENTER_MIGRATIONS_DIR`
 * names another place (an installation that keeps them elsewhere).
 */
export function findMigrationsDir(env: string | undefined = process.env.CENTER_MIGRATIONS_DIR, from: string = import.meta.url): string {
  if (env) return env;
  const candidates = ['../../migrations/', '../migrations/'].map((rel) => fileURLToPath(new URL(rel, from)));
  const found = candidates.find((dir) => existsSync(join(dir, '001_init.sql')));
  if (!found) throw new Error(`the center's migrations are not found (looked in ${candidates.join(', ')}); set CENTER_MIGRATIONS_DIR`);
  return found;
}
/** An arbitrary constant naming the migration lock among the database's advisory locks. */
const MIGRATION_LOCK = 724_613_001;

export interface Migration {
  version: string;
  sql: string;
  checksum: string;
}

export async function loadMigrations(dir = findMigrationsDir()): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((n) => /^\d{3}_[a-z0-9_]+\.sql$/u.test(n)).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name), 'utf8');
      return { version: name.replace(/\.sql$/u, ''), sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

/** Applies the missing migrations; returns the versions applied now. */
export async function migrate(db: Database, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(
      'create table if not exists schema_migrations (version text primary key, checksum text not null, applied_at timestamptz not null default now())',
    );
    const applied = new Map(
      (await tx.query<{ version: string; checksum: string }>('select version, checksum from schema_migrations')).map((r) => [r.version, r.checksum]),
    );
    const done: string[] = [];
    for (const m of all) {
      const sum = applied.get(m.version);
      if (sum !== undefined) {
        if (sum !== m.checksum) throw new Error(`migration ${m.version} changed after it was applied`);
        continue;
      }
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (version, checksum) values ($1, $2)', [m.version, m.checksum]);
      done.push(m.version);
    }
    return done;
  });
}
