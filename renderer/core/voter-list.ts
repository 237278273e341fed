/**
 * The active voter list in memory: the records and the search index over them, read from the
 * list's cache (packed, index stored: nothing normalised) or, when that is missing or unsound, from
 * the list's content-addressed blob (then the cache is written for the next opening). Read again
 * only when the active list's hash changes.
 */
import { useQuery, useReadingWhile } from './query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { recordColumns, type VoterColumns, type VoterRecord, type VoterSearchIndex } from '../../shared/voters';
import type { VoterListRow } from '../db/schema';
import { db } from './store';
import { readList } from './list-cache';
import { openPreloadedList, takeOpenedList } from './list-open';
import { preloadFindsList } from './list-preload';
import { inSlices } from '../../shared/util/steps';

/** How long after a list opens the rest of its search index is made. */
const PREPARE_AFTER_MS = 500;

export interface LoadedList {
  meta: VoterListRow;
  /** How many voters the list has. */
  size: number;
  /** The voters field by field: the desk reads only the voters it shows. */
  columns: VoterColumns;
  /**
   * Every voter as a record, made on first use (a list opened from its cache is searched as stored;
   * the desk never asks for this: issue 19, the reload answers the first search sooner).
   */
  readonly voters: readonly VoterRecord[];
  /** Built on first use (most screens never need it). */
  readonly byId: Map<string, VoterRecord>;
  index: VoterSearchIndex;
}

let cache: LoadedList | null = null;
/**
 * The list opened from the row the window's first line read, before that row's checks (issue 19):
 * the desk's search answers from it on a reload (`useVoterList({ unchecked: true })`); every other
 * reader, and the desk's card and issue, wait for the checked list (`cache`). Once the checks pass
 * it becomes `cache` itself; when they fail it is dropped and the list built from its blob.
 */
let early: LoadedList | null = null;
/** Starts the early list's checks (the desk after its first answer, a voter opened, or warmList's timer). */
let checkEarly: () => void = () => undefined;
/** How long after the list opened early its checks start at the latest (the desk starts them sooner). */
const CHECK_AFTER_MS = 1000;
/** The list being read (one reading however many screens ask, the boot's included). */
let loading: { listHash: string; promise: Promise<LoadedList> } | null = null;
/** A list just activated from this window (the import hands it over): opened without reading it back. */
let primed: { listHash: string; open: () => { voters: VoterRecord[]; index: VoterSearchIndex } } | null = null;

/**
 * The list `listHash` as the window already holds it (records and stored index, just activated by
 * the import): the next `loadList` of that hash opens it from here instead of from the database.
 */
export function primeList(listHash: string, open: () => { voters: VoterRecord[]; index: VoterSearchIndex }): void {
  primed = { listHash, open };
}

function loaded(meta: VoterListRow, columns: VoterColumns, index: VoterSearchIndex): LoadedList {
  let byId: Map<string, VoterRecord> | null = null;
  // What a search of several name words needs is made after the desk has opened and answered, in
  // slices (issue 19: not between a reload and the first search).
  setTimeout(() => void inSlices(index.preparing()).catch(() => undefined), PREPARE_AFTER_MS);
  return {
    meta,
    size: columns.length,
    columns,
    index,
    get voters() {
      return columns.records();
    },
    get byId() {
      byId ??= new Map(columns.records().map((v) => [v.id, v]));
      return byId;
    },
  };
}

/**
 * The list of `meta`. Its first reading takes the list opened from the row the window's first line
 * read (list-open.ts) when that is this list.
 */
export function loadList(meta: VoterListRow): Promise<LoadedList> {
  if (cache?.meta.listHash === meta.listHash) return Promise.resolve(cache);
  if (loading?.listHash === meta.listHash) return loading.promise;
  const held = primed?.listHash === meta.listHash ? primed : null;
  primed = null;
  if (held) {
    const list = held.open();
    if (list.voters.length === meta.voters) {
      cache = loaded(meta, recordColumns(list.voters), list.index);
      return Promise.resolve(cache);
    }
  }
  const promise = takeOpenedList()
    .then(async (opened) => {
      if (!opened || opened.meta.listHash !== meta.listHash || opened.meta.voters !== meta.voters) return readList(db, meta.listHash, meta.voters);
      // Nothing searches it before its checks (no early list): they run now.
      if (early?.index !== opened.form?.index) opened.check();
      // Unsound (null): thrown away, the list built from its blob.
      return readList(db, meta.listHash, meta.voters, { row: opened.row, form: (await opened.checked) ? opened.form : null });
    })
    .then(
      (list) => {
        // The list the desk searched before its checks, checked: the same list (the desk keeps what it shows).
        cache = early?.index === list.index ? early : loaded(meta, list.voters, list.index);
        dropEarly();
        return cache;
      },
      (e: unknown) => {
        dropEarly();
        throw e;
      },
    );
  const current = { listHash: meta.listHash, promise };
  loading = current;
  const done = () => {
    if (loading === current) loading = null;
  };
  promise.then(done, done);
  return promise;
}

