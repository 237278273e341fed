/**
 * Pushes in the background: soon after the app starts, when the network comes back, after new
 * events, and on a timer with backoff while the center cannot be reached. The app may be closed
 * and reopened any number of times: what is waiting is simply what lies after the acknowledged seq.
 */
import { TRAINING } from '../app/mode';
import { windowSyncStore } from '../core/device';
import { pullOthers, pushWaiting, readSync, SyncProblem } from './client';
import { roomJoined } from './room-client';

const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 5 * 60_000;

let timer: ReturnType<typeof setTimeout> | null = null;
let running = false;
let failures = 0;
let started = false;

function schedule(ms: number): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void syncNow(), ms);
}

/** One attempt now (if enrolled); the next is scheduled whatever happens. */
export async function syncNow(): Promise<void> {
  if (running) return;
  const { enrolment } = await readSync(windowSyncStore);
  if (!enrolment) return;
  // A laptop in a trainer's room reports its progress (features/training/room-loop) instead: a
  // scenario's start replaces its training log, whose chain then starts again.
  if (TRAINING && roomJoined()) return;
  running = true;
  try {
    await pushWaiting(windowSyncStore, { training: TRAINING });
    await pullOthers(windowSyncStore, { training: TRAINING });
    failures = 0;
    schedule(30_000);
  } catch (e) {
    failures += 1;
    const retryAfter = e instanceof SyncProblem && e.detail.retryAfter ? e.detail.retryAfter * 1000 : 0;
    schedule(Math.max(retryAfter, Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(failures - 1, 6))));
  } finally {
    running = false;
  }
}

/** Starts the background sync once per window. */
export function startSyncLoop(): void {
  if (started) return;
  started = true;
  window.addEventListener('online', () => {
    failures = 0;
    void syncNow();
  });
  schedule(1_000);
}

/** After a new event: push soon (coalesced). */
export function syncSoon(): void {
  if (started && !running) schedule(500);
}
