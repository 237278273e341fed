/**
 * Projectors keep projection tables in step with the event log. Each one applies an event inside
 * the same Dexie transaction that appends it, and can rebuild its tables from the whole log.
 */
import type { Transaction } from 'dexie';
import type { EventType } from '../../shared/events/catalog';
import type { StoredEvent } from '../../shared/events/envelope';
import { applySetupEvent, EMPTY_SETUP_STATE, foldSetup, type SetupState } from '../../shared/setup/projection';
import { foldIssued, foldUndone, foldVotedOutside, type VoterBallotStatus } from '../../shared/ballots/issue';
import { doubleIssueId, outsideAndRoomId, type BallotIncident, type IssueRef, type VisitRef } from '../../shared/ballots/incidents';
import { applyOutPremisesEvent, EMPTY_OUT_PREMISES_STATE, isOutPremisesEvent, OUT_PREMISES_EVENT_TYPES, type OutPremisesState } from '../../shared/outpremises';
import { foldCopies, type CertifiedCopy } from '../../shared/protocol/copies';
import { LEDGER_FACT_TYPES, type LedgerFact } from '../../shared/protocol/ledger';
import { EMPTY_MEETING, foldMeeting, MEETING_FACT_TYPES, type MeetingFact, type MeetingState } from '../../shared/protocol/meeting';
import { emptyProtocolState, foldProtocol, PROTOCOL_FACT_TYPES, type ProtocolFact, type ProtocolState } from '../../shared/protocol/signing';
import { applyDeskIncident, EMPTY_DESK_INCIDENTS, type DeskIncident } from '../../shared/voters/desk-incidents';
import { applyApplicationEvent, EMPTY_APPLICATIONS, type ApplicationsState } from '../../shared/applications/register';
import { EMPTY_OPENING, foldOpening, OPENING_EVENT_TYPES, type OpeningFact, type OpeningState } from '../../shared/opening';
import type { CalendarMarkRow, PrecinctDatabase, SetupProjectionRow, VoterListProjectionRow } from './schema';

/** The tables a projector's `apply` reads and writes, by key. */
export type ProjectionTable = 'projections' | 'voterStatus';

/**
 * What `apply` sees of the recording transaction: rows read and written by key. The append's hot
 * path gives it raw IndexedDB requests on the transaction (no per-request cost of Dexie); a merge
 * or a rebuild gives it Dexie's tables inside Dexie's transaction. Either way the same fold runs.
 */
export interface ProjectionStore {
  get<T>(table: ProjectionTable, key: string): Promise<T | undefined>;
  put(table: ProjectionTable, value: object): Promise<void>;
  /** Every row whose key starts with `prefix`, in key order. */
  list<T>(table: ProjectionTable, prefix: string): Promise<T[]>;
  delete(table: ProjectionTable, key: string): Promise<void>;
}

/** The keys from `prefix` on that start with it (keys are strings of the BMP). */
const prefixRange = (prefix: string): [string, string] => [prefix, `${prefix}\uffff`];

/** The projection store over Dexie (inside a Dexie transaction when there is one). */
export function dexieProjectionStore(db: PrecinctDatabase): ProjectionStore {
  return {
    get: async <T,>(table: ProjectionTable, key: string) => (await db.table(table).get(key)) as T | undefined,
    put: async (table, value) => {
      await db.table(table).put(value);
    },
    list: async <T,>(table: ProjectionTable, prefix: string) => {
      const [lower, upper] = prefixRange(prefix);
      return (await db.table(table).where(':id').between(lower, upper, true, true).toArray()) as T[];
    },
    delete: async (table, key) => {
      await db.table(table).delete(key);
    },
  };
}

