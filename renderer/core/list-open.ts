/**
 * The active list opened as soon as the row the window's first line read (list-preload.ts) is here
 * (issue 19): main.tsx loads this small module beside the app's main chunk, so the cache row is
 * checked and its index opened while that chunk is still being fetched and compiled, not after it
 * has run. Imports no Dexie and no screen: the list's packed form and its search only. The core's
 * first reading of that list (`loadList`) then takes the opened list instead of opening it again.
 */
import type { VoterListRow } from '../db/schema';
import { listFromCache, type ListForm } from './list-cache';
import { takePreloadedList } from './list-preload';

export interface OpenedList {
  meta: VoterListRow;
  /** The cache row as read (unchecked). */
  row: unknown;
  /** The list opened from the row; null when the row is not sound (the list is then built from its blob). */
  form: ListForm | null;
}

export function isListMeta(x: unknown): x is VoterListRow {
  const m = x as Partial<VoterListRow> | null | undefined;
  return typeof m === 'object' && m !== null && typeof m.listHash === 'string' && Number.isInteger(m.voters);
}

let opening: Promise<OpenedList | null> | null = null;
let taken = false;

/** Opens the list from the preloaded row (once; every call gives the same answer until it is taken). */
export function openPreloadedList(): Promise<OpenedList | null> {
  if (taken) return Promise.resolve(null);
  opening ??= takePreloadedList()
    .then((pre) => {
      if (!pre || !isListMeta(pre.meta) || pre.meta.listHash !== pre.listHash) return null;
      return { meta: pre.meta, row: pre.row, form: listFromCache(pre.row, pre.listHash, pre.meta.voters) };
    })
    // Nothing opened early is no failure: the list is read as it always was.
    .catch(() => null);
  return opening;
}

/** The opened list, for the first reader of the active list only (later calls get null; the module lets it go). */
export function takeOpenedList(): Promise<OpenedList | null> {
  const p = openPreloadedList();
  taken = true;
  opening = null;
  return p;
}
