import { describe, expect, it } from 'vitest';
import { milestones } from '../../../../shared/training/milestones';

describe('training milestones', () => {
  it('are the precinct-local moments of the 2017 calendar', () => {
    const list = milestones('2017-10-15', { from: '08:00', to: '20:00' }, 'Asia/Tokyo');
    expect(list.map((m) => `${m.id} ${m.date} ${m.time}`)).toEqual([
      'form-deadline 2017-09-30 23:30',
      'oop-deadline 2017-10-12 23:30',
      'oop-posting 2017-10-13 09:00',
      'oop-vote 2017-10-14 08:00',
      'voting-opens 2017-10-15 07:00',
      'polls-open 2017-10-15 08:00',
      'voting-closes 2017-10-15 20:00',
      'aeu-deadline 2017-10-15 21:00',
      'handover 2017-10-16 06:00',
    ]);
    expect(list[3]!.instant.toISOString()).toBe('2017-10-13T23:00:00.000Z');
  });

  it('follow the precinct zone, daylight saving included', () => {
    // New York, voting day 5 Nov 2017: daylight time ends at 02:00 that morning.
    const ny = milestones('2017-11-05', { from: '08:00', to: '20:00' }, 'America/New_York');
    expect(ny.find((m) => m.id === 'oop-vote')!.instant.toISOString()).toBe('2017-11-04T12:00:00.000Z'); // EDT, UTC-4
    expect(ny.find((m) => m.id === 'voting-closes')!.instant.toISOString()).toBe('2017-11-06T01:00:00.000Z'); // EST, UTC-5
  });

  it('follow the election hours', () => {
    const list = milestones('2017-10-15', { from: '07:00', to: '19:00' }, 'Asia/Bishkek');
    expect(list.filter((m) => m.date === '2017-10-15').map((m) => m.time)).toEqual(['06:00', '07:00', '19:00', '20:00']);
  });

  it('after hours until the end of the day (24:00), the АЭУ report is 01:00 the next day, not before the close', () => {
    const list = milestones('2026-12-06', { from: '00:00', to: '24:00' }, 'Europe/Moscow');
    const at = (id: string) => list.find((m) => m.id === id)!;
    expect(at('voting-closes').instant.toISOString()).toBe('2026-12-06T21:00:00.000Z'); // 00:00 of 7 Dec in Moscow
    expect(at('aeu-deadline')).toMatchObject({ date: '2026-12-07', time: '01:00' });
    expect(at('aeu-deadline').instant.toISOString()).toBe('2026-12-06T22:00:00.000Z');
  });
});
