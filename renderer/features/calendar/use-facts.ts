/** The recorded facts the calendar judges items by (event types seen, documents posted, the opening, the lists, the forms). */
import { useMemo } from 'react';
import { useEventFacts } from '../../core';
import { useVoterList } from '../../core/voter-list';
import { listFacts, type CommissionFacts } from '../../../shared/calendar/fulfilment';
import type { IsoDate } from '../../../shared/time/date';

export function useCommissionFacts(votingDay: IsoDate, timeZone: string): CommissionFacts {
  const facts = useEventFacts(timeZone);
  // The marked part (hospital and custody lists) of the active list, from the list the desk holds.
  const list = useVoterList();
  const marked = useMemo(() => (list.state === 'ready' ? list.list.columns.markedCount() : 0), [list]);
  return useMemo(() => ({ ...facts, lists: listFacts(facts.activatedOn, votingDay, marked) }), [facts, votingDay, marked]);
}
