/**
 * The signed protocol as printed. The figures page: every line with its figure in numbers (and in
 * words when the form definition says so), the two-copies statement, the date and time of signing,
 * every member with a signature line (absent ones marked, a dissenting member's opinion noted at the
 * signature), the seal's place. Then the annex: the app's notes (override, correction, changed
 * figures) and the QR codes of the result that the territorial commission scans and checks against
 * the hash — with a warning when the laptop is not enrolled, so the codes carry no signature.
 * Copy No. 1 or No. 2 of the protocol, or a numbered certified copy for a recipient; the copy's mark
 * and "page X / Y" stand on every page, and a superseded version says "not valid — superseded by
 * version N" on every page. "Printed" is the moment of printing; the signing time is its own line.
 * One document for screen, print and PDF.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { encodeQrChunks, valuesInFormOrder } from '../../../shared/protocol/qr-payload';
import { signCanonical } from '../../../shared/sync/keys';
import { appNow } from '../../app/clock';
import { formatNumber, formatOfficialDateTime } from '../../app/format';
import { numberInWords } from '../../../shared/i18n/number-words';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSetup } from '../../app/session';
import { readSigningKey } from '../../core';
import { DocHeader } from '../../print/DocHeader';
import { PrintFrame } from '../../print/PrintFrame';
import { QrCode } from '../../print/QrCode';
import { Signatures } from '../../print/Signatures';
import { useCopies, useMeeting, useProtocolForm, useProtocolStateOnceRead } from '../../core/protocol-queries';
import { PRINT_VERSION_KEY } from './VersionsPanel';
import { RunningHead } from '../../print/RunningHead';

/** Which copy the print page shows: No. 1 or 2 of the protocol, or a logged certified copy. */
export const PRINT_COPY_KEY = 'precinct-desk.print.protocolCopy';
export type PrintCopy = { kind: 'original'; n: 1 | 2 } | { kind: 'certified'; copyNumber: number };

export function readPrintCopy(): PrintCopy {
  const raw = sessionStorage.getItem(PRINT_COPY_KEY) ?? '';
  const m = /^certified:(\d+)$/u.exec(raw);
  if (m) return { kind: 'certified', copyNumber: Number(m[1]) };
  return { kind: 'original', n: raw === 'original:2' ? 2 : 1 };
}

export function choosePrintCopy(copy: PrintCopy): void {
  sessionStorage.setItem(PRINT_COPY_KEY, copy.kind === 'original' ? `original:${copy.n}` : `certified:${copy.copyNumber}`);
}

