/**
 * Installing an update (docs/UPDATES.md) on the Sync screen, where Help → "Install an update…"
 * leads: a warning on voting day and the next day until the protocol is signed (shared/update/hold;
 * the secretary may still go on), "back up first" (the folder backup when automatic backups run),
 * and the button that asks main to choose, verify and install the package. The page never names a
 * path and learns only how it ended. A browser cannot install: it says so in place of the button.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstallUpdateResult } from '../../shared/platform/api';
import { updateHold } from '../../shared/update/hold';
import { useProtocolState } from '../core/protocol-queries';
import { isElectron, platform } from '../platform';
import { autoBackupState, backupToFolder, onAutoBackup, type AutoBackupState } from './backup/auto-backup';
import { appNow, useNow } from './clock';
import { formatDateTime } from './format';
import { useSetup } from './session';

const FOCUS_EVENT = 'precinct-desk:focus-update-panel';
let focusPending = false;

/** The menu's command: the panel takes focus when it shows (or at once, when it already does). */
export function requestUpdatePanelFocus(): void {
  focusPending = true;
  window.dispatchEvent(new Event(FOCUS_EVENT));
}

export function UpdatePanel() {
  const { t, i18n } = useTranslation();
  const setup = useSetup();
  const protocol = useProtocolState();
  useNow();
  const heading = useRef<HTMLHeadingElement>(null);
  const [auto, setAuto] = useState<AutoBackupState>(autoBackupState);
  const [busy, setBusy] = useState(false);
  const [backingUp, setBackingUp] = useState(false);
  const [result, setResult] = useState<InstallUpdateResult | 'error' | null>(null);

  useEffect(() => onAutoBackup(setAuto), []);
  useEffect(() => {
    const take = () => {
      if (!focusPending) return;
      focusPending = false;
      heading.current?.scrollIntoView({ block: 'start' });
      heading.current?.focus();
    };
    take();
    window.addEventListener(FOCUS_EVENT, take);
    return () => window.removeEventListener(FOCUS_EVENT, take);
  }, []);

  const hold = updateHold({
    now: new Date(appNow()),
    votingDay: setup.election.votingDay,
    timeZone: setup.precinct.timeZone,
    protocolSigned: protocol.current !== null,
  });

  async function install() {
    setBusy(true);
    setResult(null);
    try {
      setResult(await platform.installUpdate());
    } catch {
      setResult('error');
    } finally {
      setBusy(false);
    }
  }

  async function backUp() {
    setBackingUp(true);
    try {
      await backupToFolder();
    } finally {
      setBackingUp(false);
    }
  }

  return (
    <section className="card" data-testid="update-panel" aria-labelledby="update-panel-title">
      <h2 id="update-panel-title" ref={heading} tabIndex={-1}>
        {t('sync:update.title')}
      </h2>
      <p className="hint">{t('sync:update.hint')}</p>
      {hold.hold && (
        <p className="alert alert-warn" data-testid="update-hold">
          {t(`sync:update.hold.${hold.reason}`)}
        </p>
      )}
      {auto.kind === 'on' ? (
        <div className="actions" data-testid="update-backup">
          <p>
            {auto.last
              ? t('sync:update.lastBackup', { at: formatDateTime(auto.last.at, i18n.language, setup.precinct.timeZone) })
              : t('sync:update.backupFirst')}
          </p>
          <button type="button" disabled={backingUp} onClick={() => void backUp()} data-testid="update-backup-now">
            {t('backup:auto.now')}
          </button>
        </div>
      ) : (
        <p data-testid="update-backup">{t('sync:update.backupManual')}</p>
      )}
      {isElectron ? (
        <div className="actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void install()} data-testid="update-install">
            {t('desktop:menu.installUpdate')}
          </button>
        </div>
      ) : (
        <p className="hint" data-testid="update-browser">
          {t('sync:update.browser')}
        </p>
      )}
      {result !== null && <UpdateResult result={result} />}
    </section>
  );
}

function UpdateResult({ result }: { result: InstallUpdateResult | 'error' }) {
  const { t } = useTranslation();
  if (result === 'error') return <p className="alert alert-error" role="alert" data-testid="update-result">{t('sync:update.result.error')}</p>;
  if (result.status === 'refused') {
    return (
      <p className="alert alert-error" role="alert" data-testid="update-result">
        {t('sync:update.result.refused', { reason: t(`desktop:update.reasons.${result.code}`) })}
      </p>
    );
  }
  const kind = result.status === 'installing' ? 'ok' : result.status === 'failed' ? 'error' : 'warn';
  return (
    <p className={`alert alert-${kind}`} role="status" data-testid="update-result">
      {result.status === 'installing' ? t('sync:update.result.installing', { version: result.version }) : t(`sync:update.result.${result.status}`)}
    </p>
  );
}
