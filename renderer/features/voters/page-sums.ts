/** Reads the ballot statuses and sums the list page by page (calendar item 75). */
import { useLiveQuery } from 'dexie-react-hooks';
import { summarizePages, type PageSummary } from '../../../shared/voters';
import { db } from '../../app/store';
import type { LoadedList } from './list-store';

export function usePageSums(list: LoadedList | null): PageSummary | null {
  const issued = useLiveQuery(async () => {
    const ids = new Set<string>();
    await db.voterStatus.each((s) => {
      if (s.issued) ids.add(s.voterId);
    });
    return ids;
  }, []);
  if (!list || !issued) return null;
  return summarizePages(list.voters, (id) => (issued.has(id) ? 'issued' : 'none'));
}
