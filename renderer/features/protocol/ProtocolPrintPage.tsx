/**
 * The signed protocol as printed: every line with its figure in numbers, the members present with
 * signature lines, the seal's place, and the QR codes of the result (one or more chunks) that the
 * territorial commission scans and checks against the hash. One document for screen, print and PDF.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { encodeQrChunks, valuesInFormOrder } from '../../../shared/protocol/qr-payload';
import { signCanonical } from '../../../shared/sync/keys';
import { formatDateTime, formatNumber } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSetup } from '../../app/session';
import { db } from '../../app/store';
import { DocHeader } from '../../print/DocHeader';
import { PrintFrame } from '../../print/PrintFrame';
import { QrCode } from '../../print/QrCode';
import { useMeeting, useProtocolForm, useProtocolState } from './use-protocol';
import { PRINT_VERSION_KEY } from './VersionsPanel';

export function ProtocolPrintPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const form = useProtocolForm(setup);
  const state = useProtocolState();
  const meeting = useMeeting();
  // A version chosen in the history, else the version in force.
  const chosen = Number(sessionStorage.getItem(PRINT_VERSION_KEY) ?? '');
  const current = state.signed.find((v) => v.version === chosen) ?? state.current;
  const [signature, setSignature] = useState<string | null>(null);

  // The laptop signs the protocol's hash with its enrolled key (none before enrolment).
  useEffect(() => {
    if (!current) return;
    let live = true;
    void db.sync.get('keys').then(async (row) => {
      const sig = row && row.key === 'keys' ? await signCanonical({ hash: current.hash }, row.privateKey) : '';
      if (live) setSignature(sig);
    });
    return () => {
      live = false;
    };
  }, [current]);

  const chunks = useMemo(() => {
    if (!current || signature === null) return [];
    return encodeQrChunks({
      electionId: setup.election.id,
      precinct: setup.precinct.number,
      formId: current.formId,
      formVersion: current.formVersion,
      protocolVersion: current.version,
      mark: current.mark,
      values: valuesInFormOrder(form, current.values),
      hash: current.hash,
      signature,
    });
  }, [current, signature, form, setup.election.id, setup.precinct.number]);

  if (!current) return <p className="hint">{t('protocolScreen:nothingSigned')}</p>;
  const members = setup.members.filter((m) => current.membersPresent.includes(m.id));
  return (
    <PrintFrame title={t('protocolScreen:printTitle')} fileName={`protocol-${setup.precinct.number}-v${current.version}.pdf`} onBack={() => {
      sessionStorage.removeItem(PRINT_VERSION_KEY);
      navigate('protocol');
    }}>
      <DocHeader title={t('protocolScreen:docTitle')} printedAt={new Date(current.signedAt)} />
      <p className="doc-sub" data-testid="print-protocol-mark">
        {t('protocolScreen:versionLine', { version: current.version, mark: t(`protocol:mark.${current.mark}`), at: formatDateTime(current.signedAt, lng, setup.precinct.timeZone) })}
      </p>
      <table className="doc-table" data-testid="print-protocol">
        <tbody>
          {form.lines.map((line) => (
            <tr key={line.key}>
              <td className="col-n">{line.number}</td>
              <td>{line.label[lng]}</td>
              <td className="num">{formatNumber(current.values[line.key] ?? 0, lng)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {current.override && (
        <p className="doc-note" data-testid="print-override">
          {t('protocolScreen:overridePrinted', { reason: current.override.reason })}
        </p>
      )}
      {current.correction && (
        <p className="doc-note" data-testid="print-correction">
          {t('protocolScreen:correctionPrinted', { mark: t(`protocol:mark.${current.mark}`), reason: current.correction.reason })}
        </p>
      )}
      {current.changes.length > 0 && (
        <div className="doc-note" data-testid="print-changes">
          <strong>{t('protocolScreen:changesPrinted')}</strong>
          <ul>
            {current.changes.map((c) => (
              <li key={c.line}>
                {t('protocolScreen:changePrinted', {
                  line: form.lines.find((l) => l.key === c.line)?.number ?? c.line, known: formatNumber(c.known, lng), value: formatNumber(c.value, lng), reason: c.reason,
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {(meeting.complaints.length > 0 || meeting.dissents.length > 0) && (
        <p className="doc-note" data-testid="print-attachments">
          {t('protocolScreen:attachmentsPrinted', { complaints: meeting.complaints.length, dissents: meeting.dissents.length })}
        </p>
      )}
      <div className="protocol-footer">
      <div className="signatures">
        {members.map((m) => (
          <div key={m.id} className="signature-line">
            <span>{t(`common:role.${m.role}`)}</span>
            <span className="line" />
            <span>{m.name}</span>
          </div>
        ))}
        <div className="seal-place">{t('voters:pages.seal')}</div>
      </div>
      <div className="qr-row" data-testid="protocol-qr">
        {chunks.map((chunk, i) => (
          <QrCode key={chunk} text={chunk} sizeMm={42} label={t('protocolScreen:qrLabel', { n: i + 1, total: chunks.length })} />
        ))}
      </div>
      </div>
      <p className="doc-note">{t('protocolScreen:hashLine', { hash: current.hash })}</p>
    </PrintFrame>
  );
}
