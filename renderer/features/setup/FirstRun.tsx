/** The first run: pick the language, then load a bundle, start the demo or enter the election by hand. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ElectionSetup } from '../../../shared/election/model';
import { changeLanguage, LANGUAGES } from '../../app/i18n';
import { LANGUAGE_NAMES } from '../../app/LanguageSwitch';
import { activateSetup } from '../../app/store';
import { BundleLoader } from './BundleLoader';
import { DemoPicker } from './DemoPicker';
import { SetupForm } from './SetupForm';
import { TrainingSwitch } from '../training/TrainingSwitch';

type Step = 'language' | 'choose' | 'bundle' | 'demo' | 'manual';

export function FirstRun() {
  const { t, i18n } = useTranslation();
  const [step, setStep] = useState<Step>('language');
  const activate = async (setup: ElectionSetup) => {
    const actor = setup.members.find((m) => m.role === 'secretary')?.id ?? null;
    await activateSetup(setup, actor);
  };
  const back = () => setStep('choose');

  return (
    <div className="first-run">
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
            <button type="button" className="primary" onClick={() => setStep('choose')} data-testid="language-continue">
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
          </div>
          <TrainingSwitch />
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
    </div>
  );
}
