/**
 * The import's progress (issue 19): a bar and the counts of rows read, checked and saved, and the
 * button that cancels the worker's job (nothing is saved). While the list is being saved the
 * activation's one transaction runs and cannot be cancelled halfway, so the button is disabled.
 */
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { progressPercent, type ImportProgress } from '../../../../shared/voters';
import { formatNumber } from '../../../app/format';

export type Job = 'read' | 'check' | 'prepare' | 'store';
export type Progress = Omit<ImportProgress, 'type' | 'id'> & { stored: number };

/**
 * The progress as the worker reports it (many messages a second), held outside the import screen's
 * state: a message re-renders this panel only, not the screen with its preview and review (each
 * such render of the whole screen was a long task on a loaded machine).
 */
export class ProgressStore {
  private value: Progress | null = null;
  private readonly listeners = new Set<() => void>();

  readonly get = (): Progress | null => this.value;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(next: Progress | null | ((prev: Progress | null) => Progress | null)): void {
    const value = typeof next === 'function' ? next(this.value) : next;
    if (value === this.value) return;
    this.value = value;
    for (const l of this.listeners) l();
  }
}

export function ImportProgressPanel({
  store,
  job,
  cancelled,
  failure,
  onCancel,
}: {
  store: ProgressStore;
  job: Job | null;
  cancelled: boolean;
  failure: string | null;
  onCancel(): void;
}) {
  const progress = useSyncExternalStore(store.subscribe, store.get, store.get);
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  const percent = progress ? progressPercent(progress) : 0;
  // Reading: how many rows the file has is not known yet.
  const known = progress !== null && progress.total > 0;
  if (!progress && !job && !cancelled && !failure) return null;
  return (
    <section className="card import-progress-card" aria-live="polite">
      {progress && (
        <>
          <div className="import-progress-line">
            <progress
              data-testid="import-progress"
              data-phase={job ?? 'done'}
              data-percent={known ? percent : undefined}
              aria-label={t('import:progress.title')}
              max={100}
              {...(known ? { value: percent } : {})}
            />
            {known && <span className="import-progress-percent">{t('import:progress.percent', { percent })}</span>}
          </div>
          <p className="hint" data-testid="import-progress-counts">
            {/* Read or checked and not yet activated: "Done." over "saved: 0" read as if the list were kept. */}
            {t(`import:progress.phase.${job ?? (progress.stored > 0 ? 'done' : 'notSaved')}`)} {t('import:progress.counts', { read: n(progress.read), checked: n(progress.checked), stored: n(progress.stored) })}
          </p>
        </>
      )}
      {job && (
        <div className="actions">
          <button type="button" onClick={onCancel} disabled={job === 'store'} data-testid="import-cancel">
            {t('import:progress.cancel')}
          </button>
        </div>
      )}
      {cancelled && (
        <p className="alert alert-warn" data-testid="import-cancelled">
          {t('import:progress.cancelled')}
        </p>
      )}
      {failure && (
        <p className="alert alert-error" role="alert" data-testid="import-failed">
          {t('import:progress.failed', { message: failure })}
        </p>
      )}
    </section>
  );
}
