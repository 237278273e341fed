/**
 * The copies of an act (items 74/76): the log prints under the act (number, recipient, role, the act's
 * total on the copy, time, a place for the recipient's signature); on screen a form gives the next
 * copy, recorded through the core before it is handed over.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copiesOfAct, nextActCopyNumber, type ActCopyRefusal, type CopiedAct } from '../../../../shared/act-copies';
import { copyKey, RECIPIENT_ROLES, type RecipientRole } from '../../../../shared/protocol/copies';
import { NumberedTwice } from '../NumberedTwice';
import { ChoiceField, TextField } from '../../../app/fields';
import { Form, type SubmitOutcome } from '../../../ui/form';
import { formatDateTime, formatNumber } from '../../../app/format';
import type { Language } from '../../../app/i18n';
import { useSession, useSetup } from '../../../app/session';
import { commands, contextOf, issueActCopy, useActCopies } from '../../../core';

export function ActCopies({ act }: { act: CopiedAct }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  const log = useActCopies();
  const copies = copiesOfAct(log, act);
  const [name, setName] = useState('');
  const [role, setRole] = useState<RecipientRole>('observer');
  const [represents, setRepresents] = useState('');
  const [problems, setProblems] = useState<ActCopyRefusal[]>([]);
  const [given, setGiven] = useState<number | null>(null);
  const memberName = (id: string) => setup.members.find((m) => m.id === id)?.name ?? id;

  async function give(): Promise<SubmitOutcome> {
    setGiven(null);
    const r = await issueActCopy(
      commands,
      { act, recipientName: name, recipientRole: role, represents, issuedBy: operator?.id ?? '' },
      setup.members,
      contextOf(setup, operator?.id ?? null),
    );
    if (!r.ok) {
      setProblems(r.error);
      return 'refused';
    }
    setProblems([]);
    setGiven(r.value.event.payload.copyNumber);
    setName('');
    setRepresents('');
    return 'done';
  }
  // No recipient is said at the name (the shared Form focuses it); the rest are listed.
  const listed = problems.filter((p) => p !== 'no-recipient');

  return (
    <section className="act-copies" data-testid={`act-copies-${act}`}>
      <h2>{t('day:actCopies.title')}</h2>
      {copies.length === 0 ? (
        <p className="doc-note" data-testid="act-copies-none">{t('day:actCopies.none')}</p>
      ) : (
        <table className="doc-table" data-testid="act-copies-log">
          <thead>
            <tr>
              <th className="col-n">№</th>
              <th>{t('prints:recipientName')}</th>
              <th>{t('prints:recipientRole')}</th>
              <th className="num">{t(`day:actCopies.total.${act}`)}</th>
              <th className="col-when">{t('prints:issuedAt')}</th>
              <th>{t('day:actCopies.givenBy')}</th>
              <th className="col-resp">{t('prints:receiptSignature')}</th>
            </tr>
          </thead>
          <tbody>
            {copies.map((c) => (
              <tr key={copyKey(c)} data-testid={`act-copy-${c.copyNumber}`}>
                <td className="col-n">{c.copyNumber}</td>
                <td>{c.recipientName}</td>
                <td>
                  {t(`prints:role.${c.recipientRole}`)}
                  {c.represents && <div className="doc-original">{c.represents}</div>}
                </td>
                <td className="num">{formatNumber(c.total, lng)}</td>
                <td className="col-when">{formatDateTime(c.issuedAt, lng, setup.precinct.timeZone)}</td>
                <td>{memberName(c.issuedBy)}</td>
                <td className="col-resp" />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NumberedTwice copies={copies} print testId="act-copies-numbered-twice" />
      <Form className="no-print card" data-testid="act-copy-form" onSubmit={give}>
        <div className="grid three">
          <TextField
            label={t('prints:recipientName')}
            value={name}
            onChange={setName}
            testId="act-copy-name"
            error={problems.includes('no-recipient') ? t('day:actCopies.refused.no-recipient') : undefined}
          />
          <ChoiceField<RecipientRole>
            label={t('prints:recipientRole')}
            value={role}
            options={RECIPIENT_ROLES.map((r) => ({ value: r, label: t(`prints:role.${r}`) }))}
            onChange={setRole}
            testId="act-copy-role"
          />
          <TextField label={t('prints:represents')} value={represents} onChange={setRepresents} testId="act-copy-represents" />
        </div>
        {listed.length > 0 && (
          <div className="alert alert-error" role="alert" data-form-problems data-testid="act-copy-problems">
            <ul className="problem-list">
              {listed.map((p) => <li key={p}>{t(`day:actCopies.refused.${p}`)}</li>)}
            </ul>
          </div>
        )}
        {given !== null && <p className="alert alert-ok" role="status" data-testid="act-copy-given">{t('day:actCopies.given', { number: given })}</p>}
        <button type="submit" className="primary" data-testid="act-copy-give">
          {t('day:actCopies.give', { number: nextActCopyNumber(log, act) })}
        </button>
      </Form>
    </section>
  );
}
