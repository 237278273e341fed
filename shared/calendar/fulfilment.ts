/**
 * Which recorded facts fulfil which commission item of the calendar plan: the calendar marks an
 * item done from the events themselves (the commission's own tick stays possible, and is shown
 * apart). One table, so the coverage table in docs/ and the screen agree.
 */
import type { CopiedAct } from '../act-copies';
import type { ApplicationForm } from '../applications/model';
import type { PostedDocument } from '../posting/events';
import { addDays, type IsoDate } from '../time/date';

/** The voter lists received, as the calendar judges items 39, 47 and 49 by them. */
export interface ListFacts {
  /** A voter list was activated at all (item 39: the preliminary list received). */
  any: boolean;
  /** A list was activated after the clarification period ended, 15 days before voting day (item 49: the final list). */
  final: boolean;
  /** The active list holds a marked part: voters of the hospital and custody lists (item 47). */
  marked: boolean;
}

/**
 * Item 49's final list comes after the clarification period (item 40 ends 15 days before voting
 * day) [inferred: the plan gives the final list "not later than 3 days before", the preliminary one
 * before the clarification]; `activatedOn` are the local dates of the list activations.
 */
export function listFacts(activatedOn: readonly IsoDate[], votingDay: IsoDate, markedVoters: number): ListFacts {
  const clarificationEnds = addDays(votingDay, -15);
  return { any: activatedOn.length > 0, final: activatedOn.some((d) => d > clarificationEnds), marked: markedVoters > 0 };
}

export const NO_LIST_FACTS: ListFacts = { any: false, final: false, marked: false };

export interface CommissionFacts {
  /** Event types recorded at this precinct. */
  types: ReadonlySet<string>;
  /** Documents whose posting is recorded. */
  posted: ReadonlySet<PostedDocument>;
  /** The opening act drawn up after every step (item 72). */
  openingDone: boolean;
  /** Acts of which at least one copy was given and logged (items 74/76). */
  actCopies: ReadonlySet<CopiedAct>;
  /** Forms of which an application is in the register (item 42: Form 3; item 43: Form 2). */
  applicationForms: ReadonlySet<ApplicationForm>;
  lists: ListFacts;
  /** The local date the election now set up was activated on this laptop (for a demo: the day it started); null when unknown. */
  setUpOn?: IsoDate | null;
}

export const NO_FACTS: CommissionFacts = { types: new Set(), posted: new Set(), openingDone: false, actCopies: new Set(), applicationForms: new Set(), lists: NO_LIST_FACTS };

interface Rule {
  types?: readonly string[];
  posted?: PostedDocument;
  opening?: true;
  actCopy?: CopiedAct;
  form?: ApplicationForm;
  list?: keyof ListFacts;
}

/** item → the facts that fulfil it (any of the event types, or the named condition). */
export const FULFILLED_BY: Readonly<Record<number, Rule>> = {
  39: { list: 'any' },
  40: { posted: 'preliminary-list' },
  42: { form: 'form3' },
  43: { form: 'form2' },
  46: { posted: 'control-list' },
  47: { list: 'marked' },
  49: { list: 'final' },
  63: { types: ['BallotsReceived'] },
  68: { types: ['VotersInformed'] },
  69: { types: ['OutOfPremisesApplicationRegistered'] },
  70: { posted: 'outpremises-register' },
  71: { types: ['MobileVisitRecorded'] },
  72: { opening: true },
  73: { types: ['BallotIssued'] },
  74: { types: ['UnusedBallotsCancelled'] },
  75: { types: ['ListPageSumsEntered'] },
  76: { actCopy: 'issued' },
  77: { types: ['MobileBoxCounted'] },
  78: { types: ['AeuReportEntered'] },
  80: { types: ['ManualCountEntered'] },
  81: { types: ['ComplaintDecided'] },
  82: { types: ['ProtocolSigned'] },
  83: { types: ['CertifiedCopyIssued'] },
  84: { posted: 'protocol-copy' },
  85: { posted: 'participants-list' },
  86: { types: ['HandoverRecorded'] },
};

/** True when the recorded facts fulfil the item; null when no fact is known to fulfil it. */
export function fulfilledByFacts(item: number, facts: CommissionFacts): boolean | null {
  const rule = FULFILLED_BY[item];
  if (!rule) return null;
  if (rule.opening) return facts.openingDone;
  if (rule.posted) return facts.posted.has(rule.posted);
  if (rule.actCopy) return facts.actCopies.has(rule.actCopy);
  if (rule.form) return facts.applicationForms.has(rule.form);
  if (rule.list) return facts.lists[rule.list];
  return (rule.types ?? []).some((t) => facts.types.has(t));
}
