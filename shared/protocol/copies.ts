/**
 * Certified copies of the signed protocol (domain.md §9.13: a copy for every observer and
 * representative present, names logged). Each copy is numbered, names its recipient and role, and
 * is tied to the signed version by its hash, so a copy of a superseded version is recognisable.
 */
import { z } from 'zod';

export const RECIPIENT_ROLES = ['observer', 'candidate-proxy', 'media', 'member', 'other'] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

export const copyPayloadSchemas = {
  CertifiedCopyIssued: z
    .object({
      protocolHash: z.string().regex(/^[0-9a-f]{64}$/u),
      version: z.number().int().min(1).max(1000),
      copyNumber: z.number().int().min(1).max(10_000),
      recipientName: z.string().trim().min(1).max(200),
      recipientRole: z.enum(RECIPIENT_ROLES),
      /** Whom the recipient represents (a candidate, a party, a media outlet), if anyone. */
      represents: z.string().trim().max(200).default(''),
      issuedAt: z.iso.datetime({ offset: true }),
      issuedBy: z.string().min(1).max(80),
    })
    .strict(),
} as const;

export type CertifiedCopy = z.infer<(typeof copyPayloadSchemas)['CertifiedCopyIssued']>;

/** The same copy logged again (its number, recipient and time): one copy, not two. */
export const sameCopy = (a: { copyNumber: number; recipientName: string; issuedAt: string }, b: { copyNumber: number; recipientName: string; issuedAt: string }): boolean =>
  a.copyNumber === b.copyNumber && a.recipientName === b.recipientName && a.issuedAt === b.issuedAt;

/**
 * The log of copies, in the order issued. A copy is logged once; two copies under one number — two
 * laptops of the precinct each gave the next number before they exchanged records — are both kept
 * (each was handed to a person), and `numbersGivenTwice` names the number.
 */
export function foldCopies(log: readonly CertifiedCopy[], copy: CertifiedCopy): CertifiedCopy[] {
  return log.some((c) => sameCopy(c, copy)) ? [...log] : [...log, copy];
}

/** Copy numbers logged for more than one copy (in number order), as a log of copies shows them. */
export function numbersGivenTwice(log: readonly { copyNumber: number; recipientName: string; issuedAt: string }[]): number[] {
  const seen = new Set<number>();
  const twice = new Set<number>();
  for (const c of log) (seen.has(c.copyNumber) ? twice : seen).add(c.copyNumber);
  return [...twice].sort((a, b) => a - b);
}

/** The key of a copy in a list (its number alone may be given twice). */
export const copyKey = (c: { copyNumber: number; recipientName: string; issuedAt: string }): string => `${c.copyNumber}|${c.issuedAt}|${c.recipientName}`;

/** The next copy number: one more than the highest logged. */
export const nextCopyNumber = (log: readonly CertifiedCopy[]): number => log.reduce((n, c) => Math.max(n, c.copyNumber), 0) + 1;

export const copiesOfVersion = (log: readonly CertifiedCopy[], hash: string): CertifiedCopy[] => log.filter((c) => c.protocolHash === hash);
