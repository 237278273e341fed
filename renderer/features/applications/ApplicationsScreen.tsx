/** Form 2 / Form 3 applications: the deadline, the entry form, the register and the refusals. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  APPLICATION_OUTCOMES,
  applicationCounts,
  FORWARD_TARGETS,
  registerOrder,
  type ApplicationForm as FormKind,
  type ApplicationOutcome,
  type FollowUpProblem,
  type ForwardTarget,
  type RegisteredApplication,
} from '../../../shared/applications';
import type { LocalDeadline } from '../../../shared/calendar/deadline';
import { enteredAfterDeadline } from '../../../shared/calendar/entered-late';
import { DeadlineBanner } from '../../app/DeadlineBanner';
import { EnteredLate } from '../../app/EnteredLate';
import { formatBirth, formatClock, formatDate, formatDateTime, formatLocalDateTime } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSession, useSetup } from '../../app/session';
import { commands, contextOf, decideApplication, forwardApplication } from '../../core';
import type { Result } from '../../../shared/util/result';
import { Form, FormField, type SubmitOutcome } from '../../ui/form';
import { ApplicationForm, type RegisterMessage } from './ApplicationForm';
import { ApplicationsNumberedTwice } from './ApplicationsNumberedTwice';
import { useApplications, useFormDeadlines } from './use-applications';

export function ApplicationsScreen() {
  const { t } = useTranslation();
  const setup = useSetup();
  const state = useApplications();
  const deadlines = useFormDeadlines(setup);
  const [message, setMessage] = useState<RegisterMessage | null>(null);
  const counts = applicationCounts(state);
  return (
    <div className="applications" data-testid="applications">
      <div className="screen-head">
        <h1>{t('applications:title')}</h1>
        <div className="actions">
          <button type="button" onClick={() => navigate('print-applications')} data-testid="applications-print">
            {t('applications:print')}
          </button>
        </div>
      </div>
      <FormDeadlineBanner deadlines={deadlines} />
      {message && (
        <p className={`alert alert-${message.kind}`} role="status" data-testid="applications-message">
          {message.text}
        </p>
      )}
      <div className="two-col">
        <ApplicationForm deadlines={deadlines} onDone={setMessage} />
        <section className="card">
          <h2>{t('applications:registerTitle')}</h2>
          <p className="muted" data-testid="application-counts">
            {t('applications:counts', {
              form2: counts.form2.registered,
              form3: counts.form3.registered,
              refused: counts.form2.refused + counts.form3.refused,
            })}
          </p>
          <ApplicationsNumberedTwice state={state} timeZone={setup.precinct.timeZone} testId="applications-numbered-twice" />
          {state.entries.length === 0 ? (
            <p className="hint">{t('applications:empty')}</p>
          ) : (
            <ul className="application-list" data-testid="application-list">
              {registerOrder(state).map((entry) => (
                <EntryCard key={entry.id} entry={entry} deadline={deadlines[entry.form]} onMessage={setMessage} />
              ))}
            </ul>
          )}
          {state.refusals.length > 0 && <Refusals />}
        </section>
      </div>
    </div>
  );
}

function FormDeadlineBanner({ deadlines }: { deadlines: Record<FormKind, LocalDeadline | null> }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const own = setup.precinct.form2?.deadline ? deadlines.form2 : null;
  const d = own ? deadlines.form3 : deadlines.form2 ?? deadlines.form3;
  const valuesOf = (x: LocalDeadline) => ({ date: formatDate(x.date, lng), time: formatClock(x.time), zone: x.timeZone });
  const place = setup.precinct.form2?.place ?? t('applications:form2PlaceDefault');
  return (
    <>
      {own && <DeadlineBanner deadline={own} testId="form2-deadline-banner" text={(open) => t(open ? 'applications:form2OwnOpen' : 'applications:form2OwnPassed', { ...valuesOf(own), place })} />}
      {d && <DeadlineBanner deadline={d} testId="deadline-banner" text={(open) => t(open ? (own ? 'applications:form3DeadlineOpen' : 'applications:deadlineOpen') : 'applications:deadlinePassed', valuesOf(d))} />}
    </>
  );
}

/** The follow-up forms of an entry: sending it on, and recording its outcome (with the note). */
type FollowUpForm = 'forward' | 'decide';

