/**
 * The register of applications as printed for posting 2 days before voting day (calendar item 70).
 * The posted copy leaves personal data out (no name, address or place in the list), as the final
 * list's posted copy does (item 49, "жеке маалыматтарсыз"): number, reason, when received and by
 * which member. The teams work from the trip sheets, which carry names and addresses.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { appNow } from '../../app/clock';
import { applicationDeadline } from '../../../shared/outpremises';
import { enteredAfterDeadline } from '../../../shared/calendar/entered-late';
import { EnteredLatePrint } from '../../app/EnteredLate';
import { formatDateTime } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSetup } from '../../app/session';
import { DocHeader } from '../../print/DocHeader';
import { PrintFrame } from '../../print/PrintFrame';
import { Signatures } from '../../print/Signatures';
import { useOutPremisesState } from '../../core';
import { RegisterNumberedTwice } from './RegisterNumberedTwice';

export function RegisterPrintPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const state = useOutPremisesState();
  const printedAt = useMemo(() => new Date(appNow()), []);
  const memberName = (id: string) => setup.members.find((m) => m.id === id)?.name ?? '—';
  const deadline = applicationDeadline({ votingDay: setup.election.votingDay, timeZone: setup.precinct.timeZone });
  return (
    <PrintFrame title={t('outpremises:printPosting')} fileName={`out-of-premises-register-${setup.precinct.number}.pdf`} onBack={() => navigate('outpremises')}>
      <DocHeader title={t('outpremises:docTitle')} printedAt={printedAt} />
      <table className="doc-table" data-testid="print-outpremises">
        <thead>
          <tr>
            <th>№</th>
            <th>{t('outpremises:reasonLabel')}</th>
            <th>{t('outpremises:colReceived')}</th>
            <th>{t('outpremises:colReceivedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {state.entries.filter((e) => !e.withdrawn).map((e) => {
            const late = enteredAfterDeadline(e.receivedAt, e.recordedAt, deadline);
            return (
              <tr key={e.eventId}>
                <td>{e.number}</td>
                <td>{t(`outpremises:reason.${e.reason}`)}</td>
                <td>
                  {formatDateTime(e.receivedAt, lng, setup.precinct.timeZone)}
                  <EnteredLatePrint flag={late} />
                </td>
                <td>{memberName(e.receivedBy)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <RegisterNumberedTwice state={state} print testId="print-outpremises-numbered-twice" />
      <p className="doc-note" data-testid="print-outpremises-privacy">{t('outpremises:postedWithoutPersonalData')}</p>
      <Signatures members={setup.members} seal={t('voters:pages.seal')} />
    </PrintFrame>
  );
}
