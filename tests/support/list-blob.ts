import { listBlobVoters } from '../../shared/voters/packed';

/** A stored list's blob as a backup or training state carries it (the records), as `readLogWithBlobs` exports it. */
export function blobRecords(data: unknown): unknown[] {
  const voters = listBlobVoters(data);
  if (!voters.ok) throw new Error(`unreadable list blob: ${voters.error.code}`);
  return voters.value;
}
