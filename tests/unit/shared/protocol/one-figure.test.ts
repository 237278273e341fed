/**
 * One fact, one number: ballots issued in the room (and the voters who took part) are the act's
 * (item 76, `issuedByAct`) — the signatures summed on the list's pages once entered (Art 37(3)),
 * the desk's record until then — on the protocol's screen (its pre-fill, which the signed and
 * printed protocol carries unless the commission changes it with a reason), on the printed act,
 * and at the center (its row's desk figures with the precinct's page sums, `signaturesEntered`).
 * Generated logs: issues, undos, visits outside, page sums entered (huge ones too), corrected and
 * withdrawn. The center's own path over a real database: integration figures-property.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ballotsIssued, figureSlots, figuresAtSlot, foldBallotFacts, type FigureEvent } from '../../../../shared/figures';
import { foldLedger, issuedByAct, ledgerInvariants, signaturesEntered, type LedgerFact } from '../../../../shared/protocol/ledger';
import { protocolPayloadSchemas } from '../../../../shared/protocol/events';
import { knownValues } from '../../../../shared/protocol/prefill';
import { builtinForm } from './helpers';

const form = builtinForm();
const P = protocolPayloadSchemas;
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const sums = (id: number, total: number): LedgerFact => ({
  type: 'ListPageSumsEntered', id: uuid(id), payload: P.ListPageSumsEntered.parse({ total, pages: 3, at: '2017-10-15T20:30:00+06:00', enteredBy: 'm-sec' }),
});
const correct = (id: number, entry: number, count: number | null): LedgerFact => ({
  type: 'LedgerEntryCorrected', id: uuid(id), payload: P.LedgerEntryCorrected.parse({ entry: uuid(entry), count, reason: 'counted page 4 again', by: 'm-sec' }),
});

describe('ballots issued in the room: one figure', () => {
  it('the protocol pre-fills the room line and took-part with the signatures once entered, as the act counts', () => {
    const deskOnly = foldLedger([], { issuedRoom: 2, listPageSums: null, issuedOutside: 1, listSize: 10 });
    expect([knownValues(form, deskOnly).C?.value, knownValues(form, deskOnly).E?.value]).toEqual([2, 3]);
    // The desk recorded 2, the list's pages hold 3 signatures: the act says 3, so must the protocol.
    const summed = foldLedger([sums(1, 3)], { issuedRoom: 2, listPageSums: null, issuedOutside: 1, listSize: 10 });
    expect(issuedByAct(summed)).toMatchObject({ room: 3, total: 4, from: 'signatures' });
    expect([knownValues(form, summed).C?.value, knownValues(form, summed).E?.value]).toEqual([3, 4]);
    // The screen says whence: the signatures, not the desk.
    expect([knownValues(form, summed).C?.by, knownValues(form, summed).E?.by, knownValues(form, summed).D?.by]).toEqual(['signatures', 'signatures', undefined]);
    expect(knownValues(form, deskOnly).C?.by).toBeUndefined();
    // The page sums withdrawn: back to the desk's record.
    const withdrawn = foldLedger([sums(1, 3), correct(2, 1, null)], { issuedRoom: 2, listPageSums: null, issuedOutside: 1, listSize: 10 });
    expect(knownValues(form, withdrawn).C?.value).toBe(2);
  });

  type Step =
    | { kind: 'issue'; voter: number }
    | { kind: 'undo'; pick: number }
    | { kind: 'visit'; voter: number; voted: boolean }
    | { kind: 'sums'; total: number }
    | { kind: 'correct'; pick: number; count: number | null };
  const stepArb: fc.Arbitrary<Step> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('issue' as const), voter: fc.nat(7) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('undo' as const), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('visit' as const), voter: fc.nat(7), voted: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('sums' as const), total: fc.oneof(fc.nat(12), fc.integer({ min: 0, max: 1_000_000 })) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('correct' as const), pick: fc.nat(), count: fc.option(fc.nat(12), { nil: null }) }) },
  );

  it('screen (pre-fill) == printed act == the center\'s row, for generated logs (property)', () => {
    const instants = ['2017-10-15T04:00:00.000Z', '2017-10-15T14:00:00.000Z'];
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        const events: FigureEvent[] = [];
        const ledger: LedgerFact[] = [];
        let n = 0;
        for (const step of steps) {
          n += 1;
          const recordedAt = new Date(Date.parse('2017-10-15T02:00:00Z') + n * 600_000).toISOString();
          if (step.kind === 'issue') events.push({ id: uuid(n), type: 'BallotIssued', recordedAt, payload: { voterId: `v${step.voter}`, page: 1, row: step.voter + 1, listHash: 'd'.repeat(64) } });
          else if (step.kind === 'undo') {
            const issues = events.filter((e) => e.type === 'BallotIssued');
            const target = issues[step.pick % Math.max(1, issues.length)];
            if (target) events.push({ id: uuid(n), type: 'BallotIssueUndone', recordedAt, payload: { voterId: (target.payload as { voterId: string }).voterId, undoes: target.id, reason: 'кате шайлоочу' } });
          } else if (step.kind === 'visit') {
            events.push({
              id: uuid(n), type: 'MobileVisitRecorded', recordedAt,
              payload: { team: 1, number: n, voterId: `o${step.voter}`, visitedAt: recordedAt, outcome: step.voted ? 'voted' : 'not-at-home', outcomeText: '', ballotsIssued: step.voted ? 1 : 0, ballotsSpoiled: 0, box: step.voted ? 1 : null },
            });
          } else if (step.kind === 'sums') ledger.push(sums(n, step.total));
          else {
            const entered = ledger.filter((f) => f.type === 'ListPageSumsEntered');
            const target = entered[step.pick % Math.max(1, entered.length)];
            if (target?.id) ledger.push(correct(n, Number.parseInt(target.id.slice(-12), 16), step.count));
          }
        }
        const desk = ballotsIssued(foldBallotFacts(events));
        const figures = foldLedger(ledger, { issuedRoom: desk.room, listPageSums: null, issuedOutside: desk.outside, listSize: 100 });
        const known = knownValues(form, figures);
        const act = issuedByAct(figures);
        // The center: the row's slots (desk) and its page sums, read by the dashboard with issuedByAct.
        const day = figuresAtSlot(figureSlots(foldBallotFacts([...events].reverse()), instants), instants.length);
        const pageSums = signaturesEntered([...ledger]);
        const center = issuedByAct({ issuedRoom: day.room, issuedOutside: day.outside, listPageSums: pageSums, pageSumsEntered: pageSums !== null });
        expect([known.C?.value, known.E?.value]).toEqual([act.room, act.total]);
        expect([center.room, center.total]).toEqual([act.room, act.total]);
        expect(act.room).toBe(pageSums ?? desk.room);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the ledger\'s balance counts the room as the act does', () => {
  const received: LedgerFact = { type: 'BallotsReceived', id: uuid(90), payload: P.BallotsReceived.parse({ actNumber: '12', actDate: '2017-10-13', count: 10, receivedBy: 'm-chair' }) };
  const cancelled = (count: number): LedgerFact => ({ type: 'UnusedBallotsCancelled', id: uuid(91), payload: P.UnusedBallotsCancelled.parse({ count, actNumber: 'A-1', at: '2017-10-15T20:15:00+06:00' }) });

  it('desk 2, signatures 3, 7 unused cancelled: every ballot is accounted for, the desk\'s difference is the warning', () => {
    const f = foldLedger([received, sums(1, 3), cancelled(7)], { issuedRoom: 2, listPageSums: null, issuedOutside: 0, listSize: 10 });
    expect(f).toMatchObject({ issuedRoom: 2, issuedRoomByAct: 3, remaining: 0 });
    expect(f.received).toBe(f.issuedRoomByAct + f.issuedOutside + f.spoiled + (f.cancelled ?? 0) + f.remaining);
    expect(ledgerInvariants(f).filter((i) => !i.holds).map((i) => i.code)).toEqual(['ledger-desk-differs-from-page-sums']);
    // The protocol's balance on the same figures holds too: B = C + D + F + G.
    const known = knownValues(form, f);
    expect(known.B?.value).toBe((known.C?.value ?? 0) + (known.D?.value ?? 0) + (known.F?.value ?? 0) + (known.G?.value ?? 0));
  });

  it('before the page sums the desk\'s record stands', () => {
    expect(foldLedger([received, cancelled(8)], { issuedRoom: 2, listPageSums: null, issuedOutside: 0, listSize: 10 })).toMatchObject({ issuedRoomByAct: 2, remaining: 0 });
  });
});
