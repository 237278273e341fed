/** Training: joining the trainer's room (the center's address, the code on the trainer's screen, a name). */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRAINING } from '../../app/mode';
import { enrolThisLaptop, readSyncState } from '../../core';
import { SyncProblem } from '../../sync/client';
import { roomJoined, setRoomJoined } from '../../sync/room-client';
import { reportSoon } from './room-loop';
import { enrolFieldOf } from '../../sync/enrol-field';
import { Form, FormField, type SubmitOutcome } from '../../ui/form';

export function RoomPanel() {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: 'url' | 'code' | null; text: string } | null>(null);
  const [joined, setJoined] = useState<{ url: string } | null>(null);
  useEffect(() => {
    void readSyncState().then(({ enrolment }) => {
      if (enrolment && roomJoined()) setJoined({ url: enrolment.centerUrl });
    });
  }, []);
  if (!TRAINING) return null;
  const join = async (): Promise<SubmitOutcome> => {
    setBusy(true);
    setError(null);
    try {
      const enrolment = await enrolThisLaptop(url, code, { training: true, label: name });
      setRoomJoined(true);
      setJoined({ url: enrolment.centerUrl });
      reportSoon();
      return 'done';
    } catch (e) {
      const c = e instanceof SyncProblem ? e.code : 'unknown';
      setError({ field: enrolFieldOf(c), text: t(`sync:error.${c}`, { defaultValue: t('sync:error.unknown', { code: c }) }) });
      return 'refused';
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card room-panel" data-testid="room-panel">
      <h3>{t('training:room.title')}</h3>
      {joined ? (
        <p className="alert alert-ok" role="status" data-testid="room-joined">
          {t('training:room.joined', { url: joined.url })}
        </p>
      ) : (
        <Form className="room-join" onSubmit={join}>
          <p className="hint">{t('training:room.hint')}</p>
          <FormField label={t('training:room.url')} error={error?.field === 'url' ? error.text : undefined} errorTestId="room-error">
            <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="http://192.168.1.10:8787" data-testid="room-url" />
          </FormField>
          <FormField label={t('training:room.code')} error={error?.field === 'code' ? error.text : undefined} errorTestId="room-error">
            <input value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" data-testid="room-code" />
          </FormField>
          <FormField label={t('training:room.name')}>
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} data-testid="room-name" />
          </FormField>
          <button type="submit" className="primary" disabled={busy || !url.trim() || !code.trim()} data-testid="room-join">
            {t('training:room.join')}
          </button>
          {error && error.field === null && (
            <p className="alert alert-error" role="alert" data-form-problems data-testid="room-error">
              {error.text}
            </p>
          )}
        </Form>
      )}
    </section>
  );
}
