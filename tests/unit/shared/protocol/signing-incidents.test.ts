import { describe, expect, it } from 'vitest';
import type { Member } from '../../../../shared/election/model';
import { protocolPayloadSchemas } from '../../../../shared/protocol/events';
import { evaluate } from '../../../../shared/protocol/relations';
import { checkSigning, decideSigning, emptyProtocolState, protocolHash, protocolHashSync, type SigningInput } from '../../../../shared/protocol/signing';
import { builtinForm, goodValues, refusalsOf } from './helpers';

const form = builtinForm();
const members: Member[] = [
  { id: 'chair', name: 'Төрага', role: 'chair' },
  { id: 'sec', name: 'Катчы', role: 'secretary' },
  { id: 'm4', name: 'Мүчө 4', role: 'member' },
  { id: 'm5', name: 'Мүчө 5', role: 'member' },
];
const incident = { id: 'double-issue:v7:e2', voterId: 'v7', voterName: 'Асанова Айгүл (page 1, row 7)' };
function input(over: Partial<SigningInput> = {}): SigningInput {
  const values = goodValues();
  return {
    state: emptyProtocolState(), form, electionId: 'kg-pres-2017', precinct: 9001, values, findings: evaluate(form, values),
    members, membersPresent: ['chair', 'sec', 'm4'], acknowledged: [], override: null, signedAt: '2017-10-16T01:10:00+06:00',
    ...over,
  };
}

describe('an open double-issue incident at signing', () => {
  it('is a warning naming the voter: signing is refused until the chair gives a reason', () => {
    expect(refusalsOf(checkSigning(input({ openIncidents: [incident] })))).toEqual([
      { code: 'incidents-not-acknowledged', voters: 'Асанова Айгүл (page 1, row 7)', count: 1, min: 10 },
    ]);
    expect(refusalsOf(checkSigning(input({ openIncidents: [incident], incidentReasons: { [incident.id]: ' too short ' } }))).map((r) => r.code)).toEqual(['incidents-not-acknowledged']);
    expect(refusalsOf(checkSigning(input({ openIncidents: [incident], incidentReasons: { [incident.id]: 'both ballots are in the box; the TEC decides' } })))).toEqual([]);
    // No incident, nothing to acknowledge.
    expect(refusalsOf(checkSigning(input()))).toEqual([]);
  });

  it('is acknowledged by the chair, who must be present', () => {
    const r = refusalsOf(checkSigning(input({ membersPresent: ['sec', 'm4', 'm5'], openIncidents: [incident], incidentReasons: { [incident.id]: 'both ballots are in the box' } })));
    expect(r.map((x) => x.code)).toEqual(['incidents-no-chair']);
  });

  it('the reason is signed with the protocol, by the chair; the hash is the same inline', async () => {
    const r = decideSigning(input({ openIncidents: [incident], incidentReasons: { [incident.id]: '  both ballots are in the box  ' } }));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.incidents).toEqual([{ incident: incident.id, voterId: 'v7', by: 'chair', reason: 'both ballots are in the box' }]);
    expect(protocolPayloadSchemas.ProtocolSigned.parse(r.value)).toEqual(r.value);
    const content = { electionId: 'kg-pres-2017', precinct: 9001, formId: form.id, formVersion: form.version, version: 1, mark: 'original' as const, values: r.value.values };
    expect(r.value.hash).toBe(await protocolHash(content));
    expect(protocolHashSync(content)).toBe(r.value.hash);
  });
});
