/**
 * The register of Form 2 / Form 3 applications: what may be entered, and how the events fold into
 * the register. Pure; the renderer runs the checks inside the transaction that records the event.
 */
import { computeTiming, type CalendarAnchors } from '../calendar/evaluate';
import { judgeDeadline, timingDeadline, type LocalDeadline } from '../calendar/deadline';
import { withApproved, type ApprovedDate } from '../calendar/approved';
import type { CalendarRule } from '../calendar/schema';
import type { StoredEvent } from '../events/envelope';
import { err, ok, type Result } from '../util/result';
import type { IsoDate, TimeOfDay } from '../time/date';
import { documentKey } from '../voters/identity';
import {
  FORM_CALENDAR_ITEM,
  type ApplicationBody,
  type ApplicationForm,
  type ApplicationOutcome,
  type ForwardTarget,
} from './model';

export interface Forwarding {
  to: ForwardTarget;
  at: string;
  note: string;
  by: string | null;
  eventId: string;
}

export interface Decision {
  outcome: ApplicationOutcome;
  at: string;
  note: string;
  by: string | null;
  eventId: string;
}

export interface RegisteredApplication extends ApplicationBody {
  /** The registering event's id: how forwarding and decisions refer to it. */
  id: string;
  number: number;
  recordedAt: string;
  recordedBy: string | null;
  forwarded: Forwarding[];
  decision: Decision | null;
}

export interface RefusedApplication extends ApplicationBody {
  id: string;
  reason: 'late';
  deadline: LocalDeadline;
  recordedAt: string;
  recordedBy: string | null;
}

export interface ApplicationsState {
  /** In order of registration. */
  entries: RegisteredApplication[];
  refusals: RefusedApplication[];
}

export const EMPTY_APPLICATIONS: ApplicationsState = { entries: [], refusals: [] };

// ---------------------------------------------------------------------------------------------
// Deadlines

/** Form 2 at this precinct as the bundle sets it (`precinct.form2`): its place and its own deadline. */
export interface PrecinctForm2 {
  place?: string;
  deadline?: { date: IsoDate; time?: TimeOfDay };
}

/**
 * The deadline of a form: its calendar item's rule for this election, in the precinct's zone — or
 * the CEC's approved date for that item when the bundle carries one — or, for Form 2, the precinct's
 * own deadline when the bundle sets one (Form 2 at a consulate changes from election to election:
 * data, not code; the calendar shows the same date).
 */
export function formDeadline(
  form: ApplicationForm,
  items: readonly { n: number; rule: CalendarRule }[],
  anchors: CalendarAnchors,
  timeZone: string,
  approved: readonly ApprovedDate[] = [],
  precinctForm2?: PrecinctForm2,
): LocalDeadline | null {
  if (form === 'form2' && precinctForm2?.deadline) return { date: precinctForm2.deadline.date, time: precinctForm2.deadline.time ?? '24:00', timeZone };
  const item = items.find((i) => i.n === FORM_CALENDAR_ITEM[form]);
  if (!item) return null;
  return timingDeadline(withApproved(computeTiming(item.rule, anchors), approved.find((a) => a.item === item.n)).timing, timeZone);
}

