/**
 * Recording the opening's facts (item 72): each payload is checked by its zod schema, and the lot
 * against the members (`checkLot`) before anything is recorded. The one place this feature appends.
 */
import { openingPayloadSchemas, type OpeningEventType, checkLot, type LotProblem } from '../../../shared/opening';
import { recordFact } from '../../core';
import type { ElectionSetup } from '../../../shared/election/model';
import { err, ok, type Result } from '../../../shared/util/result';
import { contextOf } from '../../app/store';

export type OpeningRefusal = { code: 'invalid'; field: string } | { code: 'lot'; problems: LotProblem[] };

export async function recordOpening(
  type: OpeningEventType,
  payload: unknown,
  setup: ElectionSetup,
  actor: string | null,
): Promise<Result<null, OpeningRefusal>> {
  const parsed = openingPayloadSchemas[type].safeParse(payload);
  if (!parsed.success) return err({ code: 'invalid', field: String(parsed.error.issues[0]?.path.join('.') ?? '') });
  if (type === 'OpeningDutiesDrawn') {
    const lot = openingPayloadSchemas.OpeningDutiesDrawn.parse(payload);
    const problems = checkLot(setup.members, lot.assignments, lot.absent);
    if (problems.length > 0) return err({ code: 'lot', problems });
  }
  // The payload passed the schema of exactly `type`; the store's generic cannot see that link.
  await recordFact(type, parsed.data as never, contextOf(setup, actor));
  return ok(null);
}

/** Random numbers in [0, 1) from the platform's cryptographic generator, for a lot drawn here. */
export function cryptoRandom(): number {
  const buf = new Uint32Array(1);
  crypto.getRandomValues(buf);
  return (buf[0] ?? 0) / 2 ** 32;
}
