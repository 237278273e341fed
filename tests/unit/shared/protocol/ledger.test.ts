import { describe, expect, it } from 'vitest';
import { protocolPayloadSchemas, PROTOCOL_EVENT_TYPES } from '../../../../shared/protocol/events';
import { aeuDeadline, foldLedger, issuedByAct, ledgerFigure, ledgerInvariants, listMargin, type LedgerCounts, type LedgerFact } from '../../../../shared/protocol/ledger';
import { LEDGER_FIGURES } from '../../../../shared/protocol/form';

const received = (count: number, actNumber = '1'): LedgerFact => ({
  type: 'BallotsReceived', payload: protocolPayloadSchemas.BallotsReceived.parse({ actNumber, actDate: '2017-10-13', count, receivedBy: 'm-chair' }),
});
const spoiled = (count: number): LedgerFact => ({ type: 'BallotsSpoiled', payload: protocolPayloadSchemas.BallotsSpoiled.parse({ count, reason: 'voter-mistake' }) });
const cancelled = (count: number, actNumber = 'A-1'): LedgerFact => ({
  type: 'UnusedBallotsCancelled', payload: protocolPayloadSchemas.UnusedBallotsCancelled.parse({ count, actNumber, at: '2017-10-15T20:15:00+06:00' }),
});
const counts: LedgerCounts = { issuedRoom: 600, listPageSums: 600, issuedOutside: 40, listSize: 1000 };
const failing = (facts: LedgerFact[], c = counts) => ledgerInvariants(foldLedger(facts, c)).filter((i) => !i.holds).map((i) => i.code);

