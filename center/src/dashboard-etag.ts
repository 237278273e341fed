/**
 * Conditional refreshes of `GET /api/admin/dashboard`: the answer carries a weak `ETag`; a refresh
 * that sends it back in `If-None-Match` while nothing the answer shows has changed gets `304 Not
 * Modified` with no body. The contract for the page: keep the last answer and its `ETag`, send it
 * as `If-None-Match`, and on 304 keep showing that answer (its `generatedAt` is not in the tag: a
 * 304 says "the figures you have are current"); the JSON itself is unchanged.
 *
 * The tag is a digest of the answer's bytes without `generatedAt` — what the page would be shown —
 * so it is right by construction (whatever changed: figures kept at ingest, laptops and their last
 * sync, incidents, protocols, the bundle, a report time reached, the center's code) and the same in
 * every center process. Building the answer is what a refresh costs; it is skipped when this
 * process built the answer from the same database snapshot (`pg_current_snapshot()`: the same
 * committed transactions visible, so the same rows; on a hot standby, DATABASE_READ_URL, what it
 * has replayed) and no report time has been reached since — then one snapshot id is all a 304
 * reads. The snapshot is taken before the answer's own reads (the answer is never older than it),
 * and it moves with any commit on the server (of any database), so that shortcut is taken when the
 * server was quiet; otherwise the answer is built and its digest compared.
 */
import { createHash } from 'node:crypto';
import type { Dashboard } from '../../shared/sync/dashboard';
import type { Queryable } from './db/types';

/** The snapshot the database would read with now (PostgreSQL 13+, PGlite; a hot standby too). */
export const SNAPSHOT_ID_SQL = 'select pg_current_snapshot()::text as snapshot';

/** An answer this process built: its snapshot, its tag, and when the next report time is reached. */
interface Known {
  snapshot: string;
  tag: string;
  /** Epoch ms of the earliest report instant not reached when built (Infinity: none left). */
  until: number;
}

/** The earliest report instant not yet reached in the answer (epoch ms; Infinity when none is left). */
export function nextReportInstant(dashboard: Pick<Dashboard, 'precincts'>): number {
  let until = Number.POSITIVE_INFINITY;
  for (const p of dashboard.precincts) {
    for (const t of p.turnout) if (!t.reached && t.instant !== null) until = Math.min(until, Date.parse(t.instant));
  }
  return until;
}

/** Whether an If-None-Match header names this tag (weak comparison, RFC 9110 §13.1.2; `*` matches any). */
export function etagMatches(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  const opaque = (t: string): string => t.trim().replace(/^W\//u, '');
  const wanted = opaque(tag);
  return header.split(',').some((t) => t.trim() === '*' || opaque(t) === wanted);
}

/** The tags of the answers this process built last, by election asked for and form (full, compact). */
export class DashboardTags {
  private readonly known = new Map<string, Known>();

  /** The snapshot a refresh reads from; null when the database cannot tell (then no tag: always 200). */
  async snapshot(read: Queryable): Promise<string | null> {
    try {
      const rows = await read.query<{ snapshot: string | null }>(SNAPSHOT_ID_SQL);
      return rows[0]?.snapshot ?? null;
    } catch {
      return null;
    }
  }

  /**
   * The tag of an answer to `key` built by this process at this snapshot when it is still valid at
   * `now` (no report time passed since), else null: the answer must be built again.
   */
  current(key: string, snapshot: string, now: number): string | null {
    const k = this.known.get(key);
    return k && k.snapshot === snapshot && now < k.until ? k.tag : null;
  }

  /**
   * The tag of an answer (`body`, its JSON text) built from `snapshot` (null: not kept), kept for the
   * next refresh with the report instant that would change it.
   */
  tagOf(key: string, snapshot: string | null, dashboard: Pick<Dashboard, 'precincts' | 'generatedAt'>, body: string): string {
    // The one top-level `"generatedAt":"…"` (a quote inside a text is escaped, so no text matches).
    const stamp = `"generatedAt":${JSON.stringify(dashboard.generatedAt)}`;
    const at = body.indexOf(stamp);
    const hash = createHash('sha256');
    if (at < 0) hash.update(body);
    else hash.update(body.slice(0, at)).update(body.slice(at + stamp.length));
    const tag = `W/"${hash.digest('base64url').slice(0, 27)}"`;
    if (snapshot !== null) {
      // A few keys in practice (the active election, compact); the election asked for is free text.
      if (this.known.size >= 64 && !this.known.has(key)) this.known.clear();
      this.known.set(key, { snapshot, tag, until: nextReportInstant(dashboard) });
    }
    return tag;
  }
}
