/**
 * The app's database held shut on a reload of the desk (issue 19, desk.open): its opening waits for
 * the list's row the window's first line is reading (boot.tsx), which the app's own opening and
 * reads slowed in IndexedDB. Queries asked meanwhile wait and are answered from one opening.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PrecinctDatabase } from '../../../../renderer/db/schema';

const dbs: PrecinctDatabase[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const db of dbs.splice(0)) await db.delete();
});

function held(): { db: PrecinctDatabase; release: () => void; fail: () => void } {
  const db = new PrecinctDatabase(`hold-${Math.random()}`);
  dbs.push(db);
  let release: () => void = () => undefined;
  let fail: () => void = () => undefined;
  db.holdOpening(
    new Promise<void>((resolve, reject) => {
      release = resolve;
      fail = () => reject(new Error('the read failed'));
    }),
  );
  return { db, release, fail };
}

/** Every task queued so far run (fake-indexeddb answers in tasks of its own). */
const tasksRun = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PrecinctDatabase.holdOpening', () => {
  it('opens only once what it is held for has settled; the queries asked meanwhile are answered then, from one opening', async () => {
    const opens = vi.spyOn(indexedDB, 'open');
    const { db, release } = held();
    const projection = db.projections.get('voterList');
    const events = db.events.count();
    for (let i = 0; i < 5; i += 1) await tasksRun();
    expect(opens).not.toHaveBeenCalled();
    expect(db.isOpen()).toBe(false);

    release();
    expect(await projection).toBeUndefined();
    expect(await events).toBe(0);
    expect(db.isOpen()).toBe(true);
    expect(opens).toHaveBeenCalledTimes(1);
  });

  it('opens all the same when what it waited for failed', async () => {
    const { db, fail } = held();
    const events = db.events.count();
    fail();
    expect(await events).toBe(0);
  });

  it('is not held unless asked', async () => {
    const db = new PrecinctDatabase(`not-held-${Math.random()}`);
    dbs.push(db);
    expect(await db.events.count()).toBe(0);
  });
});
