/** The first run: pick the language, then load a bundle, start the demo or enter the election by hand. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ElectionSetup } from '../../../shared/election/model';
import { changeLanguage, isLanguage, LANGUAGES, rememberLanguage, storedLanguage } from '../../app/i18n';
import { useRoute } from '../../app/router';
import { LANGUAGE_NAMES } from '../../app/LanguageSwitch';
import { activateSetup } from '../../core';
import { RestorePanel } from '../../app/backup/RestorePanel';
import { BundleLoader } from '../../ui/setup/BundleLoader';
import { DemoPicker } from './DemoPicker';
import { SetupForm } from './SetupForm';

type Step = 'language' | 'choose' | 'bundle' | 'demo' | 'manual' | 'restore';

/** `training`: the training switch, composed in by the app (setup does not import the training feature). */
export function FirstRun({ training }: { training: ReactNode }) {
  const { t, i18n } = useTranslation();
  const route = useRoute();
  // A language already chosen (and kept) is not asked again after a reload: set-up goes on from the
  // choice. Opened at /#/training the choice comes at once, in the first render: were it set by the
  // effect below, the language step would show for a frame and its "Continue" vanish under a click.
  const [step, setStep] = useState<Step>(() => (storedLanguage() || route === 'training' ? 'choose' : 'language'));
  const trainingRef = useRef<HTMLDivElement>(null);
  // The menu's "training" entry while the first run is open: the choice, with the training section in view.
  useEffect(() => {
    if (route !== 'training') return;
    setStep('choose');
  }, [route]);
  useEffect(() => {
    if (route === 'training' && step === 'choose') trainingRef.current?.scrollIntoView?.({ block: 'start' });
  }, [route, step]);
  const confirmLanguage = () => {
    // A language picked on this step is already kept (changeLanguage) — while its words still load
    // i18n.language is the one before, which must not overwrite it; the default confirmed as it is is kept here.
    if (!storedLanguage() && isLanguage(i18n.language)) rememberLanguage(i18n.language);
    setStep('choose');
  };
  const activate = async (setup: ElectionSetup) => {
    const actor = setup.members.find((m) => m.role === 'secretary')?.id ?? null;
    await activateSetup(setup, actor);
  };
  const back = () => setStep('choose');

  return (
    <main className="first-run">
      <header className="first-run-header">
        <h1>{t('common:appName')}</h1>
        <p>{t('setup:tagline')}</p>
      </header>
      {step === 'language' && (
        <section className="card" data-testid="language-step">
          <h2>{t('setup:language.title')}</h2>
          <div className="choice-row">
            {LANGUAGES.map((lng) => (
              <button
                key={lng}
                type="button"
                lang={lng}
                className={`choice ${i18n.language === lng ? 'selected' : ''}`}
                aria-pressed={i18n.language === lng}
                onClick={() => void changeLanguage(lng)}
              >
                {LANGUAGE_NAMES[lng]}
              </button>
            ))}
          </div>
          <div className="actions">
            <button type="button" className="primary" onClick={confirmLanguage} data-testid="language-continue">
              {t('common:continue')}
            </button>
          </div>
        </section>
      )}
      {step === 'choose' && (
        <section className="card" data-testid="choose-step">
          <h2>{t('setup:choose.title')}</h2>
          <div className="choice-cards">
            <button type="button" className="choice-card" onClick={() => setStep('bundle')} data-testid="choose-bundle">
              <strong>{t('setup:choose.bundle')}</strong>
              <span>{t('setup:choose.bundleHint')}</span>
            </button>
            <button type="button" className="choice-card" onClick={() => setStep('demo')} data-testid="choose-demo">
              <strong>{t('setup:choose.demo')}</strong>
              <span>{t('setup:choose.demoHint')}</span>
            </button>
            <button type="button" className="choice-card" onClick={() => setStep('manual')} data-testid="choose-manual">
              <strong>{t('setup:choose.manual')}</strong>
              <span>{t('setup:choose.manualHint')}</span>
            </button>
            <button type="button" className="choice-card" onClick={() => setStep('restore')} data-testid="choose-restore">
              <strong>{t('backup:restore.choose')}</strong>
              <span>{t('backup:restore.chooseHint')}</span>
            </button>
          </div>
          <div ref={trainingRef}>
            {training}
          </div>
          <div className="actions">
            <button type="button" onClick={() => setStep('language')}>
              {t('common:back')}
            </button>
          </div>
        </section>
      )}
      {step === 'bundle' && <BundleLoader current={null} onActivate={activate} onCancel={back} />}
      {step === 'demo' && <DemoPicker onActivate={activate} onCancel={back} />}
      {step === 'manual' && <SetupForm initial={null} onSave={activate} onCancel={back} />}
      {step === 'restore' && <RestorePanel onCancel={back} />}
    </main>
  );
}
