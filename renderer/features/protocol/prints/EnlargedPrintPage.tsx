/**
 * The enlarged form of the protocol for posting (the "увеличенная форма"): one large page (A2), or
 * the same A2 sheet tiled over four A4 pages (2 × 2) with each tile's place and cut lines, for a
 * precinct without a large printer. One document: the tiles show windows onto the same A2 layout.
 *
 * The law has it filled in step by step during the count (Art 35(2); calendar item 74), so it prints
 * before signing too: with the figures of the saved draft, or blank cells to write in by hand; after
 * signing, with the version in force. Tiled, no line may straddle the seam between the upper and the
 * lower sheets (a row cut in two is on neither sheet): the first row that would reach into the seam's
 * margin starts below it.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatOfficialDate } from '../../../app/format';
import type { Language } from '../../../app/i18n';
import { localized } from '../../../app/localized';
import { navigate } from '../../../app/router';
import { useSetup } from '../../../app/session';
import { PrintFrame } from '../../../print/PrintFrame';
import { useProtocolForm, useProtocolState } from '../../../core/protocol-queries';

const TILES = [
  { row: 1, col: 1 }, { row: 1, col: 2 }, { row: 2, col: 1 }, { row: 2, col: 2 },
] as const;

/**
 * Each tile's cut line lies this far inside its edge (a printer leaves the edge blank). A tile shows
 * the sheet from CUT_MM before its share, and neighbouring tiles overlap by 2 × CUT_MM, so that sheets
 * cut along their lines meet with nothing lost between them: the seams fall at 210 mm across and
 * 297 mm down, and the assembled poster keeps the sheet's outer 10 mm at most.
 */
const CUT_MM = 5;
const tileOffset = (index: number, share: number) => `${-(CUT_MM + index * (share - 2 * CUT_MM))}mm`;
/** The seam between the upper and lower sheets, and the margin kept clear on each side of it (mm). */
const SEAM_MM = 297;
const SEAM_MARGIN_MM = 12;
const SHEET_WIDTH_MM = 420;

function Sheet({ tiled }: { tiled: boolean }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const form = useProtocolForm(setup);
  const state = useProtocolState();
  const current = state.current;
  const draft = state.draft && (!current || state.draft.version > current.version) ? state.draft : null;
  const sheetRef = useRef<HTMLDivElement>(null);
  // The row that starts below the seam, and the space put before it (in px on screen).
  const [seam, setSeam] = useState<{ row: number; pad: number } | null>(null);
  const values: Record<string, number | null> | null = current && !draft ? current.values : draft ? draft.values : null;

  // No dependency list on purpose: it measures the laid-out rows after every render (any text or
  // figure moves them) and sets the seam only when it moved, so it settles after one more render.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const sheet = sheetRef.current;
    if (!tiled || !sheet) return;
    const pxPerMm = sheet.offsetWidth / SHEET_WIDTH_MM;
    const top = sheet.getBoundingClientRect().top;
    const rows = [...sheet.querySelectorAll<HTMLTableRowElement>('tr[data-line]')];
    const spacer = sheet.querySelector<HTMLTableRowElement>('tr.enl-seam');
    const spacerHeight = spacer?.getBoundingClientRect().height ?? 0;
    const from = (SEAM_MM - SEAM_MARGIN_MM) * pxPerMm;
    const to = (SEAM_MM + SEAM_MARGIN_MM) * pxPerMm;
    let next: { row: number; pad: number } | null = null;
    for (const [i, row] of rows.entries()) {
      const r = row.getBoundingClientRect();
      // Positions as they would be without the spacer.
      const shift = seam && i >= seam.row ? spacerHeight : 0;
      const rowTop = r.top - top - shift;
      const rowBottom = r.bottom - top - shift;
      if (rowBottom > from && rowTop < to) {
        next = { row: i, pad: Math.ceil(to - rowTop) };
        break;
      }
    }
    if (next?.row !== seam?.row || next?.pad !== seam?.pad) setSeam(next);
  });

  return (
    <div className="enlarged-sheet" ref={sheetRef}>
      <div className="enlarged-kicker">{t('calendar:docKicker', { number: setup.precinct.number })}</div>
      <h1>{t('protocolScreen:docTitle')}</h1>
      <p className="enlarged-sub">
        {localized(setup.election.name, lng)} · {formatOfficialDate(setup.election.votingDay, lng)} · № {setup.precinct.number} {setup.precinct.name}
      </p>
      <p className="enlarged-sub" data-testid="enlarged-state">
        {current && !draft
          ? t('prints:enlarged.version', { version: current.version, mark: t(`protocol:mark.${current.mark}`) })
          : t(draft ? 'prints:enlarged.draft' : 'prints:enlarged.blank')}
      </p>
      <table className="enlarged-table" data-testid="enlarged-table">
        <tbody>
          {form.lines.map((line, i) => {
            const v = values?.[line.key];
            return [
              seam && seam.row === i ? (
                <tr key="seam" className="enl-seam" aria-hidden="true">
                  <td colSpan={3} style={{ height: `${seam.pad}px` }} />
                </tr>
              ) : null,
              <tr key={line.key} data-line={line.number}>
                <td className="enl-n">{line.number}</td>
                <td>{line.label[lng]}</td>
                <td className="enl-v">{v === undefined || v === null ? '' : formatNumber(v, lng)}</td>
              </tr>,
            ];
          })}
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
        <Sheet tiled={false} />
      ) : (
        <>
          {TILES.map((tile, i) => (
            <div key={i} className="tile" data-testid="enlarged-tile">
              <div className="tile-window" style={{ left: tileOffset(tile.col - 1, 210), top: tileOffset(tile.row - 1, 297) }}>
                <Sheet tiled />
              </div>
              <div className="tile-label">{t('prints:enlarged.tile', { n: i + 1, row: tile.row, col: tile.col })}</div>
            </div>
          ))}
        </>
      )}
    </PrintFrame>
  );
}
