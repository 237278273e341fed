import { describe, expect, it } from 'vitest';
import { decideIssueHours, hoursExceptionsOf, judgeVotingHours, votingHoursOf, type VotingHours } from '../../../../shared/ballots/hours';
import { eventPayloadSchemas } from '../../../../shared/events/catalog';
import { checkBundle, setupFromBundle } from '../../../../shared/election/bundle';
import { demoBundle } from '../../../../shared/election/demo';

const BISHKEK: VotingHours = { votingDay: '2017-10-15', from: '08:00', to: '20:00', timeZone: 'Asia/Bishkek' }; // UTC+6
const outside = (iso: string, h: VotingHours = BISHKEK) => judgeVotingHours(new Date(iso), h).outside;

describe('voting hours in the precinct zone (Bishkek, UTC+6)', () => {
  it('opens at 08:00:00 sharp: 07:59:59 is before opening', () => {
    expect(outside('2017-10-15T07:59:59+06:00')).toBe('before-opening');
    expect(outside('2017-10-15T07:59:59.999+06:00')).toBe('before-opening');
    expect(outside('2017-10-15T08:00:00+06:00')).toBeNull();
    expect(outside('2017-10-15T00:00:00+06:00')).toBe('before-opening');
  });

  it('closes at 20:00:00 sharp: 19:59:59 is open, 20:00 is after closing', () => {
    expect(outside('2017-10-15T19:59:59+06:00')).toBeNull();
    expect(outside('2017-10-15T19:59:59.999+06:00')).toBeNull();
    expect(outside('2017-10-15T20:00:00+06:00')).toBe('after-closing');
    expect(outside('2017-10-15T20:01:00+06:00')).toBe('after-closing');
    expect(outside('2017-10-15T23:59:59+06:00')).toBe('after-closing');
  });

  it('any time on another day is refused, at noon too', () => {
    expect(outside('2017-10-16T00:00:00+06:00')).toBe('other-day');
    expect(outside('2017-10-16T12:00:00+06:00')).toBe('other-day');
    expect(outside('2017-10-14T12:00:00+06:00')).toBe('other-day');
    expect(outside('2026-12-05T12:00:00+06:00')).toBe('other-day');
  });

  it('reads the instant in the precinct zone, not in UTC: 02:30Z is 08:30 in Bishkek', () => {
    const j = judgeVotingHours(new Date('2017-10-15T02:30:00Z'), BISHKEK);
    expect(j).toMatchObject({ outside: null, opens: '2017-10-15T02:00:00.000Z', closes: '2017-10-15T14:00:00.000Z' });
    expect(j.local).toMatchObject({ date: '2017-10-15', time: '08:30', offsetMinutes: 360 });
  });

  it('follows the election\'s own hours, not a fixed 08:00–20:00', () => {
    const h = { ...BISHKEK, from: '07:00', to: '21:00' };
    expect(outside('2017-10-15T07:00:00+06:00', h)).toBeNull();
    expect(outside('2017-10-15T20:30:00+06:00', h)).toBeNull();
    expect(outside('2017-10-15T21:00:00+06:00', h)).toBe('after-closing');
  });
});

describe('precincts abroad keep the host country\'s local time', () => {
  it('the same instant is open in Bishkek and closed in Tokyo (9019, UTC+9)', () => {
    const tokyo = { ...BISHKEK, timeZone: 'Asia/Tokyo' };
    // 12:00Z = 18:00 Bishkek = 21:00 Tokyo.
    expect(outside('2017-10-15T12:00:00Z')).toBeNull();
    expect(outside('2017-10-15T12:00:00Z', tokyo)).toBe('after-closing');
    expect(outside('2017-10-14T23:00:00Z', tokyo)).toBeNull(); // 08:00 in Tokyo, 05:00 in Bishkek
    expect(outside('2017-10-14T23:00:00Z')).toBe('before-opening'); // 05:00 in Bishkek
    // 15:30Z on 15 Oct = 00:30 on 16 Oct in Tokyo, still 21:30 on 15 Oct in Bishkek.
    expect(outside('2017-10-15T15:30:00Z', tokyo)).toBe('other-day');
    expect(outside('2017-10-15T15:30:00Z')).toBe('after-closing');
  });

  it('New York (9034, UTC−4 in October): 08:00 local is 12:00Z; the evening of voting day in Bishkek is still morning there', () => {
    const ny = { ...BISHKEK, timeZone: 'America/New_York' };
    expect(outside('2017-10-15T11:59:59Z', ny)).toBe('before-opening');
    expect(outside('2017-10-15T12:00:00Z', ny)).toBeNull();
    expect(outside('2017-10-15T23:59:59Z', ny)).toBeNull(); // 19:59:59 in New York
    expect(outside('2017-10-16T00:00:00Z', ny)).toBe('after-closing'); // 20:00 in New York, already 16 Oct in UTC
    expect(outside('2017-10-16T00:00:00Z')).toBe('other-day');
  });

  it('every demo precinct abroad (9001–9051) opens at 08:00 and closes at 20:00 of its own zone', async () => {
    const bundle = await checkBundle(demoBundle());
    if (!bundle.ok) throw new Error('demo bundle');
    for (const p of bundle.value.bundle.precincts) {
      const setup = setupFromBundle(bundle.value, p.number, 'demo', null);
      if (!setup) throw new Error(String(p.number));
      const h = votingHoursOf(setup);
      expect(h).toEqual({ votingDay: '2017-10-15', from: '08:00', to: '20:00', timeZone: p.timeZone });
      const j = judgeVotingHours(new Date('2017-10-15T12:00:00Z'), h);
      expect(judgeVotingHours(new Date(new Date(j.opens).getTime() - 1000), h).outside, `${p.number} 07:59:59`).toBe('before-opening');
      expect(judgeVotingHours(new Date(j.opens), h).outside, `${p.number} 08:00`).toBeNull();
      expect(judgeVotingHours(new Date(new Date(j.closes).getTime() - 1000), h).outside, `${p.number} 19:59:59`).toBeNull();
      expect(judgeVotingHours(new Date(j.closes), h).outside, `${p.number} 20:00`).toBe('after-closing');
      expect(judgeVotingHours(new Date(j.opens), h).local.time).toBe('08:00');
      expect(judgeVotingHours(new Date(j.closes), h).local.time).toBe('20:00');
    }
  });
});

