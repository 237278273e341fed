import { describe, expect, it } from 'vitest';
import { emptyProtocolState, foldProtocol, openCorrection, signProtocol, type ProtocolState } from '../../../../shared/protocol/signing';
import { summaryTable, type QrVersion } from '../../../../shared/protocol/summary';
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

  describe('protocols received as QR codes', () => {
    const qrOf = (state: ProtocolState, receivedAt = '2017-10-16T02:00:00.000Z'): QrVersion => {
      const v = state.current;
      if (!v) throw new Error('nothing signed');
      return { version: v.version, mark: v.mark, hash: v.hash, formId: v.formId, formVersion: v.formVersion, values: v.values, receivedAt };
    };
    async function corrected(state: ProtocolState, values: Record<string, number>): Promise<ProtocolState> {
      const opened = openCorrection(state, members[0] ?? null, 'recount ordered by the TEC', 'corrected');
      if (!opened.ok) throw new Error('no correction');
      return signed(foldProtocol(state, { type: 'ProtocolCorrected', payload: opened.value }), values);
    }

    it('sums a protocol that came only as QR codes, marked as such (no signing time: the codes do not carry it)', async () => {
      const a = await signed(emptyProtocolState(), goodValues());
      const table = summaryTable(form, [{ number: 1, name: 'One', signed: [], qr: [qrOf(a)] }]);
      expect(table.rows[0]).toMatchObject({ status: 'signed', version: 1, source: 'qr', qr: { version: 1, mark: 'original' }, mismatch: null, signedAt: null, errors: [] });
      expect(table.totals).toEqual(form.lines.map((l) => goodValues()[l.key] ?? 0));
      expect(table).toMatchObject({ withProtocol: 1, withMismatch: 0 });
    });

    it('says both when sync and QR brought the same signed version, and sync alone without codes', async () => {
      const a = await signed(emptyProtocolState(), goodValues());
      const table = summaryTable(form, [
        { number: 1, name: 'One', signed: a.signed, qr: [qrOf(a)] },
        { number: 2, name: 'Two', signed: a.signed },
        { number: 3, name: 'Three', signed: [], qr: [] },
      ]);
      expect(table.rows.map((r) => [r.source, r.mismatch])).toEqual([['both', null], ['sync', null], [null, null]]);
      expect(table.rows[0]?.signedAt).toBe(a.current?.signedAt);
    });

    it('takes a newer version on paper over the synced one, an older one not, and flags both', async () => {
      const v1 = await signed(emptyProtocolState(), goodValues());
      const v2 = await corrected(v1, { ...goodValues(), A: (goodValues().A ?? 0) + 1 });
      const newer = summaryTable(form, [{ number: 1, name: 'One', signed: v1.signed, qr: [qrOf(v2)] }]);
      const lineA = form.lines.find((l) => l.key === 'A')?.number;
      expect(newer.rows[0]).toMatchObject({ source: 'qr', version: 2, status: 'superseding', superseded: 1, mismatch: { kind: 'qr-newer', syncVersion: 1, qrVersion: 2, lines: [lineA] } });
      expect(newer.rows[0]?.values[0]).toBe((goodValues().A ?? 0) + 1);
      const older = summaryTable(form, [{ number: 1, name: 'One', signed: v2.signed, qr: [qrOf(v1)] }]);
      expect(older.rows[0]).toMatchObject({ source: 'sync', version: 2, mismatch: { kind: 'qr-older', syncVersion: 2, qrVersion: 1, lines: [lineA] } });
      expect(older.withMismatch).toBe(1);
    });

    it('keeps the synced version when the codes carry another protocol of the same version, and says it conflicts', async () => {
      const synced = await signed(emptyProtocolState(), goodValues());
      const other = await signed(emptyProtocolState(), { ...goodValues(), B: (goodValues().B ?? 0) + 2 }, true);
      // The last codes read win among QR versions of the same number.
      const table = summaryTable(form, [{ number: 1, name: 'One', signed: synced.signed, qr: [qrOf(synced, '2017-10-16T01:00:00.000Z'), qrOf(other)] }]);
      const lineB = form.lines.find((l) => l.key === 'B')?.number;
      expect(table.rows[0]).toMatchObject({ source: 'sync', version: 1, mismatch: { kind: 'conflict', syncVersion: 1, qrVersion: 1, lines: [lineB] } });
      expect(table.rows[0]?.values[1]).toBe(goodValues().B);
    });
  });
});
