/**
 * The core's query hooks: a screen reads stored facts only through these. Each reads the window's
 * database (given to the reader, never imported by the screen) and re-reads live when a table it
 * read changes, in this window or another. Only the core imports Dexie.
 */
import { useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
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
  // The reader is a fresh closure each render; `deps` say when it reads something else. The answer
  // is boxed so "not read yet" is told from a read that answered `undefined` or the initial value.
  // A read that answers the very value it answered before gives the same box back: the live query
  // then does not render its screen again (a reader that keeps its value when nothing in it changed
  // is not rendered again for the same answer).
  const last = useRef<{ value: T } | null>(null);
  const box = useLiveQuery(async () => {
    const value = await read(db);
    if (last.current === null || !Object.is(last.current.value, value)) last.current = { value };
    return last.current;
  }, [...deps]);
  const reading = box === undefined;
  // Counted while its first answer is awaited, so a printed page is not printed with the initial
  // value standing in for facts not read yet.
  useReadingWhile(reading);
  return box === undefined ? initial : box.value;
}

/**
 * Counts a read of the caller's as pending while `reading` (from before the first paint: a layout
 * effect), for `useReading`; for a read that is more than one live query (the voter list).
 */
export function useReadingWhile(reading: boolean): void {
  useLayoutEffect(() => {
    if (!reading) return undefined;
    pendingReads.add(1);
    return () => pendingReads.add(-1);
  }, [reading]);
}

/** How many live reads in the window still await their first answer, with its listeners. */
const pendingReads = {
  count: 0,
  listeners: new Set<() => void>(),
  add(n: number): void {
    this.count += n;
    for (const listener of this.listeners) listener();
  },
};
const subscribePending = (listener: () => void) => {
  pendingReads.listeners.add(listener);
  return () => pendingReads.listeners.delete(listener);
};

/**
 * True while any live read of the window awaits its first answer. A print page is busy then
 * (PrintFrame): what it shows may still be a query's initial value (no rows, zero), not the facts.
 */
export function useReading(): boolean {
  // Rendered once more right after the first commit: the reads of the page that holds this hook
  // (its parent's, counted in layout effects that run after a child's) are then counted, and the
  // re-render, flushed before the first paint, says busy. Without it the page showed ready on its
  // first frame when no other read was pending (a screen whose chunk loaded after the app's reads).
  const [, mounted] = useState(false);
  useLayoutEffect(() => mounted(true), []);
  return useSyncExternalStore(subscribePending, () => pendingReads.count > 0);
}

/** The out-of-premises register (teams, entries, visits), live. */
export function useOutPremisesState(): OutPremisesState {
  return useQuery((database) => outPremisesProjector.read(database), [], EMPTY_OUT_PREMISES_STATE);
}
