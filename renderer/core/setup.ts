/** The election set-up and the calendar's marks, recorded through the core. */
import type { ElectionSetup } from '../../shared/election/model';
import { contextOf } from './store';
import { recordFact } from './facts';

export async function activateSetup(setup: ElectionSetup, actor: string | null): Promise<void> {
  await recordFact('SetupActivated', setup, contextOf(setup, actor));
}

/** Records each changed part of the setup as its own event; unchanged parts record nothing. */
export async function saveSetupChanges(before: ElectionSetup, after: ElectionSetup, actor: string | null): Promise<number> {
  const ctx = contextOf(after, actor);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  let count = 0;
  if (!same(before.election, after.election)) {
    await recordFact('ElectionUpdated', { election: after.election }, ctx);
    count += 1;
  }
  if (!same(before.precinct, after.precinct)) {
    await recordFact('PrecinctUpdated', { precinct: after.precinct }, ctx);
    count += 1;
  }
  if (!same(before.members, after.members)) {
    await recordFact('MembersUpdated', { members: after.members }, ctx);
    count += 1;
  }
  if (!same(before.candidates, after.candidates) || before.againstAll !== after.againstAll) {
    await recordFact('CandidatesUpdated', { candidates: after.candidates, againstAll: after.againstAll }, ctx);
    count += 1;
  }
  return count;
}

export async function markCalendarItem(setup: ElectionSetup, item: number, done: boolean, actor: string | null): Promise<void> {
  await recordFact('CalendarItemMarked', { item, done, note: '' }, contextOf(setup, actor));
}
