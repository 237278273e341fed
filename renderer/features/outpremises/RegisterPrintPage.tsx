/** The register of applications as printed: for posting 2 days before voting day, and for the teams. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { appNow } from '../../app/clock';
import { formatDateTime } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSetup } from '../../app/session';
import { DocHeader } from '../../print/DocHeader';
import { PrintFrame } from '../../print/PrintFrame';
import { Signatures } from '../../print/Signatures';
import { useVoterList } from '../voters/list-store';
import { fullName } from '../voters/VotersScreen';
import { useOutPremises } from './RegisterScreen';

export function RegisterPrintPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const state = useOutPremises();
  const list = useVoterList();
  const printedAt = useMemo(() => new Date(appNow()), []);
  const byId = list.state === 'ready' ? list.list.byId : null;
  return (
    <PrintFrame title={t('outpremises:printPosting')} fileName={`out-of-premises-register-${setup.precinct.number}.pdf`} onBack={() => navigate('outpremises')}>
      <DocHeader title={t('outpremises:docTitle')} printedAt={printedAt} />
      <table className="doc-table" data-testid="print-outpremises">
        <thead>
          <tr>
            <th>№</th>
            <th>{t('outpremises:colVoter')}</th>
            <th>{t('outpremises:address')}</th>
            <th>{t('outpremises:reasonLabel')}</th>
            <th>{t('outpremises:colReceived')}</th>
          </tr>
        </thead>
        <tbody>
          {state.entries.filter((e) => !e.withdrawn).map((e) => {
            const v = byId?.get(e.voterId);
            return (
              <tr key={e.number}>
                <td>{e.number}</td>
                <td>
                  {v ? fullName(v) : e.voterId} ({e.page}/{e.row})
                </td>
                <td>{e.address}</td>
                <td>{t(`outpremises:reason.${e.reason}`)}</td>
                <td>{formatDateTime(e.receivedAt, lng, setup.precinct.timeZone)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Signatures members={setup.members} seal={t('voters:pages.seal')} />
    </PrintFrame>
  );
}
