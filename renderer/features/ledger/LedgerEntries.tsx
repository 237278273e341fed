/**
 * The ledger's entries as recorded (time, entry, count, details, who) and their corrections. An
 * entry is never edited: "Correct…" records a counter-entry with the right count (or withdraws the
 * entry) and the reason; the figures above fold it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_REASON } from '../../../shared/protocol/events';
import type { LedgerEntry, LedgerCorrectionView } from '../../../shared/protocol/ledger-entries';
import { formatDateTime, formatNumber } from '../../app/format';
import type { Language } from '../../app/i18n';
import { ChoiceField } from '../../app/fields';
import { useSession, useSetup } from '../../app/session';
import { correctLedger, parseCount } from './record-ledger';
import { Form, FormField, type SubmitOutcome } from '../../ui/form';

type Say = (kind: 'ok' | 'error', text: string) => void;

export function LedgerEntries({ entries, say }: { entries: readonly LedgerEntry[]; say: Say }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const zone = setup.precinct.timeZone;
  const [open, setOpen] = useState<string | null>(null);
  const who = (id: string | null) => setup.members.find((m) => m.id === id)?.name ?? id ?? t('ledger:entries.unknownMember');
  const when = (at: string | null) => (at ? formatDateTime(at, lng, zone) : '—');
  const correctionText = (c: LedgerCorrectionView) =>
    c.count === null
      ? t('ledger:entries.withdrawn', { reason: c.reason, who: who(c.by), time: when(c.recordedAt) })
      : t('ledger:entries.correctedTo', { value: formatNumber(c.count, lng), reason: c.reason, who: who(c.by), time: when(c.recordedAt) });
  return (
    <section className="card" data-testid="ledger-entries">
      <h2>{t('ledger:entries.title')}</h2>
      <p className="hint">{t('ledger:entries.hint')}</p>
      {entries.length === 0 ? (
        <p className="muted">{t('ledger:entries.empty')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('ledger:entries.col.time')}</th>
              <th>{t('ledger:entries.col.entry')}</th>
              <th className="num">{t('ledger:entries.col.count')}</th>
              <th>{t('ledger:entries.col.details')}</th>
              <th>{t('ledger:entries.col.who')}</th>
              <th>{t('ledger:entries.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <EntryRows key={e.id} entry={e} open={open === e.id} onOpen={(v) => setOpen(v ? e.id : null)} say={say}
                cells={{
                  time: when(e.recordedAt),
                  entry: t(`ledger:entries.type.${e.type}`),
                  count: e.count === null ? '—' : formatNumber(e.count, lng),
                  details: [
                    e.reason ? t(`ledger:spoilReason.${e.reason}`) : null,
                    e.actNumber ? t('ledger:entries.act', { act: e.actNumber }) : null,
                    e.note || null,
                  ].filter((x) => x !== null).join('; '),
                  who: who(e.actor),
                  status: e.corrections.map(correctionText),
                }}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function EntryRows(props: {
  entry: LedgerEntry;
  open: boolean;
  onOpen(open: boolean): void;
  say: Say;
  cells: { time: string; entry: string; count: string; details: string; who: string; status: string[] };
}) {
  const { t } = useTranslation();
  const { entry: e, cells } = props;
  return (
    <>
      <tr data-testid="ledger-entry" data-entry-type={e.type} data-withdrawn={e.withdrawn} className={e.withdrawn ? 'muted' : undefined}>
        <td>{cells.time}</td>
        <td>{cells.entry}</td>
        <td className="num">{e.withdrawn || e.corrections.length > 0 ? <s>{cells.count}</s> : cells.count}</td>
        <td>{cells.details}</td>
        <td>{cells.who}</td>
        <td data-testid="ledger-entry-status">
          {cells.status.length === 0 ? <span className="muted">{t('ledger:entries.stands')}</span> : cells.status.map((s, i) => <div key={i} className="small">{s}</div>)}
          {!e.withdrawn && !props.open && (
            <button type="button" className="link" onClick={() => props.onOpen(true)} data-testid="ledger-entry-correct">
              {t('ledger:entries.correct')}
            </button>
          )}
        </td>
      </tr>
      {props.open && (
        <tr>
          <td colSpan={6}>
            <CorrectionForm entry={e} time={cells.time} say={props.say} close={() => props.onOpen(false)} />
          </td>
        </tr>
      )}
    </>
  );
}

function CorrectionForm({ entry, time, say, close }: { entry: LedgerEntry; time: string; say: Say; close(): void }) {
  const { t } = useTranslation();
  const setup = useSetup();
  const { operator } = useSession();
  const [kind, setKind] = useState<'count' | 'withdraw'>(entry.count === null ? 'withdraw' : 'count');
  const [count, setCount] = useState('');
  const [reason, setReason] = useState('');
  // Who answers for the correction: the signed-in member, else the chair.
  const [by, setBy] = useState(operator?.id ?? setup.members.find((m) => m.role === 'chair')?.id ?? setup.members[0]?.id ?? '');
  // The refusal of the last try, at the field it is about (the shared Form focuses it), else above the buttons.
  const [problem, setProblem] = useState<{ field: 'count' | 'reason' | 'by' | null; text: string } | null>(null);
  const errorAt = (field: 'count' | 'reason' | 'by') => (problem?.field === field ? problem.text : undefined);
  async function submit(): Promise<SubmitOutcome> {
    const n = kind === 'withdraw' ? null : parseCount(count);
    if (kind === 'count' && n === null) {
      setProblem({ field: 'count', text: t('ledger:correction.refused.count-invalid') });
      return 'refused';
    }
    const corrected = await correctLedger({ entry: entry.id, count: n, reason, by }, setup, operator?.id ?? null);
    if (!corrected.ok) {
      const { code } = corrected.error;
      const field = code === 'reason-too-short' ? 'reason' : code === 'no-member' ? 'by' : code === 'count-invalid' || code === 'count-too-small' || code === 'unchanged' ? 'count' : null;
      setProblem({ field, text: t(`ledger:correction.refused.${code}`, { count: MIN_REASON }) });
      return 'refused';
    }
    setProblem(null);
    say('ok', t('ledger:correction.done'));
    close();
    return 'done';
  }
  return (
    <Form className="correction-form" data-testid="ledger-correction-form" onSubmit={submit}>
      <h3>{t('ledger:correction.title', { time })}</h3>
      <div className="grid three">
        {entry.count !== null && (
          <div className="field">
            <label>
              <input type="radio" name={`kind-${entry.id}`} checked={kind === 'count'} onChange={() => setKind('count')} data-testid="correction-kind-count" />{' '}
              {t('ledger:correction.kindCount')}
            </label>
            <FormField label={t('ledger:correction.count')} hiddenLabel error={errorAt('count')} errorTestId="correction-problem">
              <input value={count} onChange={(ev) => setCount(ev.target.value)} inputMode="numeric" disabled={kind !== 'count'} data-testid="correction-count" />
            </FormField>
          </div>
        )}
        <label className="field">
          <span>
            <input type="radio" name={`kind-${entry.id}`} checked={kind === 'withdraw'} onChange={() => setKind('withdraw')} data-testid="correction-kind-withdraw" />{' '}
            {t('ledger:correction.kindWithdraw')}
          </span>
        </label>
        <ChoiceField
          label={t('ledger:correction.by')}
          value={by}
          options={setup.members.map((m) => ({ value: m.id, label: `${m.name} — ${t(`common:role.${m.role}`)}` }))}
          onChange={setBy}
          testId="correction-by"
          error={errorAt('by')}
        />
        <FormField label={t('ledger:correction.reason', { count: MIN_REASON })} error={errorAt('reason')} errorTestId="correction-problem">
          <textarea value={reason} onChange={(ev) => setReason(ev.target.value)} rows={2} data-testid="correction-reason" />
        </FormField>
      </div>
      {problem && problem.field === null && (
        <p className="alert alert-error" role="alert" data-form-problems data-testid="correction-problem">
          {problem.text}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" data-testid="correction-record">
          {t('ledger:correction.record')}
        </button>
        <button type="button" onClick={close}>
          {t('ledger:correction.cancel')}
        </button>
      </div>
    </Form>
  );
}
