import { describe, expect, it } from 'vitest';
import { entryDifferences, doubleEntryStatus, foldDoubleEntry, checkSecondEntry, resolveEntries, type DoubleEntryFact } from '../../../../shared/protocol/double-entry';
import { protocolPayloadSchemas } from '../../../../shared/protocol/events';
import { foldLedger, type LedgerFact } from '../../../../shared/protocol/ledger';
import { EMPTY_MEETING, foldMeeting, undecidedComplaints, type MeetingFact } from '../../../../shared/protocol/meeting';
import { changedLines, knownValues, lineChanges } from '../../../../shared/protocol/prefill';
import { evaluate } from '../../../../shared/protocol/relations';
import { checkSigning, emptyProtocolState, foldProtocol, protocolStateOf, signProtocol, type ProtocolFact, type SigningInput } from '../../../../shared/protocol/signing';
import type { Member } from '../../../../shared/election/model';
import { builtinForm, goodValues, refusalsOf } from './helpers';
import { err, ok } from '../../../../shared/util/result';

const form = builtinForm();
const P = protocolPayloadSchemas;
const ledgerFacts: LedgerFact[] = [
  { type: 'BallotsReceived', payload: P.BallotsReceived.parse({ actNumber: '12', actDate: '2017-10-13', count: 1001, receivedBy: 'chair' }) },
  { type: 'BallotsSpoiled', payload: P.BallotsSpoiled.parse({ count: 6, reason: 'voter-mistake' }) },
  { type: 'UnusedBallotsCancelled', payload: P.UnusedBallotsCancelled.parse({ count: 355, actNumber: 'A-1', at: '2017-10-15T20:05:00+06:00' }) },
];
const counts = { issuedRoom: 600, listPageSums: 600, issuedOutside: 40, listSize: 1000 };

describe('pre-filled lines', () => {
  it('knows the list, the acts, the desk, the register and took-part; the count only once entered', () => {
    const known = knownValues(form, foldLedger(ledgerFacts, counts));
    expect(Object.fromEntries(Object.entries(known).map(([k, v]) => [k, v.value]))).toEqual({ A: 1000, B: 1001, C: 600, D: 40, E: 640, F: 355, G: 6 });
    expect(known.B?.source).toBe('received');
    const counted: LedgerFact = { type: 'ManualCountEntered', payload: P.ManualCountEntered.parse({ values: { H: 40, I: 600, 'L.c-a': 300 }, enteredBy: 'sec', countedAt: '2017-10-15T22:00:00+06:00' }) };
    const withCount = knownValues(form, foldLedger([...ledgerFacts, counted], counts));
    expect(withCount.H).toEqual({ value: 40, source: 'count' });
    expect(withCount['L.c-a']).toEqual({ value: 300, source: 'count' });
    expect(withCount.J).toBeUndefined();
  });

  it('leaves unknown figures out: no receipt act, no cancellation act, no list', () => {
    const known = knownValues(form, foldLedger([], { ...counts, listSize: null }));
    expect(Object.keys(known).sort()).toEqual(['C', 'D', 'E', 'G']);
  });

  it('needs a reason of at least 10 characters for every changed figure', () => {
    const known = knownValues(form, foldLedger(ledgerFacts, counts));
    const values = { ...goodValues(), C: 598, F: 357 };
    const changed = changedLines(form, known, values);
    expect(changed).toEqual([{ line: 'C', known: 600, value: 598 }, { line: 'F', known: 355, value: 357 }]);
    expect(lineChanges(changed, { C: 'two counted twice on page 4', F: 'short' }).missing).toEqual(['F']);
    expect(lineChanges(changed, { C: 'two counted twice on page 4', F: 'recounted the packet' })).toMatchObject({ missing: [], changes: [{ line: 'C', reason: 'two counted twice on page 4' }, { line: 'F' }] });
    expect(changedLines(form, known, { ...goodValues(), C: null })).toEqual([]);
  });
});

const members: Member[] = [
  { id: 'chair', name: 'Төрага', role: 'chair' },
  { id: 'sec', name: 'Катчы', role: 'secretary' },
  { id: 'm3', name: 'Мүчө 3', role: 'member' },
];

