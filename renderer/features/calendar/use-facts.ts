/** The recorded facts the calendar judges items by (event types seen, documents posted, the opening, the lists, the forms). */
import { useMemo } from 'react';
import { useQuery } from '../../core/query';
import { useVoterList } from '../../core/voter-list';
import { listFacts, NO_FACTS, type CommissionFacts } from '../../../shared/calendar/fulfilment';
import type { CopiedAct } from '../../../shared/act-copies';
import type { ApplicationForm } from '../../../shared/applications/model';
import { openingDone } from '../../../shared/opening';
import type { PostedDocument } from '../../../shared/posting/events';
import type { IsoDate } from '../../../shared/time/date';
import { localDateIn } from '../../../shared/time/zone';
import { openingProjector, outPremisesProjector } from '../../db/projectors';

type EventFacts = Omit<CommissionFacts, 'lists'> & { activatedOn: IsoDate[] };
const NO_EVENT_FACTS: EventFacts = { ...NO_FACTS, activatedOn: [] };

export function useCommissionFacts(votingDay: IsoDate, timeZone: string): CommissionFacts {
  const facts = useQuery(async (db): Promise<EventFacts> => {
    const types = new Set((await db.events.orderBy('type').uniqueKeys()).map(String));
    const posted = new Set<PostedDocument>();
    if (types.has('DocumentPosted')) {
      for (const e of await db.events.where('type').equals('DocumentPosted').toArray()) {
        if (e.type === 'DocumentPosted') posted.add(e.payload.document);
      }
    }
    const actCopies = new Set<CopiedAct>();
    if (types.has('ActCopyIssued')) {
      for (const e of await db.events.where('type').equals('ActCopyIssued').toArray()) {
        if (e.type === 'ActCopyIssued') actCopies.add(e.payload.act);
      }
    }
    const applicationForms = new Set<ApplicationForm>();
    if (types.has('ListApplicationRegistered')) {
      for (const e of await db.events.where('type').equals('ListApplicationRegistered').toArray()) {
        if (e.type === 'ListApplicationRegistered') applicationForms.add(e.payload.form);
      }
    }
    // The activation events are small (the voters are in the list's blob); their dates only.
    const activatedOn = types.has('VoterListActivated')
      ? (await db.events.where('type').equals('VoterListActivated').toArray()).map((e) => localDateIn(new Date(e.recordedAt), timeZone))
      : [];
    const mobileBoxes = (await outPremisesProjector.read(db)).drawing?.boxes.length ?? 0;
    // The day the election now set up was activated (the last activation; a demo's is the day it started).
    const setUp = await db.events.where('type').equals('SetupActivated').last();
    const setUpOn = setUp ? localDateIn(new Date(setUp.recordedAt), timeZone) : null;
    return { types, posted, actCopies, applicationForms, activatedOn, setUpOn, openingDone: openingDone(await openingProjector.read(db), mobileBoxes) };
  }, [timeZone], NO_EVENT_FACTS);
  // The marked part (hospital and custody lists) of the active list, from the list the desk holds.
  const list = useVoterList();
  const marked = useMemo(() => (list.state === 'ready' ? list.list.voters.filter((v) => v.marks.length > 0).length : 0), [list]);
  return useMemo(() => ({ ...facts, lists: listFacts(facts.activatedOn, votingDay, marked) }), [facts, votingDay, marked]);
}
