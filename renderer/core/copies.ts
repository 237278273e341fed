/**
 * A certified copy of the signed protocol, through the one door: its number is decided on the log
 * of copies as stored, inside the recording transaction (two windows never give out one number —
 * the log keeps the first of a repeated number, so a second would be lost), and its time is the
 * command's one clock reading. A double click issues one copy.
 */
import { copyPayloadSchemas, nextCopyNumber, type CertifiedCopy, type RecipientRole } from '../../shared/protocol/copies';
import { canonicalJson } from '../../shared/util/canonical-json';
import { err, ok, type Result } from '../../shared/util/result';
import type { EventContext } from '../db/event-store';
import { copiesProjector } from '../db/projectors';
import type { CommandBus, Recorded } from './command';

export interface CopyRequest {
  protocolHash: string;
  version: number;
  recipientName: string;
  recipientRole: RecipientRole;
  represents: string;
  issuedBy: string;
}

/** The request does not make a copy (no recipient named, …): nothing is recorded. */
export type CopyRefusal = 'invalid';

export function issueCertifiedCopy(bus: CommandBus, request: CopyRequest, context: EventContext): Promise<Result<Recorded<'CertifiedCopyIssued', never>, CopyRefusal>> {
  return bus.execute(
    {
      type: 'CertifiedCopyIssued',
      reads: ['projections'],
      key: canonicalJson(request),
      async decide(db, now) {
        const log: CertifiedCopy[] = await copiesProjector.read(db);
        const parsed = copyPayloadSchemas.CertifiedCopyIssued.safeParse({ ...request, copyNumber: nextCopyNumber(log), issuedAt: now.toISOString() });
        return parsed.success ? ok({ payload: parsed.data, warnings: [] }) : err('invalid');
      },
    },
    context,
  );
}
