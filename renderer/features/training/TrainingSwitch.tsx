/** Entering or leaving training, and a trainer's state file: never a mix with the real election. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StateFileProblem } from '../../../shared/training/state-file';
import { FilePicker } from '../../app/FilePicker';
import { switchMode, TRAINING } from '../../app/mode';
import { exportTrainingState, importTrainingState } from './state-actions';
import { ScenariosPanel } from './ScenariosPanel';
import { RoomPanel } from './RoomPanel';

export function TrainingSwitch() {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<StateFileProblem | null>(null);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <section className="card training-switch" data-testid="training-switch">
      <h2>{t('training:title')}</h2>
      <p className="hint">{t('training:enterHint')}</p>
      {TRAINING ? (
        <>
          <div className="actions">
            <button type="button" onClick={() => void exportTrainingState('')} data-testid="training-export">
              {t('training:export')}
            </button>
            <button type="button" onClick={() => switchMode('real')} data-testid="training-leave">
              {t('training:leave')}
            </button>
          </div>
          <div className="field">
            <span>{t('training:import')}</span>
            <FilePicker
              accept=".json,application/json"
              testId="training-import"
              onFile={(file) => {
                if (!file) return;
                setProblem(null);
                setFailure(null);
                setLoading(true);
                importTrainingState(file).then(
                  (imported) => {
                    setLoading(false);
                    setProblem(imported.ok ? null : imported.error);
                    // A fresh start on the imported state: nothing of the old one stays in memory.
                    if (imported.ok) window.location.reload();
                  },
                  (e: unknown) => {
                    setLoading(false);
                    setFailure(e instanceof Error ? e.message : String(e));
                  },
                );
              }}
            />
          </div>
          {loading && (
            <p role="status" data-testid="training-importing">
              {t('training:importing')}
            </p>
          )}
          {failure && (
            <p className="alert alert-error" role="alert" data-testid="training-import-failed">
              {t('training:importFailed', { message: failure })}
            </p>
          )}
          {problem && (
            <p className="alert alert-error" role="alert" data-testid="training-import-error">
              {t(`training:importProblem.${problem.code}`, { ...problem })}
            </p>
          )}
          <RoomPanel />
          <ScenariosPanel />
        </>
      ) : (
        <button type="button" onClick={() => switchMode('training')} data-testid="training-enter">
          {t('training:enter')}
        </button>
      )}
    </section>
  );
}
