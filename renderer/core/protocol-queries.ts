/**
 * What the protocol screens share: the form for this election (the built-in provisional 2017
 * presidential form, expanded for the candidates in ballot order), the protocol's state, and the
 * figures the app already knows (list size, ballots issued at the desk) as the ledger.
 */
import { useQuery } from './query';
import { useMemo } from 'react';
import { KG_2017_PRESIDENTIAL_FORM } from '../../shared/protocol/builtin';
import { expandForm, type ExpandedForm } from '../../shared/protocol/form';
import { aeuDeadline, foldLedger, pageSumsDisagreement, type LedgerFigures, type PageSumsHead } from '../../shared/protocol/ledger';
import { emptyProtocolState, type ProtocolState } from '../../shared/protocol/signing';
import type { ElectionSetup } from '../../shared/election/model';
import { EMPTY_MEETING, type MeetingState } from '../../shared/protocol/meeting';
import type { CertifiedCopy } from '../../shared/protocol/copies';
import { copiesProjector, meetingProjector, outPremisesProjector, protocolProjector, readSetupProjection } from '../db/projectors';
import { ballotsWithTeams } from '../../shared/outpremises/state';
import { readBallotTally } from './figures';
import { readLedgerFacts } from './ledger';
import { readMobileCount } from './mobile-count';
import { mobileBoxesTotal } from '../../shared/mobile-count';
import { ledgerEntries, type LedgerEntry } from '../../shared/protocol/ledger-entries';
import type { PrecinctDatabase, VoterListRow } from '../db/schema';

export function useProtocolForm(setup: ElectionSetup): ExpandedForm {
  // The form the election bundle supplied replaces the built-in provisional one.
  const def = setup.protocolForm ?? KG_2017_PRESIDENTIAL_FORM;
  return useMemo(() => expandForm(def, setup.candidates, setup.againstAll), [def, setup.candidates, setup.againstAll]);
}

export function useProtocolState(): ProtocolState {
  return useQuery((db) => protocolProjector.read(db), [], emptyProtocolState());
}

/** The same, but `undefined` until the first read answers: for a page that must not say "nothing signed" while it loads. */
export function useProtocolStateOnceRead(): ProtocolState | undefined {
  return useQuery((db) => protocolProjector.read(db), []);
}

export interface KnownFigures {
  listSize: number | null;
  issuedRoom: number;
  issuedOutside: number;
  ledger: LedgerFigures;
  /** The ledger's entries as recorded, with their corrections. */
  entries: LedgerEntry[];
  /** Page sums two laptops entered without knowing each other's, with different totals (empty when none). */
  pageSumsDisagree: PageSumsHead[];
}

/** The figures the protocol is pre-filled with and cross-checked by (the ledger's too), read from one database. */
export async function readKnownFigures(db: PrecinctDatabase): Promise<KnownFigures> {
  const list = (await db.projections.get('voterList'))?.value as VoterListRow | null | undefined;
  const listSize = list?.voters ?? null;
  // Ballots issued in the room and outside: the one fold (shared/figures), as on the desk and at the center.
  const figures = (await readBallotTally(db)).figures();
  const issuedRoom = figures.room;
  const issuedOutside = figures.outside;
  const facts = await readLedgerFacts(db);
  const setup = (await readSetupProjection(db))?.setup ?? null;
  const deadline = setup ? aeuDeadline(setup.election.votingDay, setup.precinct.timeZone) : null;
  const mobileBoxes = mobileBoxesTotal(await readMobileCount(db));
  const withTeams = ballotsWithTeams(await outPremisesProjector.read(db));
  const ledger = foldLedger(facts, { issuedRoom, listPageSums: null, issuedOutside, listSize, spoiledOutside: figures.spoiledOutside, mobileBoxes, withTeams }, deadline);
  return { listSize, issuedRoom, issuedOutside, ledger, entries: ledgerEntries(facts), pageSumsDisagree: pageSumsDisagreement(facts) };
}

/** Figures recorded elsewhere in the app, which pre-fill the protocol and cross-check it, live. */
export function useKnownFigures(): KnownFigures | undefined {
  return useQuery(readKnownFigures, []);
}


/** The final meeting: complaints with decisions, dissenting opinions. */
export function useMeeting(): MeetingState {
  return useQuery((db) => meetingProjector.read(db), [], EMPTY_MEETING);
}

/** The log of certified copies of the protocol. */
export function useCopies(): CertifiedCopy[] {
  return useQuery((db) => copiesProjector.read(db), [], []);
}
