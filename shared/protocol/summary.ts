/**
 * The summary table (жыйынды таблица) the territorial commission and the CEC draw up from the
 * precincts' protocols: one row a precinct with every line of the form, the protocol's status
 * (none, signed, a later version superseding earlier ones) and its control findings, and the totals
 * of every line over the precincts whose protocol is in.
 */
import type { ProtocolMark } from './events';
import type { ExpandedForm } from './form';
import { evaluate } from './relations';
import type { SignedVersion } from './signing';

export type SummaryStatus = 'none' | 'signed' | 'superseding';

export interface SummaryRow {
  precinct: number;
  name: string;
  status: SummaryStatus;
  version: number | null;
  mark: ProtocolMark | null;
  hash: string | null;
  signedAt: string | null;
  /** How many earlier signed versions the one in force replaced. */
  superseded: number;
  /** Every line of the form, in form order; null without a protocol. */
  values: (number | null)[];
  errors: string[];
  warnings: string[];
  /** The protocol was signed on another form (id or version) than the one summed here. */
  otherForm: boolean;
}

export interface SummaryTable {
  lines: { key: string; number: number; label: ExpandedForm['lines'][number]['label'] }[];
  rows: SummaryRow[];
  /** Per line: the sum over the rows with a protocol on this form. */
  totals: number[];
  withProtocol: number;
  withErrors: number;
}

export interface SummaryPrecinct {
  number: number;
  name: string;
  /** The precinct's signed versions, oldest first (ProtocolState.signed). */
  signed: readonly SignedVersion[];
}

export function summaryTable(form: ExpandedForm, precincts: readonly SummaryPrecinct[]): SummaryTable {
  const totals = form.lines.map(() => 0);
  const rows = [...precincts].sort((a, b) => a.number - b.number).map((p): SummaryRow => {
    const current = p.signed.find((v) => v.supersededBy === null) ?? null;
    if (!current) {
      return {
        precinct: p.number, name: p.name, status: 'none', version: null, mark: null, hash: null, signedAt: null, superseded: 0,
        values: form.lines.map(() => null), errors: [], warnings: [], otherForm: false,
      };
    }
    const otherForm = current.formId !== form.id || current.formVersion !== form.version;
    const values = form.lines.map((l) => current.values[l.key] ?? null);
    const findings = otherForm ? [] : evaluate(form, current.values);
    if (!otherForm) values.forEach((v, i) => (totals[i] = (totals[i] ?? 0) + (v ?? 0)));
    const superseded = p.signed.filter((v) => v.supersededBy !== null).length;
    return {
      precinct: p.number, name: p.name, status: superseded > 0 ? 'superseding' : 'signed', version: current.version, mark: current.mark,
      hash: current.hash, signedAt: current.signedAt, superseded, values,
      errors: [...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.code))],
      warnings: [...new Set(findings.filter((f) => f.severity === 'warning').map((f) => f.code))],
      otherForm,
    };
  });
  return {
    lines: form.lines.map((l) => ({ key: l.key, number: l.number, label: l.label })),
    rows,
    totals,
    withProtocol: rows.filter((r) => r.status !== 'none').length,
    withErrors: rows.filter((r) => r.errors.length > 0).length,
  };
}
