/**
 * Reads an election bundle file, lists every problem in it, lets the user choose the precinct and,
 * when a setup already exists, shows what would change. Nothing is activated until "Activate".
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilePicker } from '../../app/FilePicker';
import { bundleReplacementRefusal, readBundle, setupFromBundle, type BundleProblem, type CheckedBundle } from '../../../shared/election/bundle';
import type { ElectionSetup } from '../../../shared/election/model';
import { diffSetups } from '../../../shared/setup/history';
import { formatDate, formatNumber } from '../../app/format';
import type { Language } from '../../app/i18n';
import { localized } from '../../app/localized';
import { ChangeList } from './ChangeList';
import { ProblemList } from './ProblemList';

interface Props {
  current: ElectionSetup | null;
  /** A bundle already read and verified elsewhere (from the center); no file to pick then. */
  initial?: { checked: CheckedBundle; name: string };
  onActivate(setup: ElectionSetup): Promise<void>;
  onCancel(): void;
}

export function BundleLoader({ current, initial, onActivate, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const [fileName, setFileName] = useState<string | null>(initial?.name ?? null);
  const [problems, setProblems] = useState<BundleProblem[] | null>(null);
  const [checked, setChecked] = useState<CheckedBundle | null>(initial?.checked ?? null);
  const [precinct, setPrecinct] = useState<number | null>(initial && current ? current.precinct.number : null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function onFile(file: File | undefined) {
    setProblems(null);
    setChecked(null);
    setFailure(null);
    if (!file) return;
    setFileName(file.name);
    const result = await readBundle(await file.text());
    if (!result.ok) {
      setProblems(result.error);
      return;
    }
    setChecked(result.value);
    const numbers = result.value.bundle.precincts.map((p) => p.number);
    const keep = current && numbers.includes(current.precinct.number) ? current.precinct.number : null;
    setPrecinct(keep ?? (numbers.length === 1 ? (numbers[0] ?? null) : null));
  }

  // An older (or same-numbered, different) bundle of this election never replaces the active one.
  const notNewer = checked ? bundleReplacementRefusal(current, checked) : null;
  const candidate = checked && precinct !== null && !notNewer ? setupFromBundle(checked, precinct, 'bundle', fileName) : null;
  const changes = current && candidate ? diffSetups(current, candidate) : null;

  async function activate() {
    if (!candidate) return;
    setBusy(true);
    setFailure(null);
    try {
      await onActivate(candidate);
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" data-testid="bundle-loader">
      <h2>{t('setup:bundle.title')}</h2>
      <p className="hint">{t('setup:bundle.hint')}</p>
      {!initial && (
        <div className="file-pick">
          <span>{t('setup:bundle.choose')}</span>
          <FilePicker accept=".json,application/json" testId="bundle-file" onFile={(f) => void onFile(f ?? undefined)} />
        </div>
      )}
      {problems && <ProblemList title={t('setup:bundle.refused', { file: fileName ?? '' })} problems={problems} />}
      {checked && (
        <div className="bundle-summary" data-testid="bundle-summary">
          <p className="alert alert-ok">{t('setup:bundle.verified', { version: checked.bundle.bundleVersion, hash: checked.hash.slice(0, 12) })}</p>
          {notNewer && (
            <p className="alert alert-error" role="alert" data-testid="bundle-not-newer">
              {t('setup:bundle.notNewer', { offered: notNewer.offered, active: notNewer.active })}
            </p>
          )}
          <dl className="facts">
            <dt>{t('fields:election.name')}</dt>
            <dd>{localized(checked.bundle.election.name, lng)}</dd>
            <dt>{t('fields:election.votingDay')}</dt>
            <dd>{formatDate(checked.bundle.election.votingDay, lng)}</dd>
            <dt>{t('setup:bundle.issuer')}</dt>
            <dd>{checked.bundle.issuer}</dd>
          </dl>
          {checked.bundle.precincts.length > 1 && (
            <label className="field">
              <span>{t('setup:bundle.pickPrecinct')}</span>
              <select value={precinct ?? ''} onChange={(e) => setPrecinct(e.target.value ? Number(e.target.value) : null)} data-testid="bundle-precinct">
                <option value="">—</option>
                {checked.bundle.precincts.map((p) => (
                  <option key={p.number} value={p.number}>
                    {p.number} · {p.name}
                    {p.voterCount !== null ? ` (${formatNumber(p.voterCount, lng)})` : ''}
                  </option>
                ))}
              </select>
            </label>
          )}
          {changes && (
            <div className="bundle-changes">
              <h3>{t('setup:bundle.changes', { count: changes.length })}</h3>
              <ChangeList changes={changes} />
            </div>
          )}
        </div>
      )}
      {failure && <p className="alert alert-error" role="alert">{t('errors:saveFailed', { detail: failure })}</p>}
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t('common:cancel')}
        </button>
        <button type="button" className="primary" disabled={!candidate || busy} onClick={() => void activate()} data-testid="bundle-activate">
          {t('setup:bundle.activate')}
        </button>
      </div>
    </section>
  );
}
