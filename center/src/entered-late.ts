/**
 * Received time vs entry time at the center: an out-of-premises register entry whose received time
 * is before the application deadline but which was entered after that deadline had passed (its
 * envelope's `recordedAt`) is recorded as an `entered-after-deadline` incident, once an entry, in the
 * push's transaction. Never a refusal: paper can come first. The deadline is the center's own, from
 * the election's current bundle and the precinct's zone — not anything the laptop says.
 */
import { enteredAfterDeadline } from '../../shared/calendar/entered-late';
import type { StoredEvent } from '../../shared/events/envelope';
import { applicationDeadline } from '../../shared/outpremises/rules';
import { isIsoDate } from '../../shared/time/date';
import { canonicalJson } from '../../shared/util/canonical-json';
import type { Queryable } from './db/types';

export const ENTERED_LATE_KIND = 'entered-after-deadline';

export async function flagEnteredLate(tx: Queryable, device: { device_id: string; election_id: string; precinct: number }, fresh: readonly StoredEvent[]): Promise<number> {
  const entries = fresh.filter((e) => e.type === 'OutOfPremisesApplicationRegistered');
  if (entries.length === 0) return 0;
  const row = (
    await tx.query<{ body: string; time_zone: string }>(
      `select b.body, p.time_zone from bundles b join precincts p on p.election_id = b.election_id and p.number = $2
       where b.election_id = $1 order by b.bundle_version desc limit 1`,
      [device.election_id, device.precinct],
    )
  )[0];
  if (!row) return 0;
  let votingDay: unknown;
  try {
    votingDay = (JSON.parse(row.body) as { election?: { votingDay?: unknown } }).election?.votingDay;
  } catch {
    return 0;
  }
  if (!isIsoDate(votingDay)) return 0;
  const deadline = applicationDeadline({ votingDay, timeZone: row.time_zone });
  let flagged = 0;
  for (const e of entries) {
    const p = e.payload as { number: number; receivedAt: string };
    const flag = enteredAfterDeadline(p.receivedAt, e.recordedAt, deadline);
    if (!flag) continue;
    await tx.query('insert into incidents (kind, device_id, election_id, precinct, detail) values ($1, $2, $3, $4, $5)', [
      ENTERED_LATE_KIND,
      device.device_id,
      device.election_id,
      device.precinct,
      canonicalJson({ eventId: e.id, number: p.number, receivedAt: p.receivedAt, recordedAt: e.recordedAt, deadline: `${flag.deadline.date} ${flag.deadline.time}` }),
    ]);
    flagged += 1;
  }
  return flagged;
}
