/** The recorded facts the calendar judges items by (event types seen, documents posted, the opening). */
import { useQuery } from '../../core/query';
import type { CommissionFacts } from '../../../shared/calendar/fulfilment';
import type { CopiedAct } from '../../../shared/act-copies';
import { openingDone } from '../../../shared/opening';
import type { PostedDocument } from '../../../shared/posting/events';
import { openingProjector, outPremisesProjector } from '../../db/projectors';

const EMPTY: CommissionFacts = { types: new Set(), posted: new Set(), openingDone: false, actCopies: new Set() };

export function useCommissionFacts(): CommissionFacts {
  return useQuery(async (db) => {
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
    const mobileBoxes = (await outPremisesProjector.read(db)).drawing?.boxes.length ?? 0;
    return { types, posted, actCopies, openingDone: openingDone(await openingProjector.read(db), mobileBoxes) };
  }, [], EMPTY);
}
