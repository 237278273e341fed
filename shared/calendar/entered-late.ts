/**
 * Received time vs entry time. Paper can come first: an application received in time may be typed
 * in later. But an entry whose typed received time is before a deadline that had already passed
 * when it was entered cannot be told from a backdated one by the app, so it is never refused — it is
 * flagged, on the screen, on the printed register and at the center, for the commission to answer.
 */
import { deadlineEnd, type LocalDeadline } from './deadline';
import { localDateTimeIn } from '../time/zone';
import type { IsoDate, TimeOfDay } from '../time/date';

export interface EnteredAfterDeadline {
  deadline: LocalDeadline;
  /** The received time and the entry time, as local date and time in the deadline's zone. */
  received: { date: IsoDate; time: TimeOfDay };
  entered: { date: IsoDate; time: TimeOfDay };
}

/**
 * The flag for an entry received at `receivedAt` and recorded at `recordedAt` (ISO instants), or
 * null when it was entered before the deadline passed, or received after it (then it is late, which
 * the register's own check refuses), or either time does not read.
 */
export function enteredAfterDeadline(receivedAt: string, recordedAt: string, deadline: LocalDeadline | null): EnteredAfterDeadline | null {
  if (!deadline) return null;
  const received = Date.parse(receivedAt);
  const recorded = Date.parse(recordedAt);
  if (Number.isNaN(received) || Number.isNaN(recorded)) return null;
  const end = deadlineEnd(deadline).getTime();
  if (!(received < end && recorded >= end)) return null;
  const local = (ms: number) => {
    const l = localDateTimeIn(new Date(ms), deadline.timeZone);
    return { date: l.date, time: l.time };
  };
  return { deadline, received: local(received), entered: local(recorded) };
}
