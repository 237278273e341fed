import { describe, expect, it } from 'vitest';
import type { Member } from '../../../../shared/election/model';
import {
  decideBoxSealed, decideListsCompared, decideLot, decideOpening, decideOpeningAct, decideSafe, EMPTY_OPENING, foldOpening, mobileBoxesToSeal, openingMissing,
  type OpeningFact, type OpeningState,
} from '../../../../shared/opening';

const members: Member[] = [
  { id: 'chair', name: 'Chair', role: 'chair' },
  { id: 'sec', name: 'Secretary', role: 'secretary' },
  { id: 'dep', name: 'Deputy', role: 'deputy' },
  { id: 'm1', name: 'M1', role: 'member' },
  { id: 'm2', name: 'M2', role: 'member' },
  { id: 'm3', name: 'M3', role: 'member' },
];
const lot = {
  assignments: [
    { memberId: 'dep', duty: 'identification' },
    { memberId: 'm1', duty: 'list-registrar' },
    { memberId: 'm2', duty: 'ballot-issuer' },
    { memberId: 'm3', duty: 'booth-box-controller' },
  ],
  absent: [],
  method: 'paper',
};
const ctx = { members, mobileBoxes: 1 };
const at = '2017-10-15T01:10:00Z';
const apply = (state: OpeningState, type: OpeningFact['type'], payload: unknown): OpeningState =>
  foldOpening(state, { type, payload, at, actor: 'sec' } as OpeningFact);

/** Every step before the act, with the stationary box and mobile box 1 sealed. */
function ready(): OpeningState {
  let s = apply(EMPTY_OPENING, 'OpeningDutiesDrawn', lot);
  s = apply(s, 'OpeningSafeOpened', { sealIntact: true, note: '' });
  s = apply(s, 'OpeningListsCompared', { paperVoters: 10, electronicVoters: 10, note: '' });
  s = apply(s, 'OpeningBoxSealed', { box: 'stationary', seals: ['A1'] });
  return apply(s, 'OpeningBoxSealed', { box: 1, seals: ['B1'] });
}
const closed = () => apply(ready(), 'OpeningActDrawnUp', { actNumber: '72/1' });

