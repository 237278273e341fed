/**
 * Connection to the center in plain words: connect with the precinct's one-time code; then online
 * or not, the last successful sync, how many events wait, and the last error with what to do.
 */
import { useEffect, useState } from 'react';
import { useOnline } from '../../app/OnlineIndicator';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../../app/format';
import type { Language } from '../../app/i18n';
import { TRAINING } from '../../app/mode';
import { useSession, useSetup } from '../../app/session';
import { activateSetup, enrolThisLaptop, exportWaitingEvents, fetchBundleFromCenter, useSyncState, useWaitingCount } from '../../core';
import { SyncProblem, type PulledRefusal } from '../../sync/client';
import { platform } from '../../platform';
import type { CheckedBundle } from '../../../shared/election/bundle';
import { BundleLoader } from '../../ui/setup/BundleLoader';
import { syncNow } from '../../sync/loop';
import { IncidentList } from '../../ui/Incidents';
import { BackupPanel } from '../../app/backup/BackupPanel';
import { UpdatePanel } from '../../app/UpdatePanel';
import { Form, FormField, type SubmitOutcome } from '../../ui/form';
import { enrolFieldOf } from '../../sync/enrol-field';

export function SyncScreen() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const sync = useSyncState();
  const waiting = useWaitingCount(sync?.enrolment && sync.state ? sync.enrolment.deviceId : null, sync?.enrolment && sync.state ? sync.state.ackSeq : null);
  const online = useOnline();
  const version = useAppVersion();
  if (sync === undefined) return <p className="loading">{t('common:loading')}</p>;
  const zone = setup.precinct.timeZone;

  if (!sync.enrolment)
    return (
      <>
        <EnrolForm />
        <BackupPanel />
        <UpdatePanel />
      </>
    );
  const { enrolment, state } = sync;
  const error = state?.lastError ?? null;
  return (
    <div data-testid="sync">
      <div className="screen-head">
        <h1>{t('sync:title')}</h1>
        <button type="button" className="primary" onClick={() => void syncNow()} data-testid="sync-now">
          {t('sync:syncNow')}
        </button>
      </div>
      <section className="card">
        <dl className="facts" data-testid="sync-status">
          <dt>{t('sync:center')}</dt>
          <dd>{enrolment.centerUrl}</dd>
          <dt>{t('sync:network')}</dt>
          <dd>{online ? t('sync:online') : t('sync:offline')}</dd>
          <dt>{t('sync:lastSuccess')}</dt>
          <dd data-testid="sync-last-success">{state?.lastSuccessAt ? formatDateTime(state.lastSuccessAt, lng, zone) : t('sync:never')}</dd>
          <dt>{t('sync:waiting')}</dt>
          <dd data-testid="sync-waiting">{waiting === null ? '—' : formatNumber(waiting, lng)}</dd>
          <dt>{t('sync:acknowledged')}</dt>
          <dd data-testid="sync-acknowledged">{formatNumber(state?.ackSeq ?? 0, lng)}</dd>
          <dt>{t('sync:device')}</dt>
          <dd>
            {enrolment.deviceId} · {t('sync:enrolledFor', { precinct: enrolment.precinct, at: formatDateTime(enrolment.enrolledAt, lng, zone) })}
          </dd>
        </dl>
        {error ? (
          <div className="alert alert-error" role="alert" data-testid="sync-error">
            <strong>{t(`sync:error.${error.code}`, { defaultValue: t('sync:error.unknown', { code: error.code }), version, kind: error.kind ?? '—', seq: error.seq ?? '—' })}</strong>
            <p>{t(`sync:todo.${error.code}`, { defaultValue: t('sync:todo.unknown') })}</p>
            <p className="muted">{formatDateTime(error.at, lng, zone)}</p>
          </div>
        ) : (
          state?.lastSuccessAt && (
            <p className="alert alert-ok" data-testid="sync-ok">
              {waiting === 0 ? t('sync:allSent') : t('sync:willSend')}
            </p>
          )
        )}
        {(state?.skewedDevices ?? []).length > 0 && (
          <p className="alert alert-warn" data-testid="sync-skew">
            {t('sync:skewed', { devices: (state?.skewedDevices ?? []).map((d) => d.slice(0, 8)).join(', ') })}
          </p>
        )}
      </section>
      <RefusedPulls refusals={state?.refusedPulls ?? []} zone={zone} version={version} />
      <UsbExport />
      <BackupPanel />
      <UpdatePanel />
      <CenterBundle />
      <IncidentList />
    </div>
  );
}

/** This app's version, as the refusals of a center or laptop of another version name it ('…' until known). */
function useAppVersion(): string {
  const [version, setVersion] = useState('…');
  useEffect(() => {
    let live = true;
    void platform.getAppInfo().then((info) => live && setVersion(info.version));
    return () => {
      live = false;
    };
  }, []);
  return version;
}

