import { describe, expect, it } from 'vitest';
import type { Member } from '../../../../shared/election/model';
import { eventPayloadSchemas } from '../../../../shared/events/catalog';
import { err, ok, type Result } from '../../../../shared/util/result';
import {
  checkLot, drawLot, DUTIES, dutyOf, EMPTY_OPENING, foldOpening, issuingWarning, judgeOpeningTime, openingDone, openingMissing,
  openingPayloadSchemas, OPENING_EVENT_TYPES, type OpeningFact, type OpeningState,
} from '../../../../shared/opening';

const members: Member[] = [
  { id: 'chair', name: 'Chair', role: 'chair' },
  { id: 'sec', name: 'Secretary', role: 'secretary' },
  { id: 'dep', name: 'Deputy', role: 'deputy' },
  { id: 'm1', name: 'M1', role: 'member' },
  { id: 'm2', name: 'M2', role: 'member' },
  { id: 'm3', name: 'M3', role: 'member' },
  { id: 'm4', name: 'M4', role: 'member' },
];
const at = '2017-10-15T01:10:00Z';
const fact = <T extends OpeningFact['type']>(type: T, payload: Extract<OpeningFact, { type: T }>['payload']): OpeningFact =>
  ({ type, payload, at, actor: 'sec' }) as OpeningFact;