describe('opening decisions (item 72)', () => {
  it('the lot: a good lot is the payload; a payload that does not fit its schema names the field', () => {
    expect(decideLot(EMPTY_OPENING, lot, ctx)).toEqual({ ok: true, value: lot });
    expect(decideLot(EMPTY_OPENING, { ...lot, method: 'dice' }, ctx)).toEqual({ ok: false, error: { code: 'invalid', field: 'method' } });
  });

  it('the lot: its problems against the members refuse it (the secretary drawing, m3 left without a duty)', () => {
    const r = decideLot(EMPTY_OPENING, { ...lot, assignments: [...lot.assignments.slice(0, 3), { memberId: 'sec', duty: 'booth-box-controller' }] }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok && r.error.code === 'lot') expect(r.error.problems.map((p) => p.code).sort()).toEqual(['excluded-role', 'not-drawn']);
    else throw new Error('expected lot problems');
  });

  it('the lot: the same lot again is refused as unchanged (in any order); a corrected lot is taken before the act', () => {
    const drawn = apply(EMPTY_OPENING, 'OpeningDutiesDrawn', lot);
    expect(decideLot(drawn, { ...lot, assignments: [...lot.assignments].reverse() }, ctx)).toEqual({ ok: false, error: { code: 'unchanged' } });
    const swapped = { ...lot, assignments: [{ memberId: 'dep', duty: 'ballot-issuer' }, { memberId: 'm1', duty: 'list-registrar' }, { memberId: 'm2', duty: 'identification' }, { memberId: 'm3', duty: 'booth-box-controller' }] };
    expect(decideLot(drawn, swapped, ctx).ok).toBe(true);
  });

  it('nothing is recorded after the act: lot, safe, lists, a box, a second act', () => {
    const s = closed();
    const refused = { ok: false, error: { code: 'act-drawn-up' } };
    expect(decideLot(s, { ...lot, method: 'laptop' }, ctx)).toEqual(refused);
    expect(decideSafe(s, { sealIntact: true })).toEqual(refused);
    expect(decideListsCompared(s, { paperVoters: 1, electronicVoters: 1 })).toEqual(refused);
    expect(decideBoxSealed(s, { box: 2, seals: ['C'] }, { mobileBoxes: 3 })).toEqual(refused);
    expect(decideOpeningAct(s, { actNumber: '72/2' }, ctx)).toEqual(refused);
  });

  it('the safe and the lists are recorded once', () => {
    const s = ready();
    expect(decideSafe(EMPTY_OPENING, { sealIntact: false, note: 'torn' })).toEqual({ ok: true, value: { sealIntact: false, note: 'torn' } });
    expect(decideSafe(s, { sealIntact: true })).toEqual({ ok: false, error: { code: 'already-recorded', step: 'safe' } });
    expect(decideListsCompared(EMPTY_OPENING, { paperVoters: 5, electronicVoters: 6 })).toEqual({ ok: true, value: { paperVoters: 5, electronicVoters: 6, note: '' } });
    expect(decideListsCompared(s, { paperVoters: 5, electronicVoters: 6 })).toEqual({ ok: false, error: { code: 'already-recorded', step: 'lists' } });
    expect(decideListsCompared(EMPTY_OPENING, { paperVoters: -1, electronicVoters: 6 })).toEqual({ ok: false, error: { code: 'invalid', field: 'paperVoters' } });
  });

  it('a box: sealed once, a mobile box only one the teams take, at least one seal', () => {
    expect(decideBoxSealed(EMPTY_OPENING, { box: 'stationary', seals: ['A1', 'A2'] }, { mobileBoxes: 0 }).ok).toBe(true);
    expect(decideBoxSealed(EMPTY_OPENING, { box: 'stationary', seals: [] }, { mobileBoxes: 0 })).toEqual({ ok: false, error: { code: 'invalid', field: 'seals' } });
    expect(decideBoxSealed(ready(), { box: 'stationary', seals: ['A9'] }, { mobileBoxes: 1 })).toEqual({ ok: false, error: { code: 'box-sealed', box: 'stationary' } });
    expect(decideBoxSealed(ready(), { box: 1, seals: ['B9'] }, { mobileBoxes: 1 })).toEqual({ ok: false, error: { code: 'box-sealed', box: 1 } });
    expect(decideBoxSealed(EMPTY_OPENING, { box: 2, seals: ['C1'] }, { mobileBoxes: 1 })).toEqual({ ok: false, error: { code: 'no-such-box', box: 2, boxes: 1 } });
    expect(decideBoxSealed(EMPTY_OPENING, { box: 2, seals: ['C1'] }, { mobileBoxes: 2 }).ok).toBe(true);
  });

  it('a mobile box that went out the day before (out-of-premises voting) holds ballots: not sealed at the opening, not awaited by the act', () => {
    expect(decideBoxSealed(EMPTY_OPENING, { box: 1, seals: ['B1'] }, { mobileBoxes: 2, boxesOut: [1] })).toEqual({ ok: false, error: { code: 'box-used-outside', box: 1 } });
    expect(decideBoxSealed(EMPTY_OPENING, { box: 2, seals: ['C1'] }, { mobileBoxes: 2, boxesOut: [1] }).ok).toBe(true);
    let s = apply(EMPTY_OPENING, 'OpeningDutiesDrawn', lot);
    s = apply(s, 'OpeningSafeOpened', { sealIntact: true, note: '' });
    s = apply(s, 'OpeningListsCompared', { paperVoters: 10, electronicVoters: 10, note: '' });
    s = apply(s, 'OpeningBoxSealed', { box: 'stationary', seals: ['A1'] });
    // Box 1 went out with its team: only box 2 is still to seal, then the act is taken.
    expect(openingMissing(s, 2, [1])).toEqual(['mobile-boxes']);
    expect(decideOpeningAct(s, { actNumber: '72/1' }, { mobileBoxes: 2, boxesOut: [1] })).toEqual({ ok: false, error: { code: 'missing', steps: ['mobile-boxes'] } });
    s = apply(s, 'OpeningBoxSealed', { box: 2, seals: ['C1'] });
    expect(decideOpeningAct(s, { actNumber: '72/1' }, { mobileBoxes: 2, boxesOut: [1] }).ok).toBe(true);
    // Without the trip, box 1 is awaited as before.
    expect(decideOpeningAct(s, { actNumber: '72/1' }, { mobileBoxes: 2 })).toEqual({ ok: false, error: { code: 'missing', steps: ['mobile-boxes'] } });
    expect(mobileBoxesToSeal(3, [2])).toEqual([1, 3]);
  });

  it('the act: refused while a step is missing (naming each), taken after every step, needs its number', () => {
    expect(decideOpeningAct(EMPTY_OPENING, { actNumber: '72/1' }, ctx)).toEqual({ ok: false, error: { code: 'missing', steps: ['duties', 'safe', 'lists', 'stationary-box', 'mobile-boxes'] } });
    expect(decideOpeningAct(ready(), { actNumber: '72/1' }, { mobileBoxes: 2 })).toEqual({ ok: false, error: { code: 'missing', steps: ['mobile-boxes'] } });
    expect(decideOpeningAct(ready(), { actNumber: ' ' }, ctx)).toEqual({ ok: false, error: { code: 'invalid', field: 'actNumber' } });
    expect(decideOpeningAct(ready(), { actNumber: '72/1' }, ctx)).toEqual({ ok: true, value: { actNumber: '72/1' } });
  });

  it('decideOpening dispatches by type', () => {
    expect(decideOpening('OpeningSafeOpened', closed(), { sealIntact: true }, ctx)).toEqual({ ok: false, error: { code: 'act-drawn-up' } });
    expect(decideOpening('OpeningActDrawnUp', ready(), { actNumber: 'X' }, ctx).ok).toBe(true);
  });
});
