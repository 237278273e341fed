/**
 * The active list opened as soon as the row the window's first line read (list-preload.ts) is here
 * (issue 19): main.tsx loads this small module beside the app's main chunk, so the cache row is
 * opened while that chunk is still being fetched and compiled, not after it has run. Imports no
 * Dexie and no screen: the list's packed form and its search only. The core's first reading of that
 * list (`loadList`) then takes the opened list instead of opening it again.
 *
 * The row is opened before its O(n) checks (`openCacheRow`: only its shape checked), so the desk's
 * first search on a reload does not wait for them; they run when `check()` is called (a slice at a
 * time), and until they have passed the list serves the desk's search only: nothing is issued from
 * it (voter-list.ts). A row that fails them is thrown away and the list built from its blob.
 */
import type { VoterListRow } from '../db/schema';
import { inSlices } from '../../shared/util/steps';
import { openCacheRow, type ListForm } from './list-cache';
import { takePreloadedList } from './list-preload';

export interface OpenedList {
  meta: VoterListRow;
  /** The cache row as read (unchecked). */
  row: unknown;
  /** The list opened from the row before its checks; null when even its shape is wrong (the list is then built from its blob). */
  form: ListForm | null;
  /** Whether the row passed its checks (false when `form` is null): settles once `check()` has run them. */
  checked: Promise<boolean>;
  /** Starts the row's checks (the first call; later calls do nothing). */
  check(): void;
}

export function isListMeta(x: unknown): x is VoterListRow {
  const m = x as Partial<VoterListRow> | null | undefined;
  return typeof m === 'object' && m !== null && typeof m.listHash === 'string' && Number.isInteger(m.voters);
}

function opened(meta: VoterListRow, row: unknown): OpenedList {
  const open = openCacheRow(row, meta.listHash, meta.voters);
  if (!open) return { meta, row, form: null, checked: Promise.resolve(false), check: () => undefined };
  let start: () => void = () => undefined;
  const checked = new Promise<void>((resolve) => {
    start = resolve;
  })
    .then(() => inSlices(open.sound()))
    .catch(() => false);
  return {
    meta,
    row,
    form: open.form,
    checked,
    check: () => start(),
  };
}

let opening: Promise<OpenedList | null> | null = null;
let taken = false;

/** Opens the list from the preloaded row (once; every call gives the same answer until it is taken). */
export function openPreloadedList(): Promise<OpenedList | null> {
  if (taken) return Promise.resolve(null);
  opening ??= takePreloadedList()
    .then((pre) => (!pre || !isListMeta(pre.meta) || pre.meta.listHash !== pre.listHash ? null : opened(pre.meta, pre.row)))
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
