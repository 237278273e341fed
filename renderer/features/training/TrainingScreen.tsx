/** The training entry of the navigation (and of the Electron menu): enter or leave, scenarios, state files. */
import { useTranslation } from 'react-i18next';
import { TrainingSwitch } from './TrainingSwitch';

export function TrainingScreen() {
  const { t } = useTranslation();
  return (
    <div className="screen" data-testid="training-screen">
      <h1>{t('training:nav')}</h1>
      <TrainingSwitch />
    </div>
  );
}
