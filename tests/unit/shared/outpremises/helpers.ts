import {
  EMPTY_OUT_PREMISES_STATE,
  applyOutPremisesEvent,
  checkApplication,
  checkBallotsHanded,
  checkDeparture,
  checkReturn,
  checkTeamsDrawing,
  checkVisit,
  type ApplicationDraft,
  type CheckResult,
  type MemberRef,
  type OutPremisesContext,
  type OutPremisesEvent,
  type OutPremisesEventType,
  type OutPremisesPayload,
  type OutPremisesProblem,
  type OutPremisesState,
  type VisitDraft,
} from '../../../../shared/outpremises';

export const LIST = 'a'.repeat(64);
export const MEMBERS: MemberRef[] = [
  { id: 'm-chair', name: 'Төрага', role: 'chair' },
  { id: 'm-sec', name: 'Катчы', role: 'secretary' },
  { id: 'm-3', name: 'Мүчө 3', role: 'member' },
  { id: 'm-4', name: 'Мүчө 4', role: 'member' },
  { id: 'm-5', name: 'Мүчө 5', role: 'member' },
  { id: 'm-6', name: 'Мүчө 6', role: 'member' },
];

export const voter = (n: number) => ({ id: `v${n}`, page: Math.ceil(n / 20), row: ((n - 1) % 20) + 1 });

/** Bishkek, 15 Oct 2017 unless told otherwise; the clock at the end of voting day. */
export function context(over: Partial<OutPremisesContext> = {}): OutPremisesContext {
  return { votingDay: '2017-10-15', timeZone: 'Asia/Bishkek', members: MEMBERS, now: new Date('2017-10-15T20:00:00+06:00'), ...over };
}

export function application(n: number, receivedAt: string, over: Partial<ApplicationDraft> = {}): ApplicationDraft {
  return { listHash: LIST, voter: voter(n), receivedAt, receivedBy: 'm-sec', address: `Чүй көчөсү, ${n}`, reason: 'age', ...over };
}

export const codes = (problems: readonly OutPremisesProblem[]) => problems.map((p) => p.code);

/** The problems of a refused check (fails the test if it passed). */
export function problemsOf<P>(r: CheckResult<P>): OutPremisesProblem[] {
  if (r.ok) throw new Error(`expected problems, got payload ${JSON.stringify(r.value.payload)}`);
  return r.error;
}

export function payloadOf<P>(r: CheckResult<P>): P {
  if (!r.ok) throw new Error(`expected a payload, got ${JSON.stringify(r.error)}`);
  return r.value.payload;
}

/** A desk that checks, then records, then folds, as the renderer will. */
export class Desk {
  state: OutPremisesState = EMPTY_OUT_PREMISES_STATE;
  events: OutPremisesEvent[] = [];
  private n = 0;
  constructor(public ctx: OutPremisesContext = context()) {}

  record<T extends OutPremisesEventType>(type: T, payload: OutPremisesPayload<T>, actor: string | null = 'm-sec'): OutPremisesEvent<T> {
    this.n += 1;
    const event = { id: `00000000-0000-4000-8000-${String(this.n).padStart(12, '0')}`, type, recordedAt: this.ctx.now.toISOString(), actor, payload } as OutPremisesEvent<T>;
    const stored = event as unknown as OutPremisesEvent;
    this.events.push(stored);
    this.state = applyOutPremisesEvent(this.state, stored);
    return event;
  }

  register(n: number, receivedAt: string, over: Partial<ApplicationDraft> = {}) {
    return this.record('OutOfPremisesApplicationRegistered', payloadOf(checkApplication(this.state, application(n, receivedAt, over), this.ctx)));
  }

  /** Team 1 (m-3, m-4, box 1) and team 2 (m-5, m-6, boxes 2 and 3). */
  drawTeams(drawnAt = '2017-10-13T15:00:00+06:00') {
    return this.record(
      'MobileTeamsDrawn',
      payloadOf(
        checkTeamsDrawing(
          this.state,
          {
            drawnAt,
            boxes: [
              { box: 1, seal: 'S-001' },
              { box: 2, seal: 'S-002' },
              { box: 3, seal: 'S-003' },
            ],
            teams: [
              { team: 1, memberIds: ['m-3', 'm-4'], operatorName: 'Оператор А', boxes: [1] },
              { team: 2, memberIds: ['m-5', 'm-6'], operatorName: 'Оператор Б', boxes: [2, 3] },
            ],
          },
          this.ctx,
        ),
      ),
    );
  }

  hand(team: number, count: number, receivedBy: string, handedAt = '2017-10-14T07:30:00+06:00') {
    return this.record('MobileBallotsHanded', payloadOf(checkBallotsHanded(this.state, { team, count, handedAt, handedBy: 'm-sec', receivedBy }, this.ctx)));
  }

  depart(team: number, departedAt = '2017-10-14T07:45:00+06:00') {
    return this.record('MobileTeamDeparted', payloadOf(checkDeparture(this.state, { team, departedAt }, this.ctx)));
  }

  visit(draft: VisitDraft) {
    return this.record('MobileVisitRecorded', payloadOf(checkVisit(this.state, draft, this.ctx)));
  }

  back(team: number, ballotsReturned: number, returnedAt = '2017-10-14T20:30:00+06:00', seals: { box: number; seal: string }[] = []) {
    return this.record('MobileTeamReturned', payloadOf(checkReturn(this.state, { team, returnedAt, ballotsReturned, seals }, this.ctx)));
  }
}

export const voted = (team: number, number: number, visitedAt: string, box: number, spoiled = 0): VisitDraft => ({
  team,
  number,
  visitedAt,
  outcome: 'voted',
  ballotsIssued: 1,
  ballotsSpoiled: spoiled,
  box,
});
