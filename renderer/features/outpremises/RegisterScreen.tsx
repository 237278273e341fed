/**
 * The register of written applications to vote outside the premises (атайын реестр): find the
 * voter in the list, the reason, the address, when it was received and by whom. Numbered in order;
 * a late application is refused and the refusal is recorded. The register prints for posting.
 * (Teams, boxes, visits and reconciliation are recorded by the domain in shared/outpremises; their
 * screens come next.)
 */
import { commands, contextOf, recordOutPremises, useOutPremisesState } from '../../core';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  APPLICATION_REASONS,
  applicationDeadline,
  checkApplication,
  checkRefusal,
  markedVoters,
  reasonForMarks,
  type ApplicationReason,
  type OutPremisesProblem,
} from '../../../shared/outpremises';
import { enteredAfterDeadline } from '../../../shared/calendar/entered-late';
import { parseTypedDate, parseTypedTime } from '../../../shared/time/typed-date';
import { zonedToInstant } from '../../../shared/time/zone';
import type { VoterRecord } from '../../../shared/voters';
import { useTypedNow } from '../../app/clock';
import { DeadlineBanner } from '../../app/DeadlineBanner';
import { EnteredLate } from '../../app/EnteredLate';
import { formatClock, formatDate, formatDateTime } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSession, useSetup } from '../../app/session';
import { canonicalJson } from '../../../shared/util/canonical-json';
import { useVoterList } from '../../core/voter-list';
import { fullName } from '../../ui/voter-name';
import { TeamsPanel } from './TeamsPanel';
import { RegisterNumberedTwice, VoterEnteredTwice } from './RegisterNumberedTwice';
import { WithdrawEntry } from './WithdrawEntry';
import { problemText } from './problem-text';
import { pickFirstOnEnter, VoterHits } from '../../ui/VoterHits';
import { Form, FormField, type SubmitOutcome } from '../../ui/form';


