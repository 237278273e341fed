/**
 * The opening's rules, pure: the lot (who may draw, every duty held, each member one duty), the
 * fold of the opening events, what is still missing before the act, the time window 07:00–08:00 in
 * the precinct's own time, and the warning a member gets at the desk when issuing without the duty.
 */
import type { Member } from '../election/model';
import type { IsoDate } from '../time/date';
import { localDateTimeIn } from '../time/zone';
import { err, ok, type Result } from '../util/result';
import { DUTIES, type Duty, type OpeningPayload } from './events';

export interface Assignment {
  memberId: string;
  duty: Duty;
}

/** The chair and the secretary do not take part in the lot. */
export function drawsLots(member: Member): boolean {
  return member.role !== 'chair' && member.role !== 'secretary';
}

export type LotProblem =
  | { code: 'not-a-member'; memberId: string }
  | { code: 'excluded-role'; memberId: string }
  | { code: 'twice'; memberId: string }
  | { code: 'not-drawn'; memberId: string }
  | { code: 'duty-unheld'; duty: Duty }
  | { code: 'too-few-members'; present: number };

/**
 * Checks a lot's result against the members: every present member who draws holds a duty, nobody
 * else holds one, and every duty has a holder. A member holds one duty, unless fewer members are
 * present than there are duties: then the remaining duties are drawn again among them. Allowed, or
 * every problem (never an empty list).
 */
export function checkLot(members: readonly Member[], assignments: readonly Assignment[], absent: readonly string[]): Result<void, LotProblem[]> {
  const problems: LotProblem[] = [];
  const byId = new Map(members.map((m) => [m.id, m]));
  const absentSet = new Set(absent);
  const present = members.filter((m) => drawsLots(m) && !absentSet.has(m.id));
  const oneEach = present.length >= DUTIES.length;
  const held = new Map<string, Set<Duty>>();
  for (const a of assignments) {
    const m = byId.get(a.memberId);
    if (!m) problems.push({ code: 'not-a-member', memberId: a.memberId });
    else if (!drawsLots(m)) problems.push({ code: 'excluded-role', memberId: a.memberId });
    const duties = held.get(a.memberId) ?? new Set<Duty>();
    if (duties.has(a.duty) || (oneEach && duties.size > 0)) problems.push({ code: 'twice', memberId: a.memberId });
    duties.add(a.duty);
    held.set(a.memberId, duties);
  }
  if (present.length === 0) problems.push({ code: 'too-few-members', present: 0 });
  for (const m of present) if (!held.has(m.id)) problems.push({ code: 'not-drawn', memberId: m.id });
  for (const id of held.keys()) if (absentSet.has(id)) problems.push({ code: 'not-a-member', memberId: id });
  for (const duty of DUTIES) if (!assignments.some((a) => a.duty === duty)) problems.push({ code: 'duty-unheld', duty });
  return problems.length > 0 ? err(problems) : ok(undefined);
}

/**
 * A lot drawn by the laptop: the present members who draw, shuffled by `random` (numbers in [0,1),
 * from crypto in the renderer, fixed in tests), take the duties in turn; every duty is held, and
 * with fewer members than duties the remaining duties go round the shuffled members again.
 */
export function drawLot(members: readonly Member[], absent: readonly string[], random: () => number): Result<Assignment[], LotProblem[]> {
  const absentSet = new Set(absent);
  const present = members.filter((m) => drawsLots(m) && !absentSet.has(m.id));
  if (present.length === 0) return err([{ code: 'too-few-members', present: 0 }]);
  const order = [...present];
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    [order[i], order[j]] = [order[j] as Member, order[i] as Member];
  }
  const turns = Math.max(order.length, DUTIES.length);
  return ok(Array.from({ length: turns }, (_, i) => ({ memberId: (order[i % order.length] as Member).id, duty: DUTIES[i % DUTIES.length] as Duty })));
}

export interface SealedBox {
  box: 'stationary' | number;
  seals: string[];
  at: string;
}

export interface OpeningState {
  duties: { assignments: Assignment[]; absent: string[]; method: 'paper' | 'laptop'; at: string; by: string | null } | null;
  safe: { sealIntact: boolean; note: string; at: string } | null;
  lists: { paperVoters: number; electronicVoters: number; note: string; at: string } | null;
  boxes: SealedBox[];
  act: { actNumber: string; at: string } | null;
}

export const EMPTY_OPENING: OpeningState = { duties: null, safe: null, lists: null, boxes: [], act: null };

export type OpeningFact =
  | { type: 'OpeningDutiesDrawn'; payload: OpeningPayload<'OpeningDutiesDrawn'>; at: string; actor: string | null }
  | { type: 'OpeningSafeOpened'; payload: OpeningPayload<'OpeningSafeOpened'>; at: string; actor: string | null }
  | { type: 'OpeningListsCompared'; payload: OpeningPayload<'OpeningListsCompared'>; at: string; actor: string | null }
  | { type: 'OpeningBoxSealed'; payload: OpeningPayload<'OpeningBoxSealed'>; at: string; actor: string | null }
  | { type: 'OpeningActDrawnUp'; payload: OpeningPayload<'OpeningActDrawnUp'>; at: string; actor: string | null };

