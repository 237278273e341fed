/** Recording a person turned away at the desk (not in the list, not identified …) and the day's list of them. */
import { contextOf, recordFact, useDeskIncidents } from '../../core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DESK_INCIDENT_KINDS, DESK_INCIDENT_OUTCOMES, deskIncidentPayloadSchemas, type DeskIncidentKind, type DeskIncidentOutcome } from '../../../shared/voters/desk-incidents';
import { formatDateTime } from '../../app/format';
import type { Language } from '../../app/i18n';
import { useSession, useSetup } from '../../app/session';
import { Form, FormField, type SubmitOutcome } from '../../ui/form';

export function DeskIncidentForm({ person, onDone, onCancel }: { person: string; onDone(text: string): void; onCancel(): void }) {
  const { t } = useTranslation();
  const setup = useSetup();
  const { operator } = useSession();
  const [kind, setKind] = useState<DeskIncidentKind>('not-in-list');
  const [name, setName] = useState(person);
  const [document, setDocument] = useState('');
  const [outcome, setOutcome] = useState<DeskIncidentOutcome>('no-ballot');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<{ field: 'person' | 'note'; text: string } | null>(null);
  const errorOf = (field: 'person' | 'note') => (problem?.field === field ? problem.text : null);

  async function save(): Promise<SubmitOutcome> {
    const parsed = deskIncidentPayloadSchemas.DeskIncidentRecorded.safeParse({ kind, person: name, document, outcome, note });
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? 'person') === 'note' ? 'note' : 'person';
      setProblem({ field, text: t(field === 'note' ? 'voters:incident.noteRequired' : 'voters:incident.personRequired') });
      return 'refused';
    }
    await recordFact('DeskIncidentRecorded', parsed.data, contextOf(setup, operator?.id ?? null));
    onDone(t('voters:incident.recorded', { person: parsed.data.person }));
    return 'done';
  }

  return (
    <Form className="incident-form" data-testid="incident-form" onSubmit={save}>
      <h3>{t('voters:incident.title')}</h3>
      <div className="grid three">
        <label className="field">
          <span>{t('voters:incident.kindLabel')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as DeskIncidentKind)} data-testid="incident-kind">
            {DESK_INCIDENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`voters:incident.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <FormField label={t('voters:incident.person')} error={errorOf('person')}>
          <input value={name} onChange={(e) => setName(e.target.value)} data-testid="incident-person" />
        </FormField>
        <label className="field">
          <span>{t('voters:incident.document')}</span>
          <input value={document} onChange={(e) => setDocument(e.target.value)} data-testid="incident-document" />
        </label>
        <label className="field">
          <span>{t('voters:incident.outcomeLabel')}</span>
          <select value={outcome} onChange={(e) => setOutcome(e.target.value as DeskIncidentOutcome)} data-testid="incident-outcome">
            {DESK_INCIDENT_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`voters:incident.outcome.${o}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <FormField label={t('voters:incident.note')} error={errorOf('note')}>
        <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} data-testid="incident-note" />
      </FormField>
      <div className="actions">
        <button type="submit" className="primary" data-testid="incident-save">
          {t('voters:incident.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common:cancel')}
        </button>
      </div>
    </Form>
  );
}

export function DeskIncidentList() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const incidents = useDeskIncidents();
  if (incidents.length === 0) return null;
  const member = (id: string | null) => setup.members.find((m) => m.id === id)?.name ?? id ?? '—';
  return (
    <section className="card" data-testid="incident-list">
      <h2>{t('voters:incident.listTitle', { count: incidents.length })}</h2>
      <ul className="incident-list">
        {[...incidents].reverse().map((i) => (
          <li key={i.id}>
            <span className="muted">{formatDateTime(i.at, lng, setup.precinct.timeZone)}</span> · <strong>{i.person}</strong>
            {i.document ? ` (${i.document})` : ''} · {t(`voters:incident.kind.${i.kind}`)} → {t(`voters:incident.outcome.${i.outcome}`)}
            {i.note ? ` — ${i.note}` : ''} <span className="muted">· {member(i.by)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