function input(over: Partial<SigningInput> = {}): SigningInput {
  const values = over.values ?? goodValues();
  return {
    state: emptyProtocolState(), form, electionId: 'e', precinct: 9001, values, findings: evaluate(form, values),
    members, membersPresent: ['chair', 'sec'], acknowledged: [], override: null, signedAt: '2017-10-16T01:10:00+06:00', ...over,
  };
}
const codes = (i: SigningInput) => refusalsOf(checkSigning(i)).map((r) => r.code);

describe('signing with changed pre-filled figures', () => {
  const known = knownValues(form, foldLedger(ledgerFacts, counts));

  it('refuses a change without a reason, signs with it and keeps the change', async () => {
    // The protocol's 601 in the room against the desk's 600 (one ballot issued on paper only).
    const values = { ...goodValues(), C: 601, B: 1001, F: 354, E: 641, I: 601, K: 631, M: 31 };
    expect(refusalsOf(checkSigning(input({ values, known })))).toContainEqual({ code: 'changes-without-reason', lines: ['C', 'E', 'F'] });
    const reasons = { C: 'one ballot issued while the laptop was off', E: 'follows line 3 (room issues)', F: 'recounted unused ballots' };
    expect(codes(input({ values, known, changeReasons: reasons }))).not.toContain('changes-without-reason');
    const signed = await signProtocol(input({ values, known, changeReasons: reasons, findings: evaluate(form, values) }));
    expect(signed.ok).toBe(true);
    if (!signed.ok) return;
    expect(signed.value.changes).toEqual([
      { line: 'C', known: 600, value: 601, reason: reasons.C }, { line: 'E', known: 640, value: 641, reason: reasons.E }, { line: 'F', known: 355, value: 354, reason: reasons.F },
    ]);
    expect(P.ProtocolSigned.parse(signed.value)).toEqual(signed.value);
    const state = foldProtocol(emptyProtocolState(), { type: 'ProtocolSigned', payload: signed.value });
    expect(state.current?.changes).toHaveLength(3);
  });

  it('refuses while complaints are undecided', () => {
    expect(refusalsOf(checkSigning(input({ undecidedComplaints: 2 })))).toContainEqual({ code: 'complaints-undecided', count: 2 });
    expect(codes(input({ undecidedComplaints: 0 }))).toEqual([]);
  });
});

