/**
 * The acts of the count night, from the ballot ledger and the registers:
 * - the act on unused and spoiled ballots (received by act, issued in the room and outside, spoiled
 *   by reason and by the mobile teams, unused counted and cancelled, what is unaccounted for);
 * - the act on ballots issued (the desk's count against the list's page sums, the register);
 * - the act of handing the documents over to the territorial commission: the checklist the
 *   secretary ticks on screen, the members escorting the documents and the person receiving them,
 *   each recorded as an event (shared/handover) and printed from them, with the time the handover
 *   was recorded against the deadline of calendar item 86 (06:00 the morning after voting day) [inferred: the list of
 *   documents follows domain.md §5–6 and Russian practice; the CEC's own list is not found].
 * One document per act for screen, print and PDF.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { HANDOVER_ITEMS, handoverTerms, type HandoverItem, type HandoverRefusal } from '../../../../shared/handover';
import { commands, contextOf, markHandoverItem, recordHandover, useHandover, useOutPremisesState } from '../../../core';
import { useTranslation } from 'react-i18next';
import { SPOIL_REASONS } from '../../../../shared/protocol/events';
import { issuedByAct } from '../../../../shared/protocol/ledger';
import { appNow } from '../../../app/clock';
import { formatDateTime, formatNumber, formatOfficialDate, formatOfficialDateTime } from '../../../app/format';
import type { Language } from '../../../app/i18n';
import { navigate } from '../../../app/router';
import { useSession, useSetup } from '../../../app/session';
import { DocHeader } from '../../../print/DocHeader';
import { PrintFrame } from '../../../print/PrintFrame';
import { useCopies, useKnownFigures, useMeeting, useProtocolState } from '../../../core/protocol-queries';
import { useLedgerFacts } from './use-print-data';
import { ActCopies } from './ActCopies';
import { issuedRoomLabel, LedgerBalance, remainingLine } from '../../../ui/charts';
import { Form, FormField } from '../../../ui/form';

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
  const protocol = useProtocolState();
  const handover = useHandover();
  if (!known) return <p className="loading">{t('common:loading')}</p>;
  const f = known.ledger;
  const n = (x: number | null) => (x === null ? '—' : formatNumber(x, lng));
  // The members present, when recorded (at signing the protocol); else every member signs for presence.
  const present = protocol.current ? new Set(protocol.current.membersPresent) : null;
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
      <>
      <FigureTable
        testId="act-ballots"
        rows={[
          { label: t('prints:act.received'), value: n(f.received), note: f.receipts.map((r) => t('ledger:receiptNote', { act: r.actNumber, date: formatOfficialDate(r.actDate, lng), count: n(r.count) })).join('; ') },
          {
            label: t(issuedRoomLabel(f)), value: n(f.issuedRoomByAct),
            ...(f.issuedRoomByAct !== f.issuedRoom ? { note: t('ledger:issuedRoomBySignatures', { desk: n(f.issuedRoom) }) } : {}),
          },
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
          ...(f.withTeams > 0 ? [{ label: t('ledger:figure.withTeams'), value: n(f.withTeams) }] : []),
          { label: t(remainingLine(f).label), value: n(remainingLine(f).value), strong: true },
        ]}
      />
      <LedgerBalance f={f} />
      </>
    );
  } else if (kind === 'issued') {
    const visited = outside.visits.filter((v) => v.ballotsIssued > 0).length;
    // In the room: the signatures on the list's pages once entered (the law's count), the desk's record beside it.
    const act = issuedByAct(f);
    body = (
      <FigureTable
        testId="act-issued"
        rows={[
          { label: t('prints:act.listVoters'), value: n(f.listSize) },
          { label: t('prints:act.deskIssued'), value: n(f.issuedRoom), ...(act.deskDifference !== 0 ? { note: t('prints:act.deskDiffers', { difference: n(Math.abs(act.deskDifference)) }) } : {}) },
          { label: t('prints:act.pageSums'), value: f.pageSumsEntered ? n(f.listPageSums) : '—', note: f.pageSumsEntered ? undefined : t('ledger:pageSumsNotYet') },
          { label: t('prints:act.outsideIssued'), value: n(f.issuedOutside), note: t('prints:act.outsideNote', { entries: n(outside.entries.length), visits: n(visited) }) },
          { label: t('prints:act.totalIssued'), value: n(act.total), strong: true, ...(act.from === 'desk' ? { note: t('prints:act.totalByDesk') } : {}) },
        ]}
      />
    );
  } else {
    body = <Handover />;
  }

  // The act's own number and time of drawing up, where recorded; blanks to fill in by hand otherwise.
  const cancel = [...facts].reverse().find((x) => x.type === 'UnusedBallotsCancelled');
  const sums = [...facts].reverse().find((x) => x.type === 'ListPageSumsEntered');
  const actNumber = kind === 'ballots' && cancel?.type === 'UnusedBallotsCancelled' ? cancel.payload.actNumber : null;
  const drawnAt =
    kind === 'ballots' && cancel?.type === 'UnusedBallotsCancelled' ? cancel.payload.at
    : kind === 'issued' && sums?.type === 'ListPageSumsEntered' ? sums.payload.at
    : kind === 'handover' ? handover.recorded?.at ?? null
    : null;
  return (
    <PrintFrame title={title} fileName={`${kind}-${setup.precinct.number}.pdf`} onBack={() => navigate('protocol-prints')}>
      <DocHeader title={title} printedAt={now} />
      <div className="act-heading" data-testid="act-heading">
        <p>
          <strong>{t('prints:act.number', { number: actNumber ?? '________' })}</strong>
          {' · '}
          {t('prints:act.drawnUpAt', { at: drawnAt ? formatOfficialDateTime(drawnAt, lng, zone) : t('prints:act.blankDateTime') })}
        </p>
        <p data-testid="act-present">
          {present
            ? t('prints:act.present', { names: setup.members.filter((m) => present.has(m.id)).map((m) => m.name).join(', ') })
            : t('prints:act.presentBySignature')}
        </p>
      </div>
      {body}
      {kind === 'ballots' && f.cancelled !== null && (
        // Art 35(4) of the law (2015 text): cancelled by cutting off the lower right corner.
        <p className="act-statement" data-testid="act-cancel-statement">{t('prints:act.cancelStatement')}</p>
      )}
      {kind !== 'handover' && <p className="doc-note">{t('prints:act.figuresFrom', { at: formatDateTime(now, lng, zone) })}</p>}
      <div className="signatures" data-testid="act-signatures">
        {setup.members.map((m) => {
          const here = present === null || present.has(m.id);
          return (
            <div key={m.id} className={here ? 'signature-line' : 'signature-line absent'}>
              <span>{t(`common:role.${m.role}`)}</span>
              {here ? <span className="line" /> : <span className="absent-mark">{t('prints:absent')}</span>}
              <span>{m.name}</span>
            </div>
          );
        })}
        <div className="seal-place">{t('voters:pages.seal')}</div>
      </div>
      {kind !== 'handover' && <ActCopies act={kind} />}
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

/** The documents handed over to the territorial commission, the escort and the receiver, as recorded. */
function Handover() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  const meeting = useMeeting();
  const protocol = useProtocolState();
  const copies = useCopies();
  const known = useKnownFigures();
  const outside = useOutPremisesState();
  const handover = useHandover();
  const [escort, setEscort] = useState<string[]>(() => setup.members.filter((m) => m.role === 'chair').map((m) => m.id));
  const [receiver, setReceiver] = useState('');
  const [escortOthers, setEscortOthers] = useState('');
  const [packets, setPackets] = useState('');
  const [seals, setSeals] = useState('');
  const [problems, setProblems] = useState<HandoverRefusal[]>([]);
  // The escort and the receiver are marked at their fields (the shared Form focuses the first); the rest are listed.
  const noEscort = problems.some((p) => p.code === 'no-escort');
  const otherProblems = problems.filter((p) => p.code !== 'no-escort' && p.code !== 'no-receiver');
  const escortErrorId = `${useId()}-escort-error`;
  // A tick shows at once; the recorded fact takes over only when every tick of that document is
  // recorded AND the live query shows the last one. Clearing it when the command settles (before
  // the live query has caught up) showed the old state for a moment, and a quick second click then
  // acted on what was shown, not on what was recorded.
  const [pending, setPending] = useState<Partial<Record<HandoverItem, boolean>>>({});
  const inFlight = useRef(new Map<HandoverItem, number>());
  const [settled, setSettled] = useState(0);
  useEffect(() => {
    setPending((p) => {
      const done = (Object.keys(p) as HandoverItem[]).filter((item) => !inFlight.current.get(item) && handover.handed.has(item) === p[item]);
      if (done.length === 0) return p;
      const next = { ...p };
      for (const item of done) delete next[item];
      return next;
    });
  }, [handover, settled]);
  const tick = (item: HandoverItem, on: boolean, context: ReturnType<typeof contextOf>) => {
    setPending((p) => ({ ...p, [item]: on }));
    inFlight.current.set(item, (inFlight.current.get(item) ?? 0) + 1);
    const forget = () =>
      setPending(({ [item]: _dropped, ...rest }) => rest);
    void markHandoverItem(commands, item, on, context)
      .then((r) => {
        // Not recorded (anything but "already so"): show what is recorded again.
        if (!r.ok && r.error.code !== 'unchanged') forget();
      }, forget)
      .finally(() => {
        inFlight.current.set(item, (inFlight.current.get(item) ?? 1) - 1);
        setSettled((n) => n + 1);
      });
  };
  const zone = setup.precinct.timeZone;
  const terms = handoverTerms(setup.precinct, setup.election.votingDay);
  const deadline = terms.deadline;
  const perCec = t('prints:handover.perCec');
  if (!known) return <p className="loading">{t('common:loading')}</p>;
  const f = known.ledger;
  const n = (x: number) => formatNumber(x, lng);
  const labels: Record<HandoverItem, string> = {
    protocol: t('prints:handover.protocol', { version: protocol.current?.version ?? '—', complaints: n(meeting.complaints.length), dissents: n(meeting.dissents.length) }),
    list: t('prints:handover.list', { count: f.listSize ?? 0 }),
    register: t('prints:handover.register', { entries: n(outside.entries.length) }),
    applications: t('prints:handover.applications'),
    actBallots: t('prints:handover.actBallots'),
    unused: t('prints:handover.unused', { count: n(f.cancelled ?? 0) }),
    spoiled: t('prints:handover.spoiled', { count: n(f.spoiled) }),
    valid: t('prints:handover.valid'),
    invalid: t('prints:handover.invalid'),
    aeu: t('prints:handover.aeu'),
    receipts: t('prints:handover.receipts', { acts: f.receipts.map((r) => r.actNumber).join(', ') || '—' }),
    copies: t('prints:handover.copies', { count: n(copies.length) }),
    seals: t('prints:handover.seals'),
  };
  const context = contextOf(setup, operator?.id ?? null);
  const recorded = handover.recorded;
  const late = recorded !== null && deadline !== null && Date.parse(recorded.at) > deadline.getTime();
  const memberName = (id: string) => setup.members.find((m) => m.id === id)?.name ?? id;
  return (
    <>
      <div className="handover-terms" data-testid="handover-terms">
        <p>{t('prints:handover.terms.receiver', { body: terms.receiver ?? perCec })}</p>
        {(terms.route !== null || terms.abroad) && <p>{t('prints:handover.terms.route', { route: terms.route ?? perCec })}</p>}
        <p>{deadline ? t('prints:handover.terms.deadline', { deadline: formatOfficialDateTime(deadline, lng, zone) }) : t('prints:handover.terms.deadlinePerCec')}</p>
      </div>
      <p className={late ? 'doc-note late' : 'doc-note'} data-testid="handover-deadline">
        {deadline === null
          ? recorded
            ? t('prints:handover.deadlinePerCec', { at: formatDateTime(recorded.at, lng, zone) })
            : t('prints:handover.notYetPerCec')
          : recorded
            ? t(late ? 'prints:handover.late' : 'prints:handover.deadline', { deadline: formatDateTime(deadline, lng, zone), at: formatDateTime(recorded.at, lng, zone) })
            : t('prints:handover.notYet', { deadline: formatDateTime(deadline, lng, zone) })}
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
          {HANDOVER_ITEMS.map((item, i) => (
            <tr key={item}>
              <td className="col-n">{i + 1}</td>
              <td>{labels[item]}</td>
              <td className="col-done">
                <input
                  type="checkbox"
                  className="no-print"
                  checked={pending[item] ?? handover.handed.has(item)}
                  onChange={(e) => tick(item, e.target.checked, context)}
                  aria-label={labels[item]}
                  data-testid={`handover-item-${item}`}
                />
                <span className="print-only">{handover.handed.has(item) ? '☑' : '☐'}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="doc-note" data-testid="handover-count">
        {t('prints:handover.count', { ticked: handover.handed.size, total: HANDOVER_ITEMS.length })}
      </p>
      {recorded && (
        <div className="handover-parties" data-testid="handover-parties">
          <p>{t('prints:handover.escortPrinted', { names: recorded.escort.map(memberName).join(', ') })}</p>
          {recorded.escortOthers && <p>{t('prints:handover.othersPrinted', { names: recorded.escortOthers })}</p>}
          {recorded.packets && <p>{t('prints:handover.packetsPrinted', { packets: recorded.packets })}</p>}
          {recorded.seals && <p>{t('prints:handover.sealsPrinted', { seals: recorded.seals })}</p>}
          <p>{t('prints:handover.receiverPrinted', { receiver: recorded.receiver, at: formatOfficialDateTime(recorded.at, lng, zone) })}</p>
        </div>
      )}
      <Form
        className="no-print card handover-form"
        data-testid="handover-form"
        onSubmit={async () => {
          const r = await recordHandover(commands, { escort, receiver, escortOthers, packets, seals }, setup.members, context);
          setProblems(r.ok ? [] : r.error);
          return r.ok ? 'done' : 'refused';
        }}
      >
        <fieldset>
          <legend>{t('prints:handover.escort')}</legend>
          {setup.members.map((m) => (
            <label key={m.id} className="check">
              <input
                type="checkbox"
                checked={escort.includes(m.id)}
                onChange={(e) => setEscort(e.target.checked ? [...escort, m.id] : escort.filter((x) => x !== m.id))}
                aria-invalid={noEscort || undefined}
                aria-describedby={noEscort ? escortErrorId : undefined}
                data-testid={`handover-escort-${m.id}`}
              />
              <span>{m.name} — {t(`common:role.${m.role}`)}</span>
            </label>
          ))}
          {noEscort && (
            <span id={escortErrorId} className="field-error" data-testid="handover-escort-problem">
              {t('prints:handover.refused.no-escort')}
            </span>
          )}
        </fieldset>
        <FormField label={t('prints:handover.escortOthers')}>
          <input value={escortOthers} onChange={(e) => setEscortOthers(e.target.value)} data-testid="handover-escort-others" />
        </FormField>
        <FormField label={t('prints:handover.packets')}>
          <input value={packets} onChange={(e) => setPackets(e.target.value)} data-testid="handover-packets" />
        </FormField>
        <FormField label={t('prints:handover.sealNumbers')}>
          <input value={seals} onChange={(e) => setSeals(e.target.value)} data-testid="handover-seals" />
        </FormField>
        <FormField label={t('prints:handover.receiver')} error={problems.some((p) => p.code === 'no-receiver') ? t('prints:handover.refused.no-receiver') : undefined} errorTestId="handover-receiver-problem">
          <input value={receiver} onChange={(e) => setReceiver(e.target.value)} data-testid="handover-receiver" />
        </FormField>
        {otherProblems.length > 0 && (
          <div className="alert alert-error" role="alert" data-form-problems data-testid="handover-problems">
            <ul className="problem-list">
              {otherProblems.map((p) => <li key={p.code}>{t(`prints:handover.refused.${p.code}`)}</li>)}
            </ul>
          </div>
        )}
        <button type="submit" className="primary" data-testid="handover-record">
          {t(recorded ? 'prints:handover.recordAgain' : 'prints:handover.record')}
        </button>
      </Form>
    </>
  );
}
