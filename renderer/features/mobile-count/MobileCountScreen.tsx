/**
 * Item 77: each mobile box opened on its own and counted against its team's visits, before the count;
 * recorded through the core (a box counts once), what the count reveals shown at once, and the
 * record printed (the act on the mobile boxes) before those ballots join the count.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { expectedByBox, judgeBoxes, mobileBoxesTotal, type BoxCountRefusal, type BoxFinding } from '../../../shared/mobile-count';
import { sealMismatches } from '../../../shared/outpremises';
import { formatDateTime } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSession, useSetup } from '../../app/session';
import { commands, contextOf, recordBoxCount, useMobileCount, useOutPremisesState } from '../../core';

/** A finding in words: each code with its own figures. */
export function useDescribeFinding(): (f: BoxFinding) => string {
  const { t } = useTranslation();
  return (f) => {
    switch (f.code) {
      case 'more-than-issued':
      case 'fewer-than-issued':
        return t(`mobileCount:finding.${f.code}`, { box: f.box, found: f.found, issued: f.issued });
      case 'entries-differ':
        return t('mobileCount:finding.entries-differ', { box: f.box, issued: f.issued, votedEntries: f.votedEntries });
      case 'seals-broken':
      case 'counted-after-count-began':
        return t(`mobileCount:finding.${f.code}`, { box: f.box });
    }
  };
}

export const isErrorFinding = (f: BoxFinding): boolean => f.code === 'more-than-issued' || f.code === 'counted-after-count-began';

export function useMobileBoxes() {
  const outside = useOutPremisesState();
  const state = useMobileCount();
  const boxes = outside.drawing?.boxes.map((b) => b.box) ?? [];
  const expected = expectedByBox(boxes, outside.visits);
  return { outside, state, expected, findings: judgeBoxes(expected, state.counted, state.countBeganAt) };
}

export function MobileCountScreen() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  const { outside, state, expected, findings } = useMobileBoxes();
  // Seals the team found different on return: the box's seals are not taken as intact unless a member says so.
  const returnMismatches = sealMismatches(outside, outside.teams.flatMap((team) => team.trips.flatMap((trip) => trip.returned?.seals ?? [])));
  const mismatchOf = (box: number) => returnMismatches.find((p) => p.params.box === box);
  const intactOf = (box: number) => intact[box] ?? mismatchOf(box) === undefined;
  const seal = (box: number) => outside.drawing?.boxes.find((b) => b.box === box)?.seal ?? '—';
  const describe = useDescribeFinding();
  const [found, setFound] = useState<Record<number, string>>({});
  const [intact, setIntact] = useState<Record<number, boolean>>({});
  const [note, setNote] = useState<Record<number, string>>({});
  const [refused, setRefused] = useState<{ box: number; codes: BoxCountRefusal[] } | null>(null);
  const [said, setSaid] = useState<{ box: number; warnings: BoxFinding[] } | null>(null);
  const total = mobileBoxesTotal(state);

  async function record(box: number) {
    setSaid(null);
    const r = await recordBoxCount(
      commands,
      { box, ballotsFound: found[box] ?? '', sealsIntact: intactOf(box), note: note[box] ?? '' },
      expected,
      contextOf(setup, operator?.id ?? null),
    );
    if (!r.ok) {
      setRefused({ box, codes: r.error });
      return;
    }
    setRefused(null);
    setSaid({ box, warnings: [...r.value.warnings] });
  }

  return (
    <div data-testid="mobile-count">
      <div className="screen-head">
        <h1>{t('mobileCount:title')}</h1>
        <div className="actions">
          <button type="button" onClick={() => navigate('print-mobile-count')} data-testid="mobile-print">
            {t('day:mobile.print')}
          </button>
        </div>
      </div>
      <p className="muted">{t('mobileCount:intro')}</p>
      {expected.length === 0 && <p className="alert alert-warn">{t('mobileCount:noBoxes')}</p>}
      {refused && (
        <div className="alert alert-error" role="alert" data-testid="mobile-refused">
          <ul className="problem-list">
            {refused.codes.map((c) => <li key={c}>{t(`day:mobile.refused.${c}`, { box: refused.box })}</li>)}
          </ul>
        </div>
      )}
      {said && (
        <p className={said.warnings.length > 0 ? 'alert alert-warn' : 'alert alert-ok'} role="status" data-testid="mobile-recorded">
          {t('day:mobile.recorded', { box: said.box })} {said.warnings.map(describe).join(' ')}
        </p>
      )}
      <table className="table">
        <thead>
          <tr><th>{t('mobileCount:col.box')}</th><th>{t('mobileCount:col.seal')}</th><th>{t('mobileCount:col.issued')}</th><th>{t('mobileCount:col.entries')}</th><th>{t('mobileCount:col.found')}</th><th><span className="visually-hidden">{t('mobileCount:record')}</span></th></tr>
        </thead>
        <tbody>
          {expected.map((e) => {
            const done = state.counted.find((c) => c.box === e.box);
            return (
              <tr key={e.box} data-testid={`mobile-box-${e.box}`}>
                <td>{e.box}</td>
                <td data-testid={`mobile-seal-${e.box}`}>{seal(e.box)}</td>
                <td data-testid={`mobile-issued-${e.box}`}>{e.issued}</td>
                <td>{e.votedEntries}</td>
                <td>
                  {done ? (
                    <span data-testid={`mobile-found-${e.box}`}>{done.ballotsFound} · {formatDateTime(done.at, lng, setup.precinct.timeZone)}</span>
                  ) : (
                    <input inputMode="numeric" aria-label={t('mobileCount:col.found')} value={found[e.box] ?? ''} onChange={(ev) => setFound((s) => ({ ...s, [e.box]: ev.target.value }))} data-testid={`mobile-count-${e.box}`} />
                  )}
                </td>
                <td>
                  {!done && (
                    <>
                      <label><input type="checkbox" checked={intactOf(e.box)} onChange={(ev) => setIntact((s) => ({ ...s, [e.box]: ev.target.checked }))} data-testid={`mobile-intact-${e.box}`} /> {t('mobileCount:sealsIntact')}</label>
                      <input aria-label={t('day:mobile.note')} placeholder={t('day:mobile.note')} value={note[e.box] ?? ''} onChange={(ev) => setNote((s) => ({ ...s, [e.box]: ev.target.value }))} data-testid={`mobile-note-${e.box}`} />
                      <button type="button" onClick={() => void record(e.box)} data-testid={`mobile-record-${e.box}`}>{t('mobileCount:record')}</button>
                      {mismatchOf(e.box) && <p className="alert alert-warn" data-testid={`mobile-seal-mismatch-${e.box}`}>{t('outpremises:problem.seal-mismatch', mismatchOf(e.box)?.params)}</p>}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {total !== null && <p className="hint" data-testid="mobile-total">{t('day:mobile.total', { total })}</p>}
      <ul data-testid="mobile-findings">
        {findings.map((f, i) => <li key={i} className={isErrorFinding(f) ? 'alert alert-error' : 'alert alert-warn'}>{describe(f)}</li>)}
      </ul>
    </div>
  );
}
