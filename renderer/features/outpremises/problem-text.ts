/** An out-of-premises refusal or warning in words, its dates and times written the UI's way. */
import type { OutPremisesProblem } from '../../../shared/outpremises';
import { formatClock, formatDate } from '../../app/format';

export function problemText(t: (key: string, params?: Record<string, unknown>) => string, p: OutPremisesProblem, lng: string = 'ky'): string {
  // Dates in the UI language's style, '24:00' (end of day) as '23:59': one way of writing them everywhere.
  const params = Object.fromEntries(
    Object.entries(p.params ?? {}).map(([k, v]) => [
      k,
      typeof v === 'string' && /Date$/u.test(k) && /^\d{4}-\d{2}-\d{2}$/u.test(v) ? formatDate(v, lng) : typeof v === 'string' && /Time$/u.test(k) ? formatClock(v) : v,
    ]),
  );
  // A minimum is the count its plural key is chosen by ("at least 20 characters"), unless a count is given.
  const count = 'count' in params ? {} : typeof params.min === 'number' ? { count: params.min } : {};
  return t(`outpremises:problem.${p.code}`, { ...params, ...count, defaultValue: t('outpremises:problem.other', { code: p.code }) });
}