describe('ballot ledger', () => {
  it('folds receipts, spoiled and cancelled ballots: received = room + outside + spoiled + cancelled + remaining', () => {
    const f = foldLedger([received(600, '12'), received(401, '13'), spoiled(4), spoiled(2), cancelled(355)], counts);
    expect(f).toMatchObject({ received: 1001, spoiled: 6, cancelled: 355, cancellationAct: 'A-1', remaining: 0, issuedRoom: 600, issuedOutside: 40, listSize: 1000 });
    expect(f.receipts).toEqual([{ actNumber: '12', actDate: '2017-10-13', count: 600 }, { actNumber: '13', actDate: '2017-10-13', count: 401 }]);
    expect(f.received).toBe(f.issuedRoom + f.issuedOutside + f.spoiled + (f.cancelled ?? 0) + f.remaining);
    expect(failing([received(600, '12'), received(401, '13'), spoiled(6), cancelled(355)])).toEqual([]);
  });

  it('during the day the remainder is what should be in the safe; it may not go negative', () => {
    const f = foldLedger([received(1001), spoiled(1)], { ...counts, issuedRoom: 300, issuedOutside: 0 });
    expect(f).toMatchObject({ cancelled: null, remaining: 700 });
    expect(ledgerInvariants(f).map((i) => i.code)).not.toContain('ledger-unaccounted');
    const over = ledgerInvariants(foldLedger([received(500)], counts)).find((i) => i.code === 'ledger-overdrawn')!;
    expect(over).toMatchObject({ holds: false, severity: 'error', params: { received: 500, difference: 140 } });
  });

  it('after the cancellation act every ballot must be accounted for', () => {
    const inv = ledgerInvariants(foldLedger([received(1001), spoiled(6), cancelled(350)], counts)).find((i) => i.code === 'ledger-unaccounted')!;
    expect(inv).toMatchObject({ holds: false, severity: 'error', params: { difference: 5, remaining: 5 } });
    // A later act (recount) replaces the earlier figure.
    expect(failing([received(1001), spoiled(6), cancelled(350), cancelled(355, 'A-2')])).toEqual([]);
  });

  it('flags receipts above the list + 0.1 % (exactly, in integers)', () => {
    expect(listMargin(1000)).toBe(1001);
    expect(listMargin(700)).toBe(700);
    expect(listMargin(0)).toBe(0);
    const inv = ledgerInvariants(foldLedger([received(1002)], counts)).find((i) => i.code === 'ledger-above-list-margin')!;
    expect(inv).toMatchObject({ holds: false, severity: 'warning', params: { received: 1002, listSize: 1000, max: 1001, difference: 1 } });
    expect(ledgerInvariants(foldLedger([received(1002)], { ...counts, listSize: null })).map((i) => i.code)).not.toContain('ledger-above-list-margin');
  });

  it('compares the desk count with the page sums, and flags issues without a receipt', () => {
    expect(failing([received(1001), spoiled(6), cancelled(356)], { ...counts, listPageSums: 599 })).toContain('ledger-desk-differs-from-page-sums');
    expect(failing([], { ...counts, listPageSums: null })).toEqual(['ledger-nothing-received', 'ledger-overdrawn']);
    expect(failing([], { issuedRoom: 0, issuedOutside: 0, listPageSums: null, listSize: null })).toEqual([]);
  });

  it('counts the ballots the mobile teams spoiled with the spoiled', () => {
    const f = foldLedger([received(1001), spoiled(4), cancelled(355)], { ...counts, spoiledOutside: 2 });
    expect(f).toMatchObject({ spoiled: 6, spoiledOutside: 2, remaining: 0 });
    expect(ledgerInvariants(f).filter((i) => !i.holds)).toEqual([]);
    expect(foldLedger([received(1001), spoiled(4), cancelled(355)], counts)).toMatchObject({ spoiled: 4, spoiledOutside: 0, remaining: 2 });
  });

  it('takes the page sums counted on the paper list over the app\'s own count, the latest entry winning', () => {
    const sums = (total: number): LedgerFact => ({
      type: 'ListPageSumsEntered', payload: protocolPayloadSchemas.ListPageSumsEntered.parse({ total, pages: 30, at: '2017-10-15T14:20:00Z', enteredBy: 'm-sec' }),
    });
    const before = foldLedger([received(1001)], counts);
    expect(before).toMatchObject({ listPageSums: 600, pageSumsEntered: false });
    const after = foldLedger([received(1001), sums(598), sums(599)], counts);
    expect(after).toMatchObject({ listPageSums: 599, pageSumsEntered: true });
    expect(ledgerInvariants(after).find((i) => i.code === 'ledger-desk-differs-from-page-sums')).toMatchObject({ holds: false, params: { issuedRoom: 600, listPageSums: 599, difference: 1 } });
    expect(ledgerInvariants(foldLedger([received(1001), sums(600)], counts)).find((i) => i.code === 'ledger-desk-differs-from-page-sums')?.holds).toBe(true);
  });

  it('keeps the latest АЭУ report and manual count, and judges the report against 21:00 local on voting day', () => {
    const deadline = aeuDeadline('2017-10-15', 'Asia/Bishkek');
    expect(deadline.toISOString()).toBe('2017-10-15T15:00:00.000Z');
    expect(aeuDeadline('2017-10-15', 'Asia/Tokyo').toISOString()).toBe('2017-10-15T12:00:00.000Z');
    const aeu = (printedAt: string, I: number): LedgerFact => ({
      type: 'AeuReportEntered', payload: protocolPayloadSchemas.AeuReportEntered.parse({ printedAt, values: { I }, enteredBy: 'm-sec' }),
    });
    const inTime = foldLedger([aeu('2017-10-15T20:30:00+06:00', 598), aeu('2017-10-15T20:59:00+06:00', 599)], counts, deadline);
    expect(inTime.aeu).toEqual({ values: { I: 599 }, printedAt: '2017-10-15T20:59:00+06:00', deadline: '2017-10-15T15:00:00.000Z', late: false });
    expect(ledgerInvariants(inTime).find((i) => i.code === 'ledger-aeu-late')?.holds).toBe(true);
    const late = foldLedger([aeu('2017-10-15T21:00:00+06:00', 599)], counts, deadline);
    expect(late.aeu?.late).toBe(true);
    expect(ledgerInvariants(late).find((i) => i.code === 'ledger-aeu-late')).toMatchObject({ holds: false, params: { deadline: '2017-10-15T15:00:00.000Z' } });
    expect(foldLedger([aeu('2017-10-15T23:00:00+06:00', 1)], counts).aeu).toMatchObject({ late: false, deadline: null });
    const manual: LedgerFact = { type: 'ManualCountEntered', payload: protocolPayloadSchemas.ManualCountEntered.parse({ values: { I: 600 }, enteredBy: 'm', countedAt: '2017-10-15T22:00:00+06:00' }) };
    expect(foldLedger([manual], counts).manualCount).toEqual({ I: 600 });
  });

  it('names every figure a relation may use', () => {
    const f = foldLedger([received(1001), spoiled(6), cancelled(355)], counts);
    const all = Object.fromEntries(LEDGER_FIGURES.map((n) => [n, ledgerFigure(f, n)]));
    expect(all).toEqual({ received: 1001, issuedRoom: 600, listPageSums: 600, issuedOutside: 40, spoiled: 6, cancelled: 355, remaining: 0, listSize: 1000, mobileBoxes: null });
    expect(ledgerFigure(foldLedger([], { ...counts, mobileBoxes: 3 }), 'mobileBoxes')).toBe(3);
  });
});

