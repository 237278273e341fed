/**
 * Withdrawing a register entry (the voter changed their mind, came to the polling room, or the entry
 * is to be written again — a wrong address: withdrawn, then entered anew under the next number). The
 * entry keeps its number and stays in the register marked withdrawn; the withdrawal names its voter,
 * so an entry whose number two laptops both gave is the one withdrawn.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkWithdrawal, WITHDRAWAL_REASONS, type RegisterEntry, type WithdrawalReason } from '../../../shared/outpremises';
import { canonicalJson } from '../../../shared/util/canonical-json';
import type { Language } from '../../app/i18n';
import { useSession, useSetup } from '../../app/session';
import { commands, contextOf, recordOutPremises } from '../../core';
import { problemText } from './problem-text';

export function WithdrawEntry({ entry, onDone }: { entry: RegisterEntry; onDone(text: string): void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  const [reason, setReason] = useState<WithdrawalReason>('changed-mind');
  const [reasonText, setReasonText] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const testId = `op-withdraw-${entry.number}-${entry.voterId}`;

  async function withdraw() {
    setBusy(true);
    try {
      const draft = { number: entry.number, voterId: entry.voterId, reason, reasonText };
      const base = { votingDay: setup.election.votingDay, timeZone: setup.precinct.timeZone, members: setup.members };
      const r = await recordOutPremises(commands, 'OutOfPremisesApplicationWithdrawn', async ({ state }) => checkWithdrawal(state, draft), base, contextOf(setup, operator?.id ?? null), canonicalJson(draft));
      if (r.ok) {
        setProblems([]);
        onDone(t('outpremises:withdraw.done', { number: entry.number }));
      } else setProblems(r.error.map((p) => problemText(t, p, lng)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="withdraw-entry" data-testid={testId}>
      <summary>{t('outpremises:withdraw.open')}</summary>
      <p className="hint">{t('outpremises:withdraw.hint')}</p>
      <label>
        {t('outpremises:withdraw.reasonLabel')}{' '}
        <select value={reason} onChange={(e) => setReason(e.target.value as WithdrawalReason)} data-testid={`${testId}-reason`}>
          {WITHDRAWAL_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`outpremises:withdraw.reason.${r}`)}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        {t('outpremises:withdraw.reasonText')}{' '}
        <input value={reasonText} onChange={(e) => setReasonText(e.target.value)} aria-invalid={problems.length > 0 ? true : undefined} data-testid={`${testId}-text`} />
      </label>{' '}
      <button type="button" disabled={busy} onClick={() => void withdraw()} data-testid={`${testId}-confirm`}>
        {t('outpremises:withdraw.confirm', { number: entry.number })}
      </button>
      {problems.length > 0 && (
        <p className="field-error" role="alert" data-testid={`${testId}-problem`}>
          {problems.join(' ')}
        </p>
      )}
    </details>
  );
}
