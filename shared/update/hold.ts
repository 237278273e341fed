/**
 * When an update should wait (docs/UPDATES.md): on voting day and on the next day (the count runs
 * past midnight) until the precinct's protocol is signed, both read in the precinct's time zone.
 * The panel only warns: the secretary may still install (a broken laptop may need the fix that
 * day); nothing here refuses.
 */
import { addDays, type IsoDate } from '../time/date';
import { localDateIn } from '../time/zone';

export type UpdateHold = { hold: false } | { hold: true; reason: 'voting-day' | 'count-not-signed' };

export interface UpdateHoldInput {
  now: Date;
  votingDay: IsoDate;
  /** The precinct's IANA time zone. */
  timeZone: string;
  /** A signed protocol is in force on this laptop. */
  protocolSigned: boolean;
}

export function updateHold({ now, votingDay, timeZone, protocolSigned }: UpdateHoldInput): UpdateHold {
  if (protocolSigned) return { hold: false };
  const today = localDateIn(now, timeZone);
  if (today === votingDay) return { hold: true, reason: 'voting-day' };
  if (today === addDays(votingDay, 1)) return { hold: true, reason: 'count-not-signed' };
  return { hold: false };
}
