/**
 * Received time vs entry time at the center: a register entry received before the out-of-premises
 * deadline but entered after it had passed is stored (never refused) and recorded as an incident,
 * judged by the center's own bundle and the precinct's zone.
 */
import { describe, expect, it } from 'vitest';
import { adminHeaders, BACKENDS, centerWithBundleFor, enrolledDevice } from './harness';

describe.each(BACKENDS)('entered after the deadline, center on $name', (backend) => {
  const opened = centerWithBundleFor(backend);

  it('flags the entry typed in on voting day with a received time before the deadline; stores everything', async () => {
    // The test laptop's clock is on 15 October 2017 (voting day); the deadline was 12 October 24:00 in Moscow.
    const d = await enrolledDevice(opened.app, 9001, 'desk');
    const entry = (number: number, receivedAt: string) =>
      d.append('OutOfPremisesApplicationRegistered', {
        number, voterId: `pin:${number}`, listHash: 'c'.repeat(64), page: 1, row: number, receivedAt, receivedBy: 'm9001-3',
        address: 'Москва', reason: 'illness', reasonText: '', note: '',
      });
    const backdated = await entry(1, '2017-10-12T15:00:00.000Z');
    // Received after the deadline: the laptop refuses that itself; the center flags only what it stores as in time.
    await entry(2, '2017-10-13T08:00:00.000Z');
    const res = await opened.app.inject({ method: 'POST', url: '/api/push', payload: await d.batch(1, 2) });
    expect(res.json()).toEqual({ ackSeq: 2, stored: 2 });
    const incidents = ((await opened.app.inject({ method: 'GET', url: '/api/admin/incidents', headers: adminHeaders })).json() as { incidents: { kind: string; precinct: number | null; detail: unknown }[] }).incidents
      .filter((i) => i.kind === 'entered-after-deadline');
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ precinct: 9001, detail: { eventId: backdated.id, number: 1, receivedAt: '2017-10-12T15:00:00.000Z', recordedAt: backdated.recordedAt, deadline: '2017-10-12 24:00' } });
    // The same batch again stores nothing and flags nothing twice.
    expect((await opened.app.inject({ method: 'POST', url: '/api/push', payload: await d.batch(1, 2) })).json()).toEqual({ ackSeq: 2, stored: 0 });
    const again = ((await opened.app.inject({ method: 'GET', url: '/api/admin/incidents', headers: adminHeaders })).json() as { incidents: { kind: string }[] }).incidents;
    expect(again.filter((i) => i.kind === 'entered-after-deadline')).toHaveLength(1);
  });
});
