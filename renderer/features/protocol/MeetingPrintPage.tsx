/**
 * The attachments of the protocol from the final meeting: the complaints received, each with the
 * time, author, content and the commission's decision; and every dissenting opinion, signed by its
 * member; and every ballot the chair let be issued outside voting hours, with the reason. One
 * document for screen, print and PDF.
 */
import { useTranslation } from 'react-i18next';
import { appNow } from '../../app/clock';
import { formatDateTime } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSetup } from '../../app/session';
import { DocHeader } from '../../print/DocHeader';
import { PrintFrame } from '../../print/PrintFrame';
import { Signatures } from '../../print/Signatures';
import { useMeeting, useProtocolState } from '../../core/protocol-queries';
import { useHoursExceptions } from '../../core/hours-exceptions';

export function MeetingPrintPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const meeting = useMeeting();
  const protocol = useProtocolState();
  const exceptions = useHoursExceptions();
  const zone = setup.precinct.timeZone;
  const when = (iso: string) => formatDateTime(iso, lng, zone);
  return (
    <PrintFrame title={t('protocolScreen:meeting.printTitle')} fileName={`complaints-${setup.precinct.number}.pdf`} onBack={() => navigate('protocol')}>
      <DocHeader title={t('protocolScreen:meeting.printTitle')} printedAt={new Date(appNow())} />
      <div className="act-heading" data-testid="meeting-heading">
        {/* The meeting's time is not recorded: written by hand; the members present as recorded at signing. */}
        <p>{t('prints:meeting.heldAt', { at: t('prints:act.blankDateTime') })}</p>
        <p>
          {protocol.current
            ? t('prints:act.present', { names: setup.members.filter((m) => protocol.current?.membersPresent.includes(m.id)).map((m) => m.name).join(', ') })
            : t('prints:act.presentBySignature')}
        </p>
      </div>
      <h2>{t('protocolScreen:meeting.complaints', { count: meeting.complaints.length })}</h2>
      {meeting.complaints.length === 0 ? (
        <p className="doc-note">{t('protocolScreen:meeting.noComplaints')}</p>
      ) : (
        <table className="doc-table" data-testid="print-complaints">
          <thead>
            <tr>
              <th className="col-n">№</th>
              <th className="col-when">{t('protocolScreen:meeting.receivedAt')}</th>
              <th>{t('protocolScreen:meeting.author')}</th>
              <th>{t('protocolScreen:meeting.content')}</th>
              <th>{t('protocolScreen:meeting.decisionLabel')}</th>
            </tr>
          </thead>
          <tbody>
            {meeting.complaints.map((c, i) => (
              <tr key={c.id}>
                <td className="col-n">{i + 1}</td>
                <td className="col-when">{when(c.receivedAt)}</td>
                <td>{c.author}</td>
                <td>{c.content}</td>
                <td>
                  {c.decision ? `${t(`protocolScreen:meeting.decision.${c.decision.decision}`)} (${when(c.decision.decidedAt)}): ${c.decision.text}` : t('protocolScreen:meeting.undecided')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('protocolScreen:meeting.dissents', { count: meeting.dissents.length })}</h2>
      {meeting.dissents.length === 0 && <p className="doc-note">{t('protocolScreen:meeting.noDissents')}</p>}
      {meeting.dissents.map((d) => {
        const member = setup.members.find((m) => m.id === d.memberId);
        return (
          <div key={d.memberId} className="dissent-doc" data-testid="print-dissent">
            <p>
              <strong>{member ? `${member.name} — ${t(`common:role.${member.role}`)}` : d.memberId}</strong> · {when(d.at)}
            </p>
            <p>{d.text}</p>
            {member && <Signatures members={[member]} roles={[member.role]} />}
          </div>
        );
      })}
      <h2>{t('protocolScreen:meeting.hoursExceptions', { count: exceptions.length })}</h2>
      {exceptions.length === 0 ? (
        <p className="doc-note">{t('protocolScreen:meeting.noHoursExceptions')}</p>
      ) : (
        <table className="doc-table" data-testid="print-hours-exceptions">
          <thead>
            <tr>
              <th className="col-n">№</th>
              <th className="col-when">{t('protocolScreen:meeting.issuedAt')}</th>
              <th>{t('voters:field.pageRow')}</th>
              <th>{t('protocolScreen:meeting.exceptionReason')}</th>
              <th>{t('common:role.chair')}</th>
            </tr>
          </thead>
          <tbody>
            {exceptions.map((x, i) => (
              <tr key={x.eventId}>
                <td className="col-n">{i + 1}</td>
                <td className="col-when">
                  {when(x.at)} ({t(`protocolScreen:meeting.outside.${x.outside}`)})
                </td>
                <td>
                  {x.page}/{x.row}
                </td>
                <td>
                  {x.reason}
                  {x.undone && ` — ${t('protocolScreen:meeting.exceptionUndone')}`}
                </td>
                <td>{setup.members.find((m) => m.id === x.by)?.name ?? x.by}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Signatures members={setup.members} seal={t('voters:pages.seal')} />
    </PrintFrame>
  );
}