/** The problems of a refused check (a test fails if the check allowed). */
function problemsOf<E>(r: Result<void, E[]>): E[] {
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

describe('the lot of duties (item 72)', () => {
  const good = [
    { memberId: 'dep', duty: 'identification' as const },
    { memberId: 'm1', duty: 'list-registrar' as const },
    { memberId: 'm2', duty: 'ballot-issuer' as const },
    { memberId: 'm3', duty: 'booth-box-controller' as const },
    { memberId: 'm4', duty: 'ballot-issuer' as const },
  ];
  it('accepts every present member with one duty and every duty held', () => {
    expect(checkLot(members, good, [])).toEqual(ok(undefined));
  });
  it('refuses the chair and the secretary, a stranger, a member twice, a member left out, a duty nobody holds', () => {
    expect(problemsOf(checkLot(members, [...good, { memberId: 'chair', duty: 'identification' }], []))).toContainEqual({ code: 'excluded-role', memberId: 'chair' });
    expect(problemsOf(checkLot(members, [...good, { memberId: 'sec', duty: 'identification' }], []))).toContainEqual({ code: 'excluded-role', memberId: 'sec' });
    expect(problemsOf(checkLot(members, [...good, { memberId: 'x', duty: 'identification' }], []))).toContainEqual({ code: 'not-a-member', memberId: 'x' });
    expect(problemsOf(checkLot(members, [...good, { memberId: 'm1', duty: 'identification' }], []))).toContainEqual({ code: 'twice', memberId: 'm1' });
    expect(checkLot(members, good.filter((a) => a.memberId !== 'm4'), [])).toEqual(err([{ code: 'not-drawn', memberId: 'm4' }]));
    expect(checkLot(members, good.filter((a) => a.memberId !== 'm4'), ['m4'])).toEqual(ok(undefined));
    expect(checkLot(members, good.filter((a) => a.memberId !== 'dep'), ['dep'])).toEqual(err([{ code: 'duty-unheld', duty: 'identification' }]));
  });
  it('with fewer members present than duties, a member may hold two; with enough, one each', () => {
    const three = [
      { memberId: 'm3', duty: 'identification' as const },
      { memberId: 'm4', duty: 'list-registrar' as const },
      { memberId: 'm4', duty: 'ballot-issuer' as const },
    ];
    const absent = ['dep', 'm1', 'm2'];
    expect(checkLot(members, three, absent)).toEqual(err([{ code: 'duty-unheld', duty: 'booth-box-controller' }]));
    expect(checkLot(members, [...three, { memberId: 'm3', duty: 'booth-box-controller' }], absent)).toEqual(ok(undefined));
    expect(problemsOf(checkLot(members, [...three, { memberId: 'm3', duty: 'identification' }, { memberId: 'm3', duty: 'booth-box-controller' }], absent))).toContainEqual({ code: 'twice', memberId: 'm3' });
    expect(problemsOf(checkLot(members, [...three, { memberId: 'dep', duty: 'booth-box-controller' }], absent))).toContainEqual({ code: 'not-a-member', memberId: 'dep' });
    const drawn = drawLot(members, absent, () => 0.5);
    expect(drawn.ok && checkLot(members, drawn.value, absent)).toEqual(ok(undefined));
    expect(drawLot(members, ['dep', 'm1', 'm2', 'm3', 'm4'], () => 0.5).ok).toBe(false);
  });
  it('a lot drawn by the laptop passes the check, leaves out chair, secretary and the absent, and depends on the random numbers', () => {
    const seq = (values: number[]) => { let i = 0; return () => values[i++ % values.length] ?? 0; };
    const a = drawLot(members, ['m4'], seq([0.1, 0.9, 0.4, 0.7]));
    const b = drawLot(members, ['m4'], seq([0.99, 0.01, 0.5, 0.3]));
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(checkLot(members, a.value, ['m4'])).toEqual(ok(undefined));
    expect(a.value.map((x) => x.memberId).sort()).toEqual(['dep', 'm1', 'm2', 'm3']);
    expect(new Set(a.value.map((x) => x.duty))).toEqual(new Set(DUTIES));
    expect(a.value).not.toEqual(b.value);
  });
});

describe('the opening state and the act', () => {
  const lot = fact('OpeningDutiesDrawn', { assignments: [{ memberId: 'm2', duty: 'ballot-issuer' }, { memberId: 'm1', duty: 'identification' }], absent: [], method: 'paper' });
  const steps: OpeningFact[] = [
    lot,
    fact('OpeningSafeOpened', { sealIntact: true, note: '' }),
    fact('OpeningListsCompared', { paperVoters: 1200, electronicVoters: 1200, note: '' }),
    fact('OpeningBoxSealed', { box: 'stationary', seals: ['A-1', 'A-2'] }),
  ];
  const fold = (facts: OpeningFact[]): OpeningState => facts.reduce(foldOpening, EMPTY_OPENING);

  it('names each missing step, mobile boxes as many as the teams take', () => {
    expect(openingMissing(EMPTY_OPENING, 0)).toEqual(['duties', 'safe', 'lists', 'stationary-box']);
    expect(openingMissing(fold(steps), 0)).toEqual([]);
    expect(openingMissing(fold(steps), 2)).toEqual(['mobile-boxes']);
    const withOne = fold([...steps, fact('OpeningBoxSealed', { box: 1, seals: ['M-1'] })]);
    expect(openingMissing(withOne, 2)).toEqual(['mobile-boxes']);
    const resealed = fold([...steps, fact('OpeningBoxSealed', { box: 1, seals: ['M-1'] }), fact('OpeningBoxSealed', { box: 1, seals: ['M-9'] })]);
    expect(resealed.boxes.map((b) => [b.box, b.seals])).toEqual([['stationary', ['A-1', 'A-2']], [1, ['M-9']]]);
  });
  it('is done only with the act after every step', () => {
    expect(openingDone(fold(steps), 0)).toBe(false);
    expect(openingDone(fold([...steps, fact('OpeningActDrawnUp', { actNumber: '1' })]), 0)).toBe(true);
    expect(openingDone(fold([...steps, fact('OpeningActDrawnUp', { actNumber: '1' })]), 1)).toBe(false);
  });
  it('the desk warns a member who issues without the issuing duty', () => {
    const s = fold([lot]);
    expect(issuingWarning(EMPTY_OPENING, 'm1')).toBeNull();
    expect(issuingWarning(s, 'm2')).toBeNull();
    expect(issuingWarning(s, 'm1')).toEqual({ code: 'other-duty', duty: 'identification' });
    expect(issuingWarning(s, 'chair')).toEqual({ code: 'no-duty' });
    expect(issuingWarning(s, null)).toEqual({ code: 'no-duty' });
    expect(dutyOf(s, 'm2')).toBe('ballot-issuer');
  });
});

describe('the opening window 07:00–08:00 in the precinct’s time', () => {
  it('judges Bishkek and Washington each in their own time', () => {
    expect(judgeOpeningTime(new Date('2017-10-15T01:30:00Z'), '2017-10-15', 'Asia/Bishkek')).toBe('in-window');
    expect(judgeOpeningTime(new Date('2017-10-15T00:59:00Z'), '2017-10-15', 'Asia/Bishkek')).toBe('early');
    expect(judgeOpeningTime(new Date('2017-10-15T02:00:00Z'), '2017-10-15', 'Asia/Bishkek')).toBe('late');
    expect(judgeOpeningTime(new Date('2017-10-14T17:00:00Z'), '2017-10-15', 'Asia/Bishkek')).toBe('before-day');
    expect(judgeOpeningTime(new Date('2017-10-15T11:30:00Z'), '2017-10-15', 'America/New_York')).toBe('in-window');
    expect(judgeOpeningTime(new Date('2017-10-16T11:30:00Z'), '2017-10-15', 'America/New_York')).toBe('after-day');
  });
});

describe('the opening events', () => {
  it('are in the catalog with the same schemas', () => {
    for (const type of OPENING_EVENT_TYPES) expect(eventPayloadSchemas[type]).toBe(openingPayloadSchemas[type]);
  });
  it('refuse hostile payloads', () => {
    expect(openingPayloadSchemas.OpeningDutiesDrawn.safeParse({ assignments: [{ memberId: 'a', duty: 'boss' }], method: 'paper' }).success).toBe(false);
    expect(openingPayloadSchemas.OpeningDutiesDrawn.safeParse({ assignments: [], method: 'paper' }).success).toBe(false);
    expect(openingPayloadSchemas.OpeningBoxSealed.safeParse({ box: 4, seals: ['x'] }).success).toBe(false);
    expect(openingPayloadSchemas.OpeningBoxSealed.safeParse({ box: 'stationary', seals: [] }).success).toBe(false);
    expect(openingPayloadSchemas.OpeningBoxSealed.safeParse({ box: 'stationary', seals: ['  '] }).success).toBe(false);
    expect(openingPayloadSchemas.OpeningListsCompared.safeParse({ paperVoters: -1, electronicVoters: 3 }).success).toBe(false);
    expect(openingPayloadSchemas.OpeningListsCompared.safeParse({ paperVoters: '12', electronicVoters: 3 }).success).toBe(false);
    expect(openingPayloadSchemas.OpeningActDrawnUp.safeParse({ actNumber: '1', extra: 1 }).success).toBe(false);
  });
});