/** The projection store over a raw IndexedDB transaction (its continuations keep it active). */
export function rawProjectionStore(tx: IDBTransaction): ProjectionStore {
  const request = <T,>(r: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('the request failed'));
    });
  return {
    get: <T,>(table: ProjectionTable, key: string) => request(tx.objectStore(table).get(key)) as Promise<T | undefined>,
    put: async (table, value) => {
      await request(tx.objectStore(table).put(value));
    },
    list: <T,>(table: ProjectionTable, prefix: string) => {
      const [lower, upper] = prefixRange(prefix);
      return request(tx.objectStore(table).getAll(IDBKeyRange.bound(lower, upper))) as Promise<T[]>;
    },
    delete: async (table, key) => {
      await request(tx.objectStore(table).delete(key));
    },
  };
}

export interface Projector {
  name: string;
  /** Tables this projector writes, besides `events`. */
  tables: readonly ProjectionTable[];
  /** The event types it folds; others never open its tables. */
  handles: ReadonlySet<EventType>;
  apply(store: ProjectionStore, event: StoredEvent): Promise<void>;
  rebuild(db: PrecinctDatabase, events: readonly StoredEvent[], tx: Transaction): Promise<void>;
}

/**
 * The setup projection is stored as one row for the setup and one row a calendar item marked
 * (`calendarMark:<item>`): marking an item writes that item's row alone — without reading or
 * rewriting the other marks or the setup (issue 14: every fact goes through the command path, and
 * a mark was a read of the whole calendar and a rewrite of it).
 */
const MARK_PREFIX = 'calendarMark:';
const markKey = (item: number | string): CalendarMarkRow['key'] => `calendarMark:${item}`;

function marksOf(rows: readonly CalendarMarkRow[]): SetupState['calendarMarks'] {
  const marks: SetupState['calendarMarks'] = {};
  for (const row of rows) marks[row.value.item] = row.value;
  return marks;
}

export async function readSetupProjection(db: PrecinctDatabase): Promise<SetupState | null> {
  const store = dexieProjectionStore(db);
  const [setup, marks] = await Promise.all([store.get<SetupProjectionRow>('projections', 'setup'), store.list<CalendarMarkRow>('projections', MARK_PREFIX)]);
  if (!setup && marks.length === 0) return null;
  return { setup: setup?.value ?? null, calendarMarks: marksOf(marks) };
}

/** The rows of `next` that differ from `before` (everything when `before` is null) written, marks no longer there deleted. */
async function writeSetupProjection(store: ProjectionStore, before: SetupState | null, next: SetupState): Promise<void> {
  if (!before || before.setup !== next.setup) await store.put('projections', { key: 'setup', value: next.setup } satisfies SetupProjectionRow);
  const was = before?.calendarMarks ?? marksOf(await store.list<CalendarMarkRow>('projections', MARK_PREFIX));
  if (before && was === next.calendarMarks) return;
  for (const item of Object.keys(was)) if (!(item in next.calendarMarks)) await store.delete('projections', markKey(item));
  for (const [item, mark] of Object.entries(next.calendarMarks)) {
    if (!before || was[Number(item)] !== mark) await store.put('projections', { key: markKey(item), value: mark } satisfies CalendarMarkRow);
  }
}

export const setupProjector: Projector = {
  name: 'setup',
  tables: ['projections'],
  handles: new Set<EventType>(['SetupActivated', 'ElectionUpdated', 'PrecinctUpdated', 'MembersUpdated', 'CandidatesUpdated', 'CalendarItemMarked']),
  async apply(store, event) {
    if (event.type === 'CalendarItemMarked') {
      // The fold's mark for the item depends on this event alone: written as the fold makes it,
      // with nothing read first.
      const mark = applySetupEvent(EMPTY_SETUP_STATE, event).calendarMarks[event.payload.item];
      if (mark) await store.put('projections', { key: markKey(event.payload.item), value: mark } satisfies CalendarMarkRow);
      return;
    }
    const [setup, marks] = await Promise.all([store.get<SetupProjectionRow>('projections', 'setup'), store.list<CalendarMarkRow>('projections', MARK_PREFIX)]);
    const before: SetupState = setup === undefined && marks.length === 0 ? EMPTY_SETUP_STATE : { setup: setup?.value ?? null, calendarMarks: marksOf(marks) };
    await writeSetupProjection(store, before, applySetupEvent(before, event));
  },
  async rebuild(db, events) {
    await writeSetupProjection(dexieProjectionStore(db), null, foldSetup(events));
  },
};

