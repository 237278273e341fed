import { describe, expect, it } from 'vitest';
import { eventPayloadSchemas } from '../../../shared/events/catalog';
import { decideBoxCount, EMPTY_MOBILE_COUNT, expectedByBox, foldMobileCount, judgeBoxes, mobileBoxesTotal, mobileCountPayloadSchemas, mobileLineAgrees, type MobileCountFact } from '../../../shared/mobile-count';
import type { VisitRecord } from '../../../shared/outpremises/state';

const visit = (box: number | null, issued: number, outcome: VisitRecord['outcome'] = 'voted'): VisitRecord =>
  ({ team: 1, number: 1, voterId: 'v', visitedAt: '2017-10-15T05:00:00Z', outcome, outcomeText: '', ballotsIssued: issued, ballotsSpoiled: 0, box, recordedBy: null, eventId: 'e' }) as unknown as VisitRecord;

describe('mobile boxes counted first (item 77)', () => {
  const visits = [visit(1, 1), visit(1, 1), visit(1, 0, 'not-at-home'), visit(2, 1), visit(null, 0, 'refused')];
  const expected = expectedByBox([1, 2], visits);
  it('expects per box the ballots issued into it and the register entries voted into it', () => {
    expect(expected).toEqual([{ box: 1, issued: 2, votedEntries: 2 }, { box: 2, issued: 1, votedEntries: 1 }]);
  });
  it('a box with more ballots than issued into it is an error, fewer a warning, agreeing none', () => {
    expect(judgeBoxes(expected, [{ box: 1, ballotsFound: 2, sealsIntact: true, order: 1 }], null)).toEqual([]);
    expect(judgeBoxes(expected, [{ box: 1, ballotsFound: 3, sealsIntact: true, order: 1 }], null)).toEqual([{ code: 'more-than-issued', box: 1, found: 3, issued: 2 }]);
    expect(judgeBoxes(expected, [{ box: 2, ballotsFound: 0, sealsIntact: false, order: 1 }], null)).toEqual([
      { code: 'seals-broken', box: 2 },
      { code: 'fewer-than-issued', box: 2, found: 0, issued: 1 },
    ]);
  });
  it('a box counted after the stationary count began is flagged', () => {
    expect(judgeBoxes(expected, [{ box: 1, ballotsFound: 2, sealsIntact: true, order: 9 }], 5)).toEqual([{ code: 'counted-after-count-began', box: 1 }]);
    expect(judgeBoxes(expected, [{ box: 1, ballotsFound: 2, sealsIntact: true, order: 3 }], 5)).toEqual([]);
  });
  it('issued ballots and voted entries that differ are named', () => {
    const odd = expectedByBox([1], [visit(1, 2)]);
    expect(judgeBoxes(odd, [{ box: 1, ballotsFound: 2, sealsIntact: true, order: 1 }], null)).toEqual([{ code: 'entries-differ', box: 1, issued: 2, votedEntries: 1 }]);
  });
  it('the protocol line for mobile boxes equals their sum', () => {
    const counted = [{ box: 1, ballotsFound: 2, sealsIntact: true, order: 1 }, { box: 2, ballotsFound: 1, sealsIntact: true, order: 2 }];
    expect(mobileLineAgrees(3, counted)).toBe(true);
    expect(mobileLineAgrees(4, counted)).toBe(false);
    expect(mobileLineAgrees(null, counted)).toBeNull();
  });
  it('the event is in the catalog and refuses hostile payloads', () => {
    expect(eventPayloadSchemas.MobileBoxCounted).toBe(mobileCountPayloadSchemas.MobileBoxCounted);
    expect(mobileCountPayloadSchemas.MobileBoxCounted.safeParse({ box: 4, ballotsFound: 1, sealsIntact: true }).success).toBe(false);
    expect(mobileCountPayloadSchemas.MobileBoxCounted.safeParse({ box: 1, ballotsFound: -1, sealsIntact: true }).success).toBe(false);
    expect(mobileCountPayloadSchemas.MobileBoxCounted.safeParse({ box: 1, ballotsFound: 1.5, sealsIntact: true }).success).toBe(false);
  });
});

describe('each mobile box recorded once, through the decision (item 77)', () => {
  const visits = [visit(1, 1), visit(1, 1), visit(2, 1)];
  const expected = expectedByBox([1, 2], visits);
  const counted = (box: number, ballotsFound: number): MobileCountFact => ({ type: 'MobileBoxCounted', payload: { box, ballotsFound, sealsIntact: true, note: '' }, recordedAt: '2017-10-15T14:05:00Z' });
  it('a box not taken by a team, a second count of a box, a number that is not whole: refused', () => {
    const state = foldMobileCount([counted(1, 2)]);
    expect(decideBoxCount(state, { box: 3, ballotsFound: '1', sealsIntact: true, note: '' }, expected)).toEqual({ ok: false, error: ['not-a-box'] });
    expect(decideBoxCount(state, { box: 1, ballotsFound: '2', sealsIntact: true, note: '' }, expected)).toEqual({ ok: false, error: ['already-counted'] });
    expect(decideBoxCount(state, { box: 2, ballotsFound: '1.5', sealsIntact: true, note: '' }, expected)).toEqual({ ok: false, error: ['invalid-number'] });
    expect(decideBoxCount(state, { box: 2, ballotsFound: ' ', sealsIntact: true, note: '' }, expected)).toEqual({ ok: false, error: ['invalid-number'] });
  });
  it('what the count reveals is recorded with warnings, never refused; after the count began it is flagged', () => {
    const r = decideBoxCount(EMPTY_MOBILE_COUNT, { box: 2, ballotsFound: '3', sealsIntact: false, note: 'seal torn' }, expected);
    expect(r).toEqual({ ok: true, value: { payload: { box: 2, ballotsFound: 3, sealsIntact: false, note: 'seal torn' }, warnings: [{ code: 'seals-broken', box: 2 }, { code: 'more-than-issued', box: 2, found: 3, issued: 1 }] } });
    const late = foldMobileCount([counted(1, 2), { type: 'ManualCountEntered', recordedAt: '2017-10-15T14:30:00Z' }]);
    const after = decideBoxCount(late, { box: 2, ballotsFound: '1', sealsIntact: true, note: '' }, expected);
    expect(after.ok && after.value.warnings).toEqual([{ code: 'counted-after-count-began', box: 2 }]);
  });
  it('the fold keeps the first count of a box; the total checks protocol line 8', () => {
    const state = foldMobileCount([counted(1, 2), counted(1, 5), counted(2, 1)]);
    expect(state.counted.map((c) => [c.box, c.ballotsFound])).toEqual([[1, 2], [2, 1]]);
    expect(mobileBoxesTotal(state)).toBe(3);
    expect(mobileBoxesTotal(EMPTY_MOBILE_COUNT)).toBeNull();
  });
});
