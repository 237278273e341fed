/**
 * The ballot status of the voters the desk shows, kept in the window (issue 19, desk.keystroke).
 *
 * Each result row reads its own voter's status from here as it renders. A voter not read yet is read
 * with the others the same keystroke brought on screen, in one read in a task after the key's own
 * (the key's frame never waits on it); a status read once is known at once when the voter comes back
 * (a key undone, a name typed again). Until then the desk held a live query over the rows in view,
 * made anew on every key: a subscription, a transaction and a render of the whole desk a keystroke.
 *
 * Live as that query was: when the statuses change in this window or another (Dexie's
 * `storagemutated`, which the live queries follow too), what is on screen is read again and what is
 * not is forgotten.
 */
import Dexie, { type ObservabilitySet } from 'dexie';
import { useCallback, useSyncExternalStore } from 'react';
import { sameStatusesFor, type VoterBallotStatus } from '../../shared/ballots/issue';
import type { PrecinctDatabase } from '../db/schema';
import { db } from './store';

/** Statuses kept for voters no longer on screen, at most (then only those on screen are kept). */
const KEPT = 20_000;

export class VoterStatusStore {
  /** The statuses read (a voter read with none is in `read` only). */
  private readonly statuses = new Map<string, VoterBallotStatus>();
  private readonly read = new Set<string>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly wanted = new Set<string>();
  private scheduled = false;
  /** Bumped by every change to the statuses: a read begun before it answers what was. */
  private generation = 0;
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly database: PrecinctDatabase,
    private readonly later: (run: () => void) => void = (run) => setTimeout(run, 0),
  ) {
    Dexie.on('storagemutated', this.changed);
  }

  /** The voter's status: `null` when read and none, `undefined` while not read yet. Throws what the read threw. */
  get(voterId: string): VoterBallotStatus | null | undefined {
    if (this.failure) throw this.failure.error;
    if (!this.read.has(voterId)) return undefined;
    return this.statuses.get(voterId) ?? null;
  }

  /** Follows one voter's status; a voter not read yet is read (soon, with the others asked for meanwhile). */
  subscribe(voterId: string, listener: () => void): () => void {
    let set = this.listeners.get(voterId);
    if (!set) {
      set = new Set();
      this.listeners.set(voterId, set);
    }
    set.add(listener);
    if (!this.read.has(voterId)) this.want(voterId);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(voterId) === set) this.listeners.delete(voterId);
    };
  }

  /** Stops following the database's changes (a store made for a test). */
  close(): void {
    Dexie.on.storagemutated.unsubscribe(this.changed);
  }

  private want(voterId: string): void {
    this.wanted.add(voterId);
    if (this.scheduled) return;
    this.scheduled = true;
    this.later(() => void this.readWanted());
  }

  private async readWanted(): Promise<void> {
    this.scheduled = false;
    const ids = [...this.wanted];
    this.wanted.clear();
    if (ids.length === 0) return;
    const generation = this.generation;
    let rows: (VoterBallotStatus | undefined)[];
    try {
      rows = await this.database.voterStatus.bulkGet(ids);
    } catch (error) {
      // Said where the statuses are shown (the hook throws it), never left as "not issued".
      this.failure = { error };
      for (const id of ids) this.tell(id);
      return;
    }
    if (generation !== this.generation) {
      // The statuses changed while this read was under way: read again what is still on screen.
      for (const id of ids) if (this.listeners.has(id)) this.want(id);
      return;
    }
    if (this.read.size > KEPT) this.forgetUnshown();
    const answer = new Map<string, VoterBallotStatus>();
    for (const row of rows) if (row) answer.set(row.voterId, row);
    for (const id of ids) {
      // A status read again and found the same keeps its object: its row is not rendered again.
      if (this.read.has(id) && sameStatusesFor(this.statuses, answer, [id])) continue;
      this.read.add(id);
      const status = answer.get(id);
      if (status) this.statuses.set(id, status);
      else this.statuses.delete(id);
      this.tell(id);
    }
  }

  private tell(voterId: string): void {
    for (const listener of this.listeners.get(voterId) ?? []) listener();
  }

  private forgetUnshown(): void {
    for (const id of this.read) {
      if (this.listeners.has(id)) continue;
      this.read.delete(id);
      this.statuses.delete(id);
    }
  }

  private readonly changed = (parts: ObservabilitySet): void => {
    const table = `idb://${this.database.name}/voterStatus/`;
    if (!('all' in parts) && !Object.keys(parts).some((part) => part.startsWith(table))) return;
    this.generation += 1;
    // What is on screen keeps its status until read again (no flash of "not issued"); the rest is forgotten.
    this.forgetUnshown();
    for (const id of this.read) this.want(id);
  };
}

let windowStore: VoterStatusStore | null = null;
/** The window's store, made on first use. */
function statusStore(): VoterStatusStore {
  windowStore ??= new VoterStatusStore(db);
  return windowStore;
}

/**
 * The ballot status of one voter, live: `undefined` while it is read (a row shows what it showed
 * before: nothing issued), or with no voter.
 */
export function useVoterStatus(voterId: string | null): VoterBallotStatus | undefined {
  const subscribe = useCallback((listener: () => void) => (voterId === null ? () => undefined : statusStore().subscribe(voterId, listener)), [voterId]);
  const status = useSyncExternalStore(subscribe, () => (voterId === null ? undefined : statusStore().get(voterId)));
  return status ?? undefined;
}