export function ProtocolPrintPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const form = useProtocolForm(setup);
  const state = useProtocolStateOnceRead();
  const meeting = useMeeting();
  // A version chosen in the history, else the version in force.
  const chosen = Number(sessionStorage.getItem(PRINT_VERSION_KEY) ?? '');
  const current = state ? (state.signed.find((v) => v.version === chosen) ?? state.current) : null;
  const [signature, setSignature] = useState<string | null>(null);
  const [copy, setCopy] = useState<PrintCopy>(readPrintCopy);
  const copies = useCopies();

  // The laptop signs the protocol's hash with its enrolled key (none before enrolment).
  useEffect(() => {
    if (!current) return;
    let live = true;
    void readSigningKey().then(async (key) => {
      const sig = key ? await signCanonical({ hash: current.hash }, key) : '';
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

  if (!state) {
    // Still reading: an empty, busy frame, never "nothing signed" for a protocol that is.
    return (
      <PrintFrame title={t('protocolScreen:printTitle')} fileName="protocol.pdf" onBack={() => navigate('protocol')}>
        <h1 aria-busy="true">{t('protocolScreen:printTitle')}</h1>
      </PrintFrame>
    );
  }
  if (!current) {
    return (
      <PrintFrame title={t('protocolScreen:printTitle')} fileName="protocol.pdf" onBack={() => navigate('protocol')}>
        <h1>{t('protocolScreen:printTitle')}</h1>
        <p className="hint">{t('protocolScreen:nothingSigned')}</p>
      </PrintFrame>
    );
  }
  const certified = copy.kind === 'certified' ? copies.find((c) => c.copyNumber === copy.copyNumber && c.protocolHash === current.hash) ?? null : null;
  const mark = certified
    ? t('prints:certifiedMark', { n: certified.copyNumber })
    : t('prints:copyMark', { n: copy.kind === 'original' ? copy.n : 1 });
  const pick = (next: PrintCopy) => {
    choosePrintCopy(next);
    setCopy(next);
  };
  const tools = (
    <select
      value={copy.kind === 'original' ? `original:${copy.n}` : `certified:${copy.copyNumber}`}
      onChange={(e) => {
        const [kind, n] = e.target.value.split(':');
        pick(kind === 'certified' ? { kind: 'certified', copyNumber: Number(n) } : { kind: 'original', n: n === '2' ? 2 : 1 });
      }}
      aria-label={t('prints:whichCopy')}
      data-testid="print-copy"
    >
      <option value="original:1">{t('prints:copyMark', { n: 1 })}</option>
      <option value="original:2">{t('prints:copyMark', { n: 2 })}</option>
      {copies.filter((c) => c.protocolHash === current.hash).map((c) => (
        <option key={c.copyNumber} value={`certified:${c.copyNumber}`}>
          {t('prints:certifiedMark', { n: c.copyNumber })} · {c.recipientName}
        </option>
      ))}
    </select>
  );
  const paper = form.paper;
  const supersededBy = current.supersededBy === null ? null : state.signed.find((v) => v.hash === current.supersededBy) ?? null;
  const voidText = supersededBy ? t('prints:protocol.superseded', { version: supersededBy.version }) : null;
  const signedAt = formatOfficialDateTime(current.signedAt, lng, setup.precinct.timeZone);
  const dissenting = new Set(meeting.dissents.map((d) => d.memberId));
  const unsigned = signature === '';
  const runningHead = `${mark} · ${t('prints:precinctVersion', { precinct: setup.precinct.number, version: current.version })}`;
  return (
    <PrintFrame title={t('protocolScreen:printTitle')} fileName={`protocol-${setup.precinct.number}-v${current.version}.pdf`} tools={tools} onBack={() => {
      sessionStorage.removeItem(PRINT_VERSION_KEY);
      navigate('protocol');
    }}>
      <RunningHead text={runningHead} warning={voidText ?? undefined} />
      {voidText && supersededBy && (
        <div className="void-banner" data-testid="print-superseded">
          <strong>{voidText}</strong>
          <span>{t('prints:protocol.supersededNote', { version: supersededBy.version, at: formatOfficialDateTime(supersededBy.signedAt, lng, setup.precinct.timeZone) })}</span>
        </div>
      )}
      {voidText && <div className="void-watermark" aria-hidden="true">{voidText}</div>}
      <DocHeader title={t('protocolScreen:docTitle')} printedAt={new Date(appNow())} mark={
        <span className="copy-mark" data-testid="print-copy-mark">
          {mark}
        </span>
      } />
      {current.mark !== 'original' && (
        <p className="protocol-kind" data-testid="print-protocol-kind">{t(`prints:protocol.kind.${current.mark}`)}</p>
      )}
      <table className={paper.figuresInWords ? 'doc-table protocol-table with-words' : 'doc-table protocol-table'} data-testid="print-protocol">
        <thead>
          <tr>
            <th className="col-n">{t('prints:protocol.lineColumn')}</th>
            <th>{t('prints:protocol.labelColumn')}</th>
            <th className="num">{t('prints:protocol.figuresColumn')}</th>
            {paper.figuresInWords && <th>{t('prints:protocol.wordsColumn')}</th>}
          </tr>
        </thead>
        <tbody>
          {form.lines.map((line) => {
            const value = current.values[line.key] ?? 0;
            return (
              <tr key={line.key} data-line={line.number}>
                <td className="col-n">{line.number}</td>
                <td>{line.label[lng]}</td>
                <td className="num">{formatNumber(value, lng)}</td>
                {paper.figuresInWords && <td className="in-words" data-testid={`print-words-${line.number}`}>{numberInWords(value, lng) ?? '—'}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
      {(meeting.complaints.length > 0 || meeting.dissents.length > 0) && (
        <p className="doc-note" data-testid="print-attachments">
          {t('protocolScreen:attachmentsPrinted', { complaints: meeting.complaints.length, dissents: meeting.dissents.length })}
        </p>
      )}
      <div className="protocol-signing">
        {paper.twoCopiesStatement && <p data-testid="print-two-copies">{t('prints:protocol.twoCopies')}</p>}
        {paper.signingTime && <p data-testid="print-signed-at">{t('prints:protocol.signedAt', { at: signedAt })}</p>}
        <div className="signing-row">
          <div className="signatures" data-testid="print-signatures">
            {setup.members.map((m) => {
              const present = current.membersPresent.includes(m.id);
              return (
                <div key={m.id} className={present ? 'signature-line' : 'signature-line absent'} data-testid={`print-signature-${m.id}`}>
                  <span>{t(`common:role.${m.role}`)}</span>
                  {present ? <span className="line" /> : <span className="absent-mark">{t('prints:absent')}</span>}
                  <span>
                    {m.name}
                    {paper.dissentMarks && present && dissenting.has(m.id) && (
                      <em className="dissent-mark" data-testid="print-dissent-mark">{t('prints:protocol.dissent')}</em>
                    )}
                  </span>
                </div>
              );
            })}
          </div>
          <div className="seal-place">{t('voters:pages.seal')}</div>
        </div>
      </div>
      <section className="protocol-annex" data-testid="print-annex">
        <h2>{t('prints:protocol.annexTitle', { version: current.version })}</h2>
        <p className="doc-sub" data-testid="print-protocol-mark">
          {t('protocolScreen:versionLine', { version: current.version, mark: t(`protocol:mark.${current.mark}`), at: signedAt })}
        </p>
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
        {unsigned && (
          <p className="unsigned-note" role="alert" data-testid="print-unsigned">
            {t('prints:protocol.unsigned')}
          </p>
        )}
        <div className="qr-row" data-testid="protocol-qr">
          {chunks.map((chunk, i) => (
            <QrCode key={chunk} text={chunk} sizeMm={42} label={t('protocolScreen:qrLabel', { n: i + 1, total: chunks.length })} />
          ))}
        </div>
        <p className="doc-note">{t('protocolScreen:hashLine', { hash: current.hash })}</p>
      </section>
      {certified && (
        <div className="certification" data-testid="print-certification">
          <strong>{t('prints:trueCopy')}</strong>
          <p>
            {t('prints:certifiedFor', {
              n: certified.copyNumber,
              name: certified.recipientName,
              role: t(`prints:role.${certified.recipientRole}`),
              represents: certified.represents ? `, ${certified.represents}` : '',
              at: formatOfficialDateTime(certified.issuedAt, lng, setup.precinct.timeZone),
            })}
          </p>
          <Signatures members={setup.members} seal={t('voters:pages.seal')} />
        </div>
      )}
    </PrintFrame>
  );
}
