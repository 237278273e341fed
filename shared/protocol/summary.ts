/**
 * The summary table (жыйынды таблица) the territorial commission and the CEC draw up from the
 * precincts' protocols: one row a precinct with every line of the form, the protocol's status
 * (none, signed, a later version superseding earlier ones) and its control findings, and the totals
 * of every line over the precincts whose protocol is in.
 *
 * A protocol reaches the center two ways: its signed events through sync, and its QR codes read
 * from the printed protocol (each verified against the precinct's laptop keys before it is kept).
 * Each row says where the version in force came from (`source`) and, when both ways brought a
 * protocol and they are not the same signed version, how they differ (`mismatch`): a newer version
 * on paper than through sync (`qr-newer`, the paper's is summed), an older one (`qr-older`, a
 * correction came through sync after the paper was read), or two different protocols of the same
 * version (`conflict`, the synced one is summed and the row must be looked at).
 */
import type { ProtocolMark } from './events';
import type { ExpandedForm } from './form';
import { evaluate } from './relations';
import type { SignedVersion } from './signing';

export type SummaryStatus = 'none' | 'signed' | 'superseding';
export type ProtocolSource = 'sync' | 'qr' | 'both';
export type ProtocolMismatchKind = 'qr-newer' | 'qr-older' | 'conflict';

/** A signed protocol version received as its QR codes (verified at the center; `protocol_qr`). */
export interface QrVersion {
  version: number;
  mark: ProtocolMark;
  hash: string;
  formId: string;
  formVersion: number;
  values: Record<string, number>;
  receivedAt: string;
}

export interface ProtocolMismatch {
  kind: ProtocolMismatchKind;
  syncVersion: number;
  qrVersion: number;
  /** Numbers of the form's lines whose figures differ between the two. */
  lines: number[];
}

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
  /** Where the version in force came from; `both`: sync and QR brought the same signed version. */
  source: ProtocolSource | null;
  /** The newest version received as QR codes, when any. */
  qr: { version: number; mark: ProtocolMark; receivedAt: string } | null;
  /** Sync and QR brought different signed versions. */
  mismatch: ProtocolMismatch | null;
}

export interface SummaryTable {
  lines: { key: string; number: number; label: ExpandedForm['lines'][number]['label'] }[];
  rows: SummaryRow[];
  /** Per line: the sum over the rows with a protocol on this form. */
  totals: number[];
  withProtocol: number;
  withErrors: number;
  /** Rows whose synced and QR-read protocols differ. */
  withMismatch: number;
}

export interface SummaryPrecinct {
  number: number;
  name: string;
  /** The precinct's signed versions received through sync, oldest first (ProtocolState.signed). */
  signed: readonly SignedVersion[];
  /** The precinct's versions received as QR codes, in arrival order. */
  qr?: readonly QrVersion[];
}

interface InForce {
  version: number;
  mark: ProtocolMark;
  hash: string;
  signedAt: string | null;
  formId: string;
  formVersion: number;
  values: Record<string, number>;
  superseded: number;
}

/** The version in force of a precinct by both ways in, where it came from and how they differ. */
export function protocolInForce(form: ExpandedForm, p: SummaryPrecinct): { current: InForce | null; source: ProtocolSource | null; qr: QrVersion | null; mismatch: ProtocolMismatch | null } {
  const sync = p.signed.find((v) => v.supersededBy === null) ?? null;
  // The newest QR version; of two with the same number, the one read last.
  const qr = (p.qr ?? []).reduce<QrVersion | null>((best, v) => (best === null || v.version >= best.version ? v : best), null);
  const fromSync = (v: SignedVersion): InForce => ({
    version: v.version, mark: v.mark, hash: v.hash, signedAt: v.signedAt, formId: v.formId, formVersion: v.formVersion, values: v.values,
    superseded: p.signed.filter((x) => x.supersededBy !== null).length,
  });
  const fromQr = (v: QrVersion): InForce => {
    const older = new Set([...p.signed, ...(p.qr ?? [])].filter((x) => x.version < v.version).map((x) => x.hash));
    return { version: v.version, mark: v.mark, hash: v.hash, signedAt: null, formId: v.formId, formVersion: v.formVersion, values: v.values, superseded: older.size };
  };
  if (!qr) return { current: sync ? fromSync(sync) : null, source: sync ? 'sync' : null, qr: null, mismatch: null };
  if (!sync) return { current: fromQr(qr), source: 'qr', qr, mismatch: null };
  if (qr.hash === sync.hash) return { current: fromSync(sync), source: 'both', qr, mismatch: null };
  const lines = form.lines.filter((l) => sync.values[l.key] !== qr.values[l.key]).map((l) => l.number);
  const mismatch = (kind: ProtocolMismatchKind): ProtocolMismatch => ({ kind, syncVersion: sync.version, qrVersion: qr.version, lines });
  if (p.signed.some((v) => v.hash === qr.hash)) return { current: fromSync(sync), source: 'sync', qr, mismatch: mismatch('qr-older') };
  if (qr.version > sync.version) return { current: fromQr(qr), source: 'qr', qr, mismatch: mismatch('qr-newer') };
  return { current: fromSync(sync), source: 'sync', qr, mismatch: mismatch('conflict') };
}

export function summaryTable(form: ExpandedForm, precincts: readonly SummaryPrecinct[]): SummaryTable {
  const totals = form.lines.map(() => 0);
  const rows = [...precincts].sort((a, b) => a.number - b.number).map((p): SummaryRow => {
    const { current, source, qr, mismatch } = protocolInForce(form, p);
    const received = { source, qr: qr ? { version: qr.version, mark: qr.mark, receivedAt: qr.receivedAt } : null, mismatch };
    if (!current) {
      return {
        precinct: p.number, name: p.name, status: 'none', version: null, mark: null, hash: null, signedAt: null, superseded: 0,
        values: form.lines.map(() => null), errors: [], warnings: [], otherForm: false, ...received,
      };
    }
    const otherForm = current.formId !== form.id || current.formVersion !== form.version;
    const values = form.lines.map((l) => current.values[l.key] ?? null);
    const findings = otherForm ? [] : evaluate(form, current.values);
    if (!otherForm) values.forEach((v, i) => (totals[i] = (totals[i] ?? 0) + (v ?? 0)));
    const superseded = current.superseded;
    return {
      precinct: p.number, name: p.name, status: superseded > 0 ? 'superseding' : 'signed', version: current.version, mark: current.mark,
      hash: current.hash, signedAt: current.signedAt, superseded, values,
      errors: [...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.code))],
      warnings: [...new Set(findings.filter((f) => f.severity === 'warning').map((f) => f.code))],
      otherForm,
      ...received,
    };
  });
  return {
    lines: form.lines.map((l) => ({ key: l.key, number: l.number, label: l.label })),
    rows,
    totals,
    withProtocol: rows.filter((r) => r.status !== 'none').length,
    withErrors: rows.filter((r) => r.errors.length > 0).length,
    withMismatch: rows.filter((r) => r.mismatch !== null).length,
  };
}
