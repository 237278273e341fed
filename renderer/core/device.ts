/**
 * This laptop's log and store as a whole, and its link to the center — the core's door for the
 * screens that handle the log wholesale (backup, training states and scenarios, the log check,
 * enrolment, the USB export, the room). Screens and the app shell call these; only the core holds
 * the window's database and event store (`./store`).
 */
import type { StoredEvent } from '../../shared/events/envelope';
import type { RoomCommandStatement, RoomReportBody } from '../../shared/training/room';
import type { BlobRow } from '../db/schema';
import { listBlobVoters } from '../../shared/voters/packed';
import { enrol, exportWaiting, fetchCenterBundle, readSync, waitingCount, type CenterBundleResult, type Enrolment } from '../sync/client';
import { deviceKeys } from '../sync/device-key';
import { fetchRoomCommand, sendRoomReport } from '../sync/room-client';
import { discardStagedList } from './activate-list';
import { useQuery } from './query';
import { db, eventStore } from './store';
import { syncStoreOf } from './sync-store';

/** The window's store as the sync client reads and writes it (renderer/sync holds this, never the database). */
export const windowSyncStore = syncStoreOf(eventStore);

/** A stored blob as a state file or a backup carries it. */
export interface LogBlob {
  hash: string;
  kind: BlobRow['kind'];
  data: unknown[];
}

/** This laptop's device id (the author of its own chain). */
export function thisDeviceId(): Promise<string> {
  return eventStore.deviceId();
}

/** Every event in the log (every device's), in arrival order. */
export function readEventLog(): Promise<StoredEvent[]> {
  return eventStore.allEvents();
}

/** The whole log, live (the profile's history, a scenario's check); undefined while loading. */
export function useEventLog(): StoredEvent[] | undefined {
  return useQuery(() => eventStore.allEvents(), []);
}

/** The log with the stored blobs (the voter lists) and this laptop's device id: what a backup or a training state holds. */
export async function readLogWithBlobs(): Promise<{ deviceId: string; events: StoredEvent[]; blobs: LogBlob[] }> {
  const deviceId = await eventStore.deviceId();
  const events = await eventStore.allEvents();
  // A blob stored packed is exported as its records: a backup carries the list as its hash names it.
  const blobs = (await db.blobs.toArray()).map((b) => {
    const voters = listBlobVoters(b.data);
    if (!voters.ok) throw new Error(`the voter list ${b.hash.slice(0, 12)} cannot be read (${voters.error.code})`);
    return { hash: b.hash, kind: b.kind, data: voters.value as unknown[] };
  });
  return { deviceId, events, blobs };
}

/** Replaces the whole local state by a backup's, under `deviceId`. */
export function restoreEventLog(events: readonly StoredEvent[], blobs: readonly BlobRow[], deviceId: string): Promise<void> {
  return eventStore.restoreAll(events, blobs, deviceId);
}

/** Called after every fact this window records; returns the unsubscribe. */
export function onFactRecorded(listener: (event: StoredEvent) => void): () => void {
  return eventStore.onAppend(listener);
}

/** The name of this window's database (the import worker opens it by name to stage a list). */
export function databaseName(): string {
  return db.name;
}

/** The active voter list as the import worker compares a new file against it, or null. */
export async function readActiveListRef(): Promise<{ listHash: string; voters: number; database: string } | null> {
  const meta = (await db.projections.get('voterList'))?.value as { listHash: string; voters: number } | null | undefined;
  return meta ? { listHash: meta.listHash, voters: meta.voters, database: db.name } : null;
}

/** Removes a list's blob staged for an activation that did not happen. */
export function discardStaged(listHash: string): Promise<void> {
  return discardStagedList(db, listHash);
}

/** The laptop's signing key (from enrolment), or null before enrolment. */
export async function readSigningKey(): Promise<CryptoKey | null> {
  return (await deviceKeys(windowSyncStore))?.privateKey ?? null;
}

/** Enrolment and sync state. */
export function readSyncState(): ReturnType<typeof readSync> {
  return readSync(windowSyncStore);
}

/** Enrolment and sync state, live; undefined while loading. */
export function useSyncState(): Awaited<ReturnType<typeof readSync>> | undefined {
  return useQuery(() => readSync(windowSyncStore), [], undefined);
}

/** Events of this laptop the center has not acknowledged, live; null when not enrolled. */
export function useWaitingCount(deviceId: string | null, ackSeq: number | null): number | null {
  return useQuery(async () => (deviceId !== null && ackSeq !== null ? waitingCount(windowSyncStore, deviceId, ackSeq) : null), [deviceId, ackSeq], null);
}

/** Enrols this laptop at a center with the precinct's one-time code. */
export function enrolThisLaptop(centerUrl: string, code: string, options: { training: boolean; label?: string }): Promise<Enrolment> {
  return enrol(windowSyncStore, centerUrl, code, options);
}

/** The waiting events as a signed USB file, or null when nothing waits. */
export function exportWaitingEvents(): ReturnType<typeof exportWaiting> {
  return exportWaiting(windowSyncStore);
}

/** The election bundle from the center, verified with the pinned key. */
export function fetchBundleFromCenter(options: { training: boolean }): Promise<CenterBundleResult> {
  return fetchCenterBundle(windowSyncStore, options);
}

/** The trainer's newest command for this laptop (verified), or null. */
export function fetchRoomCommandForThisLaptop(): Promise<RoomCommandStatement | null> {
  return fetchRoomCommand(windowSyncStore);
}

/** Sends this laptop's scenario report to the trainer's room. */
export function sendRoomReportFromThisLaptop(body: Omit<RoomReportBody, 'format' | 'deviceId' | 'sentAt'>): Promise<void> {
  return sendRoomReport(windowSyncStore, body);
}
