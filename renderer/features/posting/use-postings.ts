import { useQuery } from '../../core/query';
import type { StoredEvent } from '../../../shared/events/envelope';
import { db } from '../../app/store';

export type PostingEvent = Extract<StoredEvent, { type: 'DocumentPosted' | 'VotersInformed' }>;

/** Every posting and informing recorded, in log order. */
export function usePostings(): PostingEvent[] {
  return useQuery(
    async () => (await db.events.where('type').anyOf(['DocumentPosted', 'VotersInformed']).toArray()).filter((e): e is PostingEvent => e.type === 'DocumentPosted' || e.type === 'VotersInformed').sort((a, b) => (a.hlc < b.hlc ? -1 : 1)),
    [],
    [],
  );
}
