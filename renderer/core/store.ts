/** The database and event store of this window, and the setup actions the screens call. */
import { EventStore, type EventContext } from '../db/event-store';
import { readSetupProjection } from '../db/projectors';
import { PrecinctDatabase, PRODUCTION_DB_NAME, TRAINING_DB_NAME } from '../db/schema';
import type { ElectionSetup } from '../../shared/election/model';
import type { SetupState } from '../../shared/setup/projection';
import { appNow } from '../app/clock';
import { TRAINING } from '../app/mode';

export const db = new PrecinctDatabase(TRAINING ? TRAINING_DB_NAME : PRODUCTION_DB_NAME);
export const eventStore = new EventStore(db, { now: appNow });

export function readSetupState(): Promise<SetupState | null> {
  return readSetupProjection(db);
}

export function contextOf(setup: ElectionSetup | null, actor: string | null): EventContext {
  return {
    electionId: setup?.election.id ?? null,
    bundleHash: setup?.source.bundleHash ?? null,
    precinct: setup?.precinct.number ?? null,
    actor,
  };
}
