import { describe, expect, it } from 'vitest';
import { checkBundle, setupFromBundle } from '../../../../shared/election/bundle';
import { demoBundle } from '../../../../shared/election/demo';
import { calendarRows } from '../../../../renderer/ui/calendar-rows';

async function setupOf(number: number) {
  const checked = await checkBundle(demoBundle());
  if (!checked.ok) throw new Error('demo bundle refused');
  return setupFromBundle(checked.value, number, 'demo', null)!;
}

describe('calendar rows for a precinct', () => {
  it('item 43 (Form 2) shows the precinct’s own deadline from the bundle, flagged against the rule; another precinct keeps the rule', async () => {
    const row = (rows: ReturnType<typeof calendarRows>, n: number) => rows.find((r) => r.n === n)!;
    const own = calendarRows(await setupOf(9004), {}, '2017-09-01');
    expect(row(own, 43).timing).toMatchObject({ kind: 'deadline', date: '2017-09-25' });
    expect(row(own, 43).approved).toEqual({ approved: true, disagreement: { ruleDate: '2017-09-30', ruleFrom: undefined } });
    // Form 3 (item 42) is not touched by it.
    expect(row(own, 42).timing).toMatchObject({ date: '2017-09-30' });
    const other = calendarRows(await setupOf(9001), {}, '2017-09-01');
    expect(row(other, 43).timing).toMatchObject({ kind: 'deadline', date: '2017-09-30' });
    expect(row(other, 43).approved.approved).toBe(false);
    // Overdue judged by the precinct's date: on 26 Sep the item is past at 9004, not at 9001.
    expect(row(calendarRows(await setupOf(9004), {}, '2017-09-26'), 43).status).not.toEqual(row(calendarRows(await setupOf(9001), {}, '2017-09-26'), 43).status);
  });
});
