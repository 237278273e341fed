import { describe, expect, it } from 'vitest';
import { actCopyPayloadSchemas, decideActCopy, foldActCopies, nextActCopyNumber, type ActCopy, type ActCopyInput, type ActReadiness } from '../../../../shared/act-copies';
import { eventPayloadSchemas } from '../../../../shared/events/catalog';

const members = [{ id: 'chair' }, { id: 'sec' }];
const now = new Date('2017-10-15T20:40:00+06:00');
const ready: ActReadiness = { pageSumsEntered: true, cancelled: 120, issuedTotal: 431 };
const input: ActCopyInput = { act: 'issued', recipientName: 'Осмонов Т.', recipientRole: 'observer', represents: '', issuedBy: 'sec' };

function give(log: ActCopy[], over: Partial<ActCopyInput> = {}, readiness = ready): ActCopy[] {
  const r = decideActCopy(log, { ...input, ...over }, readiness, members, now);
  if (!r.ok) throw new Error(r.error.join());
  return foldActCopies([...log, r.value]);
}

describe('copies of the acts (items 74/76)', () => {
  it('numbers copies per act, carries the act total at the time and the one clock reading', () => {
    let log = give([]);
    log = give(log, { recipientName: 'Садыкова А.', recipientRole: 'candidate-proxy', represents: 'Кандидат А' });
    log = give(log, { act: 'ballots' });
    expect(log.map((c) => [c.act, c.copyNumber, c.total])).toEqual([['issued', 1, 431], ['issued', 2, 431], ['ballots', 1, 120]]);
    expect(log[0]?.issuedAt).toBe(now.toISOString());
    expect(nextActCopyNumber(log, 'issued')).toBe(3);
    expect(nextActCopyNumber(log, 'ballots')).toBe(2);
  });
  it('the act on ballots issued only after the page sums; the act on unused ballots only after the cancellation', () => {
    expect(decideActCopy([], input, { ...ready, pageSumsEntered: false }, members, now)).toEqual({ ok: false, error: ['list-not-summed'] });
    expect(decideActCopy([], { ...input, act: 'ballots' }, { ...ready, cancelled: null }, members, now)).toEqual({ ok: false, error: ['not-cancelled'] });
    expect(decideActCopy([], { ...input, act: 'ballots' }, { ...ready, pageSumsEntered: false }, members, now).ok).toBe(true);
  });
  it('needs a named recipient and a giving member; one copy of an act per recipient', () => {
    expect(decideActCopy([], { ...input, recipientName: '  ', issuedBy: 'stranger' }, ready, members, now)).toEqual({ ok: false, error: ['no-recipient', 'unknown-member'] });
    const log = give([]);
    expect(decideActCopy(log, { ...input, recipientName: ' осмонов   т. ' }, ready, members, now)).toEqual({ ok: false, error: ['already-given'] });
    // The same person representing someone else, or a copy of the other act, is another copy.
    expect(decideActCopy(log, { ...input, represents: 'Кандидат Б' }, ready, members, now).ok).toBe(true);
    expect(decideActCopy(log, { ...input, act: 'ballots' }, ready, members, now).ok).toBe(true);
  });
  it('a number given twice (two laptops merged) keeps both copies, the same copy twice counts once; the payload is strict and in the catalog', () => {
    const [first] = give([]);
    if (!first) throw new Error('no copy');
    expect(foldActCopies([first, { ...first, recipientName: 'Другой' }]).map((c) => c.recipientName)).toEqual([first.recipientName, 'Другой']);
    expect(foldActCopies([first, { ...first }])).toHaveLength(1);
    expect(eventPayloadSchemas.ActCopyIssued).toBe(actCopyPayloadSchemas.ActCopyIssued);
    expect(actCopyPayloadSchemas.ActCopyIssued.safeParse({ ...first, extra: 1 }).success).toBe(false);
    expect(actCopyPayloadSchemas.ActCopyIssued.safeParse({ ...first, act: 'handover' }).success).toBe(false);
    expect(actCopyPayloadSchemas.ActCopyIssued.safeParse({ ...first, copyNumber: 0 }).success).toBe(false);
  });
});
