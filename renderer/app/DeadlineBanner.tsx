/**
 * A deadline's banner: green while it is open, a warning once it has passed. It reads the clock at
 * each render and re-renders as time passes, so it turns at the deadline on a screen left open.
 */
import { deadlineEnd, type LocalDeadline } from '../../shared/calendar/deadline';
import { appNow, useNow } from './clock';

export function DeadlineBanner({ deadline, text, testId }: { deadline: LocalDeadline; text(open: boolean): string; testId: string }) {
  useNow();
  const open = appNow() < deadlineEnd(deadline).getTime();
  return (
    <p className={`alert ${open ? 'alert-ok' : 'alert-warn'}`} data-testid={testId} data-passed={open ? undefined : 'true'}>
      {text(open)}
    </p>
  );
}
