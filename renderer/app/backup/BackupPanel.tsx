/** "Save a backup now": the whole local state, encrypted with the commission's passphrase. */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/backup/backup-file';
import { formatNumber } from '../format';
import { backupProblemText } from './problem-text';
import { downloadBackup } from './backup-actions';
import { AUTO_BACKUP_MINUTES, autoBackupState, onAutoBackup, startAutoBackup, type AutoBackupState } from './auto-backup';
import { platform } from '../../platform';
import { formatDateTime } from '../format';
import type { BackupStatus } from '../../../shared/platform/api';
import { Form, FormField, type SubmitOutcome } from '../../ui/form';

export function BackupPanel() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  // A refusal about the passphrase is said at its field (the shared Form puts the focus there).
  const passphraseProblem = message?.kind === 'error' && passphrase.length < MIN_PASSPHRASE_LENGTH ? message.text : undefined;
  const [folder, setFolder] = useState<BackupStatus | null>(null);
  const [auto, setAuto] = useState<AutoBackupState>(autoBackupState);
  useEffect(() => {
    void platform.backupStatus().then(setFolder);
    return onAutoBackup(setAuto);
  }, []);

  async function chooseFolder() {
    const chosen = await platform.chooseBackupFolder();
    if (chosen.status === 'chosen') setFolder({ available: true, folder: chosen.folder });
  }

  async function startAuto() {
    setMessage(null);
    const result = await startAutoBackup(passphrase);
    if ('code' in result) {
      setMessage({ kind: 'error', text: backupProblemText(t, result) });
      input.current?.focus();
    }
  }

  async function save(): Promise<SubmitOutcome> {
    setBusy(true);
    setMessage(null);
    try {
      const result = await downloadBackup(passphrase);
      if (!result.ok) {
        setMessage({ kind: 'error', text: backupProblemText(t, result.error) });
        return 'refused';
      } else if (result.value) {
        setMessage({ kind: 'ok', text: t('backup:saved', { name: result.value.name, count: formatNumber(result.value.events, i18n.language) }) });
      } else setMessage({ kind: 'ok', text: t('backup:cancelled') });
    } catch (e) {
      setMessage({ kind: 'error', text: t('backup:failed', { reason: e instanceof Error ? e.message : String(e) }) });
    } finally {
      setBusy(false);
    }
    return 'done';
  }

  return (
    <section className="card" data-testid="backup-panel">
      <h2>{t('backup:title')}</h2>
      <p className="hint">{t('backup:hint')}</p>
      <Form onSubmit={save}>
        <div className="grid">
          <FormField label={t('backup:passphrase')} error={passphraseProblem} errorTestId="backup-message">
            <input
              ref={input}
              type="password"
              autoComplete="new-password"
              value={passphrase}
              aria-describedby={`${id}-hint`}
              onChange={(e) => {
                setPassphrase(e.target.value);
                if (message?.kind === 'error') setMessage(null);
              }}
              data-testid="backup-passphrase"
            />
          </FormField>
        </div>
        <p className="hint" id={`${id}-hint`}>
          {t('backup:passphraseHint', { min: MIN_PASSPHRASE_LENGTH })}
        </p>
        {message && passphraseProblem === undefined && (
          <p className={`alert alert-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="backup-message">
            {message.text}
          </p>
        )}
        <div className="actions">
          {folder?.available && folder.folder && (
            <button type="button" className="primary" onClick={() => void startAuto()} data-testid="backup-auto">
              {auto.kind === 'on' ? t('backup:auto.now') : t('backup:auto.start', { minutes: AUTO_BACKUP_MINUTES })}
            </button>
          )}
          <button type="submit" className={folder?.folder ? '' : 'primary'} disabled={busy} data-testid="backup-now">
            {folder?.available ? t('backup:saveCopy') : t('backup:backupNow')}
          </button>
        </div>
      </Form>
      {folder?.available && (
        <div data-testid="backup-folder">
          <p>
            {folder.folder ? t('backup:auto.folder', { folder: folder.folder }) : t('backup:auto.noFolder')}{' '}
            <button type="button" onClick={() => void chooseFolder()} data-testid="backup-choose-folder">
              {t('backup:auto.choose')}
            </button>
          </p>
          {auto.kind === 'off' ? (
            <p className="hint">{t('backup:auto.off')}</p>
          ) : (
            <p className={`alert alert-${auto.error ? 'error' : 'ok'}`} role="status" data-testid="backup-auto-state">
              {auto.error
                ? typeof auto.error === 'string'
                  ? t(`backup:auto.${auto.error}`)
                  : backupProblemText(t, auto.error)
                : auto.last
                  ? t('backup:auto.last', { at: formatDateTime(auto.last.at, i18n.language), name: auto.last.name, minutes: AUTO_BACKUP_MINUTES })
                  : t('backup:auto.off')}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