/** The list the first line read is open (warmList): the desk can answer a search before the rest has loaded. */
let warmed = false;
/**
 * A reload of the desk whose first line found an active list, its row still being read (warmList):
 * the desk shows its search box meanwhile, and answers what was typed once the row is open.
 */
let coming = false;
const warmedListeners = new Set<() => void>();
const subscribeWarmed = (listener: () => void) => {
  warmedListeners.add(listener);
  return () => void warmedListeners.delete(listener);
};

const notifyWarmed = () => {
  for (const listener of warmedListeners) listener();
};

function dropEarly(): void {
  if (!early) return;
  early = null;
  checkEarly = () => undefined;
  notifyWarmed();
}

/**
 * At start (boot.tsx): the list from the row the first line read, built before any screen asks
 * (the desk then finds it ready). A failure here costs nothing: the desk reads the list itself.
 * With `desk` (a reload of the desk), the list is open for the desk's search before the row's
 * checks, which start after its first answer (`startListChecks`) or CHECK_AFTER_MS later at most;
 * otherwise they run at once.
 */
export async function warmList({ desk }: { desk: boolean }): Promise<void> {
  if (desk) {
    void preloadFindsList().then((found) => {
      if (!found || cache || early) return;
      coming = true;
      notifyWarmed();
    });
  }
  const pre = await openPreloadedList();
  if (!pre) return;
  if (desk && pre.form && !cache) {
    early = loaded(pre.meta, pre.form.voters, pre.form.index);
    checkEarly = () => pre.check();
    setTimeout(() => pre.check(), CHECK_AFTER_MS);
    warmed = true;
    notifyWarmed();
  }
  await loadList(pre.meta).then(() => {
    warmed = true;
    // Read: a later loading of another list says "loading" as before.
    coming = false;
    notifyWarmed();
  }, () => undefined);
}

/**
 * The desk has answered from the list opened before its checks, or a voter is being opened from it:
 * the checks start after the next frame (not in the key's own task).
 */
export function startListChecks(): void {
  const start = checkEarly;
  requestAnimationFrame(() => setTimeout(start, 0));
}

/**
 * Whether the list stored in this window's database is open (the one the window's first line read),
 * or, on a reload of the desk, known to be on its way: the app shows the desk's search before its
 * setup and session are read (App.tsx).
 */
export function useWarmedList(): boolean {
  return useSyncExternalStore(subscribeWarmed, () => warmed || coming);
}

/**
 * Whether the desk, its list still loading, shows its search box (a reload of the desk whose first
 * line found the list: what is typed is answered once the row is open) rather than "loading".
 */
export function useListComing(): boolean {
  return useSyncExternalStore(subscribeWarmed, () => coming);
}

export type ListState =
  | { state: 'loading' }
  | { state: 'none' }
  /** `unchecked`: opened before its row's checks (only with `useVoterList({ unchecked: true })`): search it, issue nothing from it. */
  | { state: 'ready'; list: LoadedList; unchecked?: true }
  | { state: 'error'; message: string };

/**
 * The active list. `unchecked` (the desk only): while the list is being read, the list opened from
 * the row the first line read before that row's checks, as `{ state: 'ready', unchecked: true }`.
 */
export function useVoterList(options: { unchecked?: boolean } = {}): ListState {
  // The desk's: the list open before the live read below answers (the early one, or the same once checked).
  const held = useSyncExternalStore(subscribeWarmed, () => (options.unchecked ? (early ?? cache) : null));
  const meta = useQuery(async (db) => ((await db.projections.get('voterList'))?.value as VoterListRow | undefined) ?? null, [], undefined);
  // The list already open in this window (the one its first line read: warmList) is shown at once,
  // before the live read of the active list's reference answers (issue 19: the desk's search answers
  // a reload without waiting on the database's opening); that read confirms or replaces it.
  const [state, setState] = useState<ListState>(() => (cache ? { state: 'ready', list: cache } : { state: 'loading' }));
  useEffect(() => {
    if (meta === undefined) return;
    if (meta === null) {
      setState({ state: 'none' });
      return;
    }
    let live = true;
    if (cache?.meta.listHash !== meta.listHash) setState({ state: 'loading' });
    loadList(meta).then(
      // The list shown before the read answered, confirmed: the same state (no render again).
      (list) => live && setState((s) => (s.state === 'ready' && s.list === list ? s : { state: 'ready', list })),
      (e: unknown) => live && setState({ state: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [meta]);
  // Its rows are read after the query answered: a printed page waits for them too.
  useReadingWhile(state.state === 'loading');
  if (state.state === 'loading' && held && (meta === undefined || meta?.listHash === held.meta.listHash)) {
    return held === early ? { state: 'ready', list: held, unchecked: true } : { state: 'ready', list: held };
  }
  return state;
}