describe('double entry', () => {
  const entry = (n: 1 | 2, by: string, values: Record<string, number>, version = 1): DoubleEntryFact => ({
    type: 'ProtocolEntrySubmitted', payload: P.ProtocolEntrySubmitted.parse({ version, entry: n, by, values }),
  });
  const second = { ...goodValues(), J: 12, 'L.c-b': 198 };

  it('agrees equal entries at once', () => {
    const s = [entry(1, 'sec', goodValues()), entry(2, 'm3', goodValues())].reduce(foldDoubleEntry, null);
    expect(doubleEntryStatus(form, s, 1)).toEqual({ stage: 'agreed', values: goodValues() });
  });

  it('lists differing lines in form order and blocks signing until they are settled', async () => {
    const facts: ProtocolFact[] = [entry(1, 'sec', goodValues()), entry(2, 'm3', second)];
    const state = protocolStateOf(facts);
    expect(entryDifferences(form, goodValues(), second)).toEqual([{ line: 'J', first: 10, second: 12 }, { line: 'L.c-b', first: 200, second: 198 }]);
    expect(refusalsOf(checkSigning(input({ state })))).toContainEqual({ code: 'double-entry-differs', lines: ['J', 'L.c-b'] });

    expect(resolveEntries(form, state.entries!, { J: 10 })).toEqual({ ok: false, error: [{ code: 'line-unresolved', lines: ['L.c-b'] }] });
    const r = resolveEntries(form, state.entries!, { J: 10, 'L.c-b': 200 });
    expect(r).toEqual({ ok: true, value: goodValues() });
    if (!r.ok) return;
    const resolved = foldProtocol(state, { type: 'ProtocolEntriesResolved', payload: P.ProtocolEntriesResolved.parse({ version: 1, by: 'chair', values: r.value }) });
    expect(doubleEntryStatus(form, resolved.entries, 1).stage).toBe('agreed');
    expect(codes(input({ state: resolved }))).toEqual([]);
    // Signing other figures than the agreed ones is refused, naming the lines.
    expect(refusalsOf(checkSigning(input({ state: resolved, values: { ...goodValues(), M: 29, K: 629, J: 11 } })))).toContainEqual({ code: 'double-entry-mismatch', lines: ['J', 'K', 'M'] });
    const signed = await signProtocol(input({ state: resolved }));
    expect(signed.ok).toBe(true);
    if (signed.ok) expect(foldProtocol(resolved, { type: 'ProtocolSigned', payload: signed.value }).entries).toBeNull();
  });

  it('waits for the second entry, by another member; entry 1 again starts over', () => {
    const waiting = protocolStateOf([entry(1, 'sec', goodValues())]);
    expect(codes(input({ state: waiting }))).toContain('double-entry-waiting');
    const status = doubleEntryStatus(form, waiting.entries, 1);
    expect(checkSecondEntry(status, 'sec')).toEqual(err({ code: 'same-member', by: 'sec' }));
    expect(checkSecondEntry(status, 'm3')).toEqual(ok(undefined));
    expect(checkSecondEntry({ stage: 'none' }, 'm3')).toEqual(err({ code: 'not-waiting' }));
    const restarted = protocolStateOf([entry(1, 'sec', goodValues()), entry(2, 'm3', second), entry(1, 'chair', second)]);
    expect(restarted.entries).toMatchObject({ first: { by: 'chair' }, second: null, resolved: null });
    // An entry 2 without an entry 1, or for another version, is ignored.
    expect(protocolStateOf([entry(2, 'm3', second)]).entries).toBeNull();
    expect(protocolStateOf([entry(1, 'sec', goodValues()), entry(2, 'm3', second, 2)]).entries?.second).toBeNull();
    expect(doubleEntryStatus(form, restarted.entries, 2)).toEqual({ stage: 'none' });
  });
});

describe('final meeting', () => {
  const recorded = (id: string, receivedAt: string): MeetingFact => ({
    type: 'ComplaintRecorded', actor: 'sec', payload: P.ComplaintRecorded.parse({ id, receivedAt, author: 'Байкоочу Айбек', content: 'Урна мөөрсүз' }),
  });

  it('keeps complaints in time order, once each, with their decisions; counts the undecided', () => {
    let s = [recorded('b', '2017-10-15T15:00:00+06:00'), recorded('a', '2017-10-15T09:00:00+06:00'), recorded('a', '2017-10-15T09:00:00+06:00')].reduce(foldMeeting, EMPTY_MEETING);
    expect(s.complaints.map((c) => c.id)).toEqual(['a', 'b']);
    expect(undecidedComplaints(s)).toHaveLength(2);
    s = foldMeeting(s, { type: 'ComplaintDecided', payload: P.ComplaintDecided.parse({ id: 'a', decision: 'rejected', text: 'Урна мөөрлөнгөн', decidedAt: '2017-10-16T00:30:00+06:00' }) });
    expect(undecidedComplaints(s).map((c) => c.id)).toEqual(['b']);
    expect(s.complaints[0]?.decision?.decision).toBe('rejected');
  });

  it('keeps one dissenting opinion a member, the latest', () => {
    const d = (memberId: string, text: string): MeetingFact => ({ type: 'DissentRecorded', payload: P.DissentRecorded.parse({ memberId, text, at: '2017-10-16T01:00:00+06:00' }) });
    const s = [d('m3', 'first'), d('sec', 'other'), d('m3', 'second')].reduce(foldMeeting, EMPTY_MEETING);
    expect(s.dissents.map((x) => [x.memberId, x.text])).toEqual([['sec', 'other'], ['m3', 'second']]);
  });

  it('refuses empty complaints and unknown decisions', () => {
    expect(P.ComplaintRecorded.safeParse({ id: 'x', receivedAt: '2017-10-15T09:00:00+06:00', author: ' ', content: 'a' }).success).toBe(false);
    expect(P.ComplaintDecided.safeParse({ id: 'x', decision: 'maybe', text: 'a', decidedAt: '2017-10-15T09:00:00+06:00' }).success).toBe(false);
  });
});
