/**
 * What the protocol screens share: the form for this election (the built-in provisional 2017
 * presidential form, expanded for the candidates in ballot order), the protocol's state, and the
 * figures the app already knows (list size, ballots issued at the desk) as the ledger.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { KG_2017_PRESIDENTIAL_FORM } from '../../../shared/protocol/builtin';
import { expandForm, type ExpandedForm } from '../../../shared/protocol/form';
import { aeuDeadline, foldLedger, type LedgerFigures } from '../../../shared/protocol/ledger';
import { emptyProtocolState, type ProtocolState } from '../../../shared/protocol/signing';
import type { ElectionSetup } from '../../../shared/election/model';
import { db } from '../../app/store';
import { EMPTY_MEETING, type MeetingState } from '../../../shared/protocol/meeting';
import type { CertifiedCopy } from '../../../shared/protocol/copies';
import { copiesProjector, ledgerProjector, meetingProjector, outPremisesProjector, protocolProjector, readSetupProjection } from '../../db/projectors';
import { outPremisesTotals } from '../../../shared/outpremises';
import type { VoterListRow } from '../../db/schema';

export function useProtocolForm(setup: ElectionSetup): ExpandedForm {
  // The form the election bundle supplied replaces the built-in provisional one.
  const def = setup.protocolForm ?? KG_2017_PRESIDENTIAL_FORM;
  return useMemo(() => expandForm(def, setup.candidates, setup.againstAll), [def, setup.candidates, setup.againstAll]);
}

export function useProtocolState(): ProtocolState {
  return useLiveQuery(() => protocolProjector.read(db), [], emptyProtocolState());
}

export interface KnownFigures {
  listSize: number | null;
  issuedRoom: number;
  issuedOutside: number;
  ledger: LedgerFigures;
}

/** Figures recorded elsewhere in the app, which pre-fill the protocol and cross-check it. */
export function useKnownFigures(): KnownFigures | undefined {
  return useLiveQuery(async () => {
    const list = (await db.projections.get('voterList'))?.value as VoterListRow | null | undefined;
    const issuedRoom = await db.voterStatus.filter((s) => s.issued !== null).count();
    const listSize = list?.voters ?? null;
    const outside = outPremisesTotals(await outPremisesProjector.read(db));
    const issuedOutside = outside.ballotsIssued;
    const facts = await ledgerProjector.read(db);
    const setup = (await readSetupProjection(db))?.setup ?? null;
    const deadline = setup ? aeuDeadline(setup.election.votingDay, setup.precinct.timeZone) : null;
    const ledger = foldLedger(facts, { issuedRoom, listPageSums: null, issuedOutside, listSize, spoiledOutside: outside.ballotsSpoiled }, deadline);
    return { listSize, issuedRoom, issuedOutside, ledger };
  }, []);
}


/** The final meeting: complaints with decisions, dissenting opinions. */
export function useMeeting(): MeetingState {
  return useLiveQuery(() => meetingProjector.read(db), [], EMPTY_MEETING);
}

/** The log of certified copies of the protocol. */
export function useCopies(): CertifiedCopy[] {
  return useLiveQuery(() => copiesProjector.read(db), [], []);
}
