/**
 * Events whose clock is far from the voting day are stored, never refused, and flagged: one open
 * incident a laptop, its repeats counted (issue 20). A laptop on the voting day's clock is not flagged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Center } from '../../../center/src/center';
import { FAR_CLOCK_KIND, farFromVotingDay } from '../../../center/src/far-clock';
import { adminHeaders, BACKENDS, enrolledDevice, server, storedEvents, testBundle } from './harness';

describe.each(BACKENDS)('clocks far from the voting day on $name', (backend) => {
  let center: Center;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ center, cleanup } = await backend.open());
    app = server(center);
    expect((await app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: await testBundle() })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await cleanup();
  });

  it('stores the events, flags the laptop once and counts the pushes', async () => {
    const far = await enrolledDevice(app, 9019, 'far');
    const near = await enrolledDevice(app, 9019, 'near');
    await near.appendMarks(2);
    expect((await app.inject({ method: 'POST', url: '/api/push', payload: await near.batch(1, 2) })).statusCode).toBe(200);
    far.advance(2 * 365 * 86_400_000); // two years after the voting day
    await far.appendMarks(3);
    expect((await app.inject({ method: 'POST', url: '/api/push', payload: await far.batch(1, 2) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/push', payload: await far.batch(3, 3) })).statusCode).toBe(200);
    expect((await storedEvents(center, far.deviceId)).map((e) => e.seq)).toEqual([1, 2, 3]);
    const flagged = (await center.listIncidents()).filter((i) => i.kind === FAR_CLOCK_KIND);
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ deviceId: far.deviceId, precinct: 9019, repeats: 2, detail: { seq: 1, votingDay: '2017-10-15', events: 2 } });
  });

  it('names the laptop whose own clock is off, not the laptops whose HLC took its time', async () => {
    // A laptop a year ahead: every laptop that pulled from it carries that year in its HLC, on a right clock.
    const ahead = await enrolledDevice(app, 9034, 'ahead');
    const right = await enrolledDevice(app, 9034, 'right');
    ahead.advance(365 * 86_400_000);
    await ahead.appendMarks(1);
    right.seeClock(Date.parse(ahead.events[0]?.recordedAt ?? ''));
    await right.appendMarks(2);
    // A laptop whose battery went flat (its clock in 2000) that pulled the precinct's events: its HLC is today's.
    const behind = await enrolledDevice(app, 9034, 'behind');
    behind.setClock(Date.UTC(2000, 0, 1));
    behind.seeClock(Date.UTC(2017, 9, 15, 9));
    await behind.appendMarks(1);
    for (const d of [ahead, right, behind]) expect((await app.inject({ method: 'POST', url: '/api/push', payload: await d.batch(1, d.events.length) })).statusCode).toBe(200);
    const flagged = (await center.listIncidents()).filter((i) => i.kind === FAR_CLOCK_KIND && i.precinct === 9034);
    expect(flagged.map((i) => i.deviceId).sort()).toEqual([ahead.deviceId, behind.deviceId].sort());
    expect(flagged.find((i) => i.deviceId === behind.deviceId)).toMatchObject({ detail: { seq: 1, recordedAt: behind.events[0]?.recordedAt, events: 1 } });
  });

  it('judges far as more than 120 days before or 30 days after the voting day', () => {
    const day = Date.parse('2017-10-15T00:00:00Z');
    expect(farFromVotingDay(day - 119 * 86_400_000, '2017-10-15')).toBe(false);
    expect(farFromVotingDay(day - 121 * 86_400_000, '2017-10-15')).toBe(true);
    expect(farFromVotingDay(day + 30 * 86_400_000, '2017-10-15')).toBe(false);
    expect(farFromVotingDay(day + 32 * 86_400_000, '2017-10-15')).toBe(true);
  });
});
