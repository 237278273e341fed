/** Training scenarios: the list with what each asks, start and reset, and the live check of the one in progress. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SCENARIOS, scenarioById, scenarioPassed, type CheckContext, type StepResult } from '../../../shared/training/scenarios';
import type { TrainingScenarioRef } from '../../../shared/training/state-file';
import { TRAINING } from '../../app/mode';
import { db, eventStore } from '../../app/store';
import { activeScenario, newSeed, scenarioContext, startScenario } from './scenario-actions';

async function run(action: () => Promise<void>, onError: (message: string) => void): Promise<void> {
  try {
    await action();
    // A fresh start on the new state: nothing of the old one stays in memory.
    window.location.reload();
  } catch (e) {
    onError(e instanceof Error ? e.message : String(e));
  }
}

export function ScenariosPanel() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const active = activeScenario();
  if (!TRAINING) return null;
  const start = (id: string, seed: number) => {
    setBusy(true);
    void run(() => startScenario(id, seed), (m) => {
      setError(m);
      setBusy(false);
    });
  };
  return (
    <section className="card scenarios" data-testid="scenarios">
      <h2>{t('scenarios:panel.title')}</h2>
      <p className="hint">{t('scenarios:panel.intro')}</p>
      {busy && <p role="status">{t('scenarios:panel.loading')}</p>}
      {error && (
        <p className="alert alert-error" role="alert" data-testid="scenario-error">
          {t('scenarios:panel.failed', { message: error })}
        </p>
      )}
      {active && scenarioById(active.id) && (
        <p data-testid="scenario-active">
          {t('scenarios:panel.active')}: {t(scenarioById(active.id)!.titleKey)}
        </p>
      )}
      <ol className="scenario-list">
        {SCENARIOS.map((s) => (
          <li key={s.id} data-testid={`scenario-${s.id}`}>
            <strong>{t(s.titleKey)}</strong>
            <p className="scenario-summary">{t(s.summaryKey)}</p>
            <ol className="hint">
              {s.steps.map((step) => (
                <li key={step.id}>{t(step.key)}</li>
              ))}
            </ol>
            <button type="button" disabled={busy} onClick={() => start(s.id, newSeed())} data-testid={`scenario-start-${s.id}`}>
              {t('scenarios:panel.start')}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The scenario in progress: what the trainee is told, and each step done / correct with the reason, live. */
export function ScenarioCheck({ active, onReset, busy = false }: { active: TrainingScenarioRef; onReset?: () => void; busy?: boolean }) {
  const { t } = useTranslation();
  const scenario = scenarioById(active.id);
  const [context, setContext] = useState<CheckContext | null>(null);
  useEffect(() => {
    let live = true;
    void scenarioContext(active).then((c) => live && setContext(c));
    return () => {
      live = false;
    };
  }, [active]);
  // Recomputed whenever the log changes (a live query on the events table).
  const results = useLiveQuery(
    async (): Promise<StepResult[] | null> => {
      if (!scenario || !context) return null;
      await db.events.count();
      return scenario.check(await eventStore.allEvents(), context);
    },
    [scenario, context],
    null as StepResult[] | null,
  );
  if (!scenario) return null;
  const passed = results ? scenarioPassed(results) : false;
  return (
    <div className="scenario-check" data-testid="scenario-check" data-passed={passed ? 'true' : 'false'}>
      <h3>
        {t('scenarios:panel.active')}: {t(scenario.titleKey)}
      </h3>
      {context && <p data-testid="scenario-description">{t(scenario.descriptionKey, context.facts)}</p>}
      <ol>
        {scenario.steps.map((step) => {
          const r = results?.find((x) => x.step === step.id);
          const state = !r || !r.done ? 'pending' : r.correct ? 'correct' : 'wrong';
          return (
            <li key={step.id} data-testid={`scenario-step-${step.id}`} data-state={state} className={`scenario-step ${state}`}>
              <span aria-hidden="true">{state === 'correct' ? '✔' : state === 'wrong' ? '✘' : '…'}</span>{' '}
              <span>{t(step.key)}</span>{' '}
              <strong>{t(state === 'correct' ? 'scenarios:panel.correct' : state === 'wrong' ? 'scenarios:panel.wrong' : 'scenarios:panel.notYet')}</strong>
              {r && <span className="hint"> — {t(r.detailKey, r.params)}</span>}
            </li>
          );
        })}
      </ol>
      {passed && (
        <p className="alert alert-ok" role="status" data-testid="scenario-passed">
          {t('scenarios:panel.passed')}
        </p>
      )}
      {onReset && (
        <button type="button" disabled={busy} onClick={onReset} data-testid="scenario-reset">
          {t('scenarios:panel.reset')}
        </button>
      )}
    </div>
  );
}

/** Under the training bar on every screen: the check of the scenario in progress. */
export function ScenarioStrip() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const active = activeScenario();
  if (!TRAINING || !active) return null;
  const reset = () => {
    setBusy(true);
    void run(() => startScenario(active.id, active.seed), (m) => {
      setError(m);
      setBusy(false);
    });
  };
  return (
    <div className="scenario-strip" data-testid="scenario-strip">
      <details open>
        <summary>{t('scenarios:panel.check')}</summary>
        <ScenarioCheck active={active} onReset={reset} busy={busy} />
        {error && (
          <p className="alert alert-error" role="alert">
            {t('scenarios:panel.failed', { message: error })}
          </p>
        )}
      </details>
    </div>
  );
}
