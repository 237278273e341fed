/**
 * Another laptop of the precinct whose clock runs ahead is named on the sync screen of the laptops
 * that pull its events (its events are taken), and no longer once its clock is set: a later event of
 * it recorded on time clears the name. Real sync client (fake-indexeddb), real center over HTTP.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncState } from '../../../renderer/sync/client';
import { syncStoreOf } from '../../../renderer/core/sync-store';
import { pullOthers, pushWaiting } from '../../../renderer/sync/client';
import { BACKENDS, ELECTION } from './harness';
import { listeningCenter, type ListeningCenter } from './laptops';

const PRECINCT = 9042;
const DAY = 86_400_000;

describe.each(BACKENDS)("another laptop's clock on $name", (backend) => {
  let listening: ListeningCenter;
  beforeAll(async () => {
    listening = await listeningCenter(backend);
  });
  afterAll(() => listening.close());

  it('is named while its events run ahead, and not once its clock is set', async () => {
    const ahead = await listening.laptop(listening.url, PRECINCT, 'clock-ahead');
    const right = await listening.laptop(listening.url, PRECINCT, 'clock-right');
    const context = { electionId: ELECTION, bundleHash: null, precinct: PRECINCT, actor: 'm1' };
    const named = async () => (((await right.db.sync.get('state')) as SyncState | undefined)?.skewedDevices ?? []);
    const aheadId = await ahead.store.deviceId();

    await ahead.store.append('CalendarItemMarked', { item: 3, done: true, note: '' }, context, { at: Date.now() + 3 * DAY });
    expect(await pushWaiting(syncStoreOf(ahead.store), { training: false })).toBe(1);
    expect(await pullOthers(syncStoreOf(right.store), { training: false })).toBe(1);
    expect(await named()).toEqual([aheadId]);

    // Its clock set: the next event, recorded now, clears the name.
    await ahead.store.append('CalendarItemMarked', { item: 4, done: true, note: '' }, context, { at: Date.now() });
    expect(await pushWaiting(syncStoreOf(ahead.store), { training: false })).toBe(1);
    expect(await pullOthers(syncStoreOf(right.store), { training: false })).toBe(1);
    expect(await named()).toEqual([]);
  });
});
