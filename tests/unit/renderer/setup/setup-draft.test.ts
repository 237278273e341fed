import { describe, expect, it } from 'vitest';
import { checkBundle, setupFromBundle } from '../../../../shared/election/bundle';
import { parseTypedDate } from '../../../../shared/time/typed-date';
import { demoBundle } from '../../../../shared/election/demo';
import { closingFromInput, dateFromInput, dateToInput, draftFromSetup, emptyDraft, setupFromDraft } from '../../../../renderer/features/setup/setup-draft';

const manual = { kind: 'manual' as const, bundleHash: null, bundleVersion: null, fileName: null };

describe('hand-entry draft', () => {
  it('reads dates as typed in the region and writes them back', () => {
    expect(dateFromInput('15.10.2017')).toBe('2017-10-15');
    expect(dateFromInput('5/1/2027')).toBe('2027-01-05');
    expect(dateFromInput('2017-10-15')).toBe('2017-10-15');
    expect(dateToInput('2017-10-15')).toBe('15.10.2017');
  });

  it('reads a typed date as every form does (the shared parseTypedDate): dashes too; not a date is passed on to be refused', () => {
    for (const typed of ['15.10.2017', '15/10/2017', '15-10-2017', '2017-10-15', ' 15.10.2017 ']) {
      expect(dateFromInput(typed), typed).toBe(parseTypedDate(typed));
    }
    expect(dateFromInput('15-10-2017')).toBe('2017-10-15');
    expect(dateFromInput('2017-1-5')).toBe('2017-01-05');
    // Not a real date: kept as typed, and the form names it.
    expect(dateFromInput(' 31.02.2027 ')).toBe('31.02.2027');
    expect(dateFromInput('15 октября')).toBe('15 октября');
    const refused = setupFromDraft({ ...emptyDraft(), votingDay: '1.13.2027', electionCallDate: '01.01.2027' }, manual);
    expect(!refused.ok && refused.error).toContainEqual({ code: 'invalid-date', path: 'election.votingDay' });
    // A wrong date is named once, as such, never also compared with another date as a string.
    expect(!refused.ok && refused.error.map((p) => p.path)).not.toContain('election.electionCallDate');
  });

  it('names a number typed as text, an impossible date and every missing field', () => {
    const d = { ...emptyDraft(), nameKy: 'Шайлоо', votingDay: '31.02.2027', precinctNumber: '12a', voterCount: '1 500' };
    const result = setupFromDraft(d, manual);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byPath = Object.fromEntries(result.error.map((p) => [p.path, p.code]));
    expect(byPath['precinct.number']).toBe('not-a-number');
    expect(byPath['election.votingDay']).toBe('invalid-date');
    expect(byPath['precinct.name']).toBe('required');
    expect(byPath['members.0.name']).toBe('required');
    expect(byPath['candidates.0.surname']).toBe('required');
    expect(byPath['precinct.voterCount']).toBeUndefined();
  });

  it('a setup survives the round trip through the form unchanged', async () => {
    const checked = await checkBundle(demoBundle());
    if (!checked.ok) throw new Error('invalid');
    const setup = setupFromBundle(checked.value, 9034, 'demo', null)!;
    const again = setupFromDraft(draftFromSetup(setup), setup.source);
    expect(again).toEqual({ ok: true, value: setup });
  });

  it('hours until the end of the day: shown 23:59 in the form, kept 24:00 (the last minute open) through an edit', async () => {
    const checked = await checkBundle(demoBundle({ votingDay: '2026-12-06', hours: 'all-day' }));
    if (!checked.ok) throw new Error('invalid');
    const setup = setupFromBundle(checked.value, 9001, 'demo', null)!;
    expect(setup.election.votingHours).toEqual({ from: '00:00', to: '24:00' });
    const draft = draftFromSetup(setup);
    expect(draft.hoursTo).toBe('23:59');
    expect(setupFromDraft(draft, setup.source)).toEqual({ ok: true, value: setup });
    // Typed either way, a close at the end of the day is 24:00; other closing times stay as typed.
    expect(closingFromInput(' 24:00 ')).toBe('24:00');
    expect(closingFromInput('23:59')).toBe('24:00');
    expect(closingFromInput('20:00')).toBe('20:00');
    const typed = setupFromDraft({ ...draft, hoursTo: '24:00' }, setup.source);
    expect(typed.ok && typed.value.election.votingHours.to).toBe('24:00');
    expect(setupFromDraft({ ...draft, hoursTo: '24:30' }, setup.source)).toMatchObject({ ok: false, error: [{ code: 'invalid-time', path: 'election.votingHours.to' }] });
  });

  it('a withdrawn candidate stays withdrawn through the form', async () => {
    const checked = await checkBundle(demoBundle());
    if (!checked.ok) throw new Error('invalid');
    const base = setupFromBundle(checked.value, 9001, 'demo', null)!;
    const setup = { ...base, candidates: base.candidates.map((c) => (c.id === 'c3' ? { ...c, withdrawn: { date: '2017-10-11', note: 'арызы боюнча' } } : c)) };
    const again = setupFromDraft(draftFromSetup(setup), setup.source);
    expect(again).toEqual({ ok: true, value: setup });
    expect(again.ok && again.value.candidates.find((c) => c.id === 'c1')).not.toHaveProperty('withdrawn');
  });

  it('refuses two chairs and duplicate ballot lines', async () => {
    const checked = await checkBundle(demoBundle());
    if (!checked.ok) throw new Error('invalid');
    const d = draftFromSetup(setupFromBundle(checked.value, 9001, 'demo', null)!);
    d.members[1]!.role = 'chair';
    d.candidates[2]!.position = '1';
    const result = setupFromDraft(d, manual);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContainEqual({ code: 'second-chair', path: 'members.1.role' });
    expect(result.error).toContainEqual({ code: 'duplicate-position', path: 'candidates.2.position' });
  });

  it('the day the commission was formed goes through the form, and must come before voting day', async () => {
    const checked = await checkBundle(demoBundle());
    if (!checked.ok) throw new Error('invalid');
    const base = setupFromBundle(checked.value, 9001, 'demo', null)!;
    expect(base.precinct.formedOn).toBeNull();
    const d = draftFromSetup(base);
    expect(d.formedOn).toBe('');
    const formed = setupFromDraft({ ...d, formedOn: '25.08.2017' }, base.source);
    expect(formed.ok && formed.value.precinct.formedOn).toBe('2017-08-25');
    expect(formed.ok && draftFromSetup(formed.value).formedOn).toBe('25.08.2017');
    for (const late of ['15.10.2017', '20.10.2017']) {
      const refused = setupFromDraft({ ...d, formedOn: late }, base.source);
      expect(refused).toEqual({ ok: false, error: [{ code: 'formed-after-voting-day', path: 'precinct.formedOn' }] });
    }
    expect(setupFromDraft({ ...d, formedOn: '31.09.2017' }, base.source)).toMatchObject({ ok: false, error: [{ code: 'invalid-date', path: 'precinct.formedOn' }] });
  });

  it('a bundle precinct formed on or after voting day is refused by path', async () => {
    const bundle = demoBundle();
    const precincts = bundle.precincts.map((p, i) => (i === 2 ? { ...p, formedOn: bundle.election.votingDay } : i === 0 ? { ...p, formedOn: '2017-08-25' } : p));
    const checked = await checkBundle({ ...bundle, precincts });
    expect(checked).toMatchObject({ ok: false, error: [{ code: 'formed-after-voting-day', path: 'precincts.2.formedOn' }] });
    const fine = await checkBundle({ ...bundle, precincts: precincts.map((p, i) => (i === 2 ? { ...p, formedOn: null } : p)) });
    if (!fine.ok) throw new Error(JSON.stringify(fine.error));
    expect(setupFromBundle(fine.value, precincts[0]!.number, 'demo', null)?.precinct.formedOn).toBe('2017-08-25');
  });
});
