/** Entering or leaving training: a reload into the other database, never a mix of the two. */
import { useTranslation } from 'react-i18next';
import { switchMode, TRAINING } from '../../app/mode';

export function TrainingSwitch() {
  const { t } = useTranslation();
  return (
    <section className="card training-switch" data-testid="training-switch">
      <h2>{t('training:title')}</h2>
      <p className="hint">{t('training:enterHint')}</p>
      {TRAINING ? (
        <button type="button" onClick={() => switchMode('real')} data-testid="training-leave">
          {t('training:leave')}
        </button>
      ) : (
        <button type="button" onClick={() => switchMode('training')} data-testid="training-enter">
          {t('training:enter')}
        </button>
      )}
    </section>
  );
}
