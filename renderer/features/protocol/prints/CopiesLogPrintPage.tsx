/** The log of certified copies of the protocol: number, version, recipient, role, time, a signature for receipt. */
import { useTranslation } from 'react-i18next';
import { appNow } from '../../../app/clock';
import { formatDateTime } from '../../../app/format';
import type { Language } from '../../../app/i18n';
import { navigate } from '../../../app/router';
import { useSetup } from '../../../app/session';
import { DocHeader } from '../../../print/DocHeader';
import { PrintFrame } from '../../../print/PrintFrame';
import { Signatures } from '../../../print/Signatures';
import { useCopies } from '../../../core/protocol-queries';
import { copyKey } from '../../../../shared/protocol/copies';
import { NumberedTwice } from '../NumberedTwice';

export function CopiesLogPrintPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const copies = useCopies();
  const title = t('prints:logTitle');
  return (
    <PrintFrame title={title} fileName={`copies-${setup.precinct.number}.pdf`} onBack={() => navigate('protocol-prints')}>
      <DocHeader title={title} printedAt={new Date(appNow())} />
      <table className="doc-table" data-testid="print-copies-log">
        <thead>
          <tr>
            <th className="col-n">№</th>
            <th>{t('prints:recipientName')}</th>
            <th>{t('prints:recipientRole')}</th>
            <th>{t('prints:ofVersionHead')}</th>
            <th className="col-when">{t('prints:issuedAt')}</th>
            <th className="col-resp">{t('prints:receiptSignature')}</th>
          </tr>
        </thead>
        <tbody>
          {copies.map((c) => (
            <tr key={copyKey(c)}>
              <td className="col-n">{c.copyNumber}</td>
              <td>{c.recipientName}</td>
              <td>
                {t(`prints:role.${c.recipientRole}`)}
                {c.represents && <div className="doc-original">{c.represents}</div>}
              </td>
              <td>{t('prints:ofVersion', { version: c.version })}</td>
              <td className="col-when">{formatDateTime(c.issuedAt, lng, setup.precinct.timeZone)}</td>
              <td className="col-resp" />
            </tr>
          ))}
        </tbody>
      </table>
      {copies.length === 0 && <p className="doc-note">{t('prints:noCopies')}</p>}
      <NumberedTwice copies={copies} print testId="print-copies-numbered-twice" />
      <Signatures members={setup.members} />
    </PrintFrame>
  );
}
