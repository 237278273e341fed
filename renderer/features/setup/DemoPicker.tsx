/** Starts the demo election: the 2017 presidential election at one of the 37 precincts abroad. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkBundle, setupFromBundle } from '../../../shared/election/bundle';
import { demoBundle } from '../../../shared/election/demo';
import type { ElectionSetup } from '../../../shared/election/model';
import { formatNumber, formatUtcOffset } from '../../app/format';
import type { Language } from '../../app/i18n';
import { contextOf, eventStore } from '../../app/store';
import { activateGeneratedList } from '../voters/import/activate-list';

interface Props {
  onActivate(setup: ElectionSetup): Promise<void>;
  onCancel(): void;
}

export function DemoPicker({ onActivate, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const bundle = useMemo(() => demoBundle(), []);
  const [selected, setSelected] = useState<number>(9001);
  const [busy, setBusy] = useState(false);
  const [withList, setWithList] = useState(false);
  const total = bundle.precincts.reduce((s, p) => s + (p.voterCount ?? 0), 0);
  const votingDayNoon = new Date(`${bundle.election.votingDay}T12:00:00Z`);

  async function start() {
    setBusy(true);
    try {
      const checked = await checkBundle(bundle);
      if (!checked.ok) throw new Error('demo bundle failed its own checks');
      const setup = setupFromBundle(checked.value, selected, 'demo', null);
      if (!setup) return;
      await onActivate(setup);
      if (withList) {
        const actor = setup.members.find((m) => m.role === 'secretary')?.id ?? null;
        await activateGeneratedList(eventStore, setup.precinct.voterCount ?? 1000, setup.precinct.number, setup.election.votingDay, contextOf(setup, actor));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" data-testid="demo-picker">
      <h2>{t('setup:demo.title')}</h2>
      <p className="hint">{t('setup:demo.hint', { count: bundle.precincts.length, voters: formatNumber(total, lng) })}</p>
      <div className="table-scroll">
        <table className="table selectable">
          <thead>
            <tr>
              <th />
              <th>{t('fields:precinct.number')}</th>
              <th>{t('fields:precinct.name')}</th>
              <th className="num">{t('fields:precinct.voterCount')}</th>
              <th>{t('fields:precinct.timeZone')}</th>
            </tr>
          </thead>
          <tbody>
            {bundle.precincts.map((p) => (
              <tr key={p.number} className={selected === p.number ? 'selected' : undefined} onClick={() => setSelected(p.number)}>
                <td>
                  <input
                    type="radio"
                    name="demo-precinct"
                    value={p.number}
                    checked={selected === p.number}
                    onChange={() => setSelected(p.number)}
                    aria-label={`${p.number} ${p.name}`}
                  />
                </td>
                <td>{p.number}</td>
                <td>{p.name}</td>
                <td className="num">{formatNumber(p.voterCount ?? 0, lng)}</td>
                <td>
                  {p.timeZone} ({formatUtcOffset(p.timeZone, votingDayNoon)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <label className="check">
        <input type="checkbox" checked={withList} onChange={(e) => setWithList(e.target.checked)} data-testid="demo-with-list" />
        <span>{t('setup:demo.withList')}</span>
      </label>
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t('common:cancel')}
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void start()} data-testid="demo-start">
          {t('setup:demo.start', { number: selected })}
        </button>
      </div>
    </section>
  );
}
