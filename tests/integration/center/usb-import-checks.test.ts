/**
 * The USB import held against the signed batches, once on PGlite and once on PostgreSQL: a file whose
 * header names another election (or precinct) than the laptop's signed events is refused for that
 * reason — not as "mixed devices" — and recorded as an incident of the laptop; batches overlapping
 * what the file or the center already holds are taken as a push takes them (exact repeats stored
 * once, the new tail stored; a repeat that differs refused as a forked log, an incident).
 */
import { describe, expect, it } from 'vitest';
import { syncErrorSchema } from '../../../shared/sync/index';
import { USB_FILE_FORMAT, USB_FILE_VERSION } from '../../../shared/sync/usb-file';
import type { SignedBatch } from '../../../shared/sync/wire';
import { adminHeaders, BACKENDS, centerWithBundleFor, enrolledDevice, storedEvents, type TestDevice } from './harness';

describe.each(BACKENDS)('USB import checks on $name', (backend) => {
  const opened = centerWithBundleFor(backend);

  const fileOf = (device: TestDevice, batches: SignedBatch[], header: Record<string, unknown> = {}) => ({
    format: USB_FILE_FORMAT, formatVersion: USB_FILE_VERSION, exportedAt: '2017-10-16T02:00:00Z',
    deviceId: device.deviceId, precinct: device.precinct, electionId: device.electionId, batches, ...header,
  });
  const importFile = (body: object) => opened.app.inject({ method: 'POST', url: '/api/admin/import-batch', headers: adminHeaders, payload: body });
  const push = (batch: SignedBatch) => opened.app.inject({ method: 'POST', url: '/api/push', payload: batch });
  const refusal = (res: { statusCode: number; json: () => unknown }) => ({ status: res.statusCode, ...syncErrorSchema.parse(res.json()) });
  const incidentsOf = async (device: TestDevice, kind: string) => (await opened.center.listIncidents()).filter((x) => x.kind === kind && x.deviceId === device.deviceId);
  const seqs = async (device: TestDevice) => (await storedEvents(opened.center, device.deviceId)).map((r) => r.seq);

  it('a header naming another election than the signed batches: refused as wrong-election (the header), an incident of the laptop, nothing stored', async () => {
    const device = await enrolledDevice(opened.app, 9024, 'usb-election');
    await device.appendMarks(4);
    const batches = [await device.batch(1, 2), await device.batch(3, 4)];
    const other = fileOf(device, batches, { electionId: 'kg-parliament-2021' });
    expect(refusal(await importFile(other))).toEqual({ status: 403, error: 'wrong-election', detail: 'header' });
    expect(await seqs(device)).toEqual([]);
    expect((await importFile(other)).statusCode).toBe(403);
    const found = await incidentsOf(device, 'usb:wrong-election');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ precinct: 9024, repeats: 2, detail: { batch: 1, batches: 2, header: 'kg-parliament-2021', signed: device.electionId } });
    // Another precinct in the header, the same way.
    expect(refusal(await importFile(fileOf(device, batches, { precinct: 9025 })))).toEqual({ status: 403, error: 'wrong-precinct', detail: 'header' });
    expect(await incidentsOf(device, 'usb:wrong-precinct')).toEqual([expect.objectContaining({ detail: expect.objectContaining({ header: 9025, signed: 9024 }) })]);
    expect(await seqs(device)).toEqual([]);
    // A batch of another laptop in the file is still "mixed devices" (the file itself is malformed).
    const stranger = await enrolledDevice(opened.app, 9024, 'usb-stranger');
    await stranger.appendMarks(1);
    expect(refusal(await importFile(fileOf(device, [batches[0]!, await stranger.batch(1, 1)])))).toMatchObject({ status: 400, error: 'malformed', detail: 'header: mixed-devices' });
    // The honest file is taken.
    expect((await importFile(fileOf(device, batches))).json()).toEqual({ ackSeq: 4, stored: 4, batches: 2 });
  });

  it('a changed batch under a wrong header is bad-signature: nothing about an unverified batch is believed, so no wrong-election incident', async () => {
    const device = await enrolledDevice(opened.app, 9024, 'usb-both');
    await device.appendMarks(2);
    const batch = await device.batch(1, 2);
    const changed = JSON.parse(JSON.stringify(batch)) as SignedBatch;
    (changed.events[0] as { payload: { note: string } }).payload.note = 'changed';
    expect(refusal(await importFile(fileOf(device, [changed], { electionId: 'kg-parliament-2021' })))).toMatchObject({ error: 'bad-signature', detail: 'batch 1 of 1' });
    expect(await incidentsOf(device, 'usb:wrong-election')).toEqual([]);
  });

  it('batches overlapping one another in the file: exact repeats are duplicates (stored once), the new tail is stored, as a push reaching back is', async () => {
    const device = await enrolledDevice(opened.app, 9025, 'usb-overlap');
    await device.appendMarks(8);
    // Batch 2 repeats 4–5 of batch 1 and brings 6–8; batch 3 repeats 7–8 only.
    const file = fileOf(device, [await device.batch(1, 5), await device.batch(4, 8), await device.batch(7, 8)]);
    expect((await importFile(file)).json()).toEqual({ ackSeq: 8, stored: 8, batches: 3 });
    expect(await seqs(device)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await importFile(file)).json()).toEqual({ ackSeq: 8, stored: 0, batches: 3 });
    // A gap is still a gap, and nothing of such a file is stored.
    await device.appendMarks(4);
    expect(refusal(await importFile(fileOf(device, [await device.batch(9, 9), await device.batch(11, 12)])))).toMatchObject({ status: 409, error: 'seq-gap', seq: 11, detail: 'batch 2 of 2' });
    expect(await seqs(device)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('a file reaching back over what the center already holds (pushed before) stores only the new tail, as the same batch pushed does', async () => {
    const device = await enrolledDevice(opened.app, 9025, 'usb-stored');
    await device.appendMarks(6);
    expect((await push(await device.batch(1, 3))).json()).toEqual({ ackSeq: 3, stored: 3 });
    expect((await importFile(fileOf(device, [await device.batch(1, 4), await device.batch(5, 6)]))).json()).toEqual({ ackSeq: 6, stored: 3, batches: 2 });
    expect(await seqs(device)).toEqual([1, 2, 3, 4, 5, 6]);
    // The same overlap pushed: the same answer (nothing new now).
    expect((await push(await device.batch(2, 6))).json()).toEqual({ ackSeq: 6, stored: 0 });
  });

  it('an overlap that differs (the laptop signed two versions of an event): refused before anything is stored, an incident, as a push of it is', async () => {
    const device = await enrolledDevice(opened.app, 9027, 'usb-fork');
    await device.appendMarks(5);
    const first = await device.batch(1, 5);
    // A fork: events 4–5 written again differently, signed by the same laptop.
    device.events.length = 3;
    await device.appendMarks(3);
    const forked = await device.batch(4, 6);
    expect(forked.events[0]).not.toEqual(first.events[3]);
    const res = await importFile(fileOf(device, [first, forked]));
    expect(refusal(res)).toEqual({ status: 409, error: 'seq-replayed-different', seq: 4, detail: 'batch 2 of 2' });
    expect(await seqs(device)).toEqual([]);
    expect(await incidentsOf(device, 'usb:seq-replayed-different')).toEqual([expect.objectContaining({ precinct: 9027, detail: expect.objectContaining({ batch: 2, seq: 4 }) })]);
    // The push path says the same of the forked batch once the first version is stored.
    expect((await push(first)).json()).toEqual({ ackSeq: 5, stored: 5 });
    expect(refusal(await push(forked))).toMatchObject({ status: 409, error: 'seq-replayed-different', seq: 4 });
  });
});