function EntryCard({ entry, deadline, onMessage }: { entry: RegisteredApplication; deadline: LocalDeadline | null; onMessage(m: RegisterMessage | null): void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  const [to, setTo] = useState<ForwardTarget>(entry.form === 'form2' ? 'cec' : 'tec');
  const [outcome, setOutcome] = useState<ApplicationOutcome>('included');
  const [note, setNote] = useState('');
  // The last refusal of one of the entry's forms: said at the note when it is about the note, else in that form's list.
  const [refusal, setRefusal] = useState<{ form: FollowUpForm; problem: FollowUpProblem } | null>(null);
  const zone = setup.precinct.timeZone;
  const member = (id: string | null) => setup.members.find((m) => m.id === id)?.name ?? id ?? '—';
  const ctx = () => contextOf(setup, operator?.id ?? null);
  /** Keeps a refusal for its form (the shared Form then focuses the field marked, or the form's list); a success clears it. */
  const settle = (form: FollowUpForm, r: Result<unknown, FollowUpProblem>): SubmitOutcome => {
    setRefusal(r.ok ? null : { form, problem: r.error });
    // The message above the screen is the register form's; a refusal here is said in the entry, not there.
    if (!r.ok) onMessage(null);
    return r.ok ? 'done' : 'refused';
  };
  const noteError = refusal?.form === 'decide' && refusal.problem.code === 'note-required' ? t('applications:followUp.note-required') : '';
  const problemsOf = (form: FollowUpForm) =>
    refusal?.form === form && !(form === 'decide' && refusal.problem.code === 'note-required') ? (
      <ul className="alert alert-error follow-up-problems" role="alert" data-form-problems data-testid={`${form}-problems`}>
        <li>{t(`applications:followUp.${refusal.problem.code}`)}</li>
      </ul>
    ) : null;
  const a = entry.applicant;
  return (
    <li className="application" data-testid={`application-${entry.form}-${entry.number}`}>
      <div className="application-head">
        <strong>
          {t(`applications:form.${entry.form}`)} № {entry.number}
        </strong>
        <span>
          {[a.surname, a.name, a.patronymic].filter(Boolean).join(' ')}
          {a.birth ? `, ${formatBirth(a.birth, lng)}` : ''}
        </span>
        <span className="muted">
          {formatDateTime(entry.receivedAt, lng, zone)} · {member(entry.receivedBy)}
        </span>
        <EnteredLate flag={enteredAfterDeadline(entry.receivedAt, entry.recordedAt, deadline)} testId="application-entered-late" />
      </div>
      <p className="muted">
        {entry.subject ? `${t(`applications:subject.${entry.subject}`)}. ` : ''}
        {entry.document ? `${t(`applications:document.${entry.document.kind}`)} ${entry.document.number}. ` : ''}
        {a.address}
        {entry.details ? ` — ${entry.details}` : ''}
      </p>
      {entry.forwarded.map((f) => (
        <p key={f.eventId} className="status-line" data-testid="forwarded">
          {t('applications:forwardedTo', { to: t(`applications:target.${f.to}`), at: formatDateTime(f.at, lng, zone), by: member(f.by) })}
        </p>
      ))}
      {entry.decision ? (
        <p className={`status-line outcome-${entry.decision.outcome}`} data-testid="decision">
          {t('applications:decidedAs', { outcome: t(`applications:outcome.${entry.decision.outcome}`), at: formatDateTime(entry.decision.at, lng, zone) })}
          {entry.decision.note ? ` — ${entry.decision.note}` : ''}
        </p>
      ) : (
        <>
          <Form className="follow-up" data-testid="forward-form" onSubmit={async () => settle('forward', await forwardApplication(commands, entry.id, to, '', ctx()))}>
            <FormField label={t('applications:forwardTo')} hiddenLabel className="fit">
              <select value={to} onChange={(e) => setTo(e.target.value as ForwardTarget)} data-testid="forward-to">
                {FORWARD_TARGETS.map((x) => (
                  <option key={x} value={x}>
                    {t(`applications:target.${x}`)}
                  </option>
                ))}
              </select>
            </FormField>
            <button type="submit" data-testid="forward">
              {t('applications:forward')}
            </button>
            {problemsOf('forward')}
          </Form>
          <Form className="follow-up" data-testid="decide-form" onSubmit={async () => settle('decide', await decideApplication(commands, entry.id, outcome, note, ctx()))}>
            <FormField label={t('applications:outcomeLabel')} hiddenLabel className="fit">
              <select value={outcome} onChange={(e) => setOutcome(e.target.value as ApplicationOutcome)} data-testid="outcome">
                {APPLICATION_OUTCOMES.map((x) => (
                  <option key={x} value={x}>
                    {t(`applications:outcome.${x}`)}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField label={t('applications:outcomeNote')} hiddenLabel error={noteError} errorTestId="outcome-note-error">
              <input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('applications:outcomeNote')} data-testid="outcome-note" />
            </FormField>
            <button type="submit" data-testid="decide">
              {t('applications:decide')}
            </button>
            {problemsOf('decide')}
          </Form>
        </>
      )}
    </li>
  );
}

function Refusals() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const state = useApplications();
  const zone = setup.precinct.timeZone;
  return (
    <div className="refusals" data-testid="refusals">
      <h3>{t('applications:refusalsTitle')}</h3>
      <ul>
        {state.refusals.map((r) => (
          <li key={r.id}>
            {t(`applications:form.${r.form}`)} · {[r.applicant.surname, r.applicant.name].join(' ')} ·{' '}
            {t('applications:refusalLine', { received: formatDateTime(r.receivedAt, lng, zone), deadline: formatLocalDateTime(r.deadline.date, r.deadline.time, lng) })}
          </li>
        ))}
      </ul>
    </div>
  );
}
