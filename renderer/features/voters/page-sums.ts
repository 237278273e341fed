/** The list summed page by page (calendar item 75): signatures at the desk and out-of-premises voters, by the one fold. */
import { pageSumsOf } from '../../../shared/figures';
import type { PageSummary } from '../../../shared/voters';
import { useBallotFacts } from '../../core/figures';
import type { LoadedList } from '../../core/voter-list';

export function usePageSums(list: LoadedList | null): PageSummary | null {
  const facts = useBallotFacts();
  if (!list || !facts) return null;
  return pageSumsOf(list.voters, facts);
}
