import { describe, expect, it } from 'vitest';
import type { Member } from '../../../../shared/election/model';
import { protocolPayloadSchemas } from '../../../../shared/protocol/events';
import { evaluate } from '../../../../shared/protocol/relations';
import {
  checkSigning, emptyProtocolState, findingKey, foldProtocol, nextVersion, openCorrection, protocolHash, protocolStateOf,
  quorum, signProtocol, type ProtocolFact, type SigningInput,
} from '../../../../shared/protocol/signing';
import { builtinForm, goodValues, refusalsOf } from './helpers';

const form = builtinForm();
const members: Member[] = [
  { id: 'chair', name: 'Төрага', role: 'chair' },
  { id: 'deputy', name: 'Орун басар', role: 'deputy' },
  { id: 'sec', name: 'Катчы', role: 'secretary' },
  { id: 'm4', name: 'Мүчө 4', role: 'member' },
  { id: 'm5', name: 'Мүчө 5', role: 'member' },
  { id: 'm6', name: 'Мүчө 6', role: 'member' },
  { id: 'm7', name: 'Мүчө 7', role: 'member' },
];

function input(over: Partial<SigningInput> = {}): SigningInput {
  const values = over.values ?? goodValues();
  return {
    state: emptyProtocolState(), form, electionId: 'kg-pres-2017', precinct: 9001, values, findings: evaluate(form, values),
    members, membersPresent: ['chair', 'sec', 'm4', 'm5'], acknowledged: [], override: null, signedAt: '2017-10-16T01:10:00+06:00',
    ...over,
  };
}
const refusalCodes = (i: SigningInput) => refusalsOf(checkSigning(i)).map((r) => r.code);

