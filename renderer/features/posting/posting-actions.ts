/** Recording postings and the informing of voters: zod-checked, the one place this feature appends. */
import { postingPayloadSchemas, type PostingEventType } from '../../../shared/posting/events';
import { recordFact } from '../../core';
import type { ElectionSetup } from '../../../shared/election/model';
import { err, ok, type Result } from '../../../shared/util/result';
import { contextOf } from '../../app/store';

export async function recordPosting(type: PostingEventType, payload: unknown, setup: ElectionSetup, actor: string | null): Promise<Result<null, { field: string }>> {
  const parsed = postingPayloadSchemas[type].safeParse(payload);
  if (!parsed.success) return err({ field: String(parsed.error.issues[0]?.path.join('.') ?? '') });
  // The payload passed the schema of exactly `type`; the store's generic cannot see that link.
  await recordFact(type, parsed.data as never, contextOf(setup, actor));
  return ok(null);
}
