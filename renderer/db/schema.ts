/**
 * The Dexie database: the append-only event log, the device's chain head, and projection tables
 * rebuilt from the log. This folder is the only code that touches Dexie.
 */
import Dexie, { type Table } from 'dexie';
import type { StoredEvent } from '../../shared/events/envelope';
import type { ElectionSetup } from '../../shared/election/model';
import type { CalendarMark } from '../../shared/setup/projection';
import type { VoterBallotStatus } from '../../shared/ballots/issue';
import type { CenterKey } from '../../shared/sync/wire';
import type { PullRefusalCode } from '../../shared/sync/pull-verify';

/** Stored once: this laptop's identity. */
export interface DeviceIdentity {
  key: 'device';
  deviceId: string;
}

/** This device's last event, as the next append builds on it. */
export interface DeviceHead {
  deviceId: string;
  lastSeq: number;
  lastHash: string;
  lastHlc: string | null;
}

export interface ProjectionRow<K extends string = string, V = unknown> {
  key: K;
  value: V;
}

export type SetupProjectionRow = ProjectionRow<'setup', ElectionSetup | null>;
/** One calendar item's mark (`calendarMark:<item>`): a mark is written alone, never the whole calendar. */
export type CalendarMarkRow = ProjectionRow<`calendarMark:${string}`, CalendarMark>;

/** Content-addressed data an event refers to by hash (a voter list). */
export interface BlobRow {
  hash: string;
  kind: 'voter-list';
  data: unknown;
}

/**
 * The active list in the form the desk opens fast (issue 19): packed (repeated strings once) with
 * its search index, keyed by the list's hash. Derived from the blob, never exported: checked when
 * read and rebuilt from the blob when missing or unsound. A row the import worker wrote holds no
 * packed list of its own (`packedIn: 'blob'`): its list is the blob's (`data`, packed), written once
 * (issue 19, voters.import.peak_mb); its readers take it from there (list-read.ts `listInBlob`). Rows
 * written before, and by the other writers, hold their own.
 */
export interface ListCacheRow {
  listHash: string;
  /** Absent when `packedIn` is 'blob'. */
  packed?: unknown;
  packedIn?: 'blob';
  index: unknown;
}

export interface VoterListRow {
  listHash: string;
  listVersion: number;
  voters: number;
  activatedAt: string;
}
export type VoterListProjectionRow = ProjectionRow<'voterList', VoterListRow | null>;

/** Sync with the center: this laptop's keys, its enrolment and where the last push got to. */
export type SyncRow =
  | { key: 'keys'; privateKey: CryptoKey; publicKey: CryptoKey }
  /**
   * Signed requests: the last request counter used (the center takes each counter once, rising)
   * and the offset of the center's clock from this laptop's, learnt from an `auth-expired` answer.
   */
  | { key: 'requests'; counter: number; clockOffsetMs: number }
  | { key: 'enrolment'; centerUrl: string; deviceId: string; precinct: number; electionId: string; centerKey: CenterKey; enrolledAt: string }
  | {
      key: 'state';
      /** The highest seq of this device the center holds. */
      ackSeq: number;
      lastSuccessAt: string | null;
      lastAttemptAt: string | null;
      /** `kind`: the kind of record the center did not know (`newer-event`). */
      lastError: { code: string; at: string; seq?: number; kind?: string } | null;
      pullCursor: string;
      /** Other laptops whose clocks ran ahead of ours (flagged, never refused). */
      skewedDevices?: string[];
      /** This laptop's time when an event of another laptop was pulled within ten minutes of being recorded (shared/sync/laptop-clock `peersAgreedAt`). */
      peersAgreedAt?: string | null;
      /** Pulled pages this laptop refused (newest first): what was wrong and which laptop it named. */
      refusedPulls?: { code: PullRefusalCode; deviceId: string | null; seq?: number; at: string }[];
    };

export class PrecinctDatabase extends Dexie {
  events!: Table<StoredEvent, [string, number]>;
  meta!: Table<DeviceIdentity, string>;
  projections!: Table<ProjectionRow, string>;
  blobs!: Table<BlobRow, string>;
  voterStatus!: Table<VoterBallotStatus, string>;
  sync!: Table<SyncRow, string>;
  listCache!: Table<ListCacheRow, string>;

  constructor(name: string) {
    // Strict durability: a transaction reports success only once the data is on disk, so a fact
    // confirmed on screen survives a killed process or a power cut.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      events: '[deviceId+seq], &id, hlc, type',
      meta: 'key',
      projections: 'key',
    });
    this.version(2).stores({
      blobs: 'hash',
      voterStatus: 'voterId, page',
    });
    this.version(3).stores({ sync: 'key' });
    this.version(4).stores({ listCache: 'listHash' });
    // The calendar's marks, one row an item instead of one row for them all (issue 14).
    this.version(5)
      .stores({})
      .upgrade(async (tx) => {
        const projections = tx.table<ProjectionRow, string>('projections');
        const old = (await projections.get('calendarMarks')) as ProjectionRow<'calendarMarks', Record<string, CalendarMark>> | undefined;
        if (!old) return;
        await projections.bulkPut(Object.values(old.value).map((mark) => ({ key: `calendarMark:${mark.item}`, value: mark }) satisfies CalendarMarkRow));
        await projections.delete('calendarMarks');
      });
  }
}

export { PRODUCTION_DB_NAME, TRAINING_DB_NAME } from './names';
