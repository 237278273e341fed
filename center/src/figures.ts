/**
 * The stored events that change the ballot figures, as the laptops' fold (`shared/figures`) reads
 * them: the database only hands over the events (`FIGURE_EVENT_TYPES`) and their envelope's
 * `recordedAt`; the shared fold reads payloads and times exactly as the desk does. Used to
 * (re)compute the figures kept at ingest (`aggregates.ts`); no SQL counts ballots.
 */
import { FIGURE_EVENT_TYPES, type FigureEvent } from '../../shared/figures';
import type { Queryable } from './db/types';

/**
 * `recordedAt` of a stored event's canonical body. The body's keys are sorted, so the envelope's
 * `recordedAt` comes after `payload` and only `seq` (a number) and `type` (a catalog name) follow
 * it: its LAST occurrence is the envelope's (the greedy `.*`), whatever a payload holds. It is
 * looked for in the body's last 200 characters first (a suffix: its last occurrence there is the
 * body's last), and in the whole body only when a very long time string does not fit there.
 */
export const RECORDED_AT_SQL = `coalesce(substring(right(body, 200) from '.*"recordedAt":"([^"]*)"'), substring(body from '.*"recordedAt":"([^"]*)"'))`;

/** The figure event types as SQL literals (catalog names: letters only, checked). */
const FIGURE_TYPES_SQL = FIGURE_EVENT_TYPES.map((type) => {
  if (!/^[A-Za-z]+$/u.test(type)) throw new Error(`not a plain event type: ${type}`);
  return `'${type}'`;
}).join(', ');

interface FigureRow {
  precinct: number;
  event_id: string;
  type: string;
  payload: unknown;
  body: string | null;
  recorded_at: string | null;
}

/** The stored events that change the figures, of the given precincts, as the fold reads them. */
export async function figureEvents(db: Queryable, electionId: string, precincts: readonly number[]): Promise<Map<number, FigureEvent[]>> {
  const rows = await db.query<FigureRow>(
    `select precinct, event_id, type, payload, case when payload is null then body end as body, ${RECORDED_AT_SQL} as recorded_at
     from events where election_id = $1 and precinct = any($2::int[]) and type in (${FIGURE_TYPES_SQL})`,
    [electionId, `{${precincts.map((p) => Math.trunc(p)).join(',')}}`],
  );
  const out = new Map<number, FigureEvent[]>(precincts.map((p) => [p, []]));
  for (const r of rows) {
    let payload: unknown = r.payload;
    if (typeof payload === 'string') payload = JSON.parse(payload) as unknown;
    // A payload PostgreSQL's jsonb could not hold (U+0000 …) is read from the signed body itself.
    if (payload === null && r.body !== null) payload = (JSON.parse(r.body) as { payload?: unknown }).payload;
    out.get(r.precinct)?.push({ id: r.event_id, type: r.type, payload, recordedAt: r.recorded_at ?? '' });
  }
  return out;
}
