/**
 * Voters of the hospital and custody lists (domain notes, situation 9): the institutions' lists
 * arrive about 12 days before voting day and are imported as a marked part of the voter list (the
 * `marks` of a voter). Such voters are expected to vote where they stay, with a mobile team: the
 * out-of-premises work lists them with what is recorded for each — an application in the register
 * (its number), a vote outside the premises, or nothing yet.
 */
import type { VoterMark } from '../voters/validate';
import type { OutPremisesState } from './state';

export interface MarkedVoter {
  voterId: string;
  page: number;
  row: number;
  marks: readonly VoterMark[];
  /** The number of the voter's entry in the register that is not withdrawn, or null. */
  application: number | null;
  votedOutside: boolean;
}

/** The marked part of the list in list order, each with what the register holds for them. */
export function markedVoters(voters: readonly { id: string; page: number; row: number; marks: readonly VoterMark[] }[], state: OutPremisesState): MarkedVoter[] {
  return voters
    .filter((v) => v.marks.length > 0)
    .map((v) => ({ voterId: v.id, page: v.page, row: v.row, marks: v.marks, application: state.activeByVoter[v.id] ?? null, votedOutside: state.votedOutside[v.id] !== undefined }))
    .sort((a, b) => a.page - b.page || a.row - b.row);
}

/** The reason an application of a marked voter most likely gives: the institution they are in. */
export function reasonForMarks(marks: readonly VoterMark[]): 'hospital' | 'custody' | null {
  return marks.includes('custody') ? 'custody' : marks.includes('hospital') ? 'hospital' : null;
}
