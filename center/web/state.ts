import type { Dashboard } from '../../shared/sync/dashboard';

/** What the page holds: the dashboard last read (null before, or when the center has no election), the election asked for, and a way to read it again. */
export interface PageState {
  data: Dashboard | null;
  /** `?election=` of the page's address; the first bundle activated from the console otherwise. */
  election: string | null;
  load(): Promise<void>;
}