export function RegisterScreen() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  const state = useOutPremisesState();
  const list = useVoterList();
  const zone = setup.precinct.timeZone;
  const [query, setQuery] = useState('');
  const [voter, setVoter] = useState<VoterRecord | null>(null);
  const [reason, setReason] = useState<ApplicationReason>('illness');
  const [reasonText, setReasonText] = useState('');
  const [address, setAddress] = useState('');
  const [note, setNote] = useState('');
  // The receipt's date and time show the clock until typed, and follow it again after each registration.
  const { date, time, setDate, setTime, follow: followClock } = useTypedNow(zone);
  const [receivedBy, setReceivedBy] = useState(operator?.id ?? setup.members[0]?.id ?? '');
  // Every problem of the last refused submit; those about a field also mark it (the shared Form focuses the first).
  const [problems, setProblems] = useState<{ field: string | undefined; text: string }[]>([]);
  const fieldError = (...fields: string[]) => problems.filter((p) => p.field !== undefined && fields.includes(p.field)).map((p) => p.text).join(' ') || undefined;
  const [message, setMessage] = useState<{ kind: 'ok' | 'warn'; text: string } | null>(null);
  // A late (or early) application: the commission refuses it by a member's own act, not the app by itself.
  const [pending, setPending] = useState<{ problem: OutPremisesProblem; receivedAt: string; voterId: string | null; voterName: string } | null>(null);
  const ready = list.state === 'ready' ? list.list : null;
  const hits = useMemo(() => (ready && query.trim() ? ready.index.search(query, 6) : []), [ready, query]);
  const reasonField = useRef<HTMLSelectElement>(null);
  /** The voter chosen from the lookup; by the keyboard (Enter) the focus goes on to the reason, the search box being gone. */
  const pick = (v: VoterRecord, byKey: boolean) => {
    setVoter(v);
    setAddress(v.address);
    const byMark = reasonForMarks(v.marks);
    if (byMark) setReason(byMark);
    if (byKey) requestAnimationFrame(() => reasonField.current?.focus());
  };
  // The hospital and custody lists, imported as a marked part of the voter list (situation 9).
  const marked = useMemo(() => (ready ? markedVoters(ready.voters, state) : []), [ready, state]);
  const marksText = (marks: readonly string[]) => marks.map((m) => t(`voters:marks.${m}`)).join(', ');
  const deadline = applicationDeadline({ votingDay: setup.election.votingDay, timeZone: zone });
  // Applications are taken from the day the commission was formed, where the setup knows it.
  const formedOn = setup.precinct.formedOn;
  const formedAt = formedOn ? zonedToInstant(formedOn, '00:00', zone).toISOString() : null;
  const member = (id: string | null) => setup.members.find((m) => m.id === id)?.name ?? id ?? '—';

  async function register(): Promise<SubmitOutcome> {
    const d = parseTypedDate(date);
    const hhmm = parseTypedTime(time);
    if (!d || !hhmm) {
      setProblems([{ field: d ? 'receivedTime' : 'receivedAt', text: t('applications:problem.received-invalid') }]);
      return 'refused';
    }
    const receivedAt = zonedToInstant(d, hhmm, zone).toISOString();
    const base = { votingDay: setup.election.votingDay, timeZone: zone, members: setup.members, formedAt };
    const draft = { listHash: ready?.meta.listHash ?? null, voter, receivedAt, receivedBy, address, reason, reasonText, note };
    // The register number is decided inside the recording transaction (two windows never share one);
    // the same draft submitted twice while the first is recording is registered once.
    const checked = await recordOutPremises(
      commands,
      'OutOfPremisesApplicationRegistered',
      async ({ state, roomStatus }, ctx) => checkApplication(state, draft, ctx, voter ? await roomStatus(voter.id) : undefined),
      base,
      contextOf(setup, operator?.id ?? null),
      canonicalJson({ ...draft, voter: voter?.id ?? null }),
    );
    if (checked.ok) {
      const stored = checked.value.event;
      // Received before the deadline but entered after it: taken (paper can come first), and said so.
      const late = enteredAfterDeadline(receivedAt, stored.recordedAt, deadline);
      const text = t('outpremises:registered', { number: stored.payload.number, name: voter ? fullName(voter) : '' });
      setMessage(late ? { kind: 'warn', text: `${text} ${t('received:registeredLate')}` } : { kind: 'ok', text });
      setProblems([]);
      setVoter(null);
      setAddress('');
      setNote('');
      followClock();
      return 'done';
    }
    // Too late (or too early): it may not be registered; the member records the refusal (below).
    const timing = checked.error.find((p) => p.code === 'application-late' || p.code === 'application-early');
    if (timing) {
      setPending({ problem: timing, receivedAt, voterId: voter?.id ?? null, voterName: voter ? fullName(voter) : query.trim() });
      setProblems([]);
      return 'done';
    }
    setPending(null);
    // A field the schema refused is named by its label, not its payload name.
    const labels: Record<string, string> = { address: t('outpremises:address'), note: t('applications:field.note'), reasonText: t('outpremises:reasonText') };
    setProblems(
      checked.error.map((p) => {
        const field = p.code === 'invalid-field' ? String(p.params.field ?? '') : p.field;
        const label = field === undefined ? undefined : labels[field];
        return { field, text: problemText(t, label && p.code === 'invalid-field' ? { ...p, params: { ...p.params, field: label } } : p, lng) };
      }),
    );
    return 'refused';
  }

  async function refuse() {
    if (!pending) return;
    const base = { votingDay: setup.election.votingDay, timeZone: zone, members: setup.members, formedAt };
    const draft = { voterId: pending.voterId, voterName: pending.voterName, receivedAt: pending.receivedAt, receivedBy, problem: pending.problem, reasonText: problemText(t, pending.problem, lng) };
    const refusal = await recordOutPremises(commands, 'OutOfPremisesApplicationRefused', (_reads, ctx) => checkRefusal(draft, ctx), base, contextOf(setup, operator?.id ?? null), canonicalJson(draft));
    if (!refusal.ok) {
      setProblems(refusal.error.map((p) => ({ field: p.field, text: problemText(t, p, lng) })));
      return;
    }
    setMessage({ kind: 'warn', text: `${t('outpremises:refusedRecorded')} ${problemText(t, pending.problem, lng)}` });
    setPending(null);
    setProblems([]);
  }

  return (
    <div data-testid="outpremises">
      <div className="screen-head">
        <h1>{t('outpremises:title')}</h1>
        <button type="button" onClick={() => navigate('print-outpremises')} data-testid="outpremises-print">
          {t('outpremises:printPosting')}
        </button>
      </div>
      {deadline && (
        // Past the deadline the banner says so (a green "accepted until" on voting day misleads).
        <DeadlineBanner
          deadline={deadline}
          testId="outpremises-deadline"
          text={(open) => {
            const values = { from: formedOn ? formatDate(formedOn, lng) : '', date: formatDate(deadline.date, lng), time: formatClock(deadline.time), zone };
            if (!open) return t('outpremises:deadlinePassed', values);
            return t(formedOn ? 'outpremises:window' : 'outpremises:deadline', values);
          }}
        />
      )}
      {message && (
        <p className={`alert alert-${message.kind}`} role="status" data-testid="outpremises-message">
          {message.text}
        </p>
      )}
      <div className="two-col">
        <Form className="card application-form op-register-form" onSubmit={register}>
          <h2>{t('outpremises:newTitle')}</h2>
          {voter ? (
            <p className="chosen-voter" data-testid="op-chosen">
              {fullName(voter)} · {voter.page}/{voter.row}{' '}
              {voter.marks.length > 0 && <span className="status-badge status-due-today" data-testid="op-chosen-marks">{marksText(voter.marks)}</span>}{' '}
              <button type="button" onClick={() => setVoter(null)}>
                {t('applications:notThisVoter')}
              </button>
            </p>
          ) : (
            <div>
              <FormField label={t('outpremises:findVoter')} error={fieldError('voterId')}>
                <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} onKeyDown={pickFirstOnEnter(hits, (v) => pick(v, true))} data-testid="op-search" />
              </FormField>
              <VoterHits hits={hits} testId="op-hit" onPick={(v) => pick(v, false)} />
            </div>
          )}
          <div className="grid three">
            <FormField label={t('outpremises:reasonLabel')} error={fieldError('reason')}>
              <select ref={reasonField} value={reason} onChange={(e) => setReason(e.target.value as ApplicationReason)} data-testid="op-reason">
                {APPLICATION_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`outpremises:reason.${r}`)}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField label={t('applications:field.receivedDate')} error={fieldError('receivedAt')}>
              <input value={date} onChange={(e) => setDate(e.target.value)} data-testid="op-date" />
            </FormField>
            <FormField label={t('applications:field.receivedTime', { zone })} error={fieldError('receivedTime')}>
              <input value={time} onChange={(e) => setTime(e.target.value)} data-testid="op-time" />
            </FormField>
          </div>
          {reason === 'other' && (
            <FormField label={t('outpremises:reasonText')} error={fieldError('reasonText')}>
              <input value={reasonText} onChange={(e) => setReasonText(e.target.value)} data-testid="op-reason-text" />
            </FormField>
          )}
          <FormField label={t('outpremises:address')} error={fieldError('address')}>
            <input value={address} onChange={(e) => setAddress(e.target.value)} data-testid="op-address" />
          </FormField>
          <FormField label={t('applications:field.note')} error={fieldError('note')}>
            <input value={note} onChange={(e) => setNote(e.target.value)} data-testid="op-note" />
          </FormField>
          <FormField label={t('applications:field.receivedBy')} error={fieldError('receivedBy')}>
            <select value={receivedBy} onChange={(e) => setReceivedBy(e.target.value)} data-testid="op-received-by">
              {setup.members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name} — {t(`common:role.${m.role}`)}
                </option>
              ))}
            </select>
          </FormField>
          {problems.length > 0 && (
            <div className="alert alert-error" role="alert" data-form-problems data-testid="op-problems">
              <ul className="problem-list">
                {problems.map((p) => (
                  <li key={`${p.field ?? ''} ${p.text}`}>{p.text}</li>
                ))}
              </ul>
            </div>
          )}
          {pending && (
            <div className="alert alert-warn" role="alert" data-testid="op-refuse-pending">
              <p>
                {problemText(t, pending.problem, lng)} {t('outpremises:refuseHint')}
              </p>
              <div className="actions">
                <button type="button" onClick={() => void refuse()} data-testid="op-refuse">
                  {t('outpremises:refuse')}
                </button>
                <button type="button" onClick={() => setPending(null)} data-testid="op-refuse-cancel">
                  {t('common:cancel')}
                </button>
              </div>
            </div>
          )}
          <div className="actions">
            {/* While the voter list loads nobody can be chosen: a click then would be told "no list is active". */}
            <button type="submit" className="primary" disabled={list.state === 'loading'} aria-busy={list.state === 'loading'} data-testid="op-register">
              {t('applications:register')}
            </button>
          </div>
        </Form>
        <section className="card">
          <h2>{t('outpremises:registerTitle', { count: state.entries.length })}</h2>
          <RegisterNumberedTwice state={state} testId="op-numbered-twice" />
          <VoterEnteredTwice state={state} testId="op-entered-twice" />
          <table className="table" data-testid="op-register-table">
            <tbody>
              {state.entries.map((e) => {
                const v = ready?.byId.get(e.voterId);
                const voted = state.votedOutside[e.voterId];
                return (
                  <tr key={e.eventId}>
                    <td>{e.number}</td>
                    <td>
                      {v ? fullName(v) : e.voterId} ({e.page}/{e.row})
                      {v && v.marks.length > 0 && <> <span className="status-badge status-due-today" data-testid="op-entry-marks">{marksText(v.marks)}</span></>}
                      <br />
                      <span className="muted">
                        {e.address} · {t(`outpremises:reason.${e.reason}`)} · {formatDateTime(e.receivedAt, lng, zone)} · {member(e.receivedBy)}
                      </span>
                      <EnteredLate flag={enteredAfterDeadline(e.receivedAt, e.recordedAt, deadline)} testId="op-entered-late" />
                    </td>
                    <td>
                      {e.withdrawn ? t('outpremises:withdrawn') : voted ? t('voters:status.votedOutside') : t('outpremises:waiting')}
                      {e.withdrawn && (
                        <span className="muted" data-testid="op-withdrawn-reason">
                          {' '}
                          · {t(`outpremises:withdraw.reason.${e.withdrawn.reason}`)}
                          {e.withdrawn.reasonText ? `: ${e.withdrawn.reasonText}` : ''}
                        </span>
                      )}
                      {!e.withdrawn && !voted && <WithdrawEntry entry={e} onDone={(text) => setMessage({ kind: 'ok', text })} />}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {state.refusals.length > 0 && (
            <div className="refusals" data-testid="op-refusals">
              <h3>{t('outpremises:refusalsTitle')}</h3>
              <ul>
                {state.refusals.map((r) => (
                  <li key={`${r.receivedAt}-${r.voterName}`}>
                    {r.voterName} · {formatDateTime(r.receivedAt, lng, zone)} · {t(`outpremises:refusalCode.${r.code}`)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {marked.length > 0 && (
            <details className="marked-voters" data-testid="op-marked">
              <summary>{t('outpremises:marked.title', { count: marked.length, waiting: marked.filter((m) => m.application === null && !m.votedOutside).length })}</summary>
              <p className="muted">{t('outpremises:marked.hint')}</p>
              <table className="table">
                <tbody>
                  {marked.map((m) => {
                    const v = ready?.byId.get(m.voterId);
                    return (
                      <tr key={m.voterId} data-testid="op-marked-row">
                        <td>{m.page}/{m.row}</td>
                        <td>{v ? fullName(v) : m.voterId}</td>
                        <td>{marksText(m.marks)}</td>
                        <td>
                          {m.votedOutside
                            ? t('voters:status.votedOutside')
                            : m.application !== null
                              ? t('outpremises:marked.applied', { number: m.application })
                              : t('outpremises:marked.noApplication')}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </details>
          )}
        </section>
      </div>
      <TeamsPanel />
    </div>
  );
}