describe('protocol event payloads', () => {
  it('are strict and bounded', () => {
    expect(PROTOCOL_EVENT_TYPES).toEqual([
      'BallotsReceived', 'BallotsSpoiled', 'UnusedBallotsCancelled', 'ListPageSumsEntered', 'AeuReportEntered', 'ManualCountEntered',
      'LedgerEntryCorrected', 'ProtocolDraftSaved', 'ProtocolSigned', 'ProtocolCorrected', 'ProtocolEntrySubmitted', 'ProtocolEntriesResolved',
      'ComplaintRecorded', 'ComplaintDecided', 'DissentRecorded',
    ]);
    const r = protocolPayloadSchemas.BallotsReceived;
    expect(r.safeParse({ actNumber: '1', actDate: '2017-10-13', count: 5, receivedBy: 'm', extra: 1 }).success).toBe(false);
    expect(r.safeParse({ actNumber: '1', actDate: '2017-13-13', count: 5, receivedBy: 'm' }).success).toBe(false);
    expect(r.safeParse({ actNumber: '1', actDate: '2017-10-13', count: 0, receivedBy: 'm' }).success).toBe(false);
    expect(r.safeParse({ actNumber: '1', actDate: '2017-10-13', count: 1_000_001, receivedBy: 'm' }).success).toBe(false);
    expect(r.safeParse({ actNumber: '1', actDate: '2017-10-13', count: 2.5, receivedBy: 'm' }).success).toBe(false);
    const many = Object.fromEntries(Array.from({ length: 301 }, (_, i) => [`L${i}`, 1]));
    expect(protocolPayloadSchemas.ManualCountEntered.safeParse({ values: many, enteredBy: 'm', countedAt: '2017-10-15T22:00:00+06:00' }).success).toBe(false);
    expect(protocolPayloadSchemas.ManualCountEntered.safeParse({ values: { '1bad': 1 }, enteredBy: 'm', countedAt: '2017-10-15T22:00:00+06:00' }).success).toBe(false);
    expect(protocolPayloadSchemas.ProtocolDraftSaved.parse({ formId: 'f', formVersion: 1, version: 1, values: { A: null, B: 3 } })).toMatchObject({ acknowledged: [] });
    const corr = { version: 2, supersedes: 'a'.repeat(64), mark: 'repeated', reason: 'short', by: 'm' };
    expect(protocolPayloadSchemas.ProtocolCorrected.safeParse(corr).success).toBe(false);
    expect(protocolPayloadSchemas.ProtocolCorrected.safeParse({ ...corr, reason: 'line 9 miscounted' }).success).toBe(true);
    expect(protocolPayloadSchemas.ProtocolCorrected.safeParse({ ...corr, version: 1, reason: 'line 9 miscounted' }).success).toBe(false);
  });
});

describe('the act on ballots issued counts the signatures (item 76, Art 37(3))', () => {
  const sums = (total: number): LedgerFact => ({
    type: 'ListPageSumsEntered', payload: protocolPayloadSchemas.ListPageSumsEntered.parse({ total, pages: 30, at: '2017-10-15T14:20:00Z', enteredBy: 'm-sec' }),
  });
  it("in the room: the page sums once entered, the desk's difference named; the desk's record until then", () => {
    // The app's own count of the page sums (counts.listPageSums) is not the list work: the desk stands in.
    expect(issuedByAct(foldLedger([received(700)], { ...counts, listPageSums: 598 }))).toEqual({ room: 600, from: 'desk', deskDifference: 0, total: 640 });
    expect(issuedByAct(foldLedger([received(700), sums(601)], counts))).toEqual({ room: 601, from: 'signatures', deskDifference: -1, total: 641 });
    expect(issuedByAct(foldLedger([received(700), sums(598)], counts))).toEqual({ room: 598, from: 'signatures', deskDifference: 2, total: 638 });
    expect(issuedByAct(foldLedger([received(700), sums(600)], counts))).toEqual({ room: 600, from: 'signatures', deskDifference: 0, total: 640 });
    // The last entry counts.
    expect(issuedByAct(foldLedger([received(700), sums(598), sums(600)], counts)).room).toBe(600);
  });
});
