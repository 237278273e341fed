/**
 * Projectors keep projection tables in step with the event log. Each one applies an event inside
 * the same Dexie transaction that appends it, and can rebuild its tables from the whole log.
 */
import type { Transaction } from 'dexie';
import type { EventType } from '../../shared/events/catalog';
import type { StoredEvent } from '../../shared/events/envelope';
import { applySetupEvent, EMPTY_SETUP_STATE, foldSetup, type SetupState } from '../../shared/setup/projection';
import { foldIssued, foldUndone, foldVotedOutside } from '../../shared/ballots/issue';
import { doubleIssueId, type DoubleIssueIncident } from '../../shared/ballots/incidents';
import { applyOutPremisesEvent, EMPTY_OUT_PREMISES_STATE, isOutPremisesEvent, OUT_PREMISES_EVENT_TYPES, type OutPremisesState } from '../../shared/outpremises';
import { foldCopies, type CertifiedCopy } from '../../shared/protocol/copies';
import { LEDGER_FACT_TYPES, type LedgerFact } from '../../shared/protocol/ledger';
import { EMPTY_MEETING, foldMeeting, MEETING_FACT_TYPES, type MeetingFact, type MeetingState } from '../../shared/protocol/meeting';
import { emptyProtocolState, foldProtocol, PROTOCOL_FACT_TYPES, type ProtocolFact, type ProtocolState } from '../../shared/protocol/signing';
import { applyDeskIncident, EMPTY_DESK_INCIDENTS, type DeskIncident } from '../../shared/voters/desk-incidents';
import { applyApplicationEvent, EMPTY_APPLICATIONS, type ApplicationsState } from '../../shared/applications/register';
import type { CalendarMarksRow, PrecinctDatabase, SetupProjectionRow, VoterListProjectionRow } from './schema';

export interface Projector {
  name: string;
  /** Tables this projector writes, besides `events`. */
  tables: readonly string[];
  /** The event types it folds; others never open its tables. */
  handles: ReadonlySet<EventType>;
  apply(db: PrecinctDatabase, event: StoredEvent, tx: Transaction): Promise<void>;
  rebuild(db: PrecinctDatabase, events: readonly StoredEvent[], tx: Transaction): Promise<void>;
}

/**
 * The setup projection is stored as two rows, so that marking a calendar item does not rewrite
 * the whole setup (and the reverse).
 */
export async function readSetupProjection(db: PrecinctDatabase): Promise<SetupState | null> {
  const [setup, marks] = await db.projections.bulkGet(['setup', 'calendarMarks']);
  if (!setup && !marks) return null;
  return {
    setup: (setup as SetupProjectionRow | undefined)?.value ?? null,
    calendarMarks: (marks as CalendarMarksRow | undefined)?.value ?? {},
  };
}

async function writeSetupProjection(db: PrecinctDatabase, before: SetupState | null, next: SetupState): Promise<void> {
  if (!before || before.setup !== next.setup) await db.projections.put({ key: 'setup', value: next.setup } satisfies SetupProjectionRow);
  if (!before || before.calendarMarks !== next.calendarMarks) {
    await db.projections.put({ key: 'calendarMarks', value: next.calendarMarks } satisfies CalendarMarksRow);
  }
}

export const setupProjector: Projector = {
  name: 'setup',
  tables: ['projections'],
  handles: new Set<EventType>(['SetupActivated', 'ElectionUpdated', 'PrecinctUpdated', 'MembersUpdated', 'CandidatesUpdated', 'CalendarItemMarked']),
  async apply(db, event) {
    // Read only the row the event can change: a calendar mark never touches the setup row.
    const onlyMarks = event.type === 'CalendarItemMarked';
    const before: SetupState = onlyMarks
      ? { setup: null, calendarMarks: ((await db.projections.get('calendarMarks')) as CalendarMarksRow | undefined)?.value ?? {} }
      : ((await readSetupProjection(db)) ?? EMPTY_SETUP_STATE);
    const next: SetupState = applySetupEvent(before, event);
    if (onlyMarks) await db.projections.put({ key: 'calendarMarks', value: next.calendarMarks } satisfies CalendarMarksRow);
    else await writeSetupProjection(db, before, next);
  },
  async rebuild(db, events) {
    await writeSetupProjection(db, null, foldSetup(events));
  },
};

