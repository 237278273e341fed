/**
 * About this app on the precinct profile: the version, the active election bundle, and "Save a
 * support file" (the log and the versions, no voter's data) — the same file as the Help menu's,
 * reachable without the menu. A browser keeps no log file, and says so in place of the button.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, SaveSupportFileResult } from '../../shared/platform/api';
import { isElectron, platform } from '../platform';
import { useSetup } from './session';

export function AboutPanel() {
  const { t } = useTranslation();
  const setup = useSetup();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [saved, setSaved] = useState<SaveSupportFileResult | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void platform.getAppInfo().then(setInfo);
  }, []);
  const { bundleHash, bundleVersion } = setup.source;
  return (
    <section className="card" data-testid="about">
      <h2>{t('desktop:about.title')}</h2>
      <ul className="about-facts">
        <li data-testid="about-version">{t('desktop:about.version', { version: info?.version ?? '…' })}</li>
        <li data-testid="about-bundle">
          {bundleHash ? t('desktop:about.bundle', { version: bundleVersion ?? '?', hash: bundleHash }) : t('desktop:about.noBundle')}
        </li>
      </ul>
      {isElectron ? (
        <div className="about-support">
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void platform
                .saveSupportFile()
                .then(setSaved)
                .finally(() => setBusy(false));
            }}
            data-testid="save-support-file"
          >
            {t('desktop:menu.saveSupportFile')}
          </button>
          <p className="hint">{t('desktop:support.savedDetail')}</p>
        </div>
      ) : (
        <p className="hint" data-testid="support-browser">
          {t('profile:supportBrowser')}
        </p>
      )}
      {saved?.status === 'saved' && (
        <p className="alert alert-ok" role="status" data-testid="support-saved">
          {t('desktop:support.saved', { name: saved.fileName })}
        </p>
      )}
    </section>
  );
}