export async function readIncidents(db: PrecinctDatabase): Promise<BallotIncident[]> {
  return ((await db.projections.get('incidents'))?.value as BallotIncident[] | undefined) ?? [];
}

async function storedIncidents(store: ProjectionStore): Promise<BallotIncident[]> {
  return (await store.get<{ value: BallotIncident[] }>('projections', 'incidents'))?.value ?? [];
}

/**
 * The voters projector's own note of a vote outside the premises (`outsideVote:<voter>`): written
 * by this projector in log order, so a rebuild (which folds this projector over the whole log
 * before the out-of-premises ones) sees the visit exactly when one-by-one folding does.
 */
const OUTSIDE_VOTE_PREFIX = 'outsideVote:';
interface OutsideVoteRow {
  key: string;
  value: VisitRef;
}

/** A visit and a room issue of one voter: raised once (keyed by the issue), whichever was folded first. */
async function raiseOutsideAndRoom(store: ProjectionStore, voterId: string, page: number, visit: VisitRef, issue: IssueRef): Promise<void> {
  const incidents = await storedIncidents(store);
  const id = outsideAndRoomId(voterId, issue.eventId);
  if (incidents.some((i) => i.id === id)) return;
  incidents.push({ id, kind: 'outside-and-room', voterId, page, visit, issue, resolution: null });
  await store.put('projections', { key: 'incidents', value: incidents });
}

/**
 * The active voter list, each voter's ballot status, and the incidents of merging laptops: a
 * second issue to a voter who already has a ballot (from another laptop) does not replace the
 * first; it becomes an open incident. A room issue to a voter who voted at an out-of-premises
 * visit (recorded on another laptop), in either order, is an open incident too
 * (`outside-and-room`); the room issue stands in the voter's status, so it can be undone.
 */
export const votersProjector: Projector = {
  name: 'voters',
  tables: ['projections', 'voterStatus'],
  handles: new Set<EventType>(['VoterListActivated', 'BallotIssued', 'BallotIssueUndone', 'IncidentResolved', 'MobileVisitRecorded']),
  async apply(store, event) {
    switch (event.type) {
      case 'VoterListActivated':
        await store.put('projections', {
          key: 'voterList',
          value: { listHash: event.payload.listHash, listVersion: event.payload.listVersion, voters: event.payload.counts.voters, activatedAt: event.recordedAt },
        } satisfies VoterListProjectionRow);
        return;
      case 'BallotIssued': {
        const [status, outside] = await Promise.all([
          store.get<VoterBallotStatus>('voterStatus', event.payload.voterId),
          store.get<OutsideVoteRow>('projections', `${OUTSIDE_VOTE_PREFIX}${event.payload.voterId}`),
        ]);
        const record = { eventId: event.id, at: event.recordedAt, by: event.actor, deviceId: event.deviceId };
        if (status?.issued) {
          const incidents = await storedIncidents(store);
          const id = doubleIssueId(event.payload.voterId, event.id);
          if (!incidents.some((i) => i.id === id)) {
            incidents.push({ id, kind: 'double-issue', voterId: event.payload.voterId, page: event.payload.page, first: status.issued, second: record, resolution: null });
            await store.put('projections', { key: 'incidents', value: incidents });
          }
          return;
        }
        if (outside) await raiseOutsideAndRoom(store, event.payload.voterId, event.payload.page, outside.value, record);
        await store.put('voterStatus', foldIssued(status, event.payload.voterId, event.payload.page, record));
        return;
      }
      case 'MobileVisitRecorded': {
        const p = event.payload;
        if (p.ballotsIssued < 1) return;
        const key = `${OUTSIDE_VOTE_PREFIX}${p.voterId}`;
        if (await store.get<OutsideVoteRow>('projections', key)) return;
        const visit: VisitRef = { eventId: event.id, deviceId: event.deviceId, at: p.visitedAt, by: event.actor, number: p.number, team: p.team };
        await store.put('projections', { key, value: visit } satisfies OutsideVoteRow);
        const status = await store.get<VoterBallotStatus>('voterStatus', p.voterId);
        if (status?.issued) await raiseOutsideAndRoom(store, p.voterId, status.page, visit, status.issued);
        return;
      }
      case 'BallotIssueUndone': {
        const status = await store.get<VoterBallotStatus>('voterStatus', event.payload.voterId);
        await store.put('voterStatus', 
          foldUndone(status, event.payload.voterId, status?.page ?? 0, { eventId: event.id, at: event.recordedAt, by: event.actor, deviceId: event.deviceId, reason: event.payload.reason, undid: event.payload.undoes }),
        );
        return;
      }
      case 'IncidentResolved': {
        const incidents = await storedIncidents(store);
        const i = incidents.findIndex((x) => x.id === event.payload.incident);
        if (i >= 0 && !incidents[i]!.resolution) {
          incidents[i] = { ...incidents[i]!, resolution: { text: event.payload.resolution, at: event.recordedAt, by: event.actor } };
          await store.put('projections', { key: 'incidents', value: incidents });
        }
        return;
      }
      default:
        return;
    }
  },
  async rebuild(db, events) {
    const store = dexieProjectionStore(db);
    const notes = await store.list<OutsideVoteRow>('projections', OUTSIDE_VOTE_PREFIX);
    await db.projections.bulkDelete(['voterList', 'incidents', ...notes.map((n) => n.key)]);
    for (const event of events) if (this.handles.has(event.type)) await this.apply(store, event);
  },
};

