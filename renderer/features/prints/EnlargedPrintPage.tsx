/**
 * The enlarged form of the protocol for posting (the "увеличенная форма"): one large page (A2), or
 * the same A2 sheet tiled over four A4 pages (2 × 2) with each tile's place and cut lines, for a
 * precinct without a large printer. One document: the tiles show windows onto the same A2 layout.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../app/format';
import type { Language } from '../../app/i18n';
import { localized } from '../../app/localized';
import { navigate } from '../../app/router';
import { useSetup } from '../../app/session';
import { PrintFrame } from '../../print/PrintFrame';
import { useProtocolForm, useProtocolState } from '../protocol/use-protocol';

const TILES = [
  { row: 1, col: 1 }, { row: 1, col: 2 }, { row: 2, col: 1 }, { row: 2, col: 2 },
] as const;

function Sheet() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const form = useProtocolForm(setup);
  const current = useProtocolState().current;
  if (!current) return <p>{t('protocolScreen:nothingSigned')}</p>;
  return (
    <div className="enlarged-sheet">
      <div className="enlarged-kicker">{t('calendar:docKicker', { number: setup.precinct.number })}</div>
      <h1>{t('protocolScreen:docTitle')}</h1>
      <p className="enlarged-sub">
        {localized(setup.election.name, lng)} · {formatDate(setup.election.votingDay, lng)} · № {setup.precinct.number} {setup.precinct.name}
      </p>
      <p className="enlarged-sub">{t('prints:enlarged.version', { version: current.version, mark: t(`protocol:mark.${current.mark}`) })}</p>
      <table className="enlarged-table" data-testid="enlarged-table">
        <tbody>
          {form.lines.map((line) => (
            <tr key={line.key}>
              <td className="enl-n">{line.number}</td>
              <td>{line.label[lng]}</td>
              <td className="enl-v">{formatNumber(current.values[line.key] ?? 0, lng)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="enlarged-foot">{t('prints:enlarged.foot')}</p>
    </div>
  );
}

export function EnlargedPrintPage() {
  const { t } = useTranslation();
  const setup = useSetup();
  const [mode, setMode] = useState<'a2' | 'tiles'>(() => (sessionStorage.getItem('precinct-desk.print.enlarged') === 'tiles' ? 'tiles' : 'a2'));
  const choose = (m: 'a2' | 'tiles') => {
    sessionStorage.setItem('precinct-desk.print.enlarged', m);
    setMode(m);
  };
  const tools = (
    <select value={mode} onChange={(e) => choose(e.target.value === 'tiles' ? 'tiles' : 'a2')} aria-label={t('prints:enlarged.mode')} data-testid="enlarged-mode">
      <option value="a2">{t('prints:enlarged.a2')}</option>
      <option value="tiles">{t('prints:enlarged.tiles')}</option>
    </select>
  );
  return (
    <PrintFrame title={t('prints:enlarged.title')} fileName={`protocol-enlarged-${setup.precinct.number}-${mode}.pdf`} tools={tools} sheet={mode === 'a2' ? 'a2' : 'bare'} onBack={() => navigate('protocol-prints')}>
      {mode === 'a2' ? (
        <Sheet />
      ) : (
        <>
          {TILES.map((tile, i) => (
            <div key={i} className="tile" data-testid="enlarged-tile">
              <div className="tile-window" style={{ left: `${-(tile.col - 1) * 210}mm`, top: `${-(tile.row - 1) * 297}mm` }}>
                <Sheet />
              </div>
              <div className="tile-label">{t('prints:enlarged.tile', { n: i + 1, row: tile.row, col: tile.col })}</div>
            </div>
          ))}
        </>
      )}
    </PrintFrame>
  );
}
