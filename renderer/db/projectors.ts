/**
 * Projectors keep projection tables in step with the event log. Each one applies an event inside
 * the same Dexie transaction that appends it, and can rebuild its tables from the whole log.
 */
import type { Transaction } from 'dexie';
import type { StoredEvent } from '../../shared/events/envelope';
import { applySetupEvent, EMPTY_SETUP_STATE, foldSetup, type SetupState } from '../../shared/setup/projection';
import type { PrecinctDatabase, SetupProjectionRow } from './schema';

export interface Projector {
  name: string;
  /** Tables this projector writes, besides `events` and `meta`. */
  tables: readonly string[];
  apply(db: PrecinctDatabase, event: StoredEvent, tx: Transaction): Promise<void>;
  rebuild(db: PrecinctDatabase, events: readonly StoredEvent[], tx: Transaction): Promise<void>;
}

export const setupProjector: Projector = {
  name: 'setup',
  tables: ['projections'],
  async apply(db, event) {
    const row = (await db.projections.get('setup')) as SetupProjectionRow | undefined;
    const next: SetupState = applySetupEvent(row?.value ?? EMPTY_SETUP_STATE, event);
    await db.projections.put({ key: 'setup', value: next } satisfies SetupProjectionRow);
  },
  async rebuild(db, events) {
    await db.projections.put({ key: 'setup', value: foldSetup(events) } satisfies SetupProjectionRow);
  },
};

export const PROJECTORS: readonly Projector[] = [setupProjector];
