/**
 * The acts of the count night, from the ballot ledger and the registers:
 * - the act on unused and spoiled ballots (received by act, issued in the room and outside, spoiled
 *   by reason and by the mobile teams, unused counted and cancelled, what is unaccounted for);
 * - the act on ballots issued (the desk's count against the list's page sums, the register);
 * - the act of handing the documents over to the territorial commission, with the checklist the
 *   secretary ticks on screen (kept for the browser tab: the signed paper act is the record) and the
 *   deadline of calendar item 86 (06:00 the morning after voting day) [inferred: the list of
 *   documents follows domain.md §5–6 and Russian practice; the CEC's own list is not found].
 * One document per act for screen, print and PDF.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SPOIL_REASONS } from '../../../shared/protocol/events';
import { addDays } from '../../../shared/time/date';
import { zonedToInstant } from '../../../shared/time/zone';
import { appNow } from '../../app/clock';
import { formatDateTime, formatNumber } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSetup } from '../../app/session';
import { DocHeader } from '../../print/DocHeader';
import { PrintFrame } from '../../print/PrintFrame';
import { Signatures } from '../../print/Signatures';
import { useCopies, useKnownFigures, useMeeting, useProtocolState } from '../protocol/use-protocol';
import { useLedgerFacts, useOutPremisesState } from './use-print-data';

export type ActKind = 'ballots' | 'issued' | 'handover';

type Row = { label: string; value: string; note?: string; strong?: boolean };

function FigureTable({ rows, testId }: { rows: Row[]; testId: string }) {
  return (
    <table className="doc-table act-table" data-testid={testId}>
      <tbody>
        {rows.map((r, i) => (
          <tr key={`${i}-${r.label}`} className={r.strong ? 'act-total' : undefined}>
            <td className="col-n">{i + 1}</td>
            <td>
              {r.label}
              {r.note && <div className="doc-original">{r.note}</div>}
            </td>
            <td className="num act-value">{r.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ActsPrintPage({ kind }: { kind: ActKind }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const known = useKnownFigures();
  const facts = useLedgerFacts();
  const outside = useOutPremisesState();
  if (!known) return <p className="loading">{t('common:loading')}</p>;
  const f = known.ledger;
  const n = (x: number | null) => (x === null ? '—' : formatNumber(x, lng));
  const zone = setup.precinct.timeZone;
  const title = t(`prints:act.${kind}.title`);
  const now = new Date(appNow());

  let body;
  if (kind === 'ballots') {
    const byReason = SPOIL_REASONS.map((r) => ({
      r, count: facts.reduce((s, x) => s + (x.type === 'BallotsSpoiled' && x.payload.reason === r ? x.payload.count : 0), 0),
    })).filter((x) => x.count > 0);
    const cancelAct = [...facts].reverse().find((x) => x.type === 'UnusedBallotsCancelled');
    body = (
      <FigureTable
        testId="act-ballots"
        rows={[
          { label: t('prints:act.received'), value: n(f.received), note: f.receipts.map((r) => t('ledger:receiptNote', { act: r.actNumber, date: r.actDate, count: n(r.count) })).join('; ') },
          { label: t('ledger:figure.issuedRoom'), value: n(f.issuedRoom) },
          { label: t('ledger:figure.issuedOutside'), value: n(f.issuedOutside) },
          {
            label: t('ledger:figure.spoiled'), value: n(f.spoiled),
            note: [...byReason.map((x) => `${t(`ledger:spoilReason.${x.r}`)}: ${n(x.count)}`), ...(f.spoiledOutside > 0 ? [t('ledger:spoiledOutsideNote', { count: n(f.spoiledOutside) })] : [])].join('; '),
          },
          {
            label: t('ledger:figure.cancelled'), value: n(f.cancelled),
            note: cancelAct && cancelAct.type === 'UnusedBallotsCancelled'
              ? t('prints:act.cancelNote', { act: cancelAct.payload.actNumber, at: formatDateTime(cancelAct.payload.at, lng, zone), packet: cancelAct.payload.packetNumber || '—' })
              : t('ledger:notCancelled'),
          },
          { label: t(f.cancelled === null ? 'ledger:figure.remaining' : 'ledger:figure.remainingAfterAct'), value: n(f.remaining), strong: true },
        ]}
      />
    );
  } else if (kind === 'issued') {
    const visited = outside.visits.filter((v) => v.ballotsIssued > 0).length;
    body = (
      <FigureTable
        testId="act-issued"
        rows={[
          { label: t('prints:act.listVoters'), value: n(f.listSize) },
          { label: t('prints:act.deskIssued'), value: n(f.issuedRoom) },
          { label: t('prints:act.pageSums'), value: f.pageSumsEntered ? n(f.listPageSums) : '—', note: f.pageSumsEntered ? undefined : t('ledger:pageSumsNotYet') },
          { label: t('prints:act.outsideIssued'), value: n(f.issuedOutside), note: t('prints:act.outsideNote', { entries: n(outside.entries.length), visits: n(visited) }) },
          { label: t('prints:act.totalIssued'), value: n(f.issuedRoom + f.issuedOutside), strong: true },
        ]}
      />
    );
  } else {
    body = <Handover now={now} />;
  }

  return (
    <PrintFrame title={title} fileName={`${kind}-${setup.precinct.number}.pdf`} onBack={() => navigate('protocol-prints')}>
      <DocHeader title={title} printedAt={now} />
      {body}
      {kind !== 'handover' && <p className="doc-note">{t('prints:act.figuresFrom', { at: formatDateTime(now, lng, zone) })}</p>}
      <Signatures members={setup.members} roles={['chair', 'deputy', 'secretary', 'member']} seal={t('voters:pages.seal')} />
      {kind === 'handover' && (
        <div className="signatures">
          <div className="signature-line">
            <span>{t('prints:act.receivedByTec')}</span>
            <span className="line" />
            <span />
          </div>
        </div>
      )}
    </PrintFrame>
  );
}

const HANDOVER_KEY = 'precinct-desk.print.handover';

/** The documents handed over to the territorial commission, ticked on screen, with the time. */
function Handover({ now }: { now: Date }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const meeting = useMeeting();
  const protocol = useProtocolState();
  const copies = useCopies();
  const known = useKnownFigures();
  const outside = useOutPremisesState();
  const [ticks, setTicks] = useState<Record<string, boolean>>(() => {
    try {
      return JSON.parse(sessionStorage.getItem(HANDOVER_KEY) ?? '{}') as Record<string, boolean>;
    } catch {
      return {};
    }
  });
  const zone = setup.precinct.timeZone;
  const deadline = zonedToInstant(addDays(setup.election.votingDay, 1), '06:00', zone);
  const late = now.getTime() > deadline.getTime();
  if (!known) return <p className="loading">{t('common:loading')}</p>;
  const f = known.ledger;
  const n = (x: number) => formatNumber(x, lng);
  const items: { key: string; label: string }[] = [
    { key: 'protocol', label: t('prints:handover.protocol', { version: protocol.current?.version ?? '—', complaints: n(meeting.complaints.length), dissents: n(meeting.dissents.length) }) },
    { key: 'list', label: t('prints:handover.list', { voters: n(f.listSize ?? 0) }) },
    { key: 'register', label: t('prints:handover.register', { entries: n(outside.entries.length) }) },
    { key: 'applications', label: t('prints:handover.applications') },
    { key: 'actBallots', label: t('prints:handover.actBallots') },
    { key: 'unused', label: t('prints:handover.unused', { count: n(f.cancelled ?? 0) }) },
    { key: 'spoiled', label: t('prints:handover.spoiled', { count: n(f.spoiled ?? 0) }) },
    { key: 'valid', label: t('prints:handover.valid') },
    { key: 'invalid', label: t('prints:handover.invalid') },
    { key: 'aeu', label: t('prints:handover.aeu') },
    { key: 'receipts', label: t('prints:handover.receipts', { acts: f.receipts.map((r) => r.actNumber).join(', ') || '—' }) },
    { key: 'copies', label: t('prints:handover.copies', { count: n(copies.length) }) },
    { key: 'seals', label: t('prints:handover.seals') },
  ];
  const toggle = (key: string, on: boolean) => {
    const next = { ...ticks, [key]: on };
    setTicks(next);
    sessionStorage.setItem(HANDOVER_KEY, JSON.stringify(next));
  };
  return (
    <>
      <p className={late ? 'doc-note late' : 'doc-note'} data-testid="handover-deadline">
        {t(late ? 'prints:handover.late' : 'prints:handover.deadline', { deadline: formatDateTime(deadline, lng, zone), at: formatDateTime(now, lng, zone) })}
      </p>
      <table className="doc-table" data-testid="handover-list">
        <thead>
          <tr>
            <th className="col-n">№</th>
            <th>{t('prints:handover.document')}</th>
            <th className="col-done">{t('prints:handover.handed')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, i) => (
            <tr key={item.key}>
              <td className="col-n">{i + 1}</td>
              <td>{item.label}</td>
              <td className="col-done">
                <input type="checkbox" className="no-print" checked={ticks[item.key] ?? false} onChange={(e) => toggle(item.key, e.target.checked)} aria-label={item.label} data-testid={`handover-item-${item.key}`} />
                <span className="print-only">{ticks[item.key] ? '☑' : '☐'}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="doc-note" data-testid="handover-count">
        {t('prints:handover.count', { ticked: items.filter((i) => ticks[i.key]).length, total: items.length })}
      </p>
    </>
  );
}