/** Later facts replace earlier ones of the same kind (a box resealed keeps its last seals). */
export function foldOpening(state: OpeningState, fact: OpeningFact): OpeningState {
  switch (fact.type) {
    case 'OpeningDutiesDrawn':
      return { ...state, duties: { assignments: fact.payload.assignments, absent: fact.payload.absent, method: fact.payload.method, at: fact.at, by: fact.actor } };
    case 'OpeningSafeOpened':
      return { ...state, safe: { ...fact.payload, at: fact.at } };
    case 'OpeningListsCompared':
      return { ...state, lists: { ...fact.payload, at: fact.at } };
    case 'OpeningBoxSealed': {
      const boxes = state.boxes.filter((b) => b.box !== fact.payload.box);
      boxes.push({ box: fact.payload.box, seals: fact.payload.seals, at: fact.at });
      boxes.sort((a, b) => (a.box === 'stationary' ? -1 : b.box === 'stationary' ? 1 : a.box - b.box));
      return { ...state, boxes };
    }
    case 'OpeningActDrawnUp':
      return { ...state, act: { actNumber: fact.payload.actNumber, at: fact.at } };
  }
}

export type OpeningStep = 'duties' | 'safe' | 'lists' | 'stationary-box' | 'mobile-boxes';

/**
 * The mobile boxes to show empty and seal at the opening: boxes 1…`mobileBoxes` (the teams' drawing)
 * except those already taken out (`boxesOut`): out-of-premises voting is held the day before voting
 * day [Art 33(1), item 71], so a box that went out holds ballots — it stays sealed and is opened
 * first at the count (item 77), never shown empty at the opening.
 */
export function mobileBoxesToSeal(mobileBoxes: number, boxesOut: readonly number[] = []): number[] {
  return Array.from({ length: Math.max(mobileBoxes, 0) }, (_, i) => i + 1).filter((box) => !boxesOut.includes(box));
}

/**
 * What is still missing before the opening act: the lot, the safe, the lists compared, the
 * stationary box sealed and each mobile box to seal (`mobileBoxesToSeal`).
 */
export function openingMissing(state: OpeningState, mobileBoxes: number, boxesOut: readonly number[] = []): OpeningStep[] {
  const missing: OpeningStep[] = [];
  if (!state.duties) missing.push('duties');
  if (!state.safe) missing.push('safe');
  if (!state.lists) missing.push('lists');
  if (!state.boxes.some((b) => b.box === 'stationary')) missing.push('stationary-box');
  if (mobileBoxesToSeal(mobileBoxes, boxesOut).some((box) => !state.boxes.some((b) => b.box === box))) missing.push('mobile-boxes');
  return missing;
}

/** Opening is done when its act is drawn up after every step. */
export function openingDone(state: OpeningState, mobileBoxes: number, boxesOut: readonly number[] = []): boolean {
  return state.act !== null && openingMissing(state, mobileBoxes, boxesOut).length === 0;
}

/** Where an instant falls against the opening window 07:00–08:00 of voting day, in local time. */
export function judgeOpeningTime(at: Date, votingDay: IsoDate, timeZone: string): 'before-day' | 'early' | 'in-window' | 'late' | 'after-day' {
  const local = localDateTimeIn(at, timeZone);
  if (local.date < votingDay) return 'before-day';
  if (local.date > votingDay) return 'after-day';
  if (local.time < '07:00') return 'early';
  if (local.time < '08:00') return 'in-window';
  return 'late';
}

/** The duty a member holds after the lot, or null (chair, secretary, absent, no lot yet). */
export function dutyOf(state: OpeningState, memberId: string | null): Duty | null {
  return dutiesOf(state, memberId)[0] ?? null;
}

/** Every duty a member holds (more than one only when fewer members than duties were present). */
export function dutiesOf(state: OpeningState, memberId: string | null): Duty[] {
  if (!memberId || !state.duties) return [];
  return state.duties.assignments.filter((a) => a.memberId === memberId).map((a) => a.duty);
}

/**
 * The warning for a member who issues a ballot without the ballot issuer's duty. None before the
 * lot (nothing to judge against) and none for a member who holds it.
 */
export function issuingWarning(state: OpeningState, memberId: string | null): { code: 'no-duty' } | { code: 'other-duty'; duty: Duty } | null {
  if (!state.duties) return null;
  const duties = dutiesOf(state, memberId);
  if (duties.includes('ballot-issuer')) return null;
  const duty = duties[0];
  return duty === undefined ? { code: 'no-duty' } : { code: 'other-duty', duty };
}