/**
 * A projection kept as ONE row of the `projections` table, folded by a pure reducer from
 * `shared/`: right for registers of dozens or hundreds of entries (applications, the
 * out-of-premises register, the ballot ledger, the protocol drafts).
 */
export function rowProjector<S>(options: {
  name: string;
  key: string;
  handles: readonly EventType[];
  empty: S;
  apply(state: S, event: StoredEvent): S;
}): Projector & { read(db: PrecinctDatabase): Promise<S> } {
  const handles = new Set<EventType>(options.handles);
  const read = async (db: PrecinctDatabase): Promise<S> => ((await db.projections.get(options.key))?.value as S | undefined) ?? options.empty;
  return {
    name: options.name,
    tables: ['projections'],
    handles,
    read,
    async apply(store, event) {
      const before = (await store.get<{ value: S }>('projections', options.key))?.value ?? options.empty;
      await store.put('projections', { key: options.key, value: options.apply(before, event) });
    },
    async rebuild(db, events) {
      let state = options.empty;
      for (const event of events) if (handles.has(event.type)) state = options.apply(state, event);
      await db.projections.put({ key: options.key, value: state });
    },
  };
}

/** The register of Form 2 / Form 3 applications. */
export const applicationsProjector = rowProjector<ApplicationsState>({
  name: 'applications',
  key: 'applications',
  handles: ['ListApplicationRegistered', 'ListApplicationRefused', 'ListApplicationForwarded', 'ListApplicationDecided'],
  empty: EMPTY_APPLICATIONS,
  apply: applyApplicationEvent,
});

export function readApplications(db: PrecinctDatabase): Promise<ApplicationsState> {
  return applicationsProjector.read(db);
}

/** People turned away at the list desk. */
export const deskIncidentsProjector = rowProjector<readonly DeskIncident[]>({
  name: 'deskIncidents',
  key: 'deskIncidents',
  handles: ['DeskIncidentRecorded'],
  empty: EMPTY_DESK_INCIDENTS,
  apply: applyDeskIncident,
});

/** The results protocol: drafts, signed versions and corrections. */
export const protocolProjector = rowProjector<ProtocolState>({
  name: 'protocol',
  key: 'protocol',
  handles: PROTOCOL_FACT_TYPES,
  empty: emptyProtocolState(),
  apply: (state, event) =>
    (PROTOCOL_FACT_TYPES as readonly string[]).includes(event.type)
      ? foldProtocol(state, { type: event.type, payload: event.payload } as ProtocolFact)
      : state,
});

