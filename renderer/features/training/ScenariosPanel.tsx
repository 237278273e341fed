/** Training scenarios: the list with what each asks, start and reset, and the live check of the one in progress. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { demoBundle } from '../../../shared/election/demo';
import { DEFAULT_WHERE, MIN_SCENARIO_LIST, SCENARIOS, scenarioById, scenarioPassed, scenarioWhere, type CheckContext, type ScenarioWhere, type StepResult } from '../../../shared/training/scenarios';
import { formatNumber } from '../../app/format';
import type { Language } from '../../app/i18n';
import type { TrainingScenarioRef } from '../../../shared/training/state-file';
import { TRAINING } from '../../app/mode';
import { useEventLog } from '../../core';
import { navigate } from '../../app/router';
import { chooseHandout } from './HandoutPrintPage';
import { WorkerCancelled } from '../../core/worker-client';
import { activeScenario, newSeed, scenarioContext, ScenarioLoad, whereOf, type ScenarioLoadPhase } from './scenario-actions';
import { stepDetail, stepNotes } from './step-text';

const PHASES: readonly ScenarioLoadPhase[] = ['list', 'events', 'store'];

/**
 * A scenario's start from this screen (issue 19: built and stored by the scenario worker): its
 * progress, its cancelling (until the state is being written, as an import's), and its failure. Leaving
 * the screen stops a start not yet storing; one storing runs to its end. Once loaded, the window
 * reloads: a fresh start on the new state, nothing of the old one in memory.
 */