describe('practice hours until the end of the day (the demo\'s "all day", closing 24:00)', () => {
  // 9001 is in Moscow (UTC+3): the voting day 6 Dec 2026 ends at 21:00Z.
  const allDay = async (): Promise<VotingHours> => {
    const bundle = await checkBundle(demoBundle({ votingDay: '2026-12-06', hours: 'all-day' }));
    if (!bundle.ok) throw new Error('demo bundle');
    const setup = setupFromBundle(bundle.value, 9001, 'demo', null);
    if (!setup) throw new Error('9001');
    return votingHoursOf(setup);
  };

  it('the last minute of the day is open: 23:59:30 Moscow time issues a ballot without an exception', async () => {
    const h = await allDay();
    expect(h).toEqual({ votingDay: '2026-12-06', from: '00:00', to: '24:00', timeZone: 'Europe/Moscow' });
    expect(outside('2026-12-06T23:59:30+03:00', h)).toBeNull();
    expect(outside('2026-12-06T23:59:59.999+03:00', h)).toBeNull();
    expect(outside('2026-12-06T00:00:00+03:00', h)).toBeNull();
    expect(decideIssueHours(new Date('2026-12-06T20:59:30Z'), h, null)).toEqual({ ok: true, value: null });
  });

  it('closes at midnight in the precinct\'s zone, not in UTC or Bishkek: the next local day is another day', async () => {
    const h = await allDay();
    const j = judgeVotingHours(new Date('2026-12-06T20:59:30Z'), h);
    expect(j).toMatchObject({ outside: null, opens: '2026-12-05T21:00:00.000Z', closes: '2026-12-06T21:00:00.000Z' });
    expect(j.local).toMatchObject({ date: '2026-12-06', time: '23:59' });
    // 00:00 on 7 Dec in Moscow, still 6 Dec in UTC: closed.
    expect(outside('2026-12-06T21:00:00Z', h)).toBe('other-day');
    expect(outside('2026-12-07T00:00:30+03:00', h)).toBe('other-day');
    // 23:30 on 5 Dec in Moscow is already 6 Dec in Bishkek (UTC+6): not yet voting day here.
    expect(outside('2026-12-05T20:30:00Z', h)).toBe('other-day');
    // Across midnight in Tokyo (UTC+9): 23:59:30 local is open, 00:00:30 is the next day.
    const tokyo = { ...h, timeZone: 'Asia/Tokyo' };
    expect(outside('2026-12-06T14:59:30Z', tokyo)).toBeNull();
    expect(outside('2026-12-06T15:00:30Z', tokyo)).toBe('other-day');
  });

  it('a closing of 23:59 still closes the last minute (closing is exclusive): the end of the day is 24:00', () => {
    const h: VotingHours = { votingDay: '2026-12-06', from: '00:00', to: '23:59', timeZone: 'Europe/Moscow' };
    expect(outside('2026-12-06T23:59:30+03:00', h)).toBe('after-closing');
    expect(outside('2026-12-06T23:59:30+03:00', { ...h, to: '24:00' })).toBeNull();
  });
});

