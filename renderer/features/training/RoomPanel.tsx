/** Training: joining the trainer's room (the center's address, the code on the trainer's screen, a name). */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRAINING } from '../../app/mode';
import { enrolThisLaptop, readSyncState } from '../../core';
import { SyncProblem } from '../../sync/client';
import { roomJoined, setRoomJoined } from '../../sync/room-client';
import { reportSoon } from './room-loop';

export function RoomPanel() {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [joined, setJoined] = useState<{ url: string } | null>(null);
  useEffect(() => {
    void readSyncState().then(({ enrolment }) => {
      if (enrolment && roomJoined()) setJoined({ url: enrolment.centerUrl });
    });
  }, []);
  if (!TRAINING) return null;
  const join = async () => {
    setBusy(true);
    setError(null);
    try {
      const enrolment = await enrolThisLaptop(url, code, { training: true, label: name });
      setRoomJoined(true);
      setJoined({ url: enrolment.centerUrl });
      reportSoon();
    } catch (e) {
      const c = e instanceof SyncProblem ? e.code : 'unknown';
      setError(t(`sync:error.${c}`, { defaultValue: t('sync:error.unknown', { code: c }) }));
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
        <form
          className="room-join"
          onSubmit={(e) => {
            e.preventDefault();
            void join();
          }}
        >
          <p className="hint">{t('training:room.hint')}</p>
          <label className="field">
            <span>{t('training:room.url')}</span>
            <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="http://192.168.1.10:8787" data-testid="room-url" />
          </label>
          <label className="field">
            <span>{t('training:room.code')}</span>
            <input value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" data-testid="room-code" />
          </label>
          <label className="field">
            <span>{t('training:room.name')}</span>
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} data-testid="room-name" />
          </label>
          <button type="submit" className="primary" disabled={busy || !url.trim() || !code.trim()} data-testid="room-join">
            {t('training:room.join')}
          </button>
          {error && (
            <p className="alert alert-error" role="alert" data-testid="room-error">
              {error}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