function useScenarioLoad() {
  const [load, setLoad] = useState<{ job: ScenarioLoad; phase: ScenarioLoadPhase; voters: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const current = useRef<ScenarioLoad | null>(null);
  useEffect(
    () => () => {
      current.current?.cancel();
    },
    [],
  );
  const start = (id: string, seed: number, where: ScenarioWhere) => {
    setError(null);
    setCancelled(false);
    const job: ScenarioLoad = new ScenarioLoad(id, seed, where, {
      onProgress: (phase, voters) => setLoad((l) => (l && l.job === job ? { ...l, phase, voters } : l)),
    });
    current.current = job;
    setLoad({ job, phase: 'list', voters: where.listSize });
    job.done.then(
      () => window.location.reload(),
      (e: unknown) => {
        if (current.current === job) current.current = null;
        setLoad((l) => (l?.job === job ? null : l));
        if (e instanceof WorkerCancelled) setCancelled(true);
        else setError(e instanceof Error ? e.message : String(e));
      },
    );
  };
  const cancel = () => {
    load?.job.cancel();
  };
  return { load, error, cancelled, start, cancel };
}

/** A start's progress: its step, a bar, and the cancel button (disabled once the list is being stored). */
function ScenarioLoadProgress({ state }: { state: ReturnType<typeof useScenarioLoad> }) {
  const { t, i18n } = useTranslation();
  const { load, error, cancelled, cancel } = state;
  return (
    <>
      {load && (
        <div className="scenario-progress" role="status" aria-live="polite" data-testid="scenario-progress" data-phase={load.phase}>
          <p>{t(`scenarios:panel.progress.${load.phase}`, { voters: formatNumber(load.voters, i18n.language as Language) })}</p>
          <progress max={PHASES.length} value={PHASES.indexOf(load.phase)} aria-label={t('scenarios:panel.loading')} />{' '}
          <button type="button" onClick={cancel} disabled={load.phase === 'store'} data-testid="scenario-cancel">
            {t('scenarios:panel.cancel')}
          </button>
        </div>
      )}
      {cancelled && (
        <p className="alert alert-warn" role="status" data-testid="scenario-cancelled">
          {t('scenarios:panel.cancelled')}
        </p>
      )}
      {error && (
        <p className="alert alert-error" role="alert" data-testid="scenario-error">
          {t('scenarios:panel.failed', { message: error })}
        </p>
      )}
    </>
  );
}

/** The precincts of the demo bundle a scenario can start at (each with a list of its size). */
const PRECINCTS = demoBundle().precincts.filter((p) => (p.voterCount ?? 0) >= MIN_SCENARIO_LIST);

export function ScenariosPanel() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const loading = useScenarioLoad();
  const busy = loading.load !== null;
  // '' = 9001 with its short list (the default); otherwise a precinct with a list of its size.
  const [precinct, setPrecinct] = useState('');
  const active = activeScenario();
  if (!TRAINING) return null;
  const start = (id: string, seed: number) => {
    const chosen = PRECINCTS.find((p) => String(p.number) === precinct);
    const where = chosen ? scenarioWhere(chosen.number, chosen.voterCount ?? undefined) : DEFAULT_WHERE;
    if (!where) return;
    loading.start(id, seed, where);
  };
  return (
    <section className="card scenarios" data-testid="scenarios">
      <h2>{t('scenarios:panel.title')}</h2>
      <p className="hint">{t('scenarios:panel.intro')}</p>
      <ScenarioLoadProgress state={loading} />
      {active && scenarioById(active.id) && (
        <p data-testid="scenario-active">
          {t('scenarios:panel.active')}: {t(scenarioById(active.id)!.titleKey)}
        </p>
      )}
      <label className="field scenario-precinct">
        <span>{t('scenarios:panel.precinct')}</span>
        <select value={precinct} onChange={(e) => setPrecinct(e.target.value)} data-testid="scenario-precinct">
          <option value="">{t('scenarios:panel.precinctDefault', { number: DEFAULT_WHERE.precinct, voters: formatNumber(DEFAULT_WHERE.listSize, lng) })}</option>
          {PRECINCTS.map((p) => (
            <option key={p.number} value={p.number}>
              {t('scenarios:panel.precinctOption', { number: p.number, name: p.name, voters: formatNumber(p.voterCount ?? 0, lng), zone: p.timeZone })}
            </option>
          ))}
        </select>
      </label>
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
            <div className="actions">
              <button type="button" disabled={busy} onClick={() => start(s.id, newSeed())} data-testid={`scenario-start-${s.id}`}>
                {t('scenarios:panel.start')}
              </button>
              <button
                type="button"
                onClick={() => {
                  chooseHandout(s.id);
                  navigate('print-handout');
                }}
                data-testid={`scenario-handout-${s.id}`}
              >
                {t('scenarios:handout.print')}
              </button>
            </div>
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
  const events = useEventLog();
  const results = useMemo((): StepResult[] | null => (scenario && context && events ? scenario.check(events, context) : null), [scenario, context, events]);
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
              {r && <span className="hint"> — {stepDetail(t, r)}</span>}
              {r && r.notes.length > 0 && (
                <ul className="scenario-notes" data-testid={`scenario-notes-${step.id}`}>
                  {stepNotes(t, r).map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              )}
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
const STRIP_KEY = 'precinct-desk.training.stripClosed';

export function ScenarioStrip() {
  const { t } = useTranslation();
  // Collapsed or not, as the trainee left it (kept across reloads).
  const [open, setOpen] = useState(() => localStorage.getItem(STRIP_KEY) !== '1');
  const loading = useScenarioLoad();
  const active = activeScenario();
  if (!TRAINING || !active) return null;
  const reset = () => loading.start(active.id, active.seed, whereOf(active));
  return (
    <div className="scenario-strip" data-testid="scenario-strip">
      <details
        open={open}
        onToggle={(e) => {
          const now = e.currentTarget.open;
          setOpen(now);
          if (now) localStorage.removeItem(STRIP_KEY);
          else localStorage.setItem(STRIP_KEY, '1');
        }}
      >
        <summary>{t('scenarios:panel.check')}</summary>
        <ScenarioCheck active={active} onReset={reset} busy={loading.load !== null} />
        <ScenarioLoadProgress state={loading} />
      </details>
    </div>
  );
}
