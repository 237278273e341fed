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

/** The log of copies, in the order issued; a repeated copy number is ignored (it was logged once). */
export function foldCopies(log: readonly CertifiedCopy[], copy: CertifiedCopy): CertifiedCopy[] {
  return log.some((c) => c.copyNumber === copy.copyNumber) ? [...log] : [...log, copy];
}

/** The next copy number: one more than the highest logged. */
export const nextCopyNumber = (log: readonly CertifiedCopy[]): number => log.reduce((n, c) => Math.max(n, c.copyNumber), 0) + 1;

export const copiesOfVersion = (log: readonly CertifiedCopy[], hash: string): CertifiedCopy[] => log.filter((c) => c.protocolHash === hash);
