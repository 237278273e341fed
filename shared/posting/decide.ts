/**
 * Decisions on postings and on informing voters (items 40, 46, 68, 70, 84, 85), pure: the payload
 * to record or why not (`Result`). The time of a posting is the command's one clock reading (`now`),
 * never a second one. `renderer/core/posting.ts` runs them through the one command door.
 *
 * - The one who posted is a member of this commission.
 * - A certified copy of the protocol is posted only after the protocol is signed (item 84 follows
 *   item 82); the results documents (84, 85) not before voting day.
 * - The same document at the same place is recorded once (another place is another posting: the
 *   building's entrance and the website); voters informed the same way at the same place, once.
 * - Late is said, never refused: the posting happened and is recorded as it did (a warning).
 */
import type { IsoDate } from '../time/date';
import type { ApprovedDate } from '../calendar/approved';
import { localDateIn } from '../time/zone';
import { err, ok, type Result } from '../util/result';
import { informDeadline, judgePostedInTime, postingPayloadSchemas, type PostedDocument, type PostingEventType } from './events';
import type { z } from 'zod';

export type PostingPayload<T extends PostingEventType> = z.infer<(typeof postingPayloadSchemas)[T]>;

/** What is posted and how voters were told, as stored, and whether the protocol is signed. */
export interface PostingState {
  posted: readonly { document: PostedDocument; place: string }[];
  informed: readonly { method: string; where: string }[];
  protocolSigned: boolean;
}

export const EMPTY_POSTING: PostingState = { posted: [], informed: [], protocolSigned: false };

export interface PostingContext {
  members: readonly { id: string }[];
  votingDay: IsoDate;
  timeZone: string;
  now: Date;
  /** The CEC's approved dates from the bundle (`election.calendarApproved`): they set the deadlines. */
  approved?: readonly ApprovedDate[];
}

export type PostingRefusal =
  | { code: 'invalid'; field: string }
  | { code: 'not-a-member'; memberId: string }
  | { code: 'protocol-not-signed' }
  | { code: 'before-voting-day'; document: PostedDocument }
  | { code: 'already-posted'; document: PostedDocument; place: string }
  | { code: 'already-informed' };

export type PostingWarning = { code: 'late'; document: PostedDocument } | { code: 'inform-late'; deadline: IsoDate };

/** The same place typed twice with other spaces or case is the same place. */
const samePlace = (a: string, b: string) => a.replace(/\s+/gu, ' ').trim().toLocaleLowerCase() === b.replace(/\s+/gu, ' ').trim().toLocaleLowerCase();

export interface PostingInput {
  document: string;
  place: string;
  postedBy: string;
  copyNumber?: string;
}

export function decidePosting(
  state: PostingState,
  input: PostingInput,
  ctx: PostingContext,
): Result<{ payload: PostingPayload<'DocumentPosted'>; warnings: PostingWarning[] }, PostingRefusal> {
  const parsed = postingPayloadSchemas.DocumentPosted.safeParse({ ...input, copyNumber: input.copyNumber ?? '', postedAt: ctx.now.toISOString() });
  if (!parsed.success) return err({ code: 'invalid', field: parsed.error.issues[0]?.path.join('.') ?? '' });
  const p = parsed.data;
  if (!ctx.members.some((m) => m.id === p.postedBy)) return err({ code: 'not-a-member', memberId: p.postedBy });
  const timing = judgePostedInTime(p.document, p.postedAt, ctx.votingDay, ctx.timeZone, ctx.approved);
  if (timing === 'early') return err({ code: 'before-voting-day', document: p.document });
  if (p.document === 'protocol-copy' && !state.protocolSigned) return err({ code: 'protocol-not-signed' });
  if (state.posted.some((e) => e.document === p.document && samePlace(e.place, p.place))) return err({ code: 'already-posted', document: p.document, place: p.place });
  return ok({ payload: p, warnings: timing === 'late' ? [{ code: 'late', document: p.document }] : [] });
}

export interface InformInput {
  method: string;
  where: string;
}

/** Voters informed of the time and place (item 68): late (after 10 days before voting day, or the approved date) is said. */
export function decideInforming(
  state: PostingState,
  input: InformInput,
  ctx: Omit<PostingContext, 'members'>,
): Result<{ payload: PostingPayload<'VotersInformed'>; warnings: PostingWarning[] }, PostingRefusal> {
  const parsed = postingPayloadSchemas.VotersInformed.safeParse({ ...input, informedAt: ctx.now.toISOString() });
  if (!parsed.success) return err({ code: 'invalid', field: parsed.error.issues[0]?.path.join('.') ?? '' });
  const p = parsed.data;
  if (state.informed.some((e) => e.method === p.method && samePlace(e.where, p.where))) return err({ code: 'already-informed' });
  const deadline = informDeadline(ctx.votingDay, ctx.approved);
  return ok({ payload: p, warnings: localDateIn(ctx.now, ctx.timeZone) > deadline ? [{ code: 'inform-late', deadline }] : [] });
}
