/**
 * Recording a ballot-ledger fact from a form, through the core's ledger commands: the payload is
 * decided by shared code (its zod schema, the command's one clock reading for its times), a refusal
 * names the field in the UI language; nothing is recorded unless the whole payload is valid, and a
 * double submission records once.
 */
import type { TFunction } from 'i18next';
import type { LedgerEntryType } from '../../../shared/protocol/ledger';
import type { FieldProblem, LedgerCorrectionInput, LedgerCorrectionRefusal } from '../../../shared/protocol/ledger-entries';
import type { ElectionSetup } from '../../../shared/election/model';
import { ok, type Result } from '../../../shared/util/result';
import { commands, contextOf, correctLedgerEntry, recordLedgerEntry } from '../../core';

export type { FieldProblem } from '../../../shared/protocol/ledger-entries';
export type LedgerEventType = LedgerEntryType;

/** Whole numbers typed by hand: digits only (spaces as thousands separators are tolerated). */
export function parseCount(text: string): number | null {
  const clean = text.replace(/[\s\u00a0\u202f]/gu, '');
  return /^\d{1,7}$/u.test(clean) ? Number(clean) : null;
}

export function describeFieldProblems(t: TFunction, problems: readonly FieldProblem[]): string {
  const name = (field: string) =>
    field.startsWith('line:') ? t('ledger:lineField', { number: field.slice(5) })
      : field.startsWith('lines:') ? t('ledger:linesField', { numbers: field.slice(6) })
        : t(`ledger:field.${field}`, { defaultValue: field });
  return problems
    .map((p) => (p.reason === 'out-of-period' && p.today && p.votingDay
      ? t('ledger:problem.out-of-period-days', { field: name(p.field), today: p.today, votingDay: p.votingDay })
      : t(`ledger:problem.${p.reason}`, { field: name(p.field) })))
    .join(' ');
}

export async function recordLedger(
  type: LedgerEntryType,
  payload: Record<string, unknown>,
  setup: ElectionSetup,
  actor: string | null,
): Promise<Result<void, FieldProblem[]>> {
  const r = await recordLedgerEntry(commands, type, payload, contextOf(setup, actor), { votingDay: setup.election.votingDay, timeZone: setup.precinct.timeZone });
  return r.ok ? ok(undefined) : r;
}

export async function correctLedger(input: LedgerCorrectionInput, setup: ElectionSetup, actor: string | null): Promise<Result<void, LedgerCorrectionRefusal>> {
  const r = await correctLedgerEntry(commands, input, contextOf(setup, actor));
  return r.ok ? ok(undefined) : r;
}
