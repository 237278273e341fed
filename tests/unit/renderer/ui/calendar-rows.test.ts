import { describe, expect, it } from 'vitest';
import { checkBundle, setupFromBundle } from '../../../../shared/election/bundle';
import { demoBundle } from '../../../../shared/election/demo';
import { calendarRows } from '../../../../renderer/ui/calendar-rows';
import { NO_FACTS } from '../../../../shared/calendar/fulfilment';

async function setupOf(number: number, votingDay?: string, source: 'demo' | 'bundle' = 'demo') {
  const checked = await checkBundle(demoBundle(votingDay ? { votingDay } : {}));
  if (!checked.ok) throw new Error('demo bundle refused');
  return setupFromBundle(checked.value, number, source, null)!;
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

  it('a demo held today or ahead: what was overdue the day it started is "before the demo", what falls due after it is overdue; the historical demo and a bundle judge every item', async () => {
    const row = (rows: ReturnType<typeof calendarRows>, n: number) => rows.find((r) => r.n === n)!;
    const overdue = (rows: ReturnType<typeof calendarRows>) => rows.filter((r) => r.status === 'overdue').map((r) => r.n);
    // Voting day 6 Dec 2026, the demo started that day: nothing overdue, item 43 (15 days before) before the demo.
    const today = await setupOf(9001, '2026-12-06');
    const onTheDay = calendarRows(today, {}, '2026-12-06', { ...NO_FACTS, setUpOn: '2026-12-06' });
    expect(overdue(onTheDay)).toEqual([]);
    expect(row(onTheDay, 43).status).toBe('before-demo');
    // The same demo started 5 days before: item 68 (10 days before) was already past; item 70 (2 days before) falls due after the start.
    const ahead = calendarRows(today, {}, '2026-12-06', { ...NO_FACTS, setUpOn: '2026-12-01' });
    expect(row(ahead, 68).status).toBe('before-demo');
    expect(row(ahead, 70).status).toBe('overdue');
    // Marked done, it is done either way.
    expect(row(calendarRows(today, { 43: { item: 43, done: true, note: '', at: '2026-12-06T08:00:00Z', actor: null } }, '2026-12-06', { ...NO_FACTS, setUpOn: '2026-12-06' }), 43).status).toBe('done');
    // Not a demo, or the demo's historical 2017 election (set up long after it): every past item overdue.
    const bundle = await setupOf(9001, '2026-12-06', 'bundle');
    expect(row(calendarRows(bundle, {}, '2026-12-06', { ...NO_FACTS, setUpOn: '2026-12-06' }), 43).status).toBe('overdue');
    const historical = await setupOf(9001);
    const past = calendarRows(historical, {}, '2026-12-06', { ...NO_FACTS, setUpOn: '2026-12-06' });
    expect(row(past, 43).status).toBe('overdue');
    expect(row(past, 71).status).toBe('overdue');
    // Without the day it was set up (no facts yet), nothing is hidden.
    expect(row(calendarRows(today, {}, '2026-12-06'), 43).status).toBe('overdue');
  });
});
