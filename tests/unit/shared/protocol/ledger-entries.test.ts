import { describe, expect, it } from 'vitest';
import { protocolPayloadSchemas } from '../../../../shared/protocol/events';
import { correctedFacts, foldLedger, type LedgerCounts, type LedgerFact } from '../../../../shared/protocol/ledger';
import { decideLedgerCorrection, decideLedgerEntry, ledgerEntries } from '../../../../shared/protocol/ledger-entries';

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (n: number) => `2017-10-15T0${n}:00:00.000Z`;
const received = (id: number, count: number): LedgerFact => ({
  id: ID(id), recordedAt: at(1), actor: 'm-chair',
  type: 'BallotsReceived', payload: protocolPayloadSchemas.BallotsReceived.parse({ actNumber: `A-${id}`, actDate: '2017-10-13', count, receivedBy: 'm-chair' }),
});
const spoiled = (id: number, count: number): LedgerFact => ({
  id: ID(id), recordedAt: at(2), actor: 'm-sec',
  type: 'BallotsSpoiled', payload: protocolPayloadSchemas.BallotsSpoiled.parse({ count, reason: 'voter-mistake', note: 'exchanged' }),
});
const correction = (id: number, entry: number, count: number | null, reason = 'double click on the form'): LedgerFact => ({
  id: ID(id), recordedAt: at(3), actor: 'm-chair',
  type: 'LedgerEntryCorrected', payload: protocolPayloadSchemas.LedgerEntryCorrected.parse({ entry: ID(entry), count, reason, by: 'm-chair' }),
});
const counts: LedgerCounts = { issuedRoom: 10, listPageSums: null, issuedOutside: 0, listSize: 1000 };

