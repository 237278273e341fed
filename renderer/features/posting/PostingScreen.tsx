/** Postings (items 40, 46, 70, 84, 85) and voters informed (68): who posted what, when and where. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { informDeadline, judgePostedInTime, POSTED_DOCUMENTS, type PostedDocument } from '../../../shared/posting/events';
import { formatDate, formatDateTime } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSession, useSetup } from '../../app/session';
import { commands, contextOf, recordInforming, recordPosting } from '../../core';
import type { PostingRefusal, PostingWarning } from '../../../shared/posting/decide';
import { usePostings } from './use-postings';

const DOCUMENTS = Object.keys(POSTED_DOCUMENTS) as PostedDocument[];
const METHODS = ['notice', 'media', 'website', 'other'] as const;

export function PostingScreen() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  const postings = usePostings() ?? [];
  const zone = setup.precinct.timeZone;
  const [document, setDocument] = useState<PostedDocument>('protocol-copy');
  const [place, setPlace] = useState('');
  const [postedBy, setPostedBy] = useState(operator?.id ?? setup.members[0]?.id ?? '');
  const [copyNumber, setCopyNumber] = useState('');
  const [method, setMethod] = useState<(typeof METHODS)[number]>('notice');
  const [where, setWhere] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string; warnings: string[] } | null>(null);
  const name = (id: string) => setup.members.find((m) => m.id === id)?.name ?? id;
  const approved = setup.election.calendarApproved ?? [];
  const base = { votingDay: setup.election.votingDay, timeZone: zone, approved };

  function refusalText(r: PostingRefusal): string {
    if (r.code === 'invalid') return t('posting:invalid', { field: t(`posting:field.${r.field}`, { defaultValue: r.field }) });
    if (r.code === 'not-a-member') return t('posting:refused.not-a-member');
    if (r.code === 'before-voting-day') return t('posting:refused.before-voting-day', { document: t(`posting:document.${r.document}`), date: formatDate(setup.election.votingDay, lng) });
    if (r.code === 'already-posted') return t('posting:refused.already-posted', { document: t(`posting:document.${r.document}`), place: r.place });
    return t(`posting:refused.${r.code}`);
  }
  const warningText = (w: PostingWarning) =>
    w.code === 'late' ? t('posting:warning.late', { document: t(`posting:document.${w.document}`) }) : t('posting:warning.inform-late', { date: formatDate(w.deadline, lng) });

  async function post() {
    const r = await recordPosting(commands, { document, place, postedBy, copyNumber: document === 'protocol-copy' ? copyNumber : '' }, { ...base, members: setup.members }, contextOf(setup, operator?.id ?? null));
    setMessage(r.ok ? { kind: 'ok', text: t('posting:recorded'), warnings: r.value.warnings.map(warningText) } : { kind: 'error', text: refusalText(r.error), warnings: [] });
    if (r.ok) setPlace('');
  }
  async function inform() {
    const r = await recordInforming(commands, { method, where }, base, contextOf(setup, operator?.id ?? null));
    setMessage(r.ok ? { kind: 'ok', text: t('posting:recorded'), warnings: r.value.warnings.map(warningText) } : { kind: 'error', text: refusalText(r.error), warnings: [] });
    if (r.ok) setWhere('');
  }

  return (
    <div data-testid="posting">
      <div className="screen-head">
        <div>
          <h1>{t('posting:title')}</h1>
          <p className="muted">{t('posting:intro')}</p>
        </div>
        <div className="actions">
          <button type="button" onClick={() => navigate('print-postings')} data-testid="print-postings">{t('posting:printRecord')}</button>
          <button type="button" onClick={() => navigate('print-voter-notice')} data-testid="print-notice">{t('posting:printNotice')}</button>
          <button type="button" onClick={() => navigate('print-posted-list')} data-testid="print-posted-list">{t('day:posted.printList')}</button>
          <button type="button" onClick={() => navigate('print-participants')} data-testid="print-participants">{t('day:posted.printParticipants')}</button>
        </div>
      </div>
      {message && <p className={`alert alert-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="posting-message">{message.text}</p>}
      {message?.warnings.map((w) => <p key={w} className="alert alert-warn" data-testid="posting-warning">{w}</p>)}
      <section className="panel">
        <h2>{t('posting:postTitle')}</h2>
        <div className="form-grid">
          <label className="field">{t('posting:field.document')}
            <select value={document} onChange={(e) => setDocument(e.target.value as PostedDocument)} data-testid="posting-document">
              {DOCUMENTS.map((d) => <option key={d} value={d}>{t(`posting:document.${d}`)} (№ {POSTED_DOCUMENTS[d]})</option>)}
            </select>
          </label>
          <label className="field">{t('posting:field.place')}<input value={place} maxLength={300} onChange={(e) => setPlace(e.target.value)} data-testid="posting-place" /></label>
          <label className="field">{t('posting:field.postedBy')}
            <select value={postedBy} onChange={(e) => setPostedBy(e.target.value)} data-testid="posting-by">
              {setup.members.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
            </select>
          </label>
          {document === 'protocol-copy' && <label className="field">{t('posting:field.copyNumber')}<input value={copyNumber} maxLength={40} onChange={(e) => setCopyNumber(e.target.value)} data-testid="posting-copy" /></label>}
          <button type="button" className="primary" onClick={() => void post()} data-testid="posting-record">{t('posting:post')}</button>
        </div>
      </section>
      <section className="panel">
        <h2>{t('posting:informTitle')}</h2>
        <p className="muted" data-testid="inform-deadline">{t('posting:informDeadline', { date: formatDate(informDeadline(setup.election.votingDay, approved), lng) })}</p>
        <div className="form-grid">
          <label className="field">{t('posting:field.method')}
            <select value={method} onChange={(e) => setMethod(e.target.value as (typeof METHODS)[number])} data-testid="inform-method">
              {METHODS.map((m) => <option key={m} value={m}>{t(`posting:method.${m}`)}</option>)}
            </select>
          </label>
          <label className="field">{t('posting:field.where')}<input value={where} maxLength={300} onChange={(e) => setWhere(e.target.value)} data-testid="inform-where" /></label>
          <button type="button" onClick={() => void inform()} data-testid="inform-record">{t('posting:inform')}</button>
        </div>
      </section>
      {postingTable()}
    </div>
  );

  function postingTable() {
    return (
      <table className="table" data-testid="posting-table">
        <thead>
          <tr><th>{t('posting:col.what')}</th><th>{t('posting:col.where')}</th><th>{t('posting:col.who')}</th><th>{t('posting:col.when')}</th></tr>
        </thead>
        <tbody>
          {postings.map((e) => (
            <tr key={e.id}>
              {e.type === 'DocumentPosted' ? (
                <>
                  <td>{t(`posting:document.${e.payload.document}`)}{e.payload.copyNumber ? ` · ${t('posting:copyNo', { number: e.payload.copyNumber })}` : ''}</td>
                  <td>{e.payload.place}</td>
                  <td>{name(e.payload.postedBy)}</td>
                  <td>{formatDateTime(e.payload.postedAt, lng, zone)} {judgePostedInTime(e.payload.document, e.payload.postedAt, setup.election.votingDay, zone, approved) === 'late' ? `— ${t('posting:late')}` : ''}</td>
                </>
              ) : (
                <>
                  <td>{t('posting:informed')}: {t(`posting:method.${e.payload.method}`)}</td>
                  <td>{e.payload.where}</td>
                  <td>{name(e.actor ?? '')}</td>
                  <td>{formatDateTime(e.payload.informedAt, lng, zone)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
}
