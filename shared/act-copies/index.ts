/**
 * Copies of the commission's acts given to those present (calendar item 76: the act on the number
 * of ballots issued to voters, "copies to everyone present"; the act on unused and spoiled ballots,
 * item 74, the same way). Each copy is numbered per act and logged with its recipient, as the
 * protocol's certified copies are (shared/protocol/copies), and carries the act's total as it stood
 * when the copy was given, so a copy given before a correction is recognisable in the log.
 */
import { z } from 'zod';
import { RECIPIENT_ROLES, sameCopy } from '../protocol/copies';
import { err, ok, type Result } from '../util/result';

/** The acts whose copies are logged: 'issued' (item 76), 'ballots' (unused and spoiled, item 74). */
export const COPIED_ACTS = ['issued', 'ballots'] as const;
export type CopiedAct = (typeof COPIED_ACTS)[number];

export const actCopyPayloadSchemas = {
  /** A numbered copy of an act handed to a person present. */
  ActCopyIssued: z
    .object({
      act: z.enum(COPIED_ACTS),
      copyNumber: z.number().int().min(1).max(10_000),
      recipientName: z.string().trim().min(1).max(200),
      recipientRole: z.enum(RECIPIENT_ROLES),
      /** Whom the recipient represents (a candidate, a party, a media outlet), if anyone. */
      represents: z.string().trim().max(200).default(''),
      /** The act's total on this copy: ballots issued (room + outside), or ballots cancelled. */
      total: z.number().int().min(0).max(10_000_000),
      issuedAt: z.iso.datetime({ offset: true }),
      issuedBy: z.string().min(1).max(80),
    })
    .strict(),
} as const;

export type ActCopy = z.infer<(typeof actCopyPayloadSchemas)['ActCopyIssued']>;
export const ACT_COPY_EVENT_TYPES = ['ActCopyIssued'] as const;

/**
 * The copies log, in the order given. A copy is logged once; two copies of an act under one number
 * (two laptops each gave the next number before they exchanged records) are both kept — each was
 * handed to a person — and `numbersGivenTwice` (shared/protocol/copies) names the number.
 */
export function evolveActCopies(log: readonly ActCopy[], copy: ActCopy): ActCopy[] {
  return log.some((c) => c.act === copy.act && sameCopy(c, copy)) ? [...log] : [...log, copy];
}

export const foldActCopies = (copies: readonly ActCopy[]): ActCopy[] => copies.reduce(evolveActCopies, []);

export const copiesOfAct = (log: readonly ActCopy[], act: CopiedAct): ActCopy[] => log.filter((c) => c.act === act);

/** The next number for an act: one more than the highest logged for it. */
export const nextActCopyNumber = (log: readonly ActCopy[], act: CopiedAct): number =>
  copiesOfAct(log, act).reduce((n, c) => Math.max(n, c.copyNumber), 0) + 1;

/**
 * What the act stands on when a copy is asked for: the act on ballots issued is drawn up after the
 * work with the lists (item 75: the page sums counted on the paper list); the act on unused ballots
 * after they were counted and cancelled (item 74). `total` is the act's figure then.
 */
export interface ActReadiness {
  pageSumsEntered: boolean;
  cancelled: number | null;
  issuedTotal: number;
}

export type ActCopyRefusal = 'no-recipient' | 'unknown-member' | 'list-not-summed' | 'not-cancelled' | 'already-given';

export interface ActCopyInput {
  act: CopiedAct;
  recipientName: string;
  recipientRole: (typeof RECIPIENT_ROLES)[number];
  represents: string;
  issuedBy: string;
}

/**
 * A copy of an act: numbered next for that act (decided on the log as stored, so two windows never
 * take one number), the recipient named, given by a member of the commission, only once the act can
 * be drawn up, and one copy of an act per recipient (a second copy for the same person of the same
 * role and side is refused: the log already holds theirs). Time = `now`, the command's clock reading.
 */
export function decideActCopy(
  log: readonly ActCopy[],
  input: ActCopyInput,
  readiness: ActReadiness,
  members: readonly { id: string }[],
  now: Date,
): Result<ActCopy, ActCopyRefusal[]> {
  const refusals: ActCopyRefusal[] = [];
  const name = input.recipientName.trim().replace(/\s+/gu, ' ');
  const represents = input.represents.trim();
  if (name === '' || name.length > 200) refusals.push('no-recipient');
  if (!members.some((m) => m.id === input.issuedBy)) refusals.push('unknown-member');
  if (input.act === 'issued' && !readiness.pageSumsEntered) refusals.push('list-not-summed');
  if (input.act === 'ballots' && readiness.cancelled === null) refusals.push('not-cancelled');
  const same = (c: ActCopy) => c.act === input.act && c.recipientName.toLocaleLowerCase() === name.toLocaleLowerCase() && c.recipientRole === input.recipientRole && c.represents === represents;
  if (name !== '' && log.some(same)) refusals.push('already-given');
  if (refusals.length > 0) return err(refusals);
  return ok({
    act: input.act,
    copyNumber: nextActCopyNumber(log, input.act),
    recipientName: name,
    recipientRole: input.recipientRole,
    represents,
    total: input.act === 'issued' ? readiness.issuedTotal : (readiness.cancelled ?? 0),
    issuedAt: now.toISOString(),
    issuedBy: input.issuedBy,
  });
}
