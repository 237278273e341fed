import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import calendarJson from '../../../../data/calendar-2017.json' with { type: 'json' };
import { isPrecinctItem, parseCalendar } from '../../../../shared/calendar';
import { FULFILLED_BY } from '../../../../shared/calendar/fulfilment';

describe('docs/calendar-coverage.md', () => {
  const doc = readFileSync(new URL('../../../../docs/calendar-coverage.md', import.meta.url), 'utf8');
  const rows = new Map([...doc.matchAll(/^\| (\d+) \|(.*)$/gmu)].map((m) => [Number(m[1]), m[2] ?? '']));
  it('lists every commission item of the calendar plan with a screen', () => {
    const items = parseCalendar(calendarJson).filter(isPrecinctItem);
    expect(items.length).toBeGreaterThan(20);
    for (const item of items) expect(rows.has(item.n), `item ${item.n}`).toBe(true);
  });
  it('names the fulfilling events the calendar rule uses', () => {
    for (const [n, rule] of Object.entries(FULFILLED_BY)) {
      const row = rows.get(Number(n)) ?? '';
      for (const type of rule.types ?? []) expect(row, `item ${n}`).toContain(type);
      if (rule.posted) expect(row, `item ${n}`).toContain(rule.posted);
      if (rule.actCopy) expect(row, `item ${n}`).toContain(`ActCopyIssued ${rule.actCopy}`);
      if (rule.form) expect(row, `item ${n}`).toContain(`ListApplicationRegistered ${rule.form}`);
      if (rule.list) expect(row, `item ${n}`).toContain(`VoterListActivated (${rule.list})`);
      if (rule.opening) expect(row, `item ${n}`).toContain('OpeningActDrawnUp');
    }
  });
  it('says no event marks an item the calendar cannot mark from events (no claim the screen does not keep)', () => {
    for (const [n, row] of rows) {
      const cell = row.split('|')[3]?.trim();
      if (!(n in FULFILLED_BY)) expect(cell, `item ${n}`).toBe('`—`');
      else expect(cell, `item ${n}`).not.toBe('`—`');
    }
  });
});
