/**
 * Register numbers given to two entries — two laptops of the precinct each entered an application
 * under the next number before they exchanged records (shared/outpremises `registerNumbersGivenTwice`):
 * said above the register on the screen and on its printed copy. Both entries are kept.
 */
import { useTranslation } from 'react-i18next';
import { registerNumbersGivenTwice, votersEnteredTwice, type OutPremisesState } from '../../../shared/outpremises';
import { ListNotice } from '../../ui/list-notice';

export function RegisterNumberedTwice({ state, print = false, testId }: { state: Pick<OutPremisesState, 'entries'>; print?: boolean; testId: string }) {
  const { t } = useTranslation();
  const numbers = registerNumbersGivenTwice(state);
  if (numbers.length === 0) return null;
  return (
    <ListNotice print={print} testId={testId}>
      {t('outpremises:numberedTwice', { numbers: numbers.join(', '), count: numbers.length })}
    </ListNotice>
  );
}

/** Voters whose application is entered twice and still in force (two laptops took it): named by their numbers, to withdraw one. */
export function VoterEnteredTwice({ state, testId }: { state: Pick<OutPremisesState, 'entries'>; testId: string }) {
  const { t } = useTranslation();
  const twice = votersEnteredTwice(state);
  if (twice.length === 0) return null;
  return (
    <ListNotice testId={testId}>
      {t('outpremises:enteredTwice', { numbers: twice.map((n) => n.join(t('outpremises:enteredTwiceAnd'))).join('; '), count: twice.length })}
    </ListNotice>
  );
}
