/**
 * The day's figures on the laptop: the events that change them, folded by the one shared fold
 * (`shared/figures`). The desk counter, the turnout panel, the page sums and the protocol's
 * pre-fill all read them from here.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { ballotsIssued, EMPTY_BALLOT_FACTS, FIGURE_EVENT_TYPES, foldBallotFacts, type BallotFacts, type BallotsIssued } from '../../shared/figures';
import type { PrecinctDatabase } from '../db/schema';
import { db } from '../app/store';

export async function readBallotFacts(database: PrecinctDatabase): Promise<BallotFacts> {
  return foldBallotFacts(await database.events.where('type').anyOf([...FIGURE_EVENT_TYPES]).toArray());
}

/** The facts behind the figures, live; undefined while loading. */
export function useBallotFacts(): BallotFacts | undefined {
  return useLiveQuery(() => readBallotFacts(db), []);
}

/** Ballots issued (room, outside, total) and voters who took part, live. */
export function useBallotsIssued(): BallotsIssued {
  return ballotsIssued(useLiveQuery(() => readBallotFacts(db), [], EMPTY_BALLOT_FACTS));
}