describe('the desk\'s decision with an exception', () => {
  const after = new Date('2017-10-15T20:05:00+06:00');
  const reason = 'In the premises at 20:00, in the queue (Art. 35(1))';

  it('within hours: issued, no exception kept even if one was asked for', () => {
    expect(decideIssueHours(new Date('2017-10-15T12:00:00+06:00'), BISHKEK, null)).toEqual({ ok: true, value: null });
    expect(decideIssueHours(new Date('2017-10-15T12:00:00+06:00'), BISHKEK, { reason, by: 'm1', role: 'chair' })).toEqual({ ok: true, value: null });
  });

  it('outside hours without an exception: refused, saying which side and the local time', () => {
    const d = decideIssueHours(after, BISHKEK, null);
    expect(d).toMatchObject({ ok: false, error: { code: 'outside-hours', outside: 'after-closing', local: { date: '2017-10-15', time: '20:05' }, hours: BISHKEK } });
    expect(decideIssueHours(new Date('2017-10-15T07:30:00+06:00'), BISHKEK, null)).toMatchObject({ ok: false, error: { outside: 'before-opening' } });
    expect(decideIssueHours(new Date('2017-10-16T10:00:00+06:00'), BISHKEK, null)).toMatchObject({ ok: false, error: { outside: 'other-day' } });
  });

  it('only the chair records an exception', () => {
    for (const role of ['deputy', 'secretary', 'member', null] as const) {
      expect(decideIssueHours(after, BISHKEK, { reason, by: 'm2', role })).toEqual({ ok: false, error: { code: 'exception-not-chair' } });
    }
    expect(decideIssueHours(after, BISHKEK, { reason, by: null, role: 'chair' })).toEqual({ ok: false, error: { code: 'exception-not-chair' } });
  });

  it('the reason is written out: at least 10 characters after trimming, at most 500', () => {
    expect(decideIssueHours(after, BISHKEK, { reason: '   queue   ', by: 'm1', role: 'chair' })).toEqual({ ok: false, error: { code: 'exception-reason', min: 10, max: 500 } });
    expect(decideIssueHours(after, BISHKEK, { reason: 'x'.repeat(501), by: 'm1', role: 'chair' })).toMatchObject({ ok: false, error: { code: 'exception-reason' } });
    expect(decideIssueHours(after, BISHKEK, { reason: ` ${reason} `, by: 'm1', role: 'chair' })).toEqual({ ok: true, value: { outside: 'after-closing', reason, by: 'm1' } });
  });

  it('the event keeps the exception; a hostile or empty one is refused by the schema', () => {
    const base = { voterId: 'v1', page: 1, row: 1, listHash: 'a'.repeat(64) };
    expect(eventPayloadSchemas.BallotIssued.parse(base)).toEqual(base);
    const withException = { ...base, hoursException: { outside: 'after-closing', reason, by: 'm1' } };
    expect(eventPayloadSchemas.BallotIssued.parse(withException)).toEqual(withException);
    for (const bad of [
      { outside: 'after-closing', reason: 'short', by: 'm1' },
      { outside: 'at-lunch', reason, by: 'm1' },
      { outside: 'after-closing', reason, by: '' },
      { outside: 'after-closing', reason, by: 'm1', extra: 1 },
      { outside: 'after-closing', reason: 'x'.repeat(2_000_000), by: 'm1' },
    ]) {
      expect(eventPayloadSchemas.BallotIssued.safeParse({ ...base, hoursException: bad }).success).toBe(false);
    }
  });
});

describe('the attachments list the exceptions', () => {
  it('lists only issues with an exception, in time order, marking one undone later', () => {
    const ex = (reason: string) => ({ outside: 'after-closing', reason, by: 'm1' });
    const events = [
      { id: 'b', type: 'BallotIssued', recordedAt: '2017-10-15T17:05:00.000Z', payload: { voterId: 'v2', page: 1, row: 2, listHash: 'a', hoursException: ex('in the queue at 20:00 (2)') } },
      { id: 'a', type: 'BallotIssued', recordedAt: '2017-10-15T17:02:00.000Z', payload: { voterId: 'v1', page: 1, row: 1, listHash: 'a', hoursException: ex('in the queue at 20:00 (1)') } },
      { id: 'c', type: 'BallotIssued', recordedAt: '2017-10-15T10:00:00.000Z', payload: { voterId: 'v3', page: 1, row: 3, listHash: 'a' } },
      { id: 'd', type: 'BallotIssueUndone', recordedAt: '2017-10-15T17:10:00.000Z', payload: { voterId: 'v2', undoes: 'b', reason: 'wrong voter' } },
      { id: 'e', type: 'BallotIssueUndone', recordedAt: '2017-10-15T17:11:00.000Z', payload: { voterId: 'v3', undoes: 'c', reason: 'wrong voter' } },
    ];
    expect(hoursExceptionsOf(events)).toEqual([
      { eventId: 'a', at: '2017-10-15T17:02:00.000Z', voterId: 'v1', page: 1, row: 1, outside: 'after-closing', reason: 'in the queue at 20:00 (1)', by: 'm1', undone: false },
      { eventId: 'b', at: '2017-10-15T17:05:00.000Z', voterId: 'v2', page: 1, row: 2, outside: 'after-closing', reason: 'in the queue at 20:00 (2)', by: 'm1', undone: true },
    ]);
    expect(hoursExceptionsOf([])).toEqual([]);
  });
});
