/**
 * Which recorded facts fulfil which commission item of the calendar plan: the calendar marks an
 * item done from the events themselves (the commission's own tick stays possible, and is shown
 * apart). One table, so the coverage table in docs/ and the screen agree.
 */
import type { CopiedAct } from '../act-copies';
import { POSTED_DOCUMENTS, type PostedDocument } from '../posting/events';

export interface CommissionFacts {
  /** Event types recorded at this precinct. */
  types: ReadonlySet<string>;
  /** Documents whose posting is recorded. */
  posted: ReadonlySet<PostedDocument>;
  /** The opening act drawn up after every step (item 72). */
  openingDone: boolean;
  /** Acts of which at least one copy was given and logged (items 74/76). */
  actCopies: ReadonlySet<CopiedAct>;
}

/** item → the facts that fulfil it (any of the event types, or the named condition). */
export const FULFILLED_BY: Readonly<Record<number, { types?: readonly string[]; posted?: PostedDocument; opening?: true; actCopy?: CopiedAct }>> = {
  40: { posted: 'preliminary-list' },
  42: { types: ['ListApplicationRegistered'] },
  46: { posted: 'control-list' },
  47: { types: ['VoterListActivated'] },
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
  return (rule.types ?? []).some((t) => facts.types.has(t));
}

/** Documents and their items, for the coverage table. */
export const POSTING_ITEMS = POSTED_DOCUMENTS;
