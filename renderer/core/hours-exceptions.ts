/** The ballots issued outside voting hours by the chair's exception, read from the log (live). */
import { useQuery } from './query';
import { hoursExceptionsOf, type HoursExceptionEntry } from '../../shared/ballots/hours';

const EMPTY: HoursExceptionEntry[] = [];

export function useHoursExceptions(): HoursExceptionEntry[] {
  return useQuery(async (db) => hoursExceptionsOf(await db.events.where('type').anyOf('BallotIssued', 'BallotIssueUndone').toArray()), [], EMPTY);
}
