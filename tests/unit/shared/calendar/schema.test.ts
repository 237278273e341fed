import { describe, expect, it } from 'vitest';
import { CalendarParseError, calendarRuleSchema, parseCalendar } from '../../../../shared/calendar/schema';
import { rawCalendar, rawCopy } from './helpers';

function problemsOf(input: unknown): string {
  try {
    parseCalendar(input);
  } catch (e) {
    expect(e).toBeInstanceOf(CalendarParseError);
    return (e as Error).message;
  }
  throw new Error('expected parseCalendar to throw');
}

function withItem(index: number, change: (item: Record<string, unknown>) => void): unknown {
  const copy = rawCopy();
  const target = copy[index];
  if (!target) throw new Error('no such item');
  change(target);
  return copy;
}

describe('parseCalendar', () => {
  it('parses the whole 2017 file: 104 items numbered 1–104', () => {
    const items = parseCalendar(rawCalendar);
    expect(items).toHaveLength(104);
    expect(items.map((i) => i.n)).toEqual(Array.from({ length: 104 }, (_, k) => k + 1));
    const kinds = new Set(items.map((i) => i.rule.kind));
    expect([...kinds].sort()).toEqual(['after_event', 'before_event', 'before_voting_day', 'between_events', 'continuous', 'multi', 'on_voting_day', 'period', 'recurring']);
  });

  it('rejects an unknown rule kind, naming the item and the kind', () => {
    const msg = problemsOf(withItem(4, (i) => { i.rule = { kind: 'weekly_meeting', days: 3 }; }));
    expect(msg).toMatch(/n=5/u);
    expect(msg).toMatch(/rule\.kind/u);
    expect(msg).toMatch(/weekly_meeting/u);
  });

  it('rejects an unknown kind inside a period or a multi rule', () => {
    expect(problemsOf(withItem(7, (i) => { i.rule = { kind: 'period', start: { kind: 'sometime' }, end: { kind: 'before_voting_day', days: 1, bound: 'on' } }; }))).toMatch(/rule\.start\.kind/u);
    expect(problemsOf(withItem(58, (i) => { i.rule = { kind: 'multi', parts: [{ kind: 'nope', label: 'x' }] }; }))).toMatch(/n=59.*rule\.parts\[0\]\.kind/u);
  });

  it('rejects a non-date', () => {
    expect(problemsOf(withItem(45, (i) => { i.date_2017 = '2017-02-30'; }))).toMatch(/n=46.*date_2017.*calendar date/u);
    expect(problemsOf(withItem(45, (i) => { i.date_2017_from = '24.09.2017'; }))).toMatch(/date_2017_from/u);
    expect(problemsOf(withItem(58, (i) => { i.dates_2017 = ['2017-10-05', '2017-10-32']; }))).toMatch(/dates_2017\[1\]/u);
  });

  it('rejects a bad time, unknown rule fields, bad ranges, unlabelled parts and duplicate numbers', () => {
    expect(problemsOf(withItem(70, (i) => { i.rule = { kind: 'before_voting_day', days: 1, bound: 'on', from: '08:00', to: '25:00' }; }))).toMatch(/rule\.to/u);
    expect(problemsOf(withItem(45, (i) => { i.rule = { kind: 'before_voting_day', days: 20, bound: 'on', weekday: 'monday' }; }))).toMatch(/weekday/u);
    expect(problemsOf(withItem(62, (i) => { i.rule = { kind: 'before_voting_day', days_range: [1, 2], bound: 'on' }; }))).toMatch(/days_range/u);
    expect(problemsOf(withItem(62, (i) => { i.rule = { kind: 'before_voting_day', days: 2, days_range: [2, 1], bound: 'on' }; }))).toMatch(/exactly one/u);
    expect(problemsOf(withItem(45, (i) => { i.rule = { kind: 'before_voting_day', days: -20, bound: 'on' }; }))).toMatch(/rule\.days/u);
    expect(problemsOf(withItem(45, (i) => { i.rule = { kind: 'after_event', event: 'Election Called' }; }))).toMatch(/snake_case/u);
    expect(problemsOf(withItem(58, (i) => { i.rule = { kind: 'multi', parts: [{ kind: 'before_voting_day', days: 10, bound: 'not_later' }] }; }))).toMatch(/label/u);
    expect(problemsOf(withItem(1, (i) => { i.n = 1; }))).toMatch(/used twice/u);
    expect(problemsOf({ items: [] })).toMatch(/calendar/u);
    expect(problemsOf([])).toMatch(/no items/u);
  });

  it('keeps harmless extra item fields', () => {
    const items = parseCalendar(withItem(0, (i) => { i.source_page = 3; }));
    expect((items[0] as Record<string, unknown>).source_page).toBe(3);
  });

  it('the rule schema alone accepts every rule of the file', () => {
    for (const it of rawCopy()) expect(calendarRuleSchema.safeParse(it.rule).success, `item ${String(it.n)}`).toBe(true);
  });
});
