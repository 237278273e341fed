/**
 * Which copy numbers were given to two people — two laptops of the precinct each gave the next
 * number before they exchanged records (shared/protocol/copies `numbersGivenTwice`): said on the
 * protocol's and the acts' copies panels and on their printed logs.
 */
import { useTranslation } from 'react-i18next';
import { numbersGivenTwice } from '../../../shared/protocol/copies';
import { ListNotice } from '../../ui/list-notice';

export function NumberedTwice({ copies, print = false, testId }: { copies: Parameters<typeof numbersGivenTwice>[0]; print?: boolean; testId: string }) {
  const { t } = useTranslation();
  const numbers = numbersGivenTwice(copies);
  if (numbers.length === 0) return null;
  return (
    <ListNotice print={print} testId={testId}>
      {t('prints:numberedTwice', { numbers: numbers.join(', '), count: numbers.length })}
    </ListNotice>
  );
}
