/**
 * The screens' query hooks: one named hook per thing a screen shows, each reading the window's
 * database through the core (never a Dexie table in a screen). Each re-reads live when a table it
 * read changes, in this window or another.
 */
import { EMPTY_APPLICATIONS, type ApplicationForm, type ApplicationsState } from '../../shared/applications';
import type { CopiedAct } from '../../shared/act-copies';
import type { BallotIncident } from '../../shared/ballots/incidents';
import type { CommissionFacts } from '../../shared/calendar/fulfilment';
import { NO_FACTS } from '../../shared/calendar/fulfilment';
import type { StoredEvent } from '../../shared/events/envelope';
import { openingDone } from '../../shared/opening';
import { boxesTakenOut, type BoxTakenOut } from '../../shared/outpremises';
import type { PostedDocument } from '../../shared/posting/events';
import { correctedFacts, type LedgerFact } from '../../shared/protocol/ledger';
import type { SetupState } from '../../shared/setup/projection';
import type { IsoDate } from '../../shared/time/date';
import { localDateIn } from '../../shared/time/zone';
import type { DeskIncident } from '../../shared/voters/desk-incidents';
import { deskIncidentsProjector, openingProjector, outPremisesProjector, readApplications, readIncidents } from '../db/projectors';
import { readLedgerFacts } from './ledger';
import { useQuery } from './query';
import { readSetupState } from './store';

/** The precinct's setup as projected; undefined while loading, null before the first event. */
export function useSetupState(): SetupState | null | undefined {
  return useQuery(() => readSetupState(), [], undefined);
}

/** Incidents recorded at the desk (a voter turned away, a dispute), live. */
export function useDeskIncidents(): readonly DeskIncident[] {
  return useQuery((database) => deskIncidentsProjector.read(database), [], []);
}

/** Incidents found when the laptops' logs merged (a double issue; a vote outside and a room issue of one voter), and their resolution, live. */
export function useDoubleIssueIncidents(): BallotIncident[] {
  return useQuery((database) => readIncidents(database), [], []);
}

export type PostingEvent = Extract<StoredEvent, { type: 'DocumentPosted' | 'VotersInformed' }>;

/** Every posting and informing recorded, in log order. */
export function usePostingEvents(): PostingEvent[] | undefined {
  // `undefined` until the first read answers: the printed record must not go out empty while it loads.
  return useQuery(
    async (database) =>
      (await database.events.where('type').anyOf(['DocumentPosted', 'VotersInformed']).toArray())
        .filter((e): e is PostingEvent => e.type === 'DocumentPosted' || e.type === 'VotersInformed')
        .sort((a, b) => (a.hlc < b.hlc ? -1 : 1)),
    [],
  );
}

/** The register of applications, live. */
export function useApplications(): ApplicationsState {
  return useQuery((database) => readApplications(database), [], EMPTY_APPLICATIONS);
}

/** The ledger's facts as they stand after their corrections (a withdrawn entry left out, a corrected count in place). */
export function useCorrectedLedgerFacts(): LedgerFact[] {
  return useQuery(async (database) => correctedFacts(await readLedgerFacts(database)), [], []);
}

/** Voters in the active electronic list, or null when no list is active. */
export function useElectronicListSize(): number | null {
  return useQuery(async (database) => ((await database.projections.get('voterList'))?.value as { voters?: number } | undefined)?.voters ?? null, [], null);
}

/**
 * Mobile boxes the teams take (from the drawing of the teams), and those already taken out (the
 * voting outside the premises is the day before): the others are sealed at the opening.
 */
export function useMobileBoxes(): { count: number; out: BoxTakenOut[] } {
  return useQuery(
    async (database) => {
      const outside = await outPremisesProjector.read(database);
      return { count: outside.drawing?.boxes.length ?? 0, out: boxesTakenOut(outside) };
    },
    [],
    NO_MOBILE_BOXES,
  );
}
const NO_MOBILE_BOXES: { count: number; out: BoxTakenOut[] } = { count: 0, out: [] };

/** What the calendar judges items by from the log: event types seen, documents posted, acts copied, forms registered, activation dates, the day set up, the opening. */
export type EventFacts = Omit<CommissionFacts, 'lists'> & { activatedOn: IsoDate[] };
const NO_EVENT_FACTS: EventFacts = { ...NO_FACTS, activatedOn: [] };

export function useEventFacts(timeZone: string): EventFacts {
  return useQuery(async (database): Promise<EventFacts> => {
    const types = new Set((await database.events.orderBy('type').uniqueKeys()).map(String));
    const posted = new Set<PostedDocument>();
    if (types.has('DocumentPosted')) {
      for (const e of await database.events.where('type').equals('DocumentPosted').toArray()) {
        if (e.type === 'DocumentPosted') posted.add(e.payload.document);
      }
    }
    const actCopies = new Set<CopiedAct>();
    if (types.has('ActCopyIssued')) {
      for (const e of await database.events.where('type').equals('ActCopyIssued').toArray()) {
        if (e.type === 'ActCopyIssued') actCopies.add(e.payload.act);
      }
    }
    const applicationForms = new Set<ApplicationForm>();
    if (types.has('ListApplicationRegistered')) {
      for (const e of await database.events.where('type').equals('ListApplicationRegistered').toArray()) {
        if (e.type === 'ListApplicationRegistered') applicationForms.add(e.payload.form);
      }
    }
    // The activation events are small (the voters are in the list's blob); their dates only.
    const activatedOn = types.has('VoterListActivated')
      ? (await database.events.where('type').equals('VoterListActivated').toArray()).map((e) => localDateIn(new Date(e.recordedAt), timeZone))
      : [];
    const outside = await outPremisesProjector.read(database);
    const mobileBoxes = outside.drawing?.boxes.length ?? 0;
    const boxesOut = boxesTakenOut(outside).map((b) => b.box);
    // The day the election now set up was activated (the last activation; a demo's is the day it started).
    const setUp = await database.events.where('type').equals('SetupActivated').last();
    const setUpOn = setUp ? localDateIn(new Date(setUp.recordedAt), timeZone) : null;
    return { types, posted, actCopies, applicationForms, activatedOn, setUpOn, openingDone: openingDone(await openingProjector.read(database), mobileBoxes, boxesOut) };
  }, [timeZone], NO_EVENT_FACTS);
}
