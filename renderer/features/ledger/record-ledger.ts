/**
 * Recording a ballot-ledger fact from a form: the payload is checked by its zod schema first, and a
 * refusal names the field in the UI language; nothing is recorded unless the whole payload is valid.
 */
import type { TFunction } from 'i18next';
import { protocolPayloadSchemas, type ProtocolPayloadInput } from '../../../shared/protocol/events';
import type { ElectionSetup } from '../../../shared/election/model';
import { contextOf, eventStore } from '../../app/store';

export type LedgerEventType = 'BallotsReceived' | 'BallotsSpoiled' | 'UnusedBallotsCancelled' | 'ListPageSumsEntered' | 'AeuReportEntered' | 'ManualCountEntered';

export interface FieldProblem {
  field: string;
  reason: 'required' | 'not-a-count' | 'too-small' | 'too-big' | 'invalid';
}

/** Whole numbers typed by hand: digits only (spaces as thousands separators are tolerated). */
export function parseCount(text: string): number | null {
  const clean = text.replace(/[\s\u00a0\u202f]/gu, '');
  return /^\d{1,7}$/u.test(clean) ? Number(clean) : null;
}

export function checkLedgerPayload<T extends LedgerEventType>(type: T, payload: unknown): { ok: true; value: ProtocolPayloadInput<T> } | { ok: false; problems: FieldProblem[] } {
  const parsed = protocolPayloadSchemas[type].safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data as ProtocolPayloadInput<T> };
  const problems = parsed.error.issues.map((issue): FieldProblem => {
    const field = String(issue.path[0] ?? '');
    const value = (payload as Record<string, unknown>)[field];
    if (value === undefined || value === null || value === '') return { field, reason: 'required' };
    if (issue.code === 'too_small') return { field, reason: typeof value === 'string' ? 'required' : 'too-small' };
    if (issue.code === 'too_big') return { field, reason: 'too-big' };
    if (issue.code === 'invalid_type' && typeof value !== 'number') return { field, reason: 'not-a-count' };
    return { field, reason: 'invalid' };
  });
  return { ok: false, problems };
}

export function describeFieldProblems(t: TFunction, problems: readonly FieldProblem[]): string {
  const name = (field: string) =>
    field.startsWith('line:') ? t('ledger:lineField', { number: field.slice(5) })
      : field.startsWith('lines:') ? t('ledger:linesField', { numbers: field.slice(6) })
        : t(`ledger:field.${field}`, { defaultValue: field });
  return problems.map((p) => t(`ledger:problem.${p.reason}`, { field: name(p.field) })).join(' ');
}

export async function recordLedger<T extends LedgerEventType>(
  type: T,
  payload: unknown,
  setup: ElectionSetup,
  actor: string | null,
): Promise<FieldProblem[]> {
  const checked = checkLedgerPayload(type, payload);
  if (!checked.ok) return checked.problems;
  // The payload passed the schema of exactly `type`; the store's generic cannot see that link.
  await eventStore.append(type, checked.value as never, contextOf(setup, actor));
  return [];
}
