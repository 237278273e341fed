/** Incidents found when the laptops' logs merged (a voter given two ballots: two in the room, or one outside and one in the room), and their resolution. */
import { contextOf, recordFact, useDoubleIssueIncidents, useSyncState } from '../core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_RESOLUTION, type BallotIncident, type IssueRef } from '../../shared/ballots/incidents';
import { Form, FormField } from './form';
import { formatDateTime } from '../app/format';
import type { Language } from '../app/i18n';
import { useSession, useSetup } from '../app/session';
import { useVoterList } from '../core/voter-list';

export function useIncidents(): BallotIncident[] {
  return useDoubleIssueIncidents();
}

export function IncidentList() {
  const { t } = useTranslation();
  const incidents = useIncidents();
  if (incidents.length === 0) return null;
  return (
    <section className="card" data-testid="incidents">
      <h2>{t('sync:incidents.title', { open: incidents.filter((i) => !i.resolution).length, all: incidents.length })}</h2>
      <ul className="incident-cards">
        {incidents.map((i) => (
          <IncidentCard key={i.id} incident={i} />
        ))}
      </ul>
    </section>
  );
}

function IncidentCard({ incident }: { incident: BallotIncident }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  const list = useVoterList();
  const [text, setText] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const zone = setup.precinct.timeZone;
  const member = (id: string | null) => setup.members.find((m) => m.id === id)?.name ?? id ?? '—';
  const voter = list.state === 'ready' ? list.list.byId.get(incident.voterId) : undefined;
  const who = voter ? `${voter.surname} ${voter.name} (${voter.page}/${voter.row})` : incident.voterId;
  // A laptop by the start of its id; this one said as such, so the member knows which record is whose.
  const own = useSyncState()?.enrolment?.deviceId ?? null;
  const laptop = (id: string) => (id === own ? t('sync:incidents.thisLaptop', { device: id.slice(0, 8) }) : id.slice(0, 8));
  const line = (r: IssueRef) => t('sync:incidents.issue', { at: formatDateTime(r.at, lng, zone), by: member(r.by), device: laptop(r.deviceId) });
  return (
    <li className={`incident-card ${incident.resolution ? 'resolved' : 'open'}`} data-testid="incident" data-kind={incident.kind}>
      {incident.kind === 'double-issue' ? (
        <>
          <strong>{t('sync:incidents.doubleIssue', { voter: who })}</strong>
          <ol>
            <li>{line(incident.first)}</li>
            <li>{line(incident.second)}</li>
          </ol>
        </>
      ) : (
        <>
          <strong>{t('sync:incidents.outsideAndRoom', { voter: who })}</strong>
          <ol>
            <li>
              {t('sync:incidents.outsideVisit', {
                number: incident.visit.number,
                team: incident.visit.team,
                at: formatDateTime(incident.visit.at, lng, zone),
                by: member(incident.visit.by),
                device: laptop(incident.visit.deviceId),
              })}
            </li>
            <li>{t('sync:incidents.roomIssue', { at: formatDateTime(incident.issue.at, lng, zone), by: member(incident.issue.by), device: laptop(incident.issue.deviceId) })}</li>
          </ol>
        </>
      )}
      {incident.resolution ? (
        <p className="alert alert-ok" data-testid="incident-resolution">
          {t('sync:incidents.resolved', { text: incident.resolution.text, by: member(incident.resolution.by), at: formatDateTime(incident.resolution.at, lng, zone) })}
        </p>
      ) : (
        <Form
          onSubmit={async () => {
            // Too short a decision is said at the field, which takes the focus (the button stays enabled, so it can say so).
            if (text.trim().length < MIN_RESOLUTION) {
              setTooShort(true);
              return 'refused';
            }
            setTooShort(false);
            await recordFact('IncidentResolved', { incident: incident.id, resolution: text.trim() }, contextOf(setup, operator?.id ?? null));
            return 'done';
          }}
        >
          <FormField label={t('sync:incidents.resolution')} error={tooShort && text.trim().length < MIN_RESOLUTION ? t('sync:incidents.resolutionTooShort', { count: MIN_RESOLUTION }) : undefined} errorTestId="incident-resolution-problem">
            <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} data-testid="incident-resolution-text" />
          </FormField>
          <button type="submit" data-testid="incident-resolve">
            {t('sync:incidents.resolve')}
          </button>
        </Form>
      )}
    </li>
  );
}

/** On the desk: open incidents are impossible to miss. */
export function IncidentBanner() {
  const { t } = useTranslation();
  const open = useIncidents().filter((i) => !i.resolution).length;
  if (open === 0) return null;
  return (
    <p className="alert alert-error" role="alert" data-testid="incident-banner">
      {t('sync:incidents.banner', { count: open })}{' '}
      <a href="#/sync">{t('sync:incidents.open')}</a>
    </p>
  );
}
