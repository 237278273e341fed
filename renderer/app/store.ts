/** The database and event store of this window, and the setup actions the screens call. */
import { EventStore, type EventContext } from '../db/event-store';
import { readSetupProjection } from '../db/projectors';
import { PrecinctDatabase, PRODUCTION_DB_NAME, TRAINING_DB_NAME } from '../db/schema';
import type { ElectionSetup } from '../../shared/election/model';
import type { SetupState } from '../../shared/setup/projection';
import { appNow } from './clock';
import { TRAINING } from './mode';

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

export async function activateSetup(setup: ElectionSetup, actor: string | null): Promise<void> {
  await eventStore.append('SetupActivated', setup, contextOf(setup, actor));
}

/** Records each changed part of the setup as its own event; unchanged parts record nothing. */
export async function saveSetupChanges(before: ElectionSetup, after: ElectionSetup, actor: string | null): Promise<number> {
  const ctx = contextOf(after, actor);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  let count = 0;
  if (!same(before.election, after.election)) {
    await eventStore.append('ElectionUpdated', { election: after.election }, ctx);
    count += 1;
  }
  if (!same(before.precinct, after.precinct)) {
    await eventStore.append('PrecinctUpdated', { precinct: after.precinct }, ctx);
    count += 1;
  }
  if (!same(before.members, after.members)) {
    await eventStore.append('MembersUpdated', { members: after.members }, ctx);
    count += 1;
  }
  if (!same(before.candidates, after.candidates) || before.againstAll !== after.againstAll) {
    await eventStore.append('CandidatesUpdated', { candidates: after.candidates, againstAll: after.againstAll }, ctx);
    count += 1;
  }
  return count;
}

export async function markCalendarItem(setup: ElectionSetup, item: number, done: boolean, actor: string | null): Promise<void> {
  await eventStore.append('CalendarItemMarked', { item, done, note: '' }, contextOf(setup, actor));
}
