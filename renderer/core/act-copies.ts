/**
 * Copies of the acts (items 74/76) through the one door: the copy's number, its recipient and the
 * act's total on it are decided inside the recording transaction, on the log and the ledger as stored.
 */
import { useQuery } from './query';
import {
  ACT_COPY_EVENT_TYPES, decideActCopy, foldActCopies,
  type ActCopy, type ActCopyInput, type ActCopyRefusal, type ActReadiness,
} from '../../shared/act-copies';
import { foldLedger, issuedByAct } from '../../shared/protocol/ledger';
import { ballotsWithTeams } from '../../shared/outpremises/state';
import { outPremisesProjector } from '../db/projectors';
import { err, ok, type Result } from '../../shared/util/result';
import type { EventContext } from '../db/event-store';
import type { PrecinctDatabase, VoterListRow } from '../db/schema';
import type { CommandBus, Recorded } from './command';
import { readBallotTally } from './figures';
import { readLedgerFacts } from './ledger';

export async function readActCopies(database: PrecinctDatabase): Promise<ActCopy[]> {
  const events = await database.events.where('type').anyOf([...ACT_COPY_EVENT_TYPES]).toArray();
  events.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  return foldActCopies(events.flatMap((e) => (e.type === 'ActCopyIssued' ? [e.payload] : [])));
}

export function useActCopies(): ActCopy[] {
  return useQuery((database) => readActCopies(database), [], []);
}

/** What the acts stand on, from the ledger and the desk's figures as stored. */
export async function readActReadiness(database: PrecinctDatabase): Promise<ActReadiness> {
  const list = (await database.projections.get('voterList'))?.value as VoterListRow | null | undefined;
  const figures = (await readBallotTally(database)).figures();
  const ledger = foldLedger(await readLedgerFacts(database), {
    issuedRoom: figures.room, listPageSums: null, issuedOutside: figures.outside, listSize: list?.voters ?? null, spoiledOutside: figures.spoiledOutside,
    withTeams: ballotsWithTeams(await outPremisesProjector.read(database)),
  });
  // The act's own total (the signatures on the list's pages, not the desk's record): what the copy handed says.
  return { pageSumsEntered: ledger.pageSumsEntered, cancelled: ledger.cancelled, issuedTotal: issuedByAct(ledger).total };
}

export function issueActCopy(
  bus: CommandBus,
  input: ActCopyInput,
  members: readonly { id: string }[],
  context: EventContext,
): Promise<Result<Recorded<'ActCopyIssued', never>, ActCopyRefusal[]>> {
  return bus.execute(
    {
      type: 'ActCopyIssued',
      reads: ['events', 'projections'],
      key: JSON.stringify([input.act, input.recipientName.trim(), input.recipientRole, input.represents.trim()]),
      async decide(database, now) {
        const r = decideActCopy(await readActCopies(database), input, await readActReadiness(database), members, now);
        return r.ok ? ok({ payload: r.value, warnings: [] }) : err(r.error);
      },
    },
    context,
  );
}
