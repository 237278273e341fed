/**
 * What the center reads of an election's current bundle (the rest, voter lists included, is
 * skipped), parsed once per bundle version and hash and kept per process.
 */
import { z } from 'zod';
import { candidateSchema, electionSchema, timeZoneSchema } from '../../shared/election/model';
import type { Queryable } from './db/types';

const bundleViewSchema = z
  .object({
    election: electionSchema,
    candidates: z.array(candidateSchema).default([]),
    againstAll: z.boolean().default(false),
    protocolForm: z.unknown().optional(),
    precincts: z.array(
      z
        .object({
          number: z.number().int(),
          timeZone: timeZoneSchema,
          voterCount: z.number().int().nullable().default(null),
          // The commission's members, to name who entered a figure the dashboard shows (not their ids).
          members: z.array(z.object({ id: z.string(), name: z.string() }).loose()).default([]),
        })
        .loose(),
    ),
  })
  .loose();

export type BundleView = z.infer<typeof bundleViewSchema>;

/** Parsed views of current bundles by content hash: a bundle with voter lists is large to re-read. */
const viewCache = new Map<string, BundleView | null>();

/** The key of an election's current bundle (`version:hash`), as SQL giving one text column. */
export const CURRENT_BUNDLE_KEY_SQL = (electionParam: string) =>
  `(select bundle_version::text || ':' || bundle_hash from bundles where election_id = ${electionParam} order by bundle_version desc limit 1)`;

/** The view of the bundle `key` (`version:hash`, from CURRENT_BUNDLE_KEY_SQL); null without one. */
export async function bundleViewByKey(db: Queryable, electionId: string, key: string | null): Promise<BundleView | null> {
  if (key === null) return null;
  const cacheKey = `${electionId}:${key}`;
  if (viewCache.has(cacheKey)) return viewCache.get(cacheKey) ?? null;
  const version = Number(key.slice(0, key.indexOf(':')));
  const row = (await db.query<{ body: string }>('select body from bundles where election_id = $1 and bundle_version = $2', [electionId, version]))[0];
  const parsed = row ? bundleViewSchema.safeParse(JSON.parse(row.body)) : null;
  const view = parsed?.success ? parsed.data : null;
  if (viewCache.size >= 16) viewCache.clear();
  viewCache.set(cacheKey, view);
  return view;
}

/** The view of the election's current bundle; null when none is loaded (or it does not read). */
export async function currentBundleView(db: Queryable, electionId: string): Promise<BundleView | null> {
  const key = (await db.query<{ key: string | null }>(`select ${CURRENT_BUNDLE_KEY_SQL('$1')} as key`, [electionId]))[0]?.key ?? null;
  return bundleViewByKey(db, electionId, key);
}
