/**
 * Item 77 through the one door: each mobile box's count decided on the counts and the stationary
 * count as stored (a box counts once, even from two windows), what it reveals said as warnings.
 */
import { useQuery } from './query';
import {
  decideBoxCount, EMPTY_MOBILE_COUNT, foldMobileCount, MOBILE_COUNT_FACT_TYPES,
  type BoxCountInput, type BoxCountRefusal, type BoxExpectation, type BoxFinding, type MobileCountFact, type MobileCountState,
} from '../../shared/mobile-count';
import { err, ok, type Result } from '../../shared/util/result';
import type { EventContext } from '../db/event-store';
import type { PrecinctDatabase } from '../db/schema';
import type { CommandBus, Recorded } from './command';

export async function readMobileCount(database: PrecinctDatabase): Promise<MobileCountState> {
  const events = await database.events.where('type').anyOf([...MOBILE_COUNT_FACT_TYPES]).toArray();
  events.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  return foldMobileCount(
    events.flatMap((e): MobileCountFact[] => {
      if (e.type === 'MobileBoxCounted') return [{ type: 'MobileBoxCounted', payload: e.payload, recordedAt: e.recordedAt }];
      if (e.type === 'ManualCountEntered') return [{ type: 'ManualCountEntered', recordedAt: e.recordedAt }];
      return [];
    }),
  );
}

export function useMobileCount(): MobileCountState {
  return useQuery((database) => readMobileCount(database), [], EMPTY_MOBILE_COUNT);
}

export function recordBoxCount(
  bus: CommandBus,
  input: BoxCountInput,
  expected: readonly BoxExpectation[],
  context: EventContext,
): Promise<Result<Recorded<'MobileBoxCounted', BoxFinding>, BoxCountRefusal[]>> {
  return bus.execute(
    {
      type: 'MobileBoxCounted',
      reads: ['events'],
      key: String(input.box),
      async decide(database) {
        const r = decideBoxCount(await readMobileCount(database), input, expected);
        return r.ok ? ok(r.value) : err(r.error);
      },
    },
    context,
  );
}
