/**
 * Signing the protocol through the one door. The version to sign, the open double-issue incidents
 * and the hash are decided inside the recording transaction on the state as stored then, with the
 * command's one clock reading as the signing time: two windows cannot sign one version twice, and an
 * incident opened by a merge a moment earlier is not signed past unacknowledged.
 */
import { useQuery } from './query';
import { openIncidents, type BallotIncident } from '../../shared/ballots/incidents';
import { decideSigning, type IncidentAtSigning, type SigningInput, type SigningRefusal } from '../../shared/protocol/signing';
import { err, ok, type Result } from '../../shared/util/result';
import type { EventContext } from '../db/event-store';
import { protocolProjector, readIncidents } from '../db/projectors';
import type { PrecinctDatabase } from '../db/schema';
import type { CommandBus, Recorded } from './command';

export async function readOpenIncidents(database: PrecinctDatabase): Promise<BallotIncident[]> {
  return openIncidents(await readIncidents(database));
}

/** Double-issue incidents the commission has not decided yet, live. */
export function useOpenIncidents(): BallotIncident[] {
  return useQuery((database) => readOpenIncidents(database), [], []);
}

export type SignInput = Omit<SigningInput, 'state' | 'openIncidents' | 'signedAt'>;

export function signProtocolCommand(
  bus: CommandBus,
  input: SignInput,
  voterName: (voterId: string) => string,
  context: EventContext,
): Promise<Result<Recorded<'ProtocolSigned', never>, SigningRefusal[]>> {
  return bus.execute(
    {
      type: 'ProtocolSigned',
      reads: ['projections'],
      key: 'sign',
      async decide(database, now) {
        const state = await protocolProjector.read(database);
        const incidents: IncidentAtSigning[] = (await readOpenIncidents(database)).map((i) => ({ id: i.id, voterId: i.voterId, voterName: voterName(i.voterId) }));
        const r = decideSigning({ ...input, state, openIncidents: incidents, signedAt: now.toISOString() });
        return r.ok ? ok({ payload: r.value, warnings: [] }) : err(r.error);
      },
    },
    context,
  );
}
