/**
 * The ballot ledger: what should be where at this moment (received by act, issued in the room and
 * outside, spoiled, cancelled, left in the safe), whether each invariant holds, and the forms that
 * record the facts — a receipt from the territorial commission, spoiled ballots, the list's page
 * sums counted after the close, and the act cancelling the unused ballots.
 */
import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ledgerInvariants, listMargin, type LedgerFigures, type PageSumsHead } from '../../../shared/protocol/ledger';
import { SPOIL_REASONS } from '../../../shared/protocol/events';
import { parseTypedDate } from '../../../shared/time/typed-date';
import { err } from '../../../shared/util/result';
import { useTypedNow } from '../../app/clock';
import { formatDate, formatNumber } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { ChoiceField, TextField } from '../../app/fields';
import { useSession, useSetup } from '../../app/session';
import { useKnownFigures } from '../../core/protocol-queries';
import { PageSumsDisagree } from '../../ui/PageSumsDisagree';
import { describeFieldProblems, parseCount, recordLedger, type FieldProblem, type LedgerEventType } from './record-ledger';
import { LedgerEntries } from './LedgerEntries';
import { issuedRoomLabel, LedgerBalance, remainingLine } from '../../ui/charts';
import { Form, type SubmitOutcome } from '../../ui/form';

type Say = (kind: 'ok' | 'error', text: string) => void;

/**
 * The second click of a double click (`detail` 2) submits nothing: the first one records, or is
 * still recording (the core records a submission in flight once). A form cleared by the first
 * would otherwise answer the second with "required" in place of what was recorded.
 */
const ignoreSecondClick = (e: MouseEvent<HTMLButtonElement>) => {
  if (e.detail > 1) e.preventDefault();
};

function useRecord(say: Say) {
  const { t } = useTranslation();
  const setup = useSetup();
  const { operator } = useSession();
  return async (type: LedgerEventType, payload: Record<string, unknown>, done: string, extra: FieldProblem[] = []): Promise<FieldProblem[]> => {
    // Problems found in the form (a date or number that does not parse) stop before the schema.
    const recorded = extra.length > 0 ? err(extra) : await recordLedger(type, payload, setup, operator?.id ?? null);
    if (!recorded.ok) {
      const problems = recorded.error;
      say('error', describeFieldProblems(t, problems));
      return problems;
    }
    say('ok', done);
    return [];
  };
}

/** The problems of a form's last refused submit, and each field's own message (for its FormField). */
function useFieldProblems() {
  const { t } = useTranslation();
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const errorOf = (field: string): string | undefined => {
    const mine = problems.filter((p) => p.field === field);
    return mine.length > 0 ? describeFieldProblems(t, mine) : undefined;
  };
  /** Keep what the submit answered; 'refused' when anything was wrong (focus then goes to the first field at fault). */
  const settle = (found: FieldProblem[]): SubmitOutcome => {
    setProblems(found);
    return found.length > 0 ? 'refused' : 'done';
  };
  return { errorOf, settle };
}

