/** The opening on voting day (item 72): the lot of duties, the safe, the lists, the boxes, the act. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { DUTIES, drawLot, type Assignment, drawsLots, judgeOpeningTime, openingMissing, mobileBoxesToSeal, type Duty, type LotProblem, type OpeningEventType, type OpeningRefusal } from '../../../shared/opening';
import type { Member } from '../../../shared/election/model';
import { appNow, useNow } from '../../app/clock';
import { formatDate, formatDateTime, formatNumber } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSession, useSetup } from '../../app/session';
import { commands, contextOf, recordOpeningStep } from '../../core';
import { cryptoRandom } from './opening-actions';
import { useElectronicListSize, useOpening, useMobileBoxes } from './use-opening';

export function describeRefusal(t: TFunction, refusal: OpeningRefusal, members: readonly Member[]): string {
  if (refusal.code === 'invalid') return t('opening:recordFailed', { reason: t(`opening:field.${refusal.field.split('.')[0] ?? ''}`, { defaultValue: refusal.field }) });
  if (refusal.code === 'already-recorded') return t(`opening:refused.already-${refusal.step}`);
  if (refusal.code === 'box-sealed') return t('opening:refused.box-sealed', { box: refusal.box === 'stationary' ? t('opening:box.stationary') : t('opening:box.mobile', { number: refusal.box }) });
  if (refusal.code === 'no-such-box') return t('opening:refused.no-such-box', { number: refusal.box, count: refusal.boxes });
  if (refusal.code === 'box-used-outside') return t('opening:refused.box-used-outside', { number: refusal.box });
  if (refusal.code === 'missing') return t('opening:act.missing', { steps: refusal.steps.map((s) => t(`opening:step.${s}`)).join('; ') });
  if (refusal.code === 'act-drawn-up' || refusal.code === 'unchanged') return t(`opening:refused.${refusal.code}`);
  const name = (id: string) => members.find((m) => m.id === id)?.name ?? id;
  return refusal.problems
    .map((p: LotProblem) =>
      p.code === 'duty-unheld' ? t('opening:problem.duty-unheld', { duty: t(`opening:duty.${p.duty}`) })
        : p.code === 'too-few-members' ? t('opening:problem.too-few-members', { count: p.present })
          : t(`opening:problem.${p.code}`, { member: name(p.memberId) }))
    .join(' ');
}

export function OpeningScreen() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  const now = useNow();
  const state = useOpening();
  const electronic = useElectronicListSize();
  const mobile = useMobileBoxes();
  const zone = setup.precinct.timeZone;
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const slot = judgeOpeningTime(now, setup.election.votingDay, zone);
  const missing = openingMissing(state, mobile.count, mobile.out.map((b) => b.box));
  const toSeal = mobileBoxesToSeal(mobile.count, mobile.out.map((b) => b.box));
  const at = (iso: string) => formatDateTime(iso, lng, zone);

  async function record(type: OpeningEventType, payload: unknown, okText: string): Promise<boolean> {
    const result = await recordOpeningStep(commands, type, payload, setup.members, contextOf(setup, operator?.id ?? null));
    setMessage(result.ok ? { kind: 'ok', text: okText } : { kind: 'error', text: describeRefusal(t, result.error, setup.members) });
    return result.ok;
  }

  return (
    <div className="opening" data-testid="opening">
      <div className="screen-head">
        <div>
          <h1>{t('opening:title')}</h1>
          <p className="muted">{t('opening:intro')}</p>
        </div>
        <div className="actions">
          <button type="button" onClick={() => navigate('print-opening-act')} data-testid="opening-print">
            {t('opening:act.print')}
          </button>
        </div>
      </div>
      <p className={`alert ${slot === 'in-window' ? 'alert-ok' : 'alert-warn'}`} data-testid="opening-window">
        {t(`opening:window.${slot}`, { date: formatDate(setup.election.votingDay, lng) })}
      </p>
      {message && (
        <p className={`alert alert-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="opening-message">
          {message.text}
        </p>
      )}

      <LotPanel onRecord={record} onRefused={(refusal) => setMessage({ kind: 'error', text: describeRefusal(t, refusal, setup.members) })} />

      <section className="panel" data-testid="opening-safe">
        <h2>{t('opening:step.safe')}</h2>
        {state.safe ? (
          <p data-testid="safe-recorded">{t('opening:safe.recorded', { at: at(state.safe.at), state: t(state.safe.sealIntact ? 'opening:safe.intact' : 'opening:safe.broken') })}</p>
        ) : (
          <SafeForm onRecord={record} />
        )}
      </section>

      <section className="panel" data-testid="opening-lists">
        <h2>{t('opening:step.lists')}</h2>
        {state.lists ? (
          <p data-testid="lists-recorded">
            {t('opening:lists.recorded', { at: at(state.lists.at), paper: formatNumber(state.lists.paperVoters, lng), electronic: formatNumber(state.lists.electronicVoters, lng) })}
            {state.lists.paperVoters !== state.lists.electronicVoters && ` ${t('opening:lists.differ', { count: Math.abs(state.lists.paperVoters - state.lists.electronicVoters) })}`}
          </p>
        ) : (
          <ListsForm electronic={electronic} onRecord={record} />
        )}
      </section>

      <section className="panel" data-testid="opening-boxes">
        <h2>{t('opening:act.boxesTitle')}</h2>
        {toSeal.length > 0 && <p className="muted">{t('opening:box.mobileNeeded', { count: toSeal.length })}</p>}
        {mobile.out.map((b) => (
          <div className="box-row" key={`out-${b.box}`} data-testid={`box-out-${b.box}`}>
            <strong>{t('opening:box.mobile', { number: b.box })}</strong> {t('opening:box.wentOut', { team: b.team, at: at(b.departedAt), seal: b.seal ?? '—' })}
          </div>
        ))}
        {(['stationary', ...toSeal] as const).map((box) => {
          const sealed = state.boxes.find((b) => b.box === box);
          return <BoxRow key={String(box)} box={box} sealed={sealed ? t('opening:box.sealed', { at: at(sealed.at), seals: sealed.seals.join(', ') }) : null} onRecord={record} />;
        })}
      </section>

      <section className="panel" data-testid="opening-act">
        <h2>{t('opening:step.act')}</h2>
        {state.act ? (
          <p data-testid="act-recorded">{t('opening:act.recorded', { number: state.act.actNumber, at: at(state.act.at) })}</p>
        ) : (
          <ActForm missing={missing.map((s) => t(`opening:step.${s}`))} onRecord={record} />
        )}
      </section>
    </div>
  );
}

type RecordFn = (type: OpeningEventType, payload: unknown, okText: string) => Promise<boolean>;

function LotPanel({ onRecord, onRefused }: { onRecord: RecordFn; onRefused(refusal: OpeningRefusal): void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const state = useOpening();
  const [absent, setAbsent] = useState<Set<string>>(new Set());
  const [duties, setDuties] = useState<Partial<{ [id: string]: Duty }>>({});
  const held = state.duties;

  /**
   * The laptop's lot is recorded as it is drawn (a member may get two duties when fewer than four
   * are present): what the members saw drawn is the fact, kept through a reload or a crash, and a
   * second draw is a second recorded lot, never a silent re-roll of one not yet recorded.
   */
  async function drawHere() {
    const result = drawLot(setup.members, [...absent], cryptoRandom);
    if (!result.ok) {
      onRefused({ code: 'lot', problems: result.error });
      return;
    }
    await record(result.value, 'laptop');
  }

  async function save() {
    await record(setup.members.filter((m) => drawsLots(m) && !absent.has(m.id) && duties[m.id]).map((m) => ({ memberId: m.id, duty: duties[m.id] })), 'paper');
  }

  async function record(assignments: readonly Assignment[] | readonly { memberId: string; duty: Duty | undefined }[], method: 'paper' | 'laptop') {
    const ok = await onRecord('OpeningDutiesDrawn', { assignments, absent: [...absent], method }, t('opening:lot.recorded', { at: formatDateTime(new Date(appNow()), lng, setup.precinct.timeZone) }));
    if (ok) setDuties({});
  }

  return (
    <section className="panel" data-testid="opening-lot">
      <h2>{t('opening:step.duties')}</h2>
      <table className="table">
        <thead>
          <tr>
            <th>{t('opening:lot.member')}</th>
            <th>{t('opening:lot.role')}</th>
            <th>{t('opening:lot.absent')}</th>
            <th>{t('opening:lot.duty')}</th>
          </tr>
        </thead>
        <tbody>
          {setup.members.map((m) => {
            const current = held?.assignments.filter((a) => a.memberId === m.id).map((a) => t(`opening:duty.${a.duty}`)).join('; ');
            return (
              <tr key={m.id} data-testid={`lot-row-${m.id}`}>
                <td>{m.name}</td>
                <td>{t(`common:role.${m.role}`)}</td>
                <td>
                  {drawsLots(m) && (
                    <input
                      type="checkbox"
                      aria-label={`${t('opening:lot.absent')}: ${m.name}`}
                      checked={absent.has(m.id)}
                      onChange={(e) => setAbsent((s) => { const n = new Set(s); if (e.target.checked) n.add(m.id); else n.delete(m.id); return n; })}
                      data-testid={`lot-absent-${m.id}`}
                    />
                  )}
                </td>
                <td>
                  {!drawsLots(m) ? (
                    <span className="muted">{t('opening:lot.notDrawing')}</span>
                  ) : (
                    <>
                      <select
                        aria-label={`${t('opening:lot.duty')}: ${m.name}`}
                        value={duties[m.id] ?? ''}
                        disabled={absent.has(m.id)}
                        onChange={(e) => { setDuties((d) => ({ ...d, [m.id]: (e.target.value || undefined) as Duty | undefined })); }}
                        data-testid={`lot-duty-${m.id}`}
                      >
                        <option value="">{t('opening:lot.choose')}</option>
                        {DUTIES.map((d) => <option key={d} value={d}>{t(`opening:duty.${d}`)}</option>)}
                      </select>
                      {current && <div className="muted" data-testid={`lot-held-${m.id}`}>{current}</div>}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" onClick={() => void drawHere()} data-testid="lot-draw-laptop">{t('opening:lot.drawOnLaptop')}</button>
        <button type="button" className="primary" onClick={() => void save()} data-testid="lot-record">
          {t('opening:lot.record')}
        </button>
      </div>
    </section>
  );
}

function SafeForm({ onRecord }: { onRecord: RecordFn }) {
  const { t } = useTranslation();
  const [intact, setIntact] = useState(true);
  const [note, setNote] = useState('');
  return (
    <div className="form-grid">
      <label><input type="checkbox" checked={intact} onChange={(e) => setIntact(e.target.checked)} data-testid="safe-intact" /> {t('opening:safe.sealIntact')}</label>
      <label className="field">{t('opening:safe.note')}<input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} data-testid="safe-note" /></label>
      <button type="button" onClick={() => void onRecord('OpeningSafeOpened', { sealIntact: intact, note }, t('opening:step.safe'))} data-testid="safe-record">{t('opening:safe.record')}</button>
    </div>
  );
}

function ListsForm({ electronic, onRecord }: { electronic: number | null; onRecord: RecordFn }) {
  const { t } = useTranslation();
  const [paper, setPaper] = useState('');
  const [elec, setElec] = useState<string | null>(null);
  const elecText = elec ?? (electronic === null ? '' : String(electronic));
  const toCount = (s: string) => (/^\d{1,7}$/u.test(s.replace(/\s/gu, '')) ? Number(s.replace(/\s/gu, '')) : s);
  return (
    <div className="form-grid">
      <label className="field">{t('opening:lists.paper')}<input inputMode="numeric" value={paper} onChange={(e) => setPaper(e.target.value)} data-testid="lists-paper" /></label>
      <label className="field">{t('opening:lists.electronic')}<input inputMode="numeric" value={elecText} onChange={(e) => setElec(e.target.value)} data-testid="lists-electronic" /></label>
      <button type="button" onClick={() => void onRecord('OpeningListsCompared', { paperVoters: toCount(paper), electronicVoters: toCount(elecText), note: '' }, t('opening:step.lists'))} data-testid="lists-record">{t('opening:lists.record')}</button>
    </div>
  );
}

function BoxRow({ box, sealed, onRecord }: { box: 'stationary' | number; sealed: string | null; onRecord: RecordFn }) {
  const { t } = useTranslation();
  const [seals, setSeals] = useState('');
  const name = box === 'stationary' ? t('opening:box.stationary') : t('opening:box.mobile', { number: box });
  const id = String(box);
  return (
    <div className="box-row" data-testid={`box-${id}`}>
      <strong>{name}</strong>{' '}
      {sealed ? (
        <span data-testid={`box-sealed-${id}`}>{sealed}</span>
      ) : (
        <>
          <label className="field">{t('opening:box.seals')}<input value={seals} onChange={(e) => setSeals(e.target.value)} data-testid={`box-seals-${id}`} /></label>
          <button
            type="button"
            onClick={() => void onRecord('OpeningBoxSealed', { box, seals: seals.split(/[,;]/u).map((s) => s.trim()).filter(Boolean) }, name)}
            data-testid={`box-seal-${id}`}
          >
            {t('opening:box.seal')}
          </button>
        </>
      )}
    </div>
  );
}

function ActForm({ missing, onRecord }: { missing: string[]; onRecord: RecordFn }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  return (
    <div className="form-grid">
      {missing.length > 0 && <p className="alert alert-warn" data-testid="act-missing">{t('opening:act.missing', { steps: missing.join('; ') })}</p>}
      <label className="field">{t('opening:act.number')}<input value={number} maxLength={40} onChange={(e) => setNumber(e.target.value)} data-testid="act-number" /></label>
      <button type="button" className="primary" disabled={missing.length > 0} onClick={() => void onRecord('OpeningActDrawnUp', { actNumber: number }, t('opening:step.act'))} data-testid="act-record">
        {t('opening:act.record')}
      </button>
    </div>
  );
}
