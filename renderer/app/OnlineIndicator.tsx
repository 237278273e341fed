import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Whether this laptop has a network now, following the browser's online/offline events. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}

/** Whether this laptop has a network now (the sync screen says what waits for the center). */
export function OnlineIndicator() {
  const { t } = useTranslation();
  const online = useOnline();
  return (
    <span className={`online-indicator ${online ? 'online' : 'offline'}`} data-testid="online-indicator" role="status">
      <span className="dot" aria-hidden="true" />
      {online ? t('common:online') : t('common:offline')}
    </span>
  );
}