/** Pulled pages this laptop refused (shared/sync/pull-verify): what was wrong, and which laptop it named. */
function RefusedPulls({ refusals, zone, version }: { refusals: readonly PulledRefusal[]; zone: string; version: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  if (refusals.length === 0) return null;
  return (
    <section className="card" data-testid="refused-pulls">
      <h2>{t('sync:refused.title')}</h2>
      <p className="hint">{t('sync:refused.hint')}</p>
      <ul>
        {refusals.map((r) => {
          const values = { at: formatDateTime(r.at, lng, zone), device: r.deviceId ?? '—', what: t(`sync:refused.codes.${r.code}`, { version }) };
          return (
            <li key={`${r.code}|${r.deviceId ?? ''}|${r.seq ?? ''}`} className="alert alert-error" data-testid="refused-pull">
              {r.seq === undefined ? t('sync:refused.line', values) : t('sync:refused.lineSeq', { ...values, seq: formatNumber(r.seq, lng) })}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Without a network: the waiting events as a signed file, carried to the center on a USB stick. */
function UsbExport() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  async function exportFile() {
    try {
      const result = await exportWaitingEvents();
      if (!result) {
        setMessage({ kind: 'ok', text: t('sync:usb.nothing') });
        return;
      }
      const stamp = result.file.exportedAt.slice(0, 16).replace(/[:T]/gu, '-');
      const name = `precinct-${setup.precinct.number}-events-${stamp}.json`;
      const saved = await platform.saveFile({ suggestedName: name, mimeType: 'application/json', data: JSON.stringify(result.file), encoding: 'utf8' });
      if (saved.status === 'saved') setMessage({ kind: 'ok', text: t('sync:usb.saved', { count: formatNumber(result.events, lng), name }) });
    } catch (e) {
      setMessage({ kind: 'error', text: t(`sync:error.${e instanceof SyncProblem ? e.code : 'unknown'}`, { code: 'export' }) });
    }
  }
  return (
    <section className="card" data-testid="usb-export">
      <h2>{t('sync:usb.title')}</h2>
      <p className="hint">{t('sync:usb.hint')}</p>
      {message && (
        <p className={`alert alert-${message.kind}`} role="status" data-testid="usb-message">
          {message.text}
        </p>
      )}
      <button type="button" onClick={() => void exportFile()} data-testid="usb-export-button">
        {t('sync:usb.export')}
      </button>
    </section>
  );
}

/** The election bundle from the center: verified with the pinned key, its changes shown before activation. */
function CenterBundle() {
  const { t } = useTranslation();
  const setup = useSetup();
  const { operator } = useSession();
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'same' } | { kind: 'error'; code: string } | { kind: 'new'; checked: CheckedBundle } | { kind: 'activated' }>({ kind: 'idle' });
  async function check() {
    const result = await fetchBundleFromCenter({ training: TRAINING });
    if (!result.ok) setState({ kind: 'error', code: result.error.code });
    else if (result.value.hash === setup.source.bundleHash) setState({ kind: 'same' });
    else setState({ kind: 'new', checked: result.value });
  }
  return (
    <section className="card" data-testid="center-bundle">
      <h2>{t('sync:bundle.title')}</h2>
      {state.kind === 'new' ? (
        <BundleLoader
          current={setup}
          initial={{ checked: state.checked, name: t('sync:bundle.fromCenter') }}
          onCancel={() => setState({ kind: 'idle' })}
          onActivate={async (next) => {
            await activateSetup(next, operator?.id ?? null);
            setState({ kind: 'activated' });
          }}
        />
      ) : (
        <>
          {state.kind === 'same' && <p className="alert alert-ok" data-testid="center-bundle-same">{t('sync:bundle.same')}</p>}
          {state.kind === 'activated' && <p className="alert alert-ok" data-testid="center-bundle-activated">{t('sync:bundle.activated')}</p>}
          {state.kind === 'error' && (
            <p className="alert alert-error" role="alert" data-testid="center-bundle-error">
              {t(`sync:bundle.problem.${state.code}`, { defaultValue: t(`sync:error.${state.code}`, { defaultValue: t('sync:error.unknown', { code: state.code }) }) })}
            </p>
          )}
          <button type="button" onClick={() => void check()} data-testid="center-bundle-check">
            {t('sync:bundle.check')}
          </button>
        </>
      )}
    </section>
  );
}

function EnrolForm() {
  const { t } = useTranslation();
  // Served from this computer (npm start in a browser): the embedded center runs beside it.
  const [url, setUrl] = useState(() => (['127.0.0.1', 'localhost'].includes(window.location.hostname) ? `http://${window.location.hostname}:8787` : ''));
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(): Promise<SubmitOutcome> {
    setBusy(true);
    setProblem(null);
    try {
      await enrolThisLaptop(url, code, { training: TRAINING, label });
      void syncNow();
      return 'done';
    } catch (e) {
      if (e instanceof SyncProblem) {
        setProblem(e.code);
        return 'refused';
      }
      throw e;
    } finally {
      setBusy(false);
    }
  }
  const field = problem === null ? null : enrolFieldOf(problem);
  const problemText = problem && (
    <>
      <strong className="field-error-line">{t(`sync:error.${problem}`, { defaultValue: t('sync:error.unknown', { code: problem }) })}</strong>
      <span className="field-error-line">{t(`sync:todo.${problem}`, { defaultValue: t('sync:todo.unknown') })}</span>
    </>
  );
  return (
    <section className="card" data-testid="sync-enrol">
      <h1>{t('sync:connectTitle')}</h1>
      <p className="hint">{t('sync:connectHint')}</p>
      <Form onSubmit={submit}>
        <div className="grid">
          <FormField label={t('sync:centerUrl')} error={field === 'url' ? problemText : undefined} errorTestId="sync-enrol-error">
            <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://center.example.kg" data-testid="sync-url" />
          </FormField>
          <FormField label={t('sync:code')} error={field === 'code' ? problemText : undefined} errorTestId="sync-enrol-error">
            <input value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" data-testid="sync-code" />
          </FormField>
          <FormField label={t('sync:laptopName')}>
            <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={80} data-testid="sync-label" />
          </FormField>
        </div>
        {problem && field === null && (
          <div className="alert alert-error" role="alert" data-form-problems data-testid="sync-enrol-error">
            {problemText}
          </div>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !url.trim() || !code.trim()} data-testid="sync-connect">
            {t('sync:connect')}
          </button>
        </div>
      </Form>
    </section>
  );
}
