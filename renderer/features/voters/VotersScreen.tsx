/**
 * The list desk: find the voter as you type, issue the ballot with the keyboard, see a refusal
 * that says when and by whom, undo (chair or secretary) with a written reason.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoterBallotStatus } from '../../../shared/ballots/issue';
import type { VoterRecord } from '../../../shared/voters';
import { formatDateTime, formatNumber } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSession, useSetup } from '../../app/session';
import { contextOf, db, eventStore } from '../../app/store';
import { IssueRefused, issueBallot, UndoRefused, undoBallotIssue } from './ballot-actions';
import { useVoterList, type LoadedList } from './list-store';
import { VirtualList } from './VirtualList';
import { DeskIncidentForm, DeskIncidentList } from './DeskIncidents';
import { IncidentBanner } from '../sync/Incidents';
import { outPremisesProjector } from '../../db/projectors';
import { EMPTY_OUT_PREMISES_STATE, type OutPremisesState } from '../../../shared/outpremises';

const ROW_HEIGHT = 46;

export function VotersScreen() {
  const { t } = useTranslation();
  const list = useVoterList();
  if (list.state === 'loading') return <p className="loading">{t('voters:loadingList')}</p>;
  if (list.state === 'error') return <p className="alert alert-error">{t('voters:listMissing', { detail: list.message })}</p>;
  if (list.state === 'none') {
    return (
      <section className="card" data-testid="no-list">
        <h1>{t('voters:title')}</h1>
        <p>{t('voters:noList')}</p>
        <button type="button" className="primary" onClick={() => navigate('voters-import')} data-testid="go-import">
          {t('voters:importList')}
        </button>
      </section>
    );
  }
  return <Desk list={list.list} />;
}

function Desk({ list }: { list: LoadedList }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const [chosen, setChosen] = useState<VoterRecord | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [incident, setIncident] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const hits = useMemo(() => (query.trim() ? list.index.search(query, 200) : []), [list, query]);
  const ids = hits.map((h) => h.voter.id);
  const statuses = useLiveQuery(async () => new Map((await db.voterStatus.bulkGet(ids)).filter(Boolean).map((s) => [s!.voterId, s!])), [ids.join(',')], new Map<string, VoterBallotStatus>());
  const outside = useLiveQuery(() => outPremisesProjector.read(db), [], EMPTY_OUT_PREMISES_STATE);
  const issuedCount = useLiveQuery(() => db.voterStatus.filter((s) => s.issued !== null).count(), [], 0);
  const memberName = (id: string | null) => setup.members.find((m) => m.id === id)?.name ?? id ?? '—';

  useEffect(() => setSelected(0), [query]);

  function choose(v: VoterRecord | undefined) {
    if (!v) return;
    setChosen(v);
    setMessage(null);
  }

  async function issue(v: VoterRecord) {
    const typed = query;
    // Keys typed while the issue is being written go to the search box, not to the issue button.
    input.current?.focus();
    try {
      await issueBallot(eventStore, { voterId: v.id, page: v.page, row: v.row }, list.meta.listHash, contextOf(setup, operator?.id ?? null));
      setMessage({ kind: 'ok', text: t('voters:issued', { name: fullName(v), page: v.page, row: v.row }) });
      // The next voter's name may already be being typed while the issue was written: keep it.
      setChosen((c) => (c?.id === v.id ? null : c));
      setQuery((q) => (q === typed ? '' : q));
      input.current?.focus();
    } catch (e) {
      if (e instanceof IssueRefused && e.refusal.code === 'already-issued') {
        setMessage({ kind: 'error', text: t('voters:refusedAlready', { at: formatDateTime(e.refusal.at, lng, setup.precinct.timeZone), by: memberName(e.refusal.by) }) });
      } else if (e instanceof IssueRefused && e.refusal.code === 'voted-outside') {
        setMessage({
          kind: 'error',
          text: t('voters:refusedOutside', { number: e.refusal.number, team: e.refusal.team, at: formatDateTime(e.refusal.at, lng, setup.precinct.timeZone), by: memberName(e.refusal.by) }),
        });
      } else throw e;
    }
  }

  return (
    <div className="desk" data-testid="desk">
      <IncidentBanner />
      <div className="screen-head">
        <h1>{t('voters:title')}</h1>
        <div className="actions">
          <span className="muted" data-testid="issued-count">
            {t('voters:issuedOf', { issued: formatNumber(issuedCount, lng), total: formatNumber(list.voters.length, lng) })}
          </span>
          <button type="button" onClick={() => navigate('voters-import')}>
            {t('voters:importNewer')}
          </button>
        </div>
      </div>
      <div className="desk-grid">
        <section className="card search-card">
          <label className="field">
            <span>{t('voters:searchLabel')}</span>
            <input
              ref={input}
              autoFocus
              type="search"
              value={query}
              placeholder={t('voters:searchPlaceholder')}
              data-testid="voter-search"
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown') {
                  e.preventDefault();
                  setSelected((s) => Math.min(hits.length - 1, s + 1));
                } else if (e.key === 'ArrowUp') {
                  e.preventDefault();
                  setSelected((s) => Math.max(0, s - 1));
                } else if (e.key === 'Enter') {
                  e.preventDefault();
                  choose(hits[selected]?.voter);
                }
              }}
            />
          </label>
          <p className="hint">{query.trim() ? t('voters:found', { count: hits.length }) : t('voters:searchHint')}</p>
          {query.trim() && hits.length === 0 && (
            <div className="alert alert-warn" data-testid="not-found">
              {t('voters:notFound')}{' '}
              <button type="button" onClick={() => setIncident(query.trim())} data-testid="record-not-in-list">
                {t('voters:incident.recordNotInList')}
              </button>
            </div>
          )}
          {hits.length > 0 && <VirtualList
            items={hits}
            rowHeight={ROW_HEIGHT}
            height={Math.min(8, Math.max(1, hits.length)) * ROW_HEIGHT}
            getKey={(h) => h.voter.id}
            testId="voter-results"
            render={(h, i) => (
              <button type="button" className={`voter-row ${i === selected ? 'selected' : ''}`} onClick={() => choose(h.voter)} data-testid="voter-row">
                <span className="pr">
                  {h.voter.page}/{h.voter.row}
                </span>
                <span className="nm">{fullName(h.voter)}</span>
                <span className="by">{h.voter.birthYear}</span>
                <StatusBadge status={statuses.get(h.voter.id)} outside={outside} voterId={h.voter.id} />
              </button>
            )}
          />}
        </section>
        <section className="card voter-card" data-testid="voter-card">
          {message && (
            <p className={`alert ${message.kind === 'ok' ? 'alert-ok' : 'alert-error'}`} role="status" data-testid="desk-message">
              {message.text}
            </p>
          )}
          {incident !== null ? (
            <DeskIncidentForm
              person={incident}
              onCancel={() => setIncident(null)}
              onDone={(text) => {
                setIncident(null);
                setQuery('');
                setMessage({ kind: 'ok', text });
                input.current?.focus();
              }}
            />
          ) : chosen ? (
            <VoterDetail
              voter={chosen}
              status={statuses.get(chosen.id)}
              onIssue={() => void issue(chosen)}
              onUndo={async (reason) => {
                try {
                  await undoBallotIssue(eventStore, chosen.id, operator?.role ?? null, reason, contextOf(setup, operator?.id ?? null));
                  setMessage({ kind: 'ok', text: t('voters:undone') });
                } catch (e) {
                  if (e instanceof UndoRefused) setMessage({ kind: 'error', text: t(`voters:undoRefused.${e.refusal.code}`) });
                  else throw e;
                }
              }}
              memberName={memberName}
            />
          ) : (
            <>
              <p className="hint">{t('voters:chooseHint')}</p>
              <button type="button" className="link" onClick={() => setIncident('')} data-testid="record-incident">
                {t('voters:incident.recordOther')}
              </button>
            </>
          )}
        </section>
      </div>
      <DeskIncidentList />
    </div>
  );
}

export function fullName(v: VoterRecord): string {
  return [v.surname, v.name, v.patronymic].filter(Boolean).join(' ');
}

function StatusBadge({ status, outside, voterId }: { status: VoterBallotStatus | undefined; outside: OutPremisesState; voterId: string }) {
  const { t } = useTranslation();
  if (status?.issued) return <span className="status-badge status-done">{t('voters:status.issued')}</span>;
  if (outside.votedOutside[voterId]) return <span className="status-badge status-done">{t('voters:status.votedOutside')}</span>;
  if (outside.activeByVoter[voterId] !== undefined) return <span className="status-badge status-in-progress">{t('voters:status.inRegister', { number: outside.activeByVoter[voterId] })}</span>;
  return <span className="status-badge">{t('voters:status.notYet')}</span>;
}

function VoterDetail({
  voter,
  status,
  onIssue,
  onUndo,
  memberName,
}: {
  voter: VoterRecord;
  status: VoterBallotStatus | undefined;
  onIssue(): void;
  onUndo(reason: string): Promise<void>;
  memberName(id: string | null): string;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  const [reason, setReason] = useState('');
  const issueButton = useRef<HTMLButtonElement>(null);
  useEffect(() => issueButton.current?.focus(), [voter.id]);
  const mayUndo = operator?.role === 'chair' || operator?.role === 'secretary';
  return (
    <div data-testid="voter-detail">
      <h2>{fullName(voter)}</h2>
      <dl className="facts">
        <dt>{t('voters:field.pageRow')}</dt>
        <dd>
          {voter.page} / {voter.row}
        </dd>
        <dt>{t('voters:field.birth')}</dt>
        <dd>{voter.birthDate ?? voter.birthYear}</dd>
        <dt>{t('voters:field.address')}</dt>
        <dd>{voter.address || '—'}</dd>
        <dt>{t('voters:field.document')}</dt>
        <dd>{voter.document || voter.pin || '—'}</dd>
      </dl>
      {status?.issued ? (
        <>
          <p className="alert alert-warn" data-testid="already-issued">
            {t('voters:alreadyIssued', { at: formatDateTime(status.issued.at, lng, setup.precinct.timeZone), by: memberName(status.issued.by) })}
          </p>
          <label className="field">
            <span>{t('voters:undoReason')}</span>
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} data-testid="undo-reason" disabled={!mayUndo} />
          </label>
          {!mayUndo && <p className="hint">{t('voters:undoOnlyChairSecretary')}</p>}
          <div className="actions">
            <button type="button" onClick={onIssue} data-testid="issue-again">
              {t('voters:issue')}
            </button>
            <button type="button" disabled={!mayUndo || reason.trim().length < 5} onClick={() => void onUndo(reason).then(() => setReason(''))} data-testid="undo-issue">
              {t('voters:undo')}
            </button>
          </div>
        </>
      ) : (
        <div className="actions">
          <button ref={issueButton} type="button" className="primary big" onClick={onIssue} data-testid="issue-ballot">
            {t('voters:issue')} ⏎
          </button>
        </div>
      )}
      {status && status.undone.length > 0 && (
        <div className="undo-history">
          <h3>{t('voters:undoHistory')}</h3>
          <ul>
            {status.undone.map((u) => (
              <li key={u.eventId}>
                {formatDateTime(u.at, lng, setup.precinct.timeZone)} · {memberName(u.by)}: {u.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
