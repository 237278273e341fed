/**
 * The Dexie database: the append-only event log, the device's chain head, and projection tables
 * rebuilt from the log. This folder is the only code that touches Dexie.
 */
import Dexie, { type Table } from 'dexie';
import type { StoredEvent } from '../../shared/events/envelope';
import type { ElectionSetup } from '../../shared/election/model';
import type { SetupState } from '../../shared/setup/projection';
import type { VoterBallotStatus } from '../../shared/ballots/issue';

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
export type CalendarMarksRow = ProjectionRow<'calendarMarks', SetupState['calendarMarks']>;

/** Content-addressed data an event refers to by hash (a voter list). */
export interface BlobRow {
  hash: string;
  kind: 'voter-list';
  data: unknown;
}

export interface VoterListRow {
  listHash: string;
  listVersion: number;
  voters: number;
  activatedAt: string;
}
export type VoterListProjectionRow = ProjectionRow<'voterList', VoterListRow | null>;

export class PrecinctDatabase extends Dexie {
  events!: Table<StoredEvent, [string, number]>;
  meta!: Table<DeviceIdentity, string>;
  projections!: Table<ProjectionRow, string>;
  blobs!: Table<BlobRow, string>;
  voterStatus!: Table<VoterBallotStatus, string>;

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
  }
}

export const PRODUCTION_DB_NAME = 'precinct-desk';
/** Training never touches the production database: it has its own. */
export const TRAINING_DB_NAME = 'precinct-desk-training';