describe('ledger corrections by counter-entry', () => {
  it('the fold takes the latest correction instead of the recorded count; a withdrawal leaves the entry out', () => {
    const facts = [received(1, 100), spoiled(2, 5), spoiled(3, 5)];
    expect(foldLedger(facts, counts)).toMatchObject({ spoiled: 10, remaining: 80 });
    // The second 5 was a double click: withdrawn.
    const withdrawn = [...facts, correction(4, 3, null)];
    expect(foldLedger(withdrawn, counts)).toMatchObject({ spoiled: 5, remaining: 85 });
    // The first one was really 3, then 4 (the latest correction stands).
    const fixed = [...withdrawn, correction(5, 2, 3), correction(6, 2, 4)];
    expect(foldLedger(fixed, counts)).toMatchObject({ spoiled: 4, remaining: 86 });
    // A receipt corrected: the receipts note shows the corrected count.
    const r = foldLedger([...fixed, correction(7, 1, 90)], counts);
    expect(r.received).toBe(90);
    expect(r.receipts).toEqual([{ actNumber: 'A-1', actDate: '2017-10-13', count: 90 }]);
    // Entries are never changed in the log: the facts still hold the recorded counts.
    expect(fixed.filter((f) => f.type === 'BallotsSpoiled').map((f) => (f.type === 'BallotsSpoiled' ? f.payload.count : 0))).toEqual([5, 5]);
  });

  it('page sums and the cancellation act take a corrected figure; a withdrawn act is no act', () => {
    const sums: LedgerFact = {
      id: ID(1), type: 'ListPageSumsEntered',
      payload: protocolPayloadSchemas.ListPageSumsEntered.parse({ total: 12, pages: 2, at: at(4), enteredBy: 'm-sec' }),
    };
    const act: LedgerFact = {
      id: ID(2), type: 'UnusedBallotsCancelled',
      payload: protocolPayloadSchemas.UnusedBallotsCancelled.parse({ count: 80, actNumber: 'C-1', at: at(5) }),
    };
    const f = foldLedger([received(3, 100), sums, act, correction(4, 1, 10), correction(5, 2, 90)], counts);
    expect(f).toMatchObject({ listPageSums: 10, cancelled: 90, cancellationAct: 'C-1', remaining: 0 });
    expect(foldLedger([received(3, 100), act, correction(5, 2, null)], counts)).toMatchObject({ cancelled: null, cancellationAct: null });
    expect(correctedFacts([act, correction(5, 2, null)])).toEqual([]);
  });

  it('lists every entry with time, count, reason and who, and its corrections', () => {
    const list = ledgerEntries([received(1, 100), spoiled(2, 5), correction(3, 2, 4, 'one was counted twice')]);
    expect(list).toHaveLength(2);
    expect(list[1]).toMatchObject({
      id: ID(2), type: 'BallotsSpoiled', recordedAt: at(2), actor: 'm-sec', count: 5, reason: 'voter-mistake', note: 'exchanged',
      standing: 4, withdrawn: false, corrections: [{ count: 4, reason: 'one was counted twice', by: 'm-chair', recordedAt: at(3) }],
    });
    expect(list[0]).toMatchObject({ actNumber: 'A-1', standing: 100, corrections: [] });
  });

  it('decides a correction: refused without an entry, a reason, a change, or on a withdrawn entry', () => {
    const facts = [received(1, 100), spoiled(2, 5), correction(3, 1, null)];
    const ask = (entry: number, count: number | null, reason = 'the act says otherwise', by = 'm-chair') =>
      decideLedgerCorrection(facts, { entry: ID(entry), count, reason, by });
    expect(ask(2, 4)).toEqual({ ok: true, value: { entry: ID(2), count: 4, reason: 'the act says otherwise', by: 'm-chair' } });
    expect(ask(9, 4)).toEqual({ ok: false, error: { code: 'unknown-entry' } });
    expect(ask(3, null)).toEqual({ ok: false, error: { code: 'unknown-entry' } });
    expect(ask(1, 90)).toEqual({ ok: false, error: { code: 'already-withdrawn' } });
    expect(ask(2, 5)).toEqual({ ok: false, error: { code: 'unchanged' } });
    expect(ask(2, 0)).toEqual({ ok: false, error: { code: 'count-too-small' } });
    expect(ask(2, -1)).toEqual({ ok: false, error: { code: 'count-invalid' } });
    expect(ask(2, 1.5)).toEqual({ ok: false, error: { code: 'count-invalid' } });
    expect(ask(2, 4, '   short   ')).toEqual({ ok: false, error: { code: 'reason-too-short' } });
    expect(ask(2, 4, 'the act says otherwise', ' ')).toEqual({ ok: false, error: { code: 'no-member' } });
    const manual: LedgerFact = { id: ID(5), type: 'ManualCountEntered', payload: protocolPayloadSchemas.ManualCountEntered.parse({ values: { I: 1 }, enteredBy: 'm', countedAt: at(6) }) };
    expect(decideLedgerCorrection([manual], { entry: ID(5), count: 3, reason: 'the act says otherwise', by: 'm' })).toEqual({ ok: false, error: { code: 'count-not-allowed' } });
    expect(decideLedgerCorrection([manual], { entry: ID(5), count: null, reason: 'the act says otherwise', by: 'm' }).ok).toBe(true);
  });

  it('decides a new entry: times stamped from the one clock reading, a refusal names each field', () => {
    const now = new Date('2017-10-15T14:05:00.000Z');
    const r = decideLedgerEntry('UnusedBallotsCancelled', { count: 3, actNumber: 'C-2', at: '1999-01-01T00:00:00Z' }, now);
    expect(r).toEqual({ ok: true, value: { count: 3, actNumber: 'C-2', at: now.toISOString(), packetNumber: '' } });
    const m = decideLedgerEntry('ManualCountEntered', { values: { I: 2 }, enteredBy: 'm' }, now);
    expect(m.ok && m.value.countedAt).toBe(now.toISOString());
    expect(decideLedgerEntry('BallotsSpoiled', { count: undefined, reason: 'voter-mistake' }, now)).toEqual({ ok: false, error: [{ field: 'count', reason: 'required' }] });
    expect(decideLedgerEntry('BallotsSpoiled', { count: 0, reason: 'voter-mistake' }, now)).toEqual({ ok: false, error: [{ field: 'count', reason: 'too-small' }] });
    expect(decideLedgerEntry('BallotsSpoiled', { count: 2, reason: 'voter-mistake', extra: 1 }, now).ok).toBe(false);
    expect(decideLedgerEntry('BallotsSpoiled', null, now).ok).toBe(false);
    expect(decideLedgerEntry('BallotsSpoiled', [1], now).ok).toBe(false);
  });

  it('an act of receipt dated after voting day, after today or over 60 days before voting day is refused, naming its date', () => {
    // Voting day 15 October 2017 in Tokyo; 10:00 there.
    const calendar = { votingDay: '2017-10-15' as const, timeZone: 'Asia/Tokyo' };
    const now = new Date('2017-10-15T01:00:00.000Z');
    const receipt = (actDate: string, at = now) => decideLedgerEntry('BallotsReceived', { actNumber: '12', actDate, count: 69, receivedBy: 'm' }, at, calendar);
    // The refusal says today by this computer's clock and voting day (a wrong clock shows in it).
    const refused = { ok: false, error: [{ field: 'actDate', reason: 'out-of-period', today: '2017-10-15', votingDay: '2017-10-15' }] };
    for (const d of ['1999-10-13', '2017-10-16', '2018-10-13', '2017-08-15']) expect(receipt(d), d).toEqual(refused);
    for (const d of ['2017-10-15', '2017-10-13', '2017-08-16']) expect(receipt(d).ok, d).toBe(true);
    // Two days before voting day, an act dated the day after is in the future: refused.
    expect(receipt('2017-10-14', new Date('2017-10-12T23:00:00.000Z'))).toEqual({ ok: false, error: [{ field: 'actDate', reason: 'out-of-period', today: '2017-10-13', votingDay: '2017-10-15' }] });
    // Read in the precinct's zone: 15 October 00:30 in Tokyo is still 14 October in UTC.
    expect(receipt('2017-10-15', new Date('2017-10-14T15:30:00.000Z')).ok).toBe(true);
    // Without the election's days (the training set-up, tests) the schema alone decides, as before.
    expect(decideLedgerEntry('BallotsReceived', { actNumber: '12', actDate: '1999-10-13', count: 69, receivedBy: 'm' }, now).ok).toBe(true);
  });
});