/** The approved date a precinct's own Form 2 deadline stands for on the calendar (item 43), if any. */
export function precinctForm2Approved(precinctForm2: PrecinctForm2 | undefined): ApprovedDate | undefined {
  return precinctForm2?.deadline ? { item: FORM_CALENDAR_ITEM.form2, date: precinctForm2.deadline.date } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Checks

export type ApplicationProblem =
  | { code: 'receiver-not-member'; field: 'receivedBy' }
  | { code: 'received-in-future'; field: 'receivedAt' }
  | { code: 'document-required'; field: 'document' }
  | { code: 'subject-required'; field: 'subject' }
  | { code: 'details-required'; field: 'details' }
  | { code: 'address-required'; field: 'address' }
  | { code: 'absence-but-listed'; field: 'voterId' }
  | { code: 'already-listed'; field: 'voterId' }
  | { code: 'already-registered'; field: 'applicant'; number: number; form: ApplicationForm };

/** How far ahead of this laptop's clock a receipt time may be (clocks differ a little). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** Entries still open (not rejected) that are the same person for the same form. */
function samePerson(entry: RegisteredApplication, body: ApplicationBody): boolean {
  const a = entry.applicant;
  const b = body.applicant;
  if (a.voterId && b.voterId && a.voterId === b.voterId) return true;
  if (a.personalNumber && a.personalNumber === b.personalNumber) return true;
  // The number as the voter list compares documents: "ИД 123-45 67" (the series typed in Cyrillic) is ID1234567.
  const docKey = (d: ApplicationBody['document']) => (d ? `${d.kind}:${documentKey(d.number)}` : '');
  const da = docKey(entry.document);
  return da !== '' && da === docKey(body.document);
}

/**
 * Problems that keep an application out of the register (the form must be corrected). Lateness is
 * not among them: a late application is refused and the refusal recorded (see `judgeApplication`).
 * Allowed, or every problem (never an empty list).
 */
export function checkApplication(
  state: ApplicationsState,
  body: ApplicationBody,
  context: { members: readonly { id: string }[]; now: Date },
): Result<void, ApplicationProblem[]> {
  const problems: ApplicationProblem[] = [];
  if (!context.members.some((m) => m.id === body.receivedBy)) problems.push({ code: 'receiver-not-member', field: 'receivedBy' });
  if (new Date(body.receivedAt).getTime() > context.now.getTime() + FUTURE_TOLERANCE_MS) {
    problems.push({ code: 'received-in-future', field: 'receivedAt' });
  }
  if (body.form === 'form2') {
    if (!body.document) problems.push({ code: 'document-required', field: 'document' });
    if (body.applicant.address.trim() === '') problems.push({ code: 'address-required', field: 'address' });
    if (body.applicant.voterId) problems.push({ code: 'already-listed', field: 'voterId' });
  } else {
    if (!body.subject) problems.push({ code: 'subject-required', field: 'subject' });
    else if (body.subject !== 'absence' && body.details.trim().length < 3) problems.push({ code: 'details-required', field: 'details' });
    if (body.subject === 'absence' && body.applicant.voterId) problems.push({ code: 'absence-but-listed', field: 'voterId' });
  }
  const twin = state.entries.find((e) => e.form === body.form && e.decision?.outcome !== 'rejected' && samePerson(e, body));
  if (twin) problems.push({ code: 'already-registered', field: 'applicant', number: twin.number, form: twin.form });
  return problems.length > 0 ? err(problems) : ok(undefined);
}

export type ApplicationJudgement =
  | { accept: true; number: number }
  | { accept: false; reason: 'late'; deadline: LocalDeadline; local: { date: string; time: string } };

/** In time → the number it gets in its form's register; too late → a refusal to record. */
export function judgeApplication(state: ApplicationsState, body: ApplicationBody, deadline: LocalDeadline): ApplicationJudgement {
  const judged = judgeDeadline(new Date(body.receivedAt), deadline);
  if (!judged.inTime) return { accept: false, reason: 'late', deadline, local: judged.local };
  return { accept: true, number: nextNumber(state, body.form) };
}

export function nextNumber(state: ApplicationsState, form: ApplicationForm): number {
  return state.entries.reduce((max, e) => (e.form === form ? Math.max(max, e.number) : max), 0) + 1;
}

export type FollowUpProblem =
  | { code: 'unknown-application' }
  | { code: 'already-decided'; outcome: ApplicationOutcome }
  | { code: 'note-required'; min: number };

export const MIN_REJECTION_NOTE = 5;

/** An open application may be forwarded; the result is the entry it names. */
export function checkForward(state: ApplicationsState, applicationId: string): Result<RegisteredApplication, FollowUpProblem> {
  const entry = state.entries.find((e) => e.id === applicationId);
  if (!entry) return err({ code: 'unknown-application' });
  if (entry.decision) return err({ code: 'already-decided', outcome: entry.decision.outcome });
  return ok(entry);
}

/** An open application may be decided once; a rejection needs a note. */
export function checkDecision(state: ApplicationsState, applicationId: string, outcome: ApplicationOutcome, note: string): Result<RegisteredApplication, FollowUpProblem> {
  const entry = state.entries.find((e) => e.id === applicationId);
  if (!entry) return err({ code: 'unknown-application' });
  if (entry.decision) return err({ code: 'already-decided', outcome: entry.decision.outcome });
  if (outcome === 'rejected' && note.trim().length < MIN_REJECTION_NOTE) return err({ code: 'note-required', min: MIN_REJECTION_NOTE });
  return ok(entry);
}

// ---------------------------------------------------------------------------------------------
// Fold

export function applyApplicationEvent(state: ApplicationsState, event: StoredEvent): ApplicationsState {
  switch (event.type) {
    case 'ListApplicationRegistered': {
      const { number, ...body } = event.payload;
      const entry: RegisteredApplication = { ...body, id: event.id, number, recordedAt: event.recordedAt, recordedBy: event.actor, forwarded: [], decision: null };
      return { ...state, entries: [...state.entries, entry] };
    }
    case 'ListApplicationRefused': {
      const { reason, deadline, ...body } = event.payload;
      const refusal: RefusedApplication = { ...body, id: event.id, reason, deadline, recordedAt: event.recordedAt, recordedBy: event.actor };
      return { ...state, refusals: [...state.refusals, refusal] };
    }
    case 'ListApplicationForwarded': {
      const p = event.payload;
      return updateEntry(state, p.application, (e) => ({ ...e, forwarded: [...e.forwarded, { to: p.to, at: p.at, note: p.note, by: event.actor, eventId: event.id }] }));
    }
    case 'ListApplicationDecided': {
      const p = event.payload;
      // The first decision stands; a second one (from another laptop, before sync) is ignored here
      // and shows in the log.
      return updateEntry(state, p.application, (e) => (e.decision ? e : { ...e, decision: { outcome: p.outcome, at: p.at, note: p.note, by: event.actor, eventId: event.id } }));
    }
    default:
      return state;
  }
}

function updateEntry(state: ApplicationsState, id: string, change: (e: RegisteredApplication) => RegisteredApplication): ApplicationsState {
  const index = state.entries.findIndex((e) => e.id === id);
  if (index < 0) return state;
  const entries = state.entries.slice();
  entries[index] = change(entries[index]!);
  return { ...state, entries };
}

export function foldApplications(events: readonly StoredEvent[]): ApplicationsState {
  return events.reduce(applyApplicationEvent, EMPTY_APPLICATIONS);
}

/** The register as printed: Form 2 first, then Form 3, each by number. */
export function registerOrder(state: ApplicationsState): RegisteredApplication[] {
  return [...state.entries].sort((a, b) => (a.form === b.form ? a.number - b.number : a.form < b.form ? -1 : 1));
}

/** A number of one form's register given to more than one application. */
export interface NumberGivenTwice {
  form: ApplicationForm;
  number: number;
  /** The applications under that number, in the order they were entered. */
  entries: RegisteredApplication[];
}

/**
 * The numbers of a form given to two or more applications: two laptops of the precinct each gave
 * the next number before they exchanged records. Every application stays in the register (none is
 * dropped or renumbered: the paper carries the number written on it); this names them, by form
 * and number as the register prints them.
 */
export function numbersGivenTwice(state: Pick<ApplicationsState, 'entries'>): NumberGivenTwice[] {
  const byNumber = new Map<string, RegisteredApplication[]>();
  for (const e of state.entries) {
    const key = `${e.form}:${e.number}`;
    byNumber.set(key, [...(byNumber.get(key) ?? []), e]);
  }
  const out: NumberGivenTwice[] = [];
  for (const list of byNumber.values()) {
    const first = list[0];
    if (!first || list.length < 2) continue;
    const entries = [...list].sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    out.push({ form: first.form, number: first.number, entries });
  }
  return out.sort((a, b) => (a.form === b.form ? a.number - b.number : a.form < b.form ? -1 : 1));
}

/** One applicant entered more than once in one form's register (every entry still open). */
export interface EnteredTwice {
  form: ApplicationForm;
  /** The entries, in the order they were entered. */
  entries: RegisteredApplication[];
}

/**
 * Applicants entered twice in one form's register — the same voter, personal number or document —
 * which `checkApplication` refuses on one laptop but two laptops can each accept before they exchange
 * records. Entries rejected by the commission are left out (a rejected one may be entered again).
 */
export function applicantsEnteredTwice(state: Pick<ApplicationsState, 'entries'>): EnteredTwice[] {
  const open = [...state.entries]
    .filter((e) => e.decision?.outcome !== 'rejected')
    .sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const taken = new Set<string>();
  const out: EnteredTwice[] = [];
  for (const [i, first] of open.entries()) {
    if (taken.has(first.id)) continue;
    const same = open.slice(i + 1).filter((e) => !taken.has(e.id) && e.form === first.form && samePerson(e, first));
    if (same.length === 0) continue;
    for (const e of same) taken.add(e.id);
    out.push({ form: first.form, entries: [first, ...same] });
  }
  return out;
}

/** Counts for the register's footer and for reports. */
export function applicationCounts(state: ApplicationsState) {
  const count = (form: ApplicationForm) => {
    const entries = state.entries.filter((e) => e.form === form);
    return {
      registered: entries.length,
      forwarded: entries.filter((e) => e.forwarded.length > 0).length,
      decided: entries.filter((e) => e.decision).length,
      refused: state.refusals.filter((r) => r.form === form).length,
    };
  };
  return { form2: count('form2'), form3: count('form3') };
}
