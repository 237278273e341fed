/**
 * Restore from the first-run screen: pick the file, give the passphrase, check (decrypt and verify
 * everything), then choose how the laptop continues and replace the state, all or nothing.
 */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilePicker } from '../FilePicker';
import { formatDateTime, formatNumber } from '../format';
import { backupProblemText } from './problem-text';
import { checkBackup, restoreBackup, type CheckedBackup } from './backup-actions';
import { Form, FormField, type SubmitOutcome } from '../../ui/form';

export function RestorePanel({ onCancel }: { onCancel(): void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const passInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [checked, setChecked] = useState<CheckedBackup | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // Only a backup that cannot be opened is the passphrase's fault; a damaged or forged file is not.
  const [passphraseAtFault, setPassphraseAtFault] = useState(false);
  const [busy, setBusy] = useState(false);
  const [asNewDevice, setAsNewDevice] = useState(false);
  const [done, setDone] = useState(false);

  async function check(): Promise<SubmitOutcome> {
    if (!file) return 'done';
    setBusy(true);
    setProblem(null);
    setChecked(null);
    try {
      const result = await checkBackup(file, passphrase);
      if (result.ok) {
        setChecked(result.value);
        return 'done';
      }
      setProblem(backupProblemText(t, result.error));
      setPassphraseAtFault(result.error.code === 'cannot-decrypt');
      return 'refused';
    } catch (e) {
      // The worker that reads the file failed: nothing was checked, nothing is restored.
      setPassphraseAtFault(false);
      setProblem(t('backup:restore.readFailed', { reason: e instanceof Error ? e.message : String(e) }));
      return 'refused';
    } finally {
      setBusy(false);
    }
  }

  async function restore() {
    if (!checked) return;
    setBusy(true);
    try {
      await restoreBackup(checked, asNewDevice);
      setDone(true);
      // Settings (language, operator) and every cache start again from the restored state.
      setTimeout(() => window.location.reload(), 300);
    } catch (e) {
      setPassphraseAtFault(false);
      setProblem(t('backup:failed', { reason: e instanceof Error ? e.message : String(e) }));
      setBusy(false);
    }
  }

  const s = checked?.summary;
  return (
    <section className="card" data-testid="restore-step" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading}>
        {t('backup:restore.title')}
      </h2>
      <p className="hint">{t('backup:restore.hint')}</p>
      <Form onSubmit={check}>
        <p>
          <span id={`${id}-file`}>{t('backup:restore.file')}</span>{' '}
          <FilePicker
            accept=".pdbackup,application/json"
            testId="restore-file"
            onFile={(f) => {
              setFile(f);
              setChecked(null);
              setProblem(null);
            }}
          />
        </p>
        <div className="grid">
          <FormField label={t('backup:passphrase')} error={problem !== null && passphraseAtFault ? problem : undefined} errorTestId="restore-problem">
            <input
              ref={passInput}
              type="password"
              autoComplete="off"
              value={passphrase}
              onChange={(e) => {
                setPassphrase(e.target.value);
                setChecked(null);
              }}
              data-testid="restore-passphrase"
            />
          </FormField>
        </div>
        {problem && !passphraseAtFault && (
          <p className="alert alert-error" role="alert" data-form-problems data-testid="restore-problem">
            {problem}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={onCancel}>
            {t('common:back')}
          </button>
          <button type="submit" className={checked ? '' : 'primary'} disabled={!file || passphrase.length === 0 || busy} data-testid="restore-check">
            {t('backup:restore.check')}
          </button>
        </div>
      </Form>
      {s && checked && (
        <div data-testid="restore-checked">
          <p className="alert alert-ok" role="status">
            {t('backup:restore.checked', {
              at: formatDateTime(s.createdAt, lng),
              events: formatNumber(s.events, lng),
              devices: formatNumber(s.devices, lng),
              own: formatNumber(s.ownEvents, lng),
            })}
          </p>
          <fieldset>
            <legend className="visually-hidden">{t('backup:restore.title')}</legend>
            <label className="radio">
              <input type="radio" name={`${id}-mode`} checked={!asNewDevice} onChange={() => setAsNewDevice(false)} data-testid="restore-continue" />{' '}
              {t('backup:restore.continueDevice')}
            </label>
            <label className="radio">
              <input type="radio" name={`${id}-mode`} checked={asNewDevice} onChange={() => setAsNewDevice(true)} data-testid="restore-new-device" />{' '}
              {t('backup:restore.newDevice')}
            </label>
          </fieldset>
          <p className="hint">{t('backup:restore.enrolAgain')}</p>
          <div className="actions">
            <button type="button" className="primary" disabled={busy || done} onClick={() => void restore()} data-testid="restore-confirm">
              {t('backup:restore.confirm')}
            </button>
          </div>
          {done && (
            <p className="alert alert-ok" role="status" data-testid="restore-done">
              {t('backup:restore.done')}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
