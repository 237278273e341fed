/**
 * Every laptop keeps event ids unique (its log's `&id` index): an event reusing the id of another
 * event of the precinct, once stored at the center, would make every laptop that pulls it fail to
 * store the page, again at each pull — one forged or broken laptop stopping the others' sync. The
 * center refuses such a push (and a batch repeating an id) as invalid-event, storing nothing.
 */
import { describe, expect, it } from 'vitest';
import { computeEventHash, type StoredEvent } from '../../../shared/events/envelope';
import { BACKENDS, centerWithBundleFor, enrolledDevice, storedEvents, type TestDevice } from './harness';

/** The device's event at `index` under another id, hashed again (the next event's link is the caller's). */
async function withId(device: TestDevice, index: number, id: string): Promise<void> {
  const e = device.events[index] as StoredEvent;
  const changed = { ...e, id };
  device.events[index] = { ...changed, hash: await computeEventHash(changed) } as StoredEvent;
}

describe.each(BACKENDS)('event ids at the center on $name', (backend) => {
  const opened = centerWithBundleFor(backend);

  it('refuses an event reusing the id of another laptop’s event of the precinct, or of one before it in its batch', async () => {
    const push = async (body: unknown) => opened.app.inject({ method: 'POST', url: '/api/push', payload: body as object });
    const a = await enrolledDevice(opened.app, 9001, 'ids-a');
    await a.appendMarks(2);
    expect((await push(await a.batch(1, 2))).json()).toEqual({ ackSeq: 2, stored: 2 });

    // Laptop b's first event under a's first event's id.
    const b = await enrolledDevice(opened.app, 9001, 'ids-b');
    await b.appendMarks(1);
    const own = (b.events[0] as StoredEvent).id;
    await withId(b, 0, (a.events[0] as StoredEvent).id);
    const reused = await push(await b.batch(1, 1));
    expect(reused.statusCode, reused.body).toBe(422);
    expect(reused.json()).toMatchObject({ error: 'invalid-event', seq: 1, detail: 'id' });
    expect(await storedEvents(opened.center, b.deviceId)).toEqual([]);
    // Under its own id the same event is taken.
    await withId(b, 0, own);
    expect((await push(await b.batch(1, 1))).json()).toEqual({ ackSeq: 1, stored: 1 });

    // Laptop c repeats its first event's id in its second event.
    const c = await enrolledDevice(opened.app, 9001, 'ids-c');
    await c.appendMarks(2);
    await withId(c, 1, (c.events[0] as StoredEvent).id);
    const twice = await push(await c.batch(1, 2));
    expect(twice.statusCode, twice.body).toBe(422);
    expect(twice.json()).toMatchObject({ error: 'invalid-event', seq: 2, detail: 'id' });
    expect(await storedEvents(opened.center, c.deviceId)).toEqual([]);
  });
});
