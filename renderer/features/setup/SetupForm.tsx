/** Enter the election by hand, or edit it later from the precinct profile. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BundleProblem } from '../../../shared/election/bundle';
import { MEMBER_ROLES, type ElectionSetup, type MemberRole } from '../../../shared/election/model';
import { Form, FormField, type SubmitOutcome } from '../../ui/form';
import { ProblemList } from '../../ui/setup/ProblemList';
import { describeProblem } from '../../ui/setup/problems';
import { draftFromSetup, emptyDraft, newId, setupFromDraft, type SetupDraft } from './setup-draft';

interface Props {
  initial: ElectionSetup | null;
  onSave(setup: ElectionSetup): Promise<void>;
  onCancel(): void;
}

const timeZones: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Bishkek'];
  }
})();

export function SetupForm({ initial, onSave, onCancel }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<SetupDraft>(() => (initial ? draftFromSetup(initial) : emptyDraft()));
  const [problems, setProblems] = useState<BundleProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const byPath = useMemo(() => {
    const map = new Map<string, string>();
    for (const p of problems) if (!map.has(p.path)) map.set(p.path, describeProblem(p, t).message);
    return map;
  }, [problems, t]);

  const set = <K extends keyof SetupDraft>(key: K, value: SetupDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(): Promise<SubmitOutcome> {
    const source = initial?.source ?? { kind: 'manual' as const, bundleHash: null, bundleVersion: null, fileName: null };
    const result = setupFromDraft(draft, source);
    if (!result.ok) {
      setProblems(result.error);
      return 'refused';
    }
    setProblems([]);
    setBusy(true);
    try {
      await onSave(result.value);
    } finally {
      setBusy(false);
    }
    return 'done';
  }

  const text = (key: keyof SetupDraft, path: string, label: string, extra: { placeholder?: string; list?: string; inputMode?: 'numeric' } = {}) => (
    <FormField label={label} error={byPath.get(path)}>
      <input
        type="text"
        placeholder={extra.placeholder}
        list={extra.list}
        inputMode={extra.inputMode}
        value={draft[key] as string}
        onChange={(e) => set(key, e.target.value as never)}
        data-field={path}
      />
    </FormField>
  );

  return (
    <Form className="card setup-form" data-testid="setup-form" onSubmit={submit}>
      <h2>{initial ? t('setup:form.editTitle') : t('setup:form.title')}</h2>
      {problems.length > 0 && <ProblemList title={t('setup:form.problems', { count: problems.length })} problems={problems} />}

      <fieldset>
        <legend>{t('fields:section.election')}</legend>
        <div className="grid">
          <FormField label={t('fields:election.type')}>
            <select value="presidential" disabled>
              <option value="presidential">{t('setup:form.presidential')}</option>
            </select>
          </FormField>
          {text('nameKy', 'election.name.ky', t('setup:form.nameKy'))}
          {text('nameRu', 'election.name.ru', t('setup:form.nameRu'))}
          {text('nameEn', 'election.name.en', t('setup:form.nameEn'))}
          {text('votingDay', 'election.votingDay', t('fields:election.votingDay'), { placeholder: t('setup:form.datePlaceholder') })}
          {text('electionCallDate', 'election.electionCallDate', t('fields:election.electionCallDate'), { placeholder: t('setup:form.datePlaceholder') })}
          {text('hoursFrom', 'election.votingHours', t('setup:form.hoursFrom'), { placeholder: '08:00' })}
          {text('hoursTo', 'election.votingHours', t('setup:form.hoursTo'), { placeholder: '20:00' })}
          {text('reportTimes', 'election.turnoutReportTimes', t('fields:election.turnoutReportTimes'))}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('fields:section.precinct')}</legend>
        <div className="grid">
          {text('precinctNumber', 'precinct.number', t('fields:precinct.number'), { inputMode: 'numeric' })}
          {text('precinctName', 'precinct.name', t('fields:precinct.name'))}
          {text('address', 'precinct.address', t('fields:precinct.address'))}
          {text('territorialCommission', 'precinct.territorialCommission', t('fields:precinct.territorialCommission'))}
          {text('timeZone', 'precinct.timeZone', t('fields:precinct.timeZone'), { list: 'time-zones' })}
          {text('voterCount', 'precinct.voterCount', t('fields:precinct.voterCount'), { inputMode: 'numeric' })}
          {text('formedOn', 'precinct.formedOn', t('fields:precinct.formedOn'), { placeholder: t('setup:form.datePlaceholder') })}
        </div>
        <datalist id="time-zones">
          {timeZones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </fieldset>

      <fieldset>
        <legend>{t('fields:section.members')}</legend>
        <table className="table edit-table">
          <thead>
            <tr>
              <th>{t('fields:member.name')}</th>
              <th>{t('fields:member.role')}</th>
              <td />
            </tr>
          </thead>
          <tbody>
            {draft.members.map((m, i) => (
              <tr key={m.id}>
                <td>
                  <FormField label={t('fields:item.member', { n: i + 1 })} error={byPath.get(`members.${i}.name`)} hiddenLabel>
                    <input value={m.name} data-field={`members.${i}.name`} onChange={(e) => set('members', draft.members.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
                  </FormField>
                </td>
                <td>
                  <FormField label={t('fields:member.role')} error={byPath.get(`members.${i}.role`)} hiddenLabel>
                    <select value={m.role} onChange={(e) => set('members', draft.members.map((x, j) => (j === i ? { ...x, role: e.target.value as MemberRole } : x)))}>
                      {MEMBER_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`common:role.${r}`)}
                        </option>
                      ))}
                    </select>
                  </FormField>
                </td>
                <td>
                  <button type="button" className="link" onClick={() => set('members', draft.members.filter((_, j) => j !== i))}>
                    {t('common:remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={() => set('members', [...draft.members, { id: newId('m'), name: '', role: 'member' }])}>
          {t('setup:form.addMember')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('fields:section.candidates')}</legend>
        <table className="table edit-table">
          <thead>
            <tr>
              <th>{t('fields:candidate.position')}</th>
              <th>{t('fields:candidate.surname')}</th>
              <th>{t('fields:candidate.name')}</th>
              <th>{t('fields:candidate.patronymic')}</th>
              <th>{t('fields:candidate.birthYear')}</th>
              <td />
            </tr>
          </thead>
          <tbody>
            {draft.candidates.map((c, i) => {
              const cell = (key: 'position' | 'surname' | 'name' | 'patronymic' | 'birthYear', numeric = false) => (
                <td>
                  <FormField label={t(`fields:candidate.${key}`)} error={byPath.get(`candidates.${i}.${key}`)} hiddenLabel>
                    <input
                      value={c[key]}
                      inputMode={numeric ? 'numeric' : undefined}
                      className={numeric ? 'narrow' : undefined}
                      data-field={`candidates.${i}.${key}`}
                      onChange={(e) => set('candidates', draft.candidates.map((x, j) => (j === i ? { ...x, [key]: e.target.value } : x)))}
                    />
                  </FormField>
                </td>
              );
              return (
                <tr key={c.id}>
                  {cell('position', true)}
                  {cell('surname')}
                  {cell('name')}
                  {cell('patronymic')}
                  {cell('birthYear', true)}
                  <td>
                    <button type="button" className="link" onClick={() => set('candidates', draft.candidates.filter((_, j) => j !== i))}>
                      {t('common:remove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button
          type="button"
          onClick={() =>
            set('candidates', [
              ...draft.candidates,
              { id: newId('c'), position: String(draft.candidates.length + 1), surname: '', name: '', patronymic: '', birthYear: '', nominatedBy: '' },
            ])
          }
        >
          {t('setup:form.addCandidate')}
        </button>
        <label className="check">
          <input type="checkbox" checked={draft.againstAll} onChange={(e) => set('againstAll', e.target.checked)} />
          {t('fields:againstAll')}
        </label>
      </fieldset>

      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t('common:cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy} data-testid="setup-save">
          {initial ? t('common:save') : t('setup:form.activate')}
        </button>
      </div>
    </Form>
  );
}