/** The final meeting: complaints with their decisions, dissenting opinions. */
export const meetingProjector = rowProjector<MeetingState>({
  name: 'meeting',
  key: 'meeting',
  handles: MEETING_FACT_TYPES,
  empty: EMPTY_MEETING,
  apply: (state, event) =>
    (MEETING_FACT_TYPES as readonly string[]).includes(event.type)
      ? foldMeeting(state, { type: event.type, payload: event.payload, actor: event.actor } as MeetingFact)
      : state,
});

/**
 * The ballot ledger's own facts (receipts, spoiled, the cancellation act, page sums, the АЭУ report,
 * the manual count), in log order; `foldLedger` turns them and the desk's counts into figures.
 */
export const ledgerProjector = rowProjector<LedgerFact[]>({
  name: 'ledger',
  key: 'ledger',
  handles: LEDGER_FACT_TYPES,
  empty: [],
  apply: (state, event) =>
    (LEDGER_FACT_TYPES as readonly string[]).includes(event.type)
      ? [...state, { type: event.type, payload: event.payload, id: event.id, recordedAt: event.recordedAt, actor: event.actor } as LedgerFact]
      : state,
});

/** Certified copies of the signed protocol: who received which copy of which version. */
export const copiesProjector = rowProjector<CertifiedCopy[]>({
  name: 'copies',
  key: 'certifiedCopies',
  handles: ['CertifiedCopyIssued'],
  empty: [],
  apply: (state, event) => (event.type === 'CertifiedCopyIssued' ? foldCopies(state, event.payload) : state),
});

/** Out-of-premises voting: the register, teams, visits (the domain folds; the log is the record). */
export const outPremisesProjector = rowProjector<OutPremisesState>({
  name: 'outPremises',
  key: 'outPremises',
  handles: OUT_PREMISES_EVENT_TYPES,
  empty: EMPTY_OUT_PREMISES_STATE,
  apply: (state, event) => (isOutPremisesEvent(event) ? applyOutPremisesEvent(state, event) : state),
});

/** A vote outside the premises also marks the voter's status, so the desk refuses in one read. */
export const votedOutsideProjector: Projector = {
  name: 'votedOutside',
  tables: ['voterStatus', 'projections'],
  handles: new Set<EventType>(['MobileVisitRecorded']),
  async apply(store, event) {
    if (event.type !== 'MobileVisitRecorded' || event.payload.ballotsIssued < 1) return;
    const p = event.payload;
    const register = (await store.get<{ value: OutPremisesState }>('projections', 'outPremises'))?.value ?? EMPTY_OUT_PREMISES_STATE;
    const entry = register.entries.find((e) => e.number === p.number && e.voterId === p.voterId);
    const status = await store.get<VoterBallotStatus>('voterStatus', p.voterId);
    await store.put('voterStatus', foldVotedOutside(status, p.voterId, entry?.page ?? status?.page ?? 0, { number: p.number, team: p.team, at: p.visitedAt, by: event.actor }));
  },
  async rebuild(db, events) {
    const store = dexieProjectionStore(db);
    for (const event of events) if (this.handles.has(event.type)) await this.apply(store, event);
  },
};

/** The opening on voting day (item 72): duties by lot, safe, lists, sealed boxes, the act. */
export const openingProjector = rowProjector<OpeningState>({
  name: 'opening',
  key: 'opening',
  handles: OPENING_EVENT_TYPES,
  empty: EMPTY_OPENING,
  apply: (state, event) =>
    (OPENING_EVENT_TYPES as readonly string[]).includes(event.type)
      ? foldOpening(state, { type: event.type, payload: event.payload, at: event.recordedAt, actor: event.actor } as OpeningFact)
      : state,
});

export const PROJECTORS: readonly Projector[] = [setupProjector, votersProjector, applicationsProjector, deskIncidentsProjector, protocolProjector, ledgerProjector, meetingProjector, copiesProjector, outPremisesProjector, votedOutsideProjector, openingProjector];
