import { describe, expect, it } from 'vitest';
import enItems from '../../../../locales/en/calendarItems.json';
import kyItems from '../../../../locales/ky/calendarItems.json';
import ruItems from '../../../../locales/ru/calendarItems.json';
import enRules from '../../../../locales/en/calendarRules.json';
import kyRules from '../../../../locales/ky/calendarRules.json';
import ruRules from '../../../../locales/ru/calendarRules.json';
import { computeCalendar, type ComputedTiming } from '../../../../shared/calendar/evaluate';
import { boundLabelKey, eventLabelKey, itemTitleKey } from '../../../../shared/calendar/labels';
import { isPrecinctItem } from '../../../../shared/calendar/precinct';
import type { CalendarRule } from '../../../../shared/calendar/schema';
import { calendar } from './helpers';

const items: Record<string, Record<string, string>> = { ky: kyItems, ru: ruItems, en: enItems };
const rules: Record<string, Record<string, Record<string, string>>> = { ky: kyRules, ru: ruRules, en: enRules };

function eventsOf(rule: CalendarRule, into: Set<string>): Set<string> {
  switch (rule.kind) {
    case 'after_event':
    case 'before_event':
    case 'on_event':
      into.add(rule.event);
      break;
    case 'between_events':
      into.add(rule.after).add(rule.before);
      break;
    case 'before_voting_day':
      if (rule.start_event) into.add(rule.start_event);
      break;
    case 'period':
      eventsOf(rule.start, into);
      eventsOf(rule.end, into);
      break;
    case 'multi':
      rule.parts.forEach((p) => eventsOf(p as CalendarRule, into));
      break;
    default:
      break;
  }
  return into;
}

function lookup(obj: Record<string, Record<string, string>>, key: string): string | undefined {
  const [group, name] = key.split('.');
  return group && name ? obj[group]?.[name] : undefined;
}

describe('calendarItems translations', () => {
  const expected = calendar.filter(isPrecinctItem).map((i) => itemTitleKey(i.n)).sort();
  it('one key per precinct item, the same keys in ky, ru and en', () => {
    expect(expected).toHaveLength(27);
    for (const lang of ['ky', 'ru', 'en']) expect(Object.keys(items[lang] ?? {}).sort(), lang).toEqual(expected);
  });
  it('ky is the verbatim title; ru and en are real translations', () => {
    for (const it of calendar.filter(isPrecinctItem)) {
      const key = itemTitleKey(it.n);
      expect(kyItems[key as keyof typeof kyItems]).toBe(it.title_ky);
      const ru = ruItems[key as keyof typeof ruItems];
      const en = enItems[key as keyof typeof enItems];
      expect(ru, key).toMatch(/[а-яё]{3}/u);
      expect(ru, key).not.toMatch(/[өүң]/u); // no Kyrgyz letters left in Russian
      expect(en, key).toMatch(/^[A-Z][a-z]+/u);
      expect(en, key).not.toBe(it.title_ky);
    }
  });
  it('uses the agreed terms', () => {
    expect(ruItems.item81).toContain('УИК');
    expect(enItems.item81).toContain('precinct commission');
    expect(enItems.item86).toContain('territorial commission');
    expect(enItems.item71).toContain('out-of-premises voting');
    expect(enItems.item49).toContain('final voter lists');
    expect(enItems.item77).toContain('ballot scanner'); // locales/glossary.json: one term, no АЭУ in English
    expect(ruItems.item77).toContain('АСУ (автоматически считывающую урну)');
  });
});

describe('calendarRules labels', () => {
  it('the same nested keys in ky, ru and en, all non-empty', () => {
    const shape = (o: Record<string, Record<string, string>>) => Object.entries(o).map(([g, v]) => [g, Object.keys(v).sort()]);
    expect(shape(rules.ru ?? {})).toEqual(shape(rules.ky ?? {}));
    expect(shape(rules.en ?? {})).toEqual(shape(rules.ky ?? {}));
    for (const lang of ['ky', 'ru', 'en']) {
      for (const group of Object.values(rules[lang] ?? {})) for (const v of Object.values(group)) expect(v.trim().length, lang).toBeGreaterThan(1);
    }
  });
  it('a label for every event name in the data, and no others', () => {
    const names = new Set<string>();
    for (const it of calendar) eventsOf(it.rule, names);
    expect(names.size).toBe(39);
    expect(Object.keys(kyRules.event).sort()).toEqual([...names].sort());
  });
  it('a label for every bound and event the evaluator can output, in every language', () => {
    const keys = new Set<string>(['bound.not_later', 'bound.on', 'bound.within', 'bound.from', 'bound.immediately', 'bound.not_earlier', 'bound.after', 'bound.before', 'misc.every_week', 'misc.continuous']);
    const visit = (t: ComputedTiming) => {
      if (t.kind === 'deadline' || t.kind === 'relative') keys.add(boundLabelKey(t.bound));
      if (t.kind === 'relative') keys.add(eventLabelKey(t.event));
      if (t.kind === 'window') [t.fromEvent, t.toEvent].forEach((e) => e && keys.add(eventLabelKey(e)));
      if (t.kind === 'recurring') keys.add(`misc.every_${t.every}`);
      if (t.kind === 'dates') t.parts.forEach((p) => visit(p.timing));
    };
    for (const anchors of [{ votingDay: '2017-10-15', electionCalled: '2017-06-14' }, { votingDay: '2017-10-15' }]) {
      computeCalendar(calendar, anchors).forEach((c) => visit(c.timing));
    }
    for (const lang of ['ky', 'ru', 'en']) for (const key of keys) expect(lookup(rules[lang] ?? {}, key), `${lang} ${key}`).toBeTruthy();
  });
  it('Kyrgyz labels are written in Kyrgyz', () => {
    expect(kyRules.event.election_called).toBe('шайлоо дайындалгандан кийин');
    for (const [name, ky] of Object.entries(kyRules.event)) {
      // Kyrgyz puts the postposition last: "…дан кийин", "…га чейин", "…дан тартып".
      expect(ky, name).toMatch(/(кийин|чейин|тартып|алдында|сайын|күнү|учурда|жараша)$/u);
      expect(ky, name).not.toBe(ruRules.event[name as keyof typeof ruRules.event]);
    }
  });
});
