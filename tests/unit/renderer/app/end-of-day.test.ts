/** '24:00' (the end of a day in deadlines) is never shown: inputs refuse it, so it is written 23:59 (issue 16). */
import { describe, expect, it } from 'vitest';
import { enteredLateText } from '../../../../renderer/app/EnteredLate';
import { timingText } from '../../../../renderer/features/calendar/timing-text';

/** A translation function that writes out the key and its parameters, so the test sees what is shown. */
function echo(key: string, params?: Record<string, unknown>): string {
  return `${key} ${JSON.stringify(params ?? {})}`;
}
type T = Parameters<typeof timingText>[2];

describe('the end of a day is shown as 23:59, never 24:00', () => {
  it('in the entered-late mark (deadline 12 Oct 2017, 24:00)', () => {
    const text = enteredLateText(echo, 'en', {
      deadline: { date: '2017-10-12', time: '24:00', timeZone: 'Europe/Moscow' },
      received: { date: '2017-10-12', time: '18:00' },
      entered: { date: '2017-10-13', time: '09:00' },
    });
    expect(text).toContain('October 12, 2017 23:59');
    expect(text).not.toContain('24:00');
  });

  it('in calendar timings: a deadline, a same-day window and a relative time', () => {
    const t = echo as unknown as T;
    const shown = [
      timingText({ kind: 'deadline', date: '2017-10-12', time: '24:00', bound: 'not_later' }, 'en', t),
      timingText({ kind: 'window', from: '2017-10-12', fromTime: '08:00', to: '2017-10-12', toTime: '24:00' }, 'ru', t),
      timingText({ kind: 'window', from: '2017-10-01', to: '2017-10-12', toTime: '24:00' }, 'ky', t),
      timingText({ kind: 'relative', event: 'count', bound: 'within', at: '24:00' }, 'en', t),
    ].join('\n');
    expect(shown).toContain('23:59');
    expect(shown).not.toContain('24:00');
  });
});
