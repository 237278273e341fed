/**
 * Which election this window holds, always in the top bar: the real one, or the demonstration (its
 * fictional election, in the real database). Training has its own bar and watermark instead.
 */
import { useTranslation } from 'react-i18next';
import { TRAINING } from '../../app/mode';
import { useSetup } from '../../app/session';
import { modeMarkerOf } from './mode-marker';

export function ModeMarker() {
  const { t } = useTranslation();
  const setup = useSetup();
  const marker = modeMarkerOf(TRAINING, setup.source.kind);
  if (marker === 'training') return null;
  return (
    <span className={`mode-marker mode-${marker}`} data-testid="mode-marker" data-mode={marker}>
      {t(`training:marker.${marker}`)}
    </span>
  );
}
