/**
 * Every screen says when this laptop's clock is off from the center's (learnt from the center's
 * answers, shared/sync/laptop-clock): its facts are recorded with its own time, so a clock days off
 * must be set — the sync itself corrects only its signatures and would never say so.
 */
import { useTranslation } from 'react-i18next';
import { laptopClockOff } from '../../shared/sync/laptop-clock';
import { useSyncState } from '../core';
import { formatDateTime } from './format';
import type { Language } from './i18n';
import { useNow } from './clock';

export function ClockWarning({ zone }: { zone: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const sync = useSyncState();
  useNow();
  if (!sync?.enrolment) return null;
  const off = laptopClockOff(sync.clockOffsetMs, Date.now(), sync.state?.peersAgreedAt ?? null);
  if (!off) return null;
  const params = { laptop: formatDateTime(off.laptop, lng, zone), center: formatDateTime(off.center, lng, zone), zone };
  return (
    <p className="alert alert-warn clock-warning" role="status" data-testid="clock-warning" data-direction={off.direction} data-peers={off.peersAgreed ? 'agree' : 'none'}>
      {/* Another laptop of the precinct agrees with this one: the center's clock may be the one off — both named, nothing prescribed. */}
      {off.peersAgreed ? t('sync:clock.centerDiffers', { ...params, agreed: formatDateTime(off.peersAgreed, lng, zone) }) : t(`sync:clock.${off.direction}`, params)}
    </p>
  );
}