export async function readIncidents(db: PrecinctDatabase): Promise<DoubleIssueIncident[]> {
  return ((await db.projections.get('incidents'))?.value as DoubleIssueIncident[] | undefined) ?? [];
}

/**
 * The active voter list, each voter's ballot status, and the incidents of merging laptops: a
 * second issue to a voter who already has a ballot (from another laptop) does not replace the
 * first; it becomes an open incident.
 */
export const votersProjector: Projector = {
  name: 'voters',
  tables: ['projections', 'voterStatus'],
  handles: new Set<EventType>(['VoterListActivated', 'BallotIssued', 'BallotIssueUndone', 'IncidentResolved']),
  async apply(db, event) {
    switch (event.type) {
      case 'VoterListActivated':
        await db.projections.put({
          key: 'voterList',
          value: { listHash: event.payload.listHash, listVersion: event.payload.listVersion, voters: event.payload.counts.voters, activatedAt: event.recordedAt },
        } satisfies VoterListProjectionRow);
        return;
      case 'BallotIssued': {
        const status = await db.voterStatus.get(event.payload.voterId);
        const record = { eventId: event.id, at: event.recordedAt, by: event.actor, deviceId: event.deviceId };
        if (status?.issued) {
          const incidents = await readIncidents(db);
          const id = doubleIssueId(event.payload.voterId, event.id);
          if (!incidents.some((i) => i.id === id)) {
            incidents.push({ id, kind: 'double-issue', voterId: event.payload.voterId, page: event.payload.page, first: status.issued, second: record, resolution: null });
            await db.projections.put({ key: 'incidents', value: incidents });
          }
          return;
        }
        await db.voterStatus.put(foldIssued(status, event.payload.voterId, event.payload.page, record));
        return;
      }
      case 'BallotIssueUndone': {
        const status = await db.voterStatus.get(event.payload.voterId);
        await db.voterStatus.put(
          foldUndone(status, event.payload.voterId, status?.page ?? 0, { eventId: event.id, at: event.recordedAt, by: event.actor, deviceId: event.deviceId, reason: event.payload.reason, undid: event.payload.undoes }),
        );
        return;
      }
      case 'IncidentResolved': {
        const incidents = await readIncidents(db);
        const i = incidents.findIndex((x) => x.id === event.payload.incident);
        if (i >= 0 && !incidents[i]!.resolution) {
          incidents[i] = { ...incidents[i]!, resolution: { text: event.payload.resolution, at: event.recordedAt, by: event.actor } };
          await db.projections.put({ key: 'incidents', value: incidents });
        }
        return;
      }
      default:
        return;
    }
  },
  async rebuild(db, events, tx) {
    await db.projections.bulkDelete(['voterList', 'incidents']);
    for (const event of events) if (this.handles.has(event.type)) await this.apply(db, event, tx);
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
    async apply(db, event) {
      await db.projections.put({ key: options.key, value: options.apply(await read(db), event) });
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
    (LEDGER_FACT_TYPES as readonly string[]).includes(event.type) ? [...state, { type: event.type, payload: event.payload } as LedgerFact] : state,
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
  async apply(db, event) {
    if (event.type !== 'MobileVisitRecorded' || event.payload.ballotsIssued < 1) return;
    const p = event.payload;
    const entry = (await outPremisesProjector.read(db)).entries.find((e) => e.number === p.number);
    const status = await db.voterStatus.get(p.voterId);
    await db.voterStatus.put(foldVotedOutside(status, p.voterId, entry?.page ?? status?.page ?? 0, { number: p.number, team: p.team, at: p.visitedAt, by: event.actor }));
  },
  async rebuild(db, events, tx) {
    for (const event of events) if (this.handles.has(event.type)) await this.apply(db, event, tx);
  },
};

export const PROJECTORS: readonly Projector[] = [setupProjector, votersProjector, applicationsProjector, deskIncidentsProjector, protocolProjector, ledgerProjector, meetingProjector, copiesProjector, outPremisesProjector, votedOutsideProjector];
