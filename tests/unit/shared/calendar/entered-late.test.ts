import { describe, expect, it } from 'vitest';
import { enteredAfterDeadline } from '../../../../shared/calendar/entered-late';

const MOSCOW = { date: '2017-10-12', time: '24:00', timeZone: 'Europe/Moscow' } as const;

describe('received time vs entry time', () => {
  it('flags an entry received in time but entered after the deadline had passed (the backdating case)', () => {
    // Typed back to 12 October 18:00, entered on 13 October 10:00 in Moscow.
    expect(enteredAfterDeadline('2017-10-12T15:00:00.000Z', '2017-10-13T07:00:00.000Z', MOSCOW)).toEqual({
      deadline: MOSCOW,
      received: { date: '2017-10-12', time: '18:00' },
      entered: { date: '2017-10-13', time: '10:00' },
    });
  });
  it('the last minute before the deadline is still entered in time; the first minute after is not', () => {
    expect(enteredAfterDeadline('2017-10-12T15:00:00.000Z', '2017-10-12T20:59:59.000Z', MOSCOW)).toBeNull();
    expect(enteredAfterDeadline('2017-10-12T15:00:00.000Z', '2017-10-12T21:00:00.000Z', MOSCOW)).not.toBeNull();
  });
  it('does not flag an entry received and entered in time, nor one received late (refused by the register itself)', () => {
    expect(enteredAfterDeadline('2017-10-11T09:00:00.000Z', '2017-10-11T09:05:00.000Z', MOSCOW)).toBeNull();
    expect(enteredAfterDeadline('2017-10-13T07:00:00.000Z', '2017-10-13T07:05:00.000Z', MOSCOW)).toBeNull();
  });
  it('the deadline is judged in the precinct\'s own zone (Tokyo reaches 24:00 six hours before Moscow)', () => {
    const tokyo = { ...MOSCOW, timeZone: 'Asia/Tokyo' };
    // Entered at 16:00 UTC on the 12th: 01:00 on the 13th in Tokyo (passed), 19:00 on the 12th in Moscow (not yet).
    expect(enteredAfterDeadline('2017-10-12T09:00:00.000Z', '2017-10-12T16:00:00.000Z', tokyo)?.entered).toEqual({ date: '2017-10-13', time: '01:00' });
    expect(enteredAfterDeadline('2017-10-12T09:00:00.000Z', '2017-10-12T16:00:00.000Z', MOSCOW)).toBeNull();
  });
  it('unreadable times or no deadline give no flag, never an exception', () => {
    expect(enteredAfterDeadline('not a time', '2017-10-13T07:00:00.000Z', MOSCOW)).toBeNull();
    expect(enteredAfterDeadline('2017-10-12T15:00:00.000Z', '', MOSCOW)).toBeNull();
    expect(enteredAfterDeadline('2017-10-12T15:00:00.000Z', '2017-10-13T07:00:00.000Z', null)).toBeNull();
  });
});