describe('signing', () => {
  it('quorum is more than half of the members [UNCONFIRMED]', () => {
    expect([1, 2, 3, 7, 8, 9].map(quorum)).toEqual([1, 2, 2, 4, 5, 5]);
  });

  it('signs a consistent protocol: version 1, original, hashed over the result content', async () => {
    const r = await signProtocol(input());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = r.value;
    expect(protocolPayloadSchemas.ProtocolSigned.parse(p)).toEqual(p);
    expect(p).toMatchObject({ version: 1, mark: 'original', supersedes: null, override: null, formId: form.id, formVersion: 1 });
    expect(Object.keys(p.values)).toEqual(form.lines.map((l) => l.key));
    const again = await protocolHash({ electionId: 'kg-pres-2017', precinct: 9001, formId: form.id, formVersion: 1, version: 1, mark: 'original', values: { ...goodValues() } });
    expect(p.hash).toBe(again);
    const other = await protocolHash({ electionId: 'kg-pres-2017', precinct: 9001, formId: form.id, formVersion: 1, version: 1, mark: 'original', values: { ...goodValues(), M: 31 } });
    expect(other).not.toBe(p.hash);
  });

  it('refuses below quorum and unknown members', () => {
    expect(refusalCodes(input({ membersPresent: ['chair', 'sec', 'm4'] }))).toEqual(['quorum-not-met']);
    expect(refusalsOf(checkSigning(input({ membersPresent: ['chair', 'sec', 'm4', 'm4', 'x'] })))).toEqual([
      { code: 'unknown-member', memberId: 'x' }, { code: 'quorum-not-met', present: 3, required: 4, members: 7 },
    ]);
  });

  it('blocks on blank lines whatever the override', () => {
    const values = { ...goodValues(), C: null } as unknown as Record<string, number>;
    const i = input({ values, override: { by: 'chair', reason: 'the commission decided so' } });
    expect(refusalsOf(checkSigning(i))).toContainEqual({ code: 'values-incomplete', lines: ['C'] });
  });

  it('blocks on errors unless the chair overrides with a written reason of 10 characters', async () => {
    const values = { ...goodValues(), J: 11 };
    expect(refusalsOf(checkSigning(input({ values })))).toEqual([{ code: 'errors-remain', keys: ['boxes-equal-valid-invalid'] }]);
    expect(refusalCodes(input({ values, override: { by: 'sec', reason: 'recount gave the same' } }))).toEqual(['override-not-allowed']);
    expect(refusalCodes(input({ values, override: { by: 'chair', reason: '  too short  ' } }))).toEqual(['override-reason-too-short']);
    expect(refusalCodes(input({ values, membersPresent: ['deputy', 'sec', 'm4', 'm5'], override: { by: 'chair', reason: 'recount gave the same' } }))).toEqual(['override-not-allowed']);
    const r = await signProtocol(input({ values, override: { by: 'chair', reason: ' recount gave the same ' } }));
    expect(r.ok && r.value.override).toEqual({ by: 'chair', reason: 'recount gave the same', codes: ['boxes-equal-valid-invalid'] });
  });

  it('requires every warning to be acknowledged, by finding key', () => {
    const values = { ...goodValues(), H: 45, I: 595 };
    expect(refusalsOf(checkSigning(input({ values })))).toEqual([{ code: 'warnings-not-acknowledged', keys: ['mobile-within-outside'] }]);
    expect(refusalsOf(checkSigning(input({ values, acknowledged: ['mobile-within-outside'] })))).toEqual([]);
    expect(findingKey({ code: 'aeu-differs', lines: ['L.c-a'] })).toBe('aeu-differs:L.c-a');
    expect(findingKey({ code: 'ballot-balance', lines: ['B', 'C'] })).toBe('ballot-balance');
  });

  it('a correction opens version n + 1 with a reason and supersedes n once signed', async () => {
    const first = await signProtocol(input());
    if (!first.ok) throw new Error('expected to sign');
    let state = foldProtocol(emptyProtocolState(), { type: 'ProtocolSigned', payload: first.value });
    expect(nextVersion(state)).toBeNull();
    expect(refusalsOf(checkSigning(input({ state })))).toEqual([{ code: 'nothing-to-sign' }]);

    expect(openCorrection(emptyProtocolState(), members[0]!, 'line 9 was miscounted')).toEqual({ ok: false, error: [{ code: 'nothing-signed' }] });
    expect(openCorrection(state, members[3]!, 'short')).toEqual({ ok: false, error: [{ code: 'role-not-allowed' }, { code: 'reason-too-short', min: 10 }] });
    const corr = openCorrection(state, members[2]!, ' line 9 was miscounted ', 'corrected');
    expect(corr).toEqual({ ok: true, value: { version: 2, supersedes: first.value.hash, mark: 'corrected', reason: 'line 9 was miscounted', by: 'sec' } });
    if (!corr.ok) return;
    state = foldProtocol(state, { type: 'ProtocolCorrected', payload: corr.value });
    expect(openCorrection(state, members[0]!, 'another correction')).toEqual({ ok: false, error: [{ code: 'correction-open', version: 2 }] });
    expect(nextVersion(state)).toEqual({ version: 2, mark: 'corrected', supersedes: first.value.hash });

    const values = { ...goodValues(), I: 599, K: 629, 'L.c-a': 299, E: 639, C: 599, F: 356 };
    const second = await signProtocol(input({ state, values }));
    if (!second.ok) throw new Error(JSON.stringify(second.error));
    expect(second.value).toMatchObject({ version: 2, mark: 'corrected', supersedes: first.value.hash });
    expect(second.value.hash).not.toBe(first.value.hash);
    state = foldProtocol(state, { type: 'ProtocolSigned', payload: second.value });
    expect(state.current?.version).toBe(2);
    expect(state.signed.map((s) => [s.version, s.supersededBy])).toEqual([[1, second.value.hash], [2, null]]);
    expect(state.correction).toBeNull();
  });

  it('rebuilds the state from the events, drafts included', () => {
    const draft = protocolPayloadSchemas.ProtocolDraftSaved.parse({ formId: form.id, formVersion: 1, version: 1, values: { A: 1000, B: null } });
    const facts: ProtocolFact[] = [{ type: 'ProtocolDraftSaved', payload: draft }];
    expect(protocolStateOf(facts)).toEqual({ signed: [], current: null, correction: null, draft, entries: null });
  });
});