export function LedgerScreen() {
  const { t } = useTranslation();
  const known = useKnownFigures();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const say: Say = (kind, text) => setMessage({ kind, text });
  if (!known) return <p className="loading">{t('common:loading')}</p>;
  const f = known.ledger;
  return (
    <div className="ledger" data-testid="ledger">
      <div className="screen-head">
        <h1>{t('ledger:title')}</h1>
        <div className="actions">
          <button type="button" onClick={() => navigate('count')} data-testid="ledger-to-count">
            {t('ledger:toCount')}
          </button>
          <button type="button" onClick={() => navigate('protocol')}>
            {t('ledger:toProtocol')}
          </button>
        </div>
      </div>
      {message && (
        <p className={`alert alert-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="ledger-message">
          {message.text}
        </p>
      )}
      <div className="ledger-grid">
        <Figures f={f} />
        <Invariants f={f} />
      </div>
      <div className="ledger-forms">
        <ReceiptForm say={say} listSize={f.listSize} received={f.received} />
        <SpoiledForm say={say} />
        <PageSumsForm say={say} f={f} disagree={known.pageSumsDisagree} />
        <CancellationForm say={say} f={f} />
      </div>
      <LedgerEntries entries={known.entries} say={say} />
    </div>
  );
}

function Figures({ f }: { f: LedgerFigures }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const n = (x: number) => formatNumber(x, lng);
  const rows: { key: string; label: string; value: string; note?: string; strong?: boolean }[] = [
    {
      key: 'received', label: t('ledger:figure.received'), value: n(f.received),
      note: f.receipts.map((r) => t('ledger:receiptNote', { act: r.actNumber, date: formatDate(r.actDate, lng), count: n(r.count) })).join('; ') || t('ledger:noReceipt'),
    },
    {
      key: 'issuedRoom', label: t(issuedRoomLabel(f)), value: n(f.issuedRoomByAct),
      ...(f.issuedRoomByAct !== f.issuedRoom ? { note: t('ledger:issuedRoomBySignatures', { desk: n(f.issuedRoom) }) } : {}),
    },
    { key: 'issuedOutside', label: t('ledger:figure.issuedOutside'), value: n(f.issuedOutside) },
    { key: 'spoiled', label: t('ledger:figure.spoiled'), value: n(f.spoiled), ...(f.spoiledOutside > 0 ? { note: t('ledger:spoiledOutsideNote', { count: n(f.spoiledOutside) }) } : {}) },
    {
      key: 'cancelled', label: t('ledger:figure.cancelled'), value: f.cancelled === null ? '—' : n(f.cancelled),
      note: f.cancellationAct ? t('ledger:actNote', { act: f.cancellationAct }) : t('ledger:notCancelled'),
    },
    // Handed to the mobile teams still out: not in the safe, not yet accounted for.
    ...(f.withTeams > 0 ? [{ key: 'withTeams', label: t('ledger:figure.withTeams'), value: n(f.withTeams) }] : []),
    { key: 'remaining', label: t(remainingLine(f).label), value: n(remainingLine(f).value), strong: true },
  ];
  return (
    <section className="card" data-testid="ledger-figures">
      <h2>{t('ledger:whereTitle')}</h2>
      <table className="table ledger-table">
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.strong ? 'total' : undefined} data-testid={`ledger-${r.key}`}>
              <td>
                {r.label}
                {r.note && <div className="muted small">{r.note}</div>}
              </td>
              <td className="num">{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <LedgerBalance f={f} />
      <p className="hint">
        {f.listSize === null
          ? t('ledger:noList')
          : t('ledger:listNote', { list: n(f.listSize), max: n(listMargin(f.listSize)) })}{' '}
        {f.pageSumsEntered && f.listPageSums !== null ? t('ledger:pageSumsNote', { total: n(f.listPageSums) }) : t('ledger:pageSumsNotYet')}
      </p>
    </section>
  );
}

function Invariants({ f }: { f: LedgerFigures }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  // `count` stays a number: i18next picks the plural form from it (given a string it finds none and
  // shows the key) and the text writes it the UI's way with "{{count, n}}".
  const fmt = (params: Record<string, number | string>) =>
    Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' && k !== 'count' ? formatNumber(v, lng) : v]));
  const invariants = ledgerInvariants(f);
  return (
    <section className="card" data-testid="ledger-invariants">
      <h2>{t('ledger:invariantsTitle')}</h2>
      <ul className="invariants">
        {invariants.map((inv) => (
          <li key={inv.code} className={inv.holds ? 'holds' : inv.severity === 'error' ? 'finding-error' : 'finding-warn'} data-testid={`invariant-${inv.code}`} data-holds={inv.holds}>
            <span aria-hidden="true">{inv.holds ? '✓' : inv.severity === 'error' ? '✗' : '!'}</span>{' '}
            {inv.holds ? t(`ledger:holds.${inv.code}`, fmt(inv.params)) : t(`protocol:ledger.${inv.code}`, fmt(inv.params))}
          </li>
        ))}
      </ul>
      <p className="hint">{t('ledger:balanceHint')}</p>
    </section>
  );
}

function ReceiptForm({ say, listSize, received }: { say: Say; listSize: number | null; received: number }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const record = useRecord(say);
  const chair = setup.members.find((m) => m.role === 'chair')?.id ?? setup.members[0]?.id ?? '';
  const [act, setAct] = useState('');
  // The act's date shows the clock until typed (a screen opened the day before offers today), and
  // follows it again after each receipt; never a day after voting day (an act cannot be dated so:
  // a past election shown today offers its voting day).
  const { date, setDate, follow } = useTypedNow(setup.precinct.timeZone, setup.election.votingDay);
  const [count, setCount] = useState('');
  const [handedBy, setHandedBy] = useState('');
  const [receivedBy, setReceivedBy] = useState(chair);
  const [serials, setSerials] = useState('');
  const typedCount = parseCount(count);
  const above = listSize !== null && typedCount !== null && received + typedCount > listMargin(listSize);
  const { errorOf, settle } = useFieldProblems();
  return (
    <Form
      className="card"
      data-testid="receipt-form"
      onSubmit={async () => {
        const actDate = parseTypedDate(date);
        const extra: FieldProblem[] = actDate ? [] : [{ field: 'actDate', reason: date.trim() ? 'invalid' : 'required' }];
        if (count.trim() && typedCount === null) extra.push({ field: 'count', reason: 'not-a-count' });
        const outcome = settle(await record('BallotsReceived', { actNumber: act, actDate, count: typedCount ?? undefined, handedBy, receivedBy, serials }, t('ledger:receipt.done', { count: typedCount ?? 0, act }), extra));
        if (outcome === 'done') {
          setAct('');
          setCount('');
          follow();
        }
        return outcome;
      }}
    >
      <h2>{t('ledger:receipt.title')}</h2>
      <div className="grid three">
        <TextField label={t('ledger:field.actNumber')} value={act} onChange={setAct} testId="receipt-act" error={errorOf('actNumber')} />
        <TextField label={t('ledger:field.actDate')} value={date} onChange={setDate} placeholder={t('applications:datePlaceholder')} testId="receipt-date" error={errorOf('actDate')} />
        <TextField label={t('ledger:field.count')} value={count} onChange={setCount} numeric testId="receipt-count" error={errorOf('count')} />
        <TextField label={t('ledger:field.handedBy')} value={handedBy} onChange={setHandedBy} testId="receipt-handed-by" error={errorOf('handedBy')} />
        <ChoiceField
          label={t('ledger:field.receivedBy')}
          value={receivedBy}
          options={setup.members.map((m) => ({ value: m.id, label: `${m.name} — ${t(`common:role.${m.role}`)}` }))}
          onChange={setReceivedBy}
          testId="receipt-received-by"
          error={errorOf('receivedBy')}
        />
        <TextField label={t('ledger:field.serials')} value={serials} onChange={setSerials} error={errorOf('serials')} />
      </div>
      {above && listSize !== null && (
        <p className="alert alert-warn" data-testid="receipt-above-margin">
          {t('ledger:receipt.aboveMargin', { count: received + (typedCount ?? 0), max: formatNumber(listMargin(listSize), lng) })}
        </p>
      )}
      <button type="submit" className="primary" onClick={ignoreSecondClick} data-testid="receipt-record">
        {t('ledger:receipt.record')}
      </button>
    </Form>
  );
}

function SpoiledForm({ say }: { say: Say }) {
  const { t } = useTranslation();
  const record = useRecord(say);
  const [count, setCount] = useState('');
  const [reason, setReason] = useState<(typeof SPOIL_REASONS)[number]>('voter-mistake');
  const [note, setNote] = useState('');
  const { errorOf, settle } = useFieldProblems();
  return (
    <Form
      className="card"
      data-testid="spoiled-form"
      onSubmit={async () => {
        const n = parseCount(count);
        const extra: FieldProblem[] = count.trim() && n === null ? [{ field: 'count', reason: 'not-a-count' }] : [];
        const outcome = settle(await record('BallotsSpoiled', { count: n ?? undefined, reason, note }, t('ledger:spoiled.done', { count: n ?? 0 }), extra));
        // The form clears after recording.
        if (outcome === 'done') {
          setCount('');
          setNote('');
        }
        return outcome;
      }}
    >
      <h2>{t('ledger:spoiled.title')}</h2>
      <div className="grid three">
        <TextField label={t('ledger:field.count')} value={count} onChange={setCount} numeric placeholder="1" testId="spoiled-count" error={errorOf('count')} />
        <ChoiceField<(typeof SPOIL_REASONS)[number]>
          label={t('ledger:field.reason')}
          value={reason}
          options={SPOIL_REASONS.map((r) => ({ value: r, label: t(`ledger:spoilReason.${r}`) }))}
          onChange={setReason}
          testId="spoiled-reason"
          error={errorOf('reason')}
        />
        <TextField label={t('ledger:field.note')} value={note} onChange={setNote} error={errorOf('note')} />
      </div>
      <button type="submit" onClick={ignoreSecondClick} data-testid="spoiled-record">
        {t('ledger:spoiled.record')}
      </button>
    </Form>
  );
}

function PageSumsForm({ say, f, disagree }: { say: Say; f: LedgerFigures; disagree: readonly PageSumsHead[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const { operator } = useSession();
  const record = useRecord(say);
  const [total, setTotal] = useState('');
  const [pages, setPages] = useState('');
  const { errorOf, settle } = useFieldProblems();
  return (
    <Form
      className="card"
      data-testid="pagesums-form"
      onSubmit={async () => {
        const n = parseCount(total);
        const p = parseCount(pages);
        const extra: FieldProblem[] = [];
        if (total.trim() && n === null) extra.push({ field: 'total', reason: 'not-a-count' });
        if (pages.trim() && p === null) extra.push({ field: 'pages', reason: 'not-a-count' });
        const done = n === null ? '' : n === f.issuedRoom
          ? t('ledger:pageSums.doneEqual', { total: formatNumber(n, lng) })
          : t('ledger:pageSums.doneDiffers', { total: formatNumber(n, lng), desk: formatNumber(f.issuedRoom, lng), difference: formatNumber(Math.abs(n - f.issuedRoom), lng) });
        const outcome = settle(await record('ListPageSumsEntered', { total: n ?? undefined, pages: p ?? undefined, enteredBy: operator?.id ?? '' }, done, extra));
        if (outcome === 'done') {
          setTotal('');
          setPages('');
        }
        return outcome;
      }}
    >
      <h2>{t('ledger:pageSums.title')}</h2>
      <PageSumsDisagree heads={disagree} />
      <p className="hint">{t('ledger:pageSums.hint', { desk: formatNumber(f.issuedRoom, lng) })}</p>
      <div className="grid three">
        <TextField label={t('ledger:field.total')} value={total} onChange={setTotal} numeric testId="pagesums-total" error={errorOf('total')} />
        <TextField label={t('ledger:field.pages')} value={pages} onChange={setPages} numeric testId="pagesums-pages" error={errorOf('pages')} />
      </div>
      <button type="submit" onClick={ignoreSecondClick} data-testid="pagesums-record">
        {t('ledger:pageSums.record')}
      </button>
    </Form>
  );
}

function CancellationForm({ say, f }: { say: Say; f: LedgerFigures }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const record = useRecord(say);
  // What should be in the safe, before any act: the count to verify against the packets.
  const expected = f.cancelled === null ? f.remaining : f.remaining + f.cancelled;
  const [count, setCount] = useState('');
  const [act, setAct] = useState('');
  const [packet, setPacket] = useState('');
  const { errorOf, settle } = useFieldProblems();
  return (
    <Form
      className="card"
      data-testid="cancel-form"
      onSubmit={async () => {
        const n = parseCount(count);
        const extra: FieldProblem[] = count.trim() && n === null ? [{ field: 'count', reason: 'not-a-count' }] : [];
        const done = n === null ? '' : expected < 0
          ? t('ledger:cancel.doneOverdrawn', { cancelled: formatNumber(n, lng), act, count: -expected })
          : n === expected
            ? t('ledger:cancel.doneBalanced', { count: formatNumber(n, lng), act })
            : t('ledger:cancel.doneDiffers', { count: formatNumber(n, lng), act, expected: formatNumber(expected, lng), difference: formatNumber(Math.abs(expected - n), lng) });
        const outcome = settle(await record('UnusedBallotsCancelled', { count: n ?? undefined, actNumber: act, packetNumber: packet }, done, extra));
        if (outcome === 'done') {
          setCount('');
          setAct('');
          setPacket('');
        }
        return outcome;
      }}
    >
      <h2>{t('ledger:cancel.title')}</h2>
      {expected < 0 ? (
        // More recorded as used than received: no count "should be left" (it would read as a
        // negative number); the ledger's entries are what to check first.
        <p className="alert alert-warn" data-testid="cancel-expected">
          {t('ledger:cancel.overdrawn', { over: formatNumber(-expected, lng) })}
        </p>
      ) : (
        <p className="hint" data-testid="cancel-expected">
          {t('ledger:cancel.hint', { expected: formatNumber(expected, lng) })}
        </p>
      )}
      {f.cancellationAct && <p className="alert alert-warn">{t('ledger:cancel.replaces', { act: f.cancellationAct })}</p>}
      <div className="grid three">
        <TextField label={t('ledger:field.count')} value={count} onChange={setCount} numeric placeholder={expected >= 0 ? String(expected) : ''} testId="cancel-count" error={errorOf('count')} />
        <TextField label={t('ledger:field.actNumber')} value={act} onChange={setAct} testId="cancel-act" error={errorOf('actNumber')} />
        <TextField label={t('ledger:field.packetNumber')} value={packet} onChange={setPacket} error={errorOf('packetNumber')} />
      </div>
      <button type="submit" className="primary" onClick={ignoreSecondClick} data-testid="cancel-record">
        {t('ledger:cancel.record')}
      </button>
    </Form>
  );
}
