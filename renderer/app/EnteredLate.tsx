/** The mark of an entry typed in after its deadline had passed with a received time before it (shared/calendar/entered-late). */
import { useTranslation } from 'react-i18next';
import type { EnteredAfterDeadline } from '../../shared/calendar/entered-late';
import { formatClock, formatDate } from './format';

export function enteredLateText(t: (key: string, params?: Record<string, unknown>) => string, lng: string, flag: EnteredAfterDeadline): string {
  const at = (x: { date: string; time: string }) => `${formatDate(x.date, lng)} ${formatClock(x.time)}`;
  return t('received:enteredLate', { entered: at(flag.entered), deadline: `${at(flag.deadline)} (${flag.deadline.timeZone})`, received: at(flag.received) });
}

export function EnteredLate({ flag, testId = 'entered-late' }: { flag: EnteredAfterDeadline | null; testId?: string }) {
  const { t, i18n } = useTranslation();
  if (!flag) return null;
  return (
    <span className="status-badge status-overdue entered-late" data-testid={testId}>
      ⚠ {enteredLateText(t, i18n.language, flag)}
    </span>
  );
}

/** The same mark on a printed register (a line of its own under the received time). */
export function EnteredLatePrint({ flag }: { flag: EnteredAfterDeadline | null }) {
  const { t, i18n } = useTranslation();
  if (!flag) return null;
  return (
    <div className="entered-late" data-testid="print-entered-late">
      ⚠ {enteredLateText(t, i18n.language, flag)}
    </div>
  );
}
