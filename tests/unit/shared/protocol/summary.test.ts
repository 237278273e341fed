import { describe, expect, it } from 'vitest';
import { emptyProtocolState, foldProtocol, openCorrection, signProtocol, type ProtocolState } from '../../../../shared/protocol/signing';
import { summaryTable } from '../../../../shared/protocol/summary';
import { evaluate } from '../../../../shared/protocol/relations';
import type { Member } from '../../../../shared/election/model';
import { builtinForm, goodValues } from './helpers';

const form = builtinForm();
const members: Member[] = [
  { id: 'chair', name: 'Төрага', role: 'chair' },
  { id: 'sec', name: 'Катчы', role: 'secretary' },
];

async function signed(state: ProtocolState, values: Record<string, number>, override = false): Promise<ProtocolState> {
  const findings = evaluate(form, values);
  const r = await signProtocol({
    state, form, electionId: 'e', precinct: 1, values, findings, members, membersPresent: ['chair', 'sec'],
    acknowledged: findings.filter((f) => f.severity === 'warning').map((f) => f.code), override: override ? { by: 'chair', reason: 'decided by the commission' } : null,
    signedAt: '2017-10-16T01:00:00+06:00',
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return foldProtocol(state, { type: 'ProtocolSigned', payload: r.value });
}

describe('summary table', () => {
  it('sums every line over the protocols in, and shows status and findings per precinct', async () => {
    const a = await signed(emptyProtocolState(), goodValues());
    // Precinct 2 signed over a 2-ballot imbalance (line B), then corrected it.
    let b = await signed(emptyProtocolState(), { ...goodValues(), B: 1003 }, true);
    const bad = summaryTable(form, [{ number: 2, name: 'Two', signed: b.signed }]);
    expect(bad.rows[0]).toMatchObject({ status: 'signed', version: 1, errors: ['ballot-balance'], mark: 'original' });
    expect(bad.withErrors).toBe(1);
    const opened = openCorrection(b, members[0] ?? null, 'recount ordered by the TEC', 'corrected');
    if (!opened.ok) throw new Error('no correction');
    b = foldProtocol(b, { type: 'ProtocolCorrected', payload: opened.value });
    b = await signed(b, goodValues());

    const table = summaryTable(form, [
      { number: 3, name: 'Three', signed: [] },
      { number: 2, name: 'Two', signed: b.signed },
      { number: 1, name: 'One', signed: a.signed },
    ]);
    expect(table.rows.map((r) => [r.precinct, r.status, r.version, r.superseded])).toEqual([[1, 'signed', 1, 0], [2, 'superseding', 2, 1], [3, 'none', null, 0]]);
    expect(table.rows[1]).toMatchObject({ mark: 'corrected', errors: [] });
    expect(table.rows[2]?.values.every((v) => v === null)).toBe(true);
    expect(table.lines.map((l) => l.key)).toEqual(form.lines.map((l) => l.key));
    const good = form.lines.map((l) => goodValues()[l.key] ?? 0);
    expect(table.totals).toEqual(good.map((v) => v * 2));
    expect(table).toMatchObject({ withProtocol: 2, withErrors: 0 });
  });

  it('does not add a protocol signed on another form into the totals, and says so', async () => {
    const a = await signed(emptyProtocolState(), goodValues());
    const foreign = a.signed.map((v) => ({ ...v, formVersion: 9 }));
    const table = summaryTable(form, [{ number: 1, name: 'One', signed: foreign }]);
    expect(table.rows[0]).toMatchObject({ otherForm: true, status: 'signed' });
    expect(table.totals.every((v) => v === 0)).toBe(true);
  });
});
