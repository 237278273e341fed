/** The register of Form 2 / Form 3 applications as printed, with the refusals and signature lines. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { registerOrder } from '../../../shared/applications';
import { enteredAfterDeadline } from '../../../shared/calendar/entered-late';
import { appNow } from '../../app/clock';
import { EnteredLatePrint } from '../../app/EnteredLate';
import { formatBirth, formatDateTime, formatLocalDateTime } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSetup } from '../../app/session';
import { DocHeader } from '../../print/DocHeader';
import { PrintFrame } from '../../print/PrintFrame';
import { Signatures } from '../../print/Signatures';
import { ApplicationsNumberedTwice } from './ApplicationsNumberedTwice';
import { useApplications, useFormDeadlines } from './use-applications';

export function ApplicationsPrintPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const state = useApplications();
  const printedAt = useMemo(() => new Date(appNow()), []);
  const zone = setup.precinct.timeZone;
  const member = (id: string | null) => setup.members.find((m) => m.id === id)?.name ?? id ?? '';
  const entries = registerOrder(state);
  const deadlines = useFormDeadlines(setup);
  return (
    <PrintFrame title={t('applications:printTitle')} fileName={`applications-${setup.precinct.number}.pdf`} onBack={() => navigate('applications')}>
      <DocHeader title={t('applications:docTitle')} printedAt={printedAt} />
      {setup.precinct.form2?.deadline && deadlines.form2 && (
        <p data-testid="print-form2-terms">
          {t('applications:form2OwnPrint', {
            place: setup.precinct.form2.place ?? t('applications:form2PlaceDefault'),
            deadline: formatLocalDateTime(deadlines.form2.date, deadlines.form2.time, lng),
            zone: deadlines.form2.timeZone,
          })}
        </p>
      )}
      <ApplicationsNumberedTwice state={state} timeZone={zone} print testId="print-applications-numbered-twice" />
      <table className="doc-table applications-doc" data-testid="print-applications">
        <thead>
          <tr>
            <th>{t('applications:col.number')}</th>
            <th>{t('applications:col.received')}</th>
            <th>{t('applications:col.applicant')}</th>
            <th>{t('applications:col.document')}</th>
            <th>{t('applications:col.what')}</th>
            <th>{t('applications:col.forwarded')}</th>
            <th>{t('applications:col.outcome')}</th>
            <th>{t('applications:col.signature')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 && (
            <tr>
              <td colSpan={8}>{t('applications:empty')}</td>
            </tr>
          )}
          {entries.map((e) => (
            <tr key={e.id}>
              <td>
                {t(`applications:formShort.${e.form}`)}-{e.number}
              </td>
              <td>
                {formatDateTime(e.receivedAt, lng, zone)}
                <br />
                {member(e.receivedBy)}
                <EnteredLatePrint flag={enteredAfterDeadline(e.receivedAt, e.recordedAt, deadlines[e.form])} />
              </td>
              <td>
                {[e.applicant.surname, e.applicant.name, e.applicant.patronymic].filter(Boolean).join(' ')}
                {e.applicant.birth ? `, ${formatBirth(e.applicant.birth, lng)}` : ''}
                <br />
                {e.applicant.address}
              </td>
              <td>{e.document ? `${t(`applications:document.${e.document.kind}`)} ${e.document.number}` : ''}</td>
              <td>
                {e.subject ? t(`applications:subject.${e.subject}`) : t(`applications:formWhat.${e.form}`)}
                {e.details ? `: ${e.details}` : ''}
              </td>
              <td>{e.forwarded.map((f) => `${t(`applications:target.${f.to}`)} ${formatDateTime(f.at, lng, zone)}`).join('; ')}</td>
              <td>{e.decision ? `${t(`applications:outcome.${e.decision.outcome}`)}${e.decision.note ? `: ${e.decision.note}` : ''}` : ''}</td>
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      {state.refusals.length > 0 && (
        <>
          <h3>{t('applications:refusalsTitle')}</h3>
          <table className="doc-table" data-testid="print-refusals">
            <thead>
              <tr>
                <th>{t('applications:col.form')}</th>
                <th>{t('applications:col.received')}</th>
                <th>{t('applications:col.applicant')}</th>
                <th>{t('applications:col.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {state.refusals.map((r) => (
                <tr key={r.id}>
                  <td>{t(`applications:formShort.${r.form}`)}</td>
                  <td>
                    {formatDateTime(r.receivedAt, lng, zone)}
                    <br />
                    {member(r.receivedBy)}
                  </td>
                  <td>{[r.applicant.surname, r.applicant.name, r.applicant.patronymic].filter(Boolean).join(' ')}</td>
                  <td>{t('applications:lateReason', { deadline: formatLocalDateTime(r.deadline.date, r.deadline.time, lng), zone: r.deadline.timeZone })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <Signatures members={setup.members} />
    </PrintFrame>
  );
}
