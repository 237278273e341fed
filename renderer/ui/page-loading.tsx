import { useTranslation } from 'react-i18next';

/**
 * A whole page while its code or first reads load (the first run, a printed page, the app itself):
 * a main landmark with the page's one heading, busy, so the moment before the page is as readable
 * to a screen reader as the page (and print readiness waits for it like any pending read).
 */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <main className="page-loading" aria-busy="true">
      <h1 className="loading">{t('common:loading')}</h1>
    </main>
  );
}
