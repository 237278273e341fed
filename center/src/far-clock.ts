/**
 * Events recorded by a laptop whose clock is far from the voting day (years off, a flat CMOS
 * battery, or a forged time) are stored as they are — a clock is never a reason to refuse data — but
 * flagged: one open `clock-far-from-voting-day` incident a laptop, counting the pushes that brought
 * such events, with the first such event's seq and time, written in the push's transaction. "Far" is
 * more than FAR_BEFORE_DAYS before the voting day (preparation starts with the election's call) or
 * more than FAR_AFTER_DAYS after it, judged on the center's current bundle.
 *
 * The laptop's clock is the event's `recordedAt` (its own reading when the fact was recorded), not its
 * hybrid logical clock: the HLC takes the newest clock the laptop has seen, so one laptop of the
 * precinct running a year ahead carries every laptop that pulled from it to that year (their events
 * would all be flagged, naming laptops whose clocks are right), and a laptop whose own clock is years
 * behind hides behind the HLC it took from the others.
 */
import type { StoredEvent } from '../../shared/events/envelope';
import { canonicalJson } from '../../shared/util/canonical-json';
import type { BundleView } from './bundle-view';
import type { Queryable } from './db/types';

export const FAR_CLOCK_KIND = 'clock-far-from-voting-day';
export const FAR_BEFORE_DAYS = 120;
export const FAR_AFTER_DAYS = 30;
const DAY_MS = 86_400_000;

/** Whether a wall time (ms) is far from the voting day (ISO date). */
export function farFromVotingDay(wallMs: number, votingDay: string): boolean {
  const day = Date.parse(`${votingDay}T00:00:00Z`);
  if (Number.isNaN(day)) return false;
  return wallMs < day - FAR_BEFORE_DAYS * DAY_MS || wallMs > day + (FAR_AFTER_DAYS + 1) * DAY_MS;
}

export async function flagFarClocks(
  tx: Queryable,
  device: { device_id: string; election_id: string; precinct: number },
  fresh: readonly StoredEvent[],
  view: BundleView | null,
): Promise<boolean> {
  if (!view) return false;
  const votingDay = view.election.votingDay;
  const farEvents = fresh.filter((e) => farFromVotingDay(Date.parse(e.recordedAt), votingDay));
  const far = farEvents[0];
  if (!far) return false;
  await tx.query(
    `insert into incidents (kind, device_id, election_id, precinct, detail, open_key, at, last_seen_at) values ($1, $2, $3, $4, $5, $6, now(), now())
     on conflict (open_key) where resolved_at is null do update set repeats = incidents.repeats + 1, last_seen_at = excluded.last_seen_at`,
    [
      FAR_CLOCK_KIND, device.device_id, device.election_id, device.precinct,
      canonicalJson({ seq: far.seq, recordedAt: far.recordedAt, votingDay, events: farEvents.length }),
      `${FAR_CLOCK_KIND}|${device.device_id}`,
    ],
  );
  return true;
}
