/**
 * The core's query hooks: a screen reads stored facts only through these. Each reads the window's
 * database (given to the reader, never imported by the screen) and re-reads live when a table it
 * read changes, in this window or another. Only the core imports Dexie.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { EMPTY_OUT_PREMISES_STATE, type OutPremisesState } from '../../shared/outpremises';
import { db } from './store';
import { outPremisesProjector } from '../db/projectors';
import type { PrecinctDatabase } from '../db/schema';

export type Reader<T> = (database: PrecinctDatabase) => Promise<T> | T;

/** A live read; `undefined` while the first answer is loading. */
export function useQuery<T>(read: Reader<T>, deps: readonly unknown[]): T | undefined;
/** A live read; `initial` while the first answer is loading. */
export function useQuery<T, I>(read: Reader<T>, deps: readonly unknown[], initial: I): T | I;
export function useQuery<T, I>(read: Reader<T>, deps: readonly unknown[], initial?: I): T | I | undefined {
  // The reader is a fresh closure each render; `deps` say when it reads something else.
  return useLiveQuery(() => read(db), [...deps], initial);
}

/** The out-of-premises register (teams, entries, visits), live. */
export function useOutPremisesState(): OutPremisesState {
  return useQuery((database) => outPremisesProjector.read(database), [], EMPTY_OUT_PREMISES_STATE);
}
