/**
 * The day's figures on the laptop: the events that change them, folded by the one shared fold
 * (`shared/figures`). The desk counter, the turnout panel, the page sums and the protocol's
 * pre-fill all read them from here.
 *
 * Incremental (issue 19): each window keeps one tally per database and, per laptop in the log, the
 * last event it has folded (its seq and hash). A read folds only the events after those — after an
 * issue at the desk, one event — instead of reading and parsing every ballot of the day again. The
 * log is append-only and hash-chained, so the event at a folded seq still carrying the folded hash
 * means nothing before it changed; when it does not (a training log replaced, a backup restored),
 * or a laptop's events are gone, the tally is folded again from the start.
 */
import Dexie from 'dexie';
import { useQuery } from './query';
import { BallotTally, type BallotFacts, type BallotsIssued } from '../../shared/figures';
import type { StoredEvent } from '../../shared/events/envelope';
import type { PrecinctDatabase } from '../db/schema';

interface Cursor {
  /** Every event of the laptop up to this seq has been folded. */
  seq: number;
  hash: string;
}

interface Feed {
  tally: BallotTally;
  cursors: Map<string, Cursor>;
  /** Events read from the store into this feed (what a test counts to see a read was incremental). */
  read: number;
}

const feeds = new WeakMap<PrecinctDatabase, Feed>();
const freshFeed = (): Feed => ({ tally: new BallotTally(), cursors: new Map(), read: 0 });

/** The laptops (device ids) with events in the log, in key order: one keyed request per laptop. */
async function devicesOf(database: PrecinctDatabase): Promise<string[]> {
  const devices: string[] = [];
  let next = (await database.events.orderBy('[deviceId+seq]').limit(1).primaryKeys())[0];
  while (next) {
    const device = next[0];
    devices.push(device);
    next = (await database.events.where('[deviceId+seq]').above([device, Dexie.maxKey]).limit(1).primaryKeys())[0];
  }
  return devices;
}

/** Whether the feed's folded prefix of every laptop is still the log's (append-only, hash-chained). */
async function stillValid(database: PrecinctDatabase, feed: Feed, devices: readonly string[]): Promise<boolean> {
  const present = new Set(devices);
  for (const device of feed.cursors.keys()) if (!present.has(device)) return false;
  const cursors = [...feed.cursors];
  const stored = await database.events.bulkGet(cursors.map(([device, c]) => [device, c.seq]));
  return cursors.every(([, c], i) => stored[i]?.hash === c.hash);
}

/**
 * Folds the events not folded yet into this window's tally of `database` and returns it. Reads
 * (so a live query re-runs on) every laptop's events after its cursor and the keys that find a
 * new laptop. Folding is idempotent, so two reads running at once fold the same events harmlessly.
 */
export async function readBallotTally(database: PrecinctDatabase): Promise<BallotTally> {
  for (;;) {
    const feed = feeds.get(database) ?? freshFeed();
    if (!feeds.has(database)) feeds.set(database, feed);
    const devices = await devicesOf(database);
    if (!(await stillValid(database, feed, devices))) {
      if (feeds.get(database) === feed) feeds.set(database, freshFeed());
      continue;
    }
    const after = devices.map((device) => feed.cursors.get(device)?.seq ?? 0);
    const batches = await Promise.all(
      devices.map((device, i) => database.events.where('[deviceId+seq]').between([device, (after[i] ?? 0) + 1], [device, Dexie.maxKey], true, true).toArray()),
    );
    // Another read replaced the feed meanwhile (the log was replaced): read again into the new one.
    if (feeds.get(database) !== feed) continue;
    devices.forEach((device, i) => fold(feed, device, batches[i] ?? []));
    return feed.tally;
  }
}

/** One laptop's events (in seq order) into the feed; the cursor moves over the gapless part. */
function fold(feed: Feed, device: string, events: readonly StoredEvent[]): void {
  feed.read += events.length;
  let cursor = feed.cursors.get(device);
  for (const event of events) {
    feed.tally.add(event);
    // A gap (a pulled page not here yet): later events are folded (idempotently) but read again
    // until the gap is filled, so the events that fill it are never skipped.
    if (event.seq === (cursor?.seq ?? 0) + 1) cursor = { seq: event.seq, hash: event.hash };
  }
  if (cursor) feed.cursors.set(device, cursor);
}

/** How many events this window has read into its tally of `database` (tests: the reads are incremental). */
export const eventsReadForFigures = (database: PrecinctDatabase): number => feeds.get(database)?.read ?? 0;

export async function readBallotFacts(database: PrecinctDatabase): Promise<BallotFacts> {
  return (await readBallotTally(database)).facts();
}

/** The facts behind the figures, live; undefined while loading. */
export function useBallotFacts(): BallotFacts | undefined {
  return useQuery((database) => readBallotFacts(database), []);
}

const readFigures = async (database: PrecinctDatabase): Promise<BallotsIssued> => (await readBallotTally(database)).figures();
const NO_FIGURES: BallotsIssued = new BallotTally().figures();

/** Ballots issued (room, outside, total) and voters who took part, live. */
export function useBallotsIssued(): BallotsIssued {
  return useQuery((database) => readFigures(database), [], NO_FIGURES);
}
