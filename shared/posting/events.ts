/**
 * Postings and informing voters (calendar items 40, 46, 68, 70, 84, 85): what was posted, where,
 * when and by whom; how voters were told the time and place of voting. Spread into the catalog.
 */
import { z } from 'zod';
import { addDays, type IsoDate } from '../time/date';
import { localDateIn } from '../time/zone';
import type { ApprovedDate } from '../calendar/approved';

/** What the commission posts, with the calendar item that asks for it. */
export const POSTED_DOCUMENTS = {
  'preliminary-list': 40,
  'control-list': 46,
  'outpremises-register': 70,
  'protocol-copy': 84,
  'participants-list': 85,
} as const;
export type PostedDocument = keyof typeof POSTED_DOCUMENTS;
const documentKeys = Object.keys(POSTED_DOCUMENTS) as [PostedDocument, ...PostedDocument[]];

const instant = z.iso.datetime({ offset: true });
const memberId = z.string().min(1).max(80);

export const postingPayloadSchemas = {
  /** A document posted for the public: where, when and by whom (the record of items 40/46/70/84/85). */
  DocumentPosted: z
    .object({
      document: z.enum(documentKeys),
      place: z.string().trim().min(2).max(300),
      postedBy: memberId,
      postedAt: instant,
      /** For a certified copy of the protocol: its copy number in the copies log. */
      copyNumber: z.string().trim().max(40).default(''),
    })
    .strict(),
  /** Voters informed of the time and place of voting (item 68): how and where. */
  VotersInformed: z
    .object({
      method: z.enum(['notice', 'media', 'website', 'other']),
      where: z.string().trim().min(2).max(300),
      informedAt: instant,
    })
    .strict(),
} as const;

export type PostingEventType = keyof typeof postingPayloadSchemas;

/**
 * Item 68 (and the precincts abroad, seed 000): voters informed at least 10 days before voting day —
 * the last day allowed, in the precinct's own calendar; the CEC's approved date for item 68 when the
 * bundle carries one (`election.calendarApproved`, the date the calendar shows).
 */
export function informDeadline(votingDay: IsoDate, approved: readonly ApprovedDate[] = []): IsoDate {
  return approvedDay(68, approved) ?? addDays(votingDay, -10);
}

const approvedDay = (item: number, approved: readonly ApprovedDate[]): IsoDate | undefined => approved.find((a) => a.item === item)?.date;

/** The last local day a document is posted in time: the plan's rule, or the CEC's approved date for its item. */
export function postingDeadline(document: PostedDocument, votingDay: IsoDate, approved: readonly ApprovedDate[] = []): IsoDate {
  const set = approvedDay(POSTED_DOCUMENTS[document], approved);
  if (set) return set;
  if (document === 'protocol-copy' || document === 'participants-list') return addDays(votingDay, 3);
  if (document === 'control-list') return addDays(votingDay, -20);
  // Item 40: posted for the clarification period, which ends 15 days before voting day.
  if (document === 'preliminary-list') return addDays(votingDay, -15);
  // Item 70: the register of applications to vote outside the premises, 2 days before voting day.
  return addDays(votingDay, -2);
}

/**
 * Whether a posting keeps the calendar plan, judged on the local date: items 84/85 not later than 3
 * calendar days after voting day (and not before it); item 46 by 20 days before; item 40 within the
 * clarification period (until 15 days before); item 70 by 2 days before — or by the CEC's approved
 * date for the item when the bundle carries one (the calendar shows the same date).
 */
export function judgePostedInTime(document: PostedDocument, postedAt: string, votingDay: IsoDate, timeZone: string, approved: readonly ApprovedDate[] = []): 'in-time' | 'late' | 'early' {
  const day = localDateIn(new Date(postedAt), timeZone);
  if ((document === 'protocol-copy' || document === 'participants-list') && day < votingDay) return 'early';
  return day <= postingDeadline(document, votingDay, approved) ? 'in-time' : 'late';
}
