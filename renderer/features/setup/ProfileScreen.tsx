/** The precinct profile: what is set up, who changed what and when, and a check of the log. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ElectionSetup } from '../../../shared/election/model';
import { sortByBallotOrder } from '../../../shared/election/model';
import { verifyChains, type ChainProblem } from '../../../shared/events/envelope';
import { setupHistory } from '../../../shared/setup/history';
import { formatClock, formatDate, formatDateTime, formatNumber, formatUtcOffset } from '../../app/format';
import type { Language } from '../../app/i18n';
import { localized } from '../../app/localized';
import { useSession, useSetup } from '../../app/session';
import { activateSetup, readEventLog, saveSetupChanges, useEventLog } from '../../core';
import { AboutPanel } from '../../app/AboutPanel';
import { BundleLoader } from '../../ui/setup/BundleLoader';
import { SetupForm } from './SetupForm';
import { ChangeList } from '../../ui/setup/ChangeList';

type Mode = 'view' | 'edit' | 'bundle';

export function ProfileScreen() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  const [mode, setMode] = useState<Mode>('view');
  const [notice, setNotice] = useState<string | null>(null);
  const actor = operator?.id ?? null;

  if (mode === 'edit') {
    return (
      <SetupForm
        initial={setup}
        onCancel={() => setMode('view')}
        onSave={async (next: ElectionSetup) => {
          const count = await saveSetupChanges(setup, next, actor);
          setNotice(t('profile:saved', { count }));
          setMode('view');
        }}
      />
    );
  }
  if (mode === 'bundle') {
    return (
      <BundleLoader
        current={setup}
        onCancel={() => setMode('view')}
        onActivate={async (next) => {
          await activateSetup(next, actor);
          setNotice(t('profile:bundleActivated'));
          setMode('view');
        }}
      />
    );
  }

  const { election, precinct } = setup;
  return (
    <div className="profile" data-testid="profile">
      <div className="screen-head">
        <h1>{t('profile:title')}</h1>
        <div className="actions">
          <button type="button" onClick={() => setMode('edit')} data-testid="profile-edit">
            {t('profile:edit')}
          </button>
          <button type="button" onClick={() => setMode('bundle')} data-testid="profile-load-bundle">
            {t('profile:loadBundle')}
          </button>
        </div>
      </div>
      {notice && (
        <p className="alert alert-ok" role="status">
          {notice}
        </p>
      )}
      <div className="two-col">
        <section className="card">
          <h2>{t('fields:section.election')}</h2>
          <dl className="facts">
            <dt>{t('fields:election.name')}</dt>
            <dd>{localized(election.name, lng)}</dd>
            <dt>{t('fields:election.type')}</dt>
            <dd>{t('setup:form.presidential')}</dd>
            <dt>{t('fields:election.votingDay')}</dt>
            <dd>{formatDate(election.votingDay, lng)}</dd>
            <dt>{t('fields:election.electionCallDate')}</dt>
            <dd>{election.electionCallDate ? formatDate(election.electionCallDate, lng) : t('common:notSet')}</dd>
            <dt>{t('fields:election.votingHours')}</dt>
            <dd>
              {election.votingHours.from}–{formatClock(election.votingHours.to)} ({t('profile:localTime')})
            </dd>
            <dt>{t('fields:election.turnoutReportTimes')}</dt>
            <dd>{election.turnoutReportTimes.join(', ')}</dd>
            <dt>{t('profile:source')}</dt>
            <dd>
              {t(`profile:sourceKind.${setup.source.kind}`)}
              {setup.source.bundleVersion !== null && ` · v${setup.source.bundleVersion}`}
              {setup.source.bundleHash && <code title={setup.source.bundleHash}> · {setup.source.bundleHash.slice(0, 12)}</code>}
            </dd>
          </dl>
        </section>
        <section className="card">
          <h2>{t('fields:section.precinct')}</h2>
          <dl className="facts">
            <dt>{t('fields:precinct.number')}</dt>
            <dd data-testid="profile-precinct-number">{precinct.number}</dd>
            <dt>{t('fields:precinct.name')}</dt>
            <dd>{precinct.name}</dd>
            <dt>{t('fields:precinct.address')}</dt>
            <dd data-testid="profile-address">{precinct.address}</dd>
            <dt>{t('fields:precinct.territorialCommission')}</dt>
            <dd>{precinct.territorialCommission}</dd>
            <dt>{t('fields:precinct.timeZone')}</dt>
            <dd>
              {precinct.timeZone} ({formatUtcOffset(precinct.timeZone, new Date(`${election.votingDay}T12:00:00Z`))})
            </dd>
            <dt>{t('fields:precinct.voterCount')}</dt>
            <dd>{precinct.voterCount === null ? t('common:notSet') : formatNumber(precinct.voterCount, lng)}</dd>
            <dt>{t('fields:precinct.formedOn')}</dt>
            <dd data-testid="profile-formed-on" title={t('fields:precinct.formedOnHint')}>
              {precinct.formedOn ? formatDate(precinct.formedOn, lng) : t('common:notSet')}
            </dd>
          </dl>
        </section>
      </div>
      <div className="two-col">
        <section className="card">
          <h2>{t('fields:section.members')}</h2>
          <table className="table">
            <tbody>
              {setup.members.map((m) => (
                <tr key={m.id}>
                  <td>{m.name}</td>
                  <td>{t(`common:role.${m.role}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card">
          <h2>{t('fields:section.candidates')}</h2>
          <ol className="ballot">
            {sortByBallotOrder(setup.candidates).map((c) => (
              <li key={c.id} value={c.position}>
                {c.surname} {c.name} {c.patronymic}
                {c.birthYear !== null && <span className="muted"> · {c.birthYear}</span>}
              </li>
            ))}
            {setup.againstAll && <li className="against-all">{t('fields:againstAllLine')}</li>}
          </ol>
        </section>
      </div>
      <History lng={lng} />
      <AboutPanel />
    </div>
  );
}

function History({ lng }: { lng: Language }) {
  const { t } = useTranslation();
  const setup = useSetup();
  const events = useEventLog() ?? [];
  const [check, setCheck] = useState<{ count: number; problems: ChainProblem[] } | null>(null);
  const history = setupHistory(events).reverse();
  const memberName = (id: string | null) => setup.members.find((m) => m.id === id)?.name ?? id ?? '—';

  return (
    <section className="card" data-testid="history">
      <div className="screen-head">
        <h2>{t('profile:history')}</h2>
        <button
          type="button"
          data-testid="verify-log"
          onClick={async () => {
            const all = await readEventLog();
            const chain = await verifyChains(all);
            setCheck({ count: all.length, problems: chain.ok ? [] : chain.error });
          }}
        >
          {t('profile:verifyLog')}
        </button>
      </div>
      {check && (
        <p className={`alert ${check.problems.length === 0 ? 'alert-ok' : 'alert-error'}`} role="status" data-testid="verify-result">
          {check.problems.length === 0
            ? t('profile:logIntact', { count: check.count })
            : t('profile:logBroken', { count: check.problems.length, first: chainProblemText(t, check.problems[0]) })}
        </p>
      )}
      <ol className="history">
        {history.map((h) => (
          <li key={h.eventId}>
            <div className="history-head">
              <strong>{t(`profile:event.${h.type}`)}</strong>
              <span className="muted">
                {formatDateTime(h.at, lng, setup.precinct.timeZone)} · {memberName(h.actor)}
              </span>
            </div>
            {h.type === 'SetupActivated' ? <p className="muted">{t('profile:setupFields', { count: h.changes.length })}</p> : <ChangeList changes={h.changes} />}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A broken link of the log in words: which laptop (its id's first characters, as the sync screen names it) and which event. */
function chainProblemText(t: TFunction, p: ChainProblem | undefined): string {
  if (!p) return '';
  const device = p.deviceId.slice(0, 8);
  return p.code === 'seq-gap'
    ? t('profile:chain.seq-gap', { device, expected: p.expected, found: p.found })
    : t(`profile:chain.${p.code}`, { device, seq: p.seq });
}
