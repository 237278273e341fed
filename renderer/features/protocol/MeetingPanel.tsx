/**
 * The final meeting: complaints (time received, author, content) with the commission's decision, and
 * members' dissenting opinions. Both are attached to the protocol; an undecided complaint holds the
 * signing back.
 */
import { useState } from 'react';
import { contextOf, recordFact, recordStamped } from '../../core';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_DECISIONS, protocolPayloadSchemas, type ComplaintDecision } from '../../../shared/protocol/events';
import { parseTypedDate, parseTypedTime } from '../../../shared/time/typed-date';
import { zonedToInstant } from '../../../shared/time/zone';
import { useTypedNow } from '../../app/clock';
import { formatDateTime } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSession, useSetup } from '../../app/session';
import { useMeeting } from '../../core/protocol-queries';


export function MeetingPanel() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  const meeting = useMeeting();
  const zone = setup.precinct.timeZone;
  // When the complaint was received: the clock until typed (typed as 15:20, 9:40 or 15.20), and again after each one.
  const { date, time, setDate, setTime, follow: followClock } = useTypedNow(zone);
  const [author, setAuthor] = useState('');
  const [content, setContent] = useState('');
  const [decisions, setDecisions] = useState<Record<string, { decision: ComplaintDecision; text: string }>>({});
  const [dissentBy, setDissentBy] = useState(setup.members[0]?.id ?? '');
  const [dissentText, setDissentText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ctx = () => contextOf(setup, operator?.id ?? null);
  const name = (id: string) => setup.members.find((m) => m.id === id)?.name ?? id;

  async function addComplaint() {
    setError(null);
    const day = parseTypedDate(date);
    const hhmm = parseTypedTime(time);
    const problems: string[] = [];
    if (!day) problems.push(t('protocolScreen:meeting.badDate'));
    if (!hhmm) problems.push(t('protocolScreen:meeting.badTime'));
    if (!author.trim()) problems.push(t('protocolScreen:meeting.needAuthor'));
    if (!content.trim()) problems.push(t('protocolScreen:meeting.needContent'));
    if (problems.length > 0 || !day || !hhmm) {
      setError(problems.join(' '));
      return;
    }
    const payload = protocolPayloadSchemas.ComplaintRecorded.safeParse({
      id: crypto.randomUUID(), receivedAt: zonedToInstant(day, hhmm, zone).toISOString(), author, content,
    });
    if (!payload.success) {
      setError(t('protocolScreen:meeting.tooLong'));
      return;
    }
    await recordFact('ComplaintRecorded', payload.data, ctx());
    setAuthor('');
    setContent('');
    followClock();
  }

  async function decide(id: string) {
    setError(null);
    const d = decisions[id];
    if (!d || !d.text.trim()) {
      setError(t('protocolScreen:meeting.needDecision'));
      return;
    }
    await recordStamped('ComplaintDecided', (now) => ({ id, decision: d.decision, text: d.text, decidedAt: now.toISOString() }), ctx());
  }

  async function addDissent() {
    setError(null);
    if (!dissentText.trim()) {
      setError(t('protocolScreen:meeting.needDissent'));
      return;
    }
    await recordStamped('DissentRecorded', (now) => ({ memberId: dissentBy, text: dissentText, at: now.toISOString() }), ctx());
    setDissentText('');
  }

  return (
    <section className="card meeting" data-testid="meeting">
      <div className="screen-head">
        <h2>{t('protocolScreen:meeting.title')}</h2>
        <button type="button" onClick={() => navigate('print-meeting')} data-testid="meeting-print">
          {t('protocolScreen:meeting.print')}
        </button>
      </div>
      {error && (
        <p className="alert alert-error" role="alert" data-testid="meeting-error">
          {error}
        </p>
      )}
      <h3>{t('protocolScreen:meeting.complaints', { count: meeting.complaints.length })}</h3>
      <ol className="complaints" data-testid="complaints">
        {meeting.complaints.map((c) => (
          <li key={c.id} data-testid="complaint">
            <strong>{formatDateTime(c.receivedAt, lng, zone)}</strong> · {c.author}
            <p>{c.content}</p>
            {c.decision ? (
              <p className="alert alert-ok">
                {t(`protocolScreen:meeting.decision.${c.decision.decision}`)}: {c.decision.text}
              </p>
            ) : (
              <div className="follow-up">
                <select
                  value={decisions[c.id]?.decision ?? 'rejected'}
                  onChange={(e) => setDecisions({ ...decisions, [c.id]: { text: decisions[c.id]?.text ?? '', decision: e.target.value as ComplaintDecision } })}
                  aria-label={t('protocolScreen:meeting.decisionLabel')}
                  data-testid="complaint-decision"
                >
                  {COMPLAINT_DECISIONS.map((d) => (
                    <option key={d} value={d}>
                      {t(`protocolScreen:meeting.decision.${d}`)}
                    </option>
                  ))}
                </select>
                <input
                  value={decisions[c.id]?.text ?? ''}
                  onChange={(e) => setDecisions({ ...decisions, [c.id]: { decision: decisions[c.id]?.decision ?? 'rejected', text: e.target.value } })}
                  placeholder={t('protocolScreen:meeting.decisionText')}
                  aria-label={t('protocolScreen:meeting.decisionText')}
                  data-testid="complaint-decision-text"
                />
                <button type="button" onClick={() => void decide(c.id)} data-testid="complaint-decide">
                  {t('protocolScreen:meeting.decide')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>
      <div className="grid three">
        <label className="field">
          <span>{t('protocolScreen:meeting.receivedDate')}</span>
          <input value={date} onChange={(e) => setDate(e.target.value)} data-testid="complaint-date" />
        </label>
        <label className="field">
          <span>{t('protocolScreen:meeting.receivedTime')}</span>
          <input value={time} onChange={(e) => setTime(e.target.value)} data-testid="complaint-time" />
        </label>
        <label className="field">
          <span>{t('protocolScreen:meeting.author')}</span>
          <input value={author} onChange={(e) => setAuthor(e.target.value)} data-testid="complaint-author" />
        </label>
      </div>
      <label className="field">
        <span>{t('protocolScreen:meeting.content')}</span>
        <textarea rows={2} value={content} onChange={(e) => setContent(e.target.value)} data-testid="complaint-content" />
      </label>
      <button type="button" onClick={() => void addComplaint()} data-testid="complaint-add">
        {t('protocolScreen:meeting.addComplaint')}
      </button>

      <h3>{t('protocolScreen:meeting.dissents', { count: meeting.dissents.length })}</h3>
      <ul data-testid="dissents">
        {meeting.dissents.map((d) => (
          <li key={d.memberId} data-testid="dissent">
            <strong>{name(d.memberId)}</strong>: {d.text}
          </li>
        ))}
      </ul>
      <div className="follow-up">
        <select value={dissentBy} onChange={(e) => setDissentBy(e.target.value)} aria-label={t('protocolScreen:meeting.member')} data-testid="dissent-member">
          {setup.members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} — {t(`common:role.${m.role}`)}
            </option>
          ))}
        </select>
        <input value={dissentText} onChange={(e) => setDissentText(e.target.value)} placeholder={t('protocolScreen:meeting.dissentText')} aria-label={t('protocolScreen:meeting.dissentText')} data-testid="dissent-text" />
        <button type="button" onClick={() => void addDissent()} data-testid="dissent-add">
          {t('protocolScreen:meeting.addDissent')}
        </button>
      </div>
    </section>
  );
}
