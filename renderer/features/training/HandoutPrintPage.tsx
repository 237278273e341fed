/**
 * A scenario's one-page handout for the trainees: the situation (with the example facts of one start),
 * the steps, what the law says (from the project's domain notes; what is unconfirmed says so) and the
 * typical mistakes — in the window's language, so it prints in ky and in ru.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { scenarioById, scenarioFacts, type ScenarioParams } from '../../../shared/training/scenarios';
import { PrintFrame } from '../../print/PrintFrame';
import { useReadingWhile } from '../../core';

const HANDOUT_KEY = 'precinct-desk.training.handout';
/** The seed of the handout's example facts (the same sheet every time it is printed). */
const EXAMPLE_SEED = 1;

export function chooseHandout(id: string): void {
  sessionStorage.setItem(HANDOUT_KEY, id);
}

export function HandoutPrintPage() {
  const { t } = useTranslation();
  const id = sessionStorage.getItem(HANDOUT_KEY) ?? '';
  const scenario = scenarioById(id);
  const [facts, setFacts] = useState<ScenarioParams | null>(null);
  useEffect(() => {
    if (!scenario) return;
    let live = true;
    void scenarioFacts(scenario, EXAMPLE_SEED).then((f) => live && setFacts(f.facts));
    return () => {
      live = false;
    };
  }, [scenario]);
  // The example facts are worked out after the page opens: until then the sheet is busy (PrintFrame),
  // never printed with the bare summary in place of the situation.
  useReadingWhile(Boolean(scenario) && facts === null);
  const back = () => window.history.back();
  if (!scenario) {
    return (
      <PrintFrame title={t('scenarios:handout.heading')} fileName="handout.pdf" onBack={back}>
        <p role="alert">{t('scenarios:handout.none')}</p>
      </PrintFrame>
    );
  }
  const mistakes = [1, 2].map((n) => `scenarios:${scenario.id}.handout.mistake${n}`);
  return (
    <PrintFrame title={t('scenarios:handout.heading')} fileName={`handout-${scenario.id}.pdf`} onBack={back}>
      <div className="handout" data-testid="handout">
        <p className="handout-kicker">{t('scenarios:handout.heading')}</p>
        <h1>{t(scenario.titleKey)}</h1>
        <h2>{t('scenarios:handout.situation')}</h2>
        <p data-testid="handout-situation">{facts ? t(scenario.descriptionKey, facts) : t(scenario.summaryKey)}</p>
        <h2>{t('scenarios:handout.steps')}</h2>
        <ol>
          {scenario.steps.map((step) => (
            <li key={step.id}>{t(step.key)}</li>
          ))}
        </ol>
        <h2>{t('scenarios:handout.law')}</h2>
        <p data-testid="handout-law">{t(`scenarios:${scenario.id}.handout.law`)}</p>
        <h2>{t('scenarios:handout.mistakes')}</h2>
        <ul data-testid="handout-mistakes">
          {mistakes.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
        <p className="hint handout-note">{t('scenarios:handout.note')}</p>
      </div>
    </PrintFrame>
  );
}
