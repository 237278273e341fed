import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { foldBallotFacts, turnoutPoints, type FigureEvent } from '../../../../shared/figures';
import type { LedgerFigures } from '../../../../shared/protocol/ledger';
import { BalanceBar, remainingLine, TurnoutChart } from '../../../../renderer/ui/charts';

const HASH = 'a'.repeat(64);
let seq = 0;
const issue = (voterId: string, at: string): FigureEvent => ({
  id: `00000000-0000-4000-8000-${(++seq).toString(16).padStart(12, '0')}`,
  type: 'BallotIssued',
  recordedAt: at,
  payload: { voterId, page: 1, row: 1, listHash: HASH },
});

/** The `data-<attr>` values of the drawn elements, in order. */
const attrs = (html: string, attr: string) => [...html.matchAll(new RegExp(`data-${attr}="([^"]*)"`, 'gu'))].map((m) => m[1]);

describe('the turnout chart draws the figures of its table', () => {
  it('one bar a report time, each the ballots the table shows (none for a time still to come)', () => {
    const f = foldBallotFacts([issue('v1', '2017-10-15T00:30:00.000Z'), issue('v2', '2017-10-15T01:00:00.000Z'), issue('v3', '2017-10-15T02:10:00.000Z'), issue('v4', '2017-10-15T11:00:01.000Z')]);
    const points = turnoutPoints(f, { votingDay: '2017-10-15', times: ['10:00', '12:00', '20:00'], timeZone: 'Asia/Tokyo', listSize: 8, now: new Date('2017-10-15T05:00:00Z') });
    const html = renderToStaticMarkup(<TurnoutChart points={points} label="turnout" format={String} />);
    // The table's column: the figure when the time has come, "—" (no figure) before.
    const table = points.map((p) => (p.reached ? String(p.ballots) : ''));
    expect(attrs(html, 'value')).toEqual(table);
    expect(table).toEqual(['2', '3', '']);
    expect(attrs(html, 'time')).toEqual(points.map((p) => p.time));
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-label="turnout"');
    // The bars' heights follow the figures: the tallest is the largest.
    const heights = [...html.matchAll(/<rect x="[^"]*" y="[^"]*" width="[^"]*" height="([^"]*)"/gu)].map((m) => Number(m[1]));
    expect(heights).toHaveLength(2);
    expect(heights[0]! / heights[1]!).toBeCloseTo(2 / 3);
  });

  it('draws no bar and no figure before the first report', () => {
    const points = turnoutPoints(foldBallotFacts([]), { votingDay: '2017-10-15', times: ['10:00'], timeZone: 'Asia/Tokyo', listSize: null, now: new Date('2017-10-14T00:00:00Z') });
    const html = renderToStaticMarkup(<TurnoutChart points={points} label="none" format={String} />);
    expect(attrs(html, 'value')).toEqual(['']);
  });
});

describe('the ballot balance bar draws the ledger figures', () => {
  const base: LedgerFigures = {
    received: 1000, receipts: [], issuedRoom: 600, issuedRoomByAct: 600, listPageSums: null, pageSumsEntered: false, issuedOutside: 40, spoiled: 5, spoiledOutside: 0,
    cancelled: null, cancellationAct: null, withTeams: 0, remaining: 355, listSize: 1200, aeu: null, manualCount: null, mobileBoxes: null,
  };
  const names = { issuedRoom: 'room', issuedOutside: 'outside', spoiled: 'spoiled', cancelled: 'cancelled', withTeams: 'with teams', remaining: 'remaining' };

  it('each part is the ledger figure of the same name; cancelled only once recorded', () => {
    const html = renderToStaticMarkup(<BalanceBar f={base} names={names} format={String} label="balance" />);
    expect(attrs(html, 'part')).toEqual(['issuedRoom', 'issuedOutside', 'spoiled', 'remaining']);
    expect(attrs(html, 'value').map(Number)).toEqual([base.issuedRoom, base.issuedOutside, base.spoiled, base.remaining]);
    const after = { ...base, cancelled: 355, remaining: 0 };
    const html2 = renderToStaticMarkup(<BalanceBar f={after} names={names} format={String} label="balance" />);
    expect(attrs(html2, 'value').map(Number)).toEqual([600, 40, 5, 355, 0]);
    expect(html2).toContain('cancelled: 355');
  });

  it('ballots with the mobile teams still out are a part of their own, and the parts still add up to received', () => {
    const out = { ...base, withTeams: 3, remaining: 352 };
    const html = renderToStaticMarkup(<BalanceBar f={out} names={names} format={String} label="balance" />);
    expect(attrs(html, 'part')).toEqual(['issuedRoom', 'issuedOutside', 'spoiled', 'withTeams', 'remaining']);
    expect(attrs(html, 'value').map(Number).reduce((s, v) => s + v, 0)).toBe(out.received);
  });

  it('a shortfall (remaining below zero) is told in the legend, not drawn past the bar', () => {
    const short = { ...base, remaining: -3 };
    const html = renderToStaticMarkup(<BalanceBar f={short} names={names} format={String} label="balance" />);
    // The line says by how many more ballots are recorded than were received, never "-3 left".
    expect(html).toContain('remaining: 3');
    expect(html).not.toContain('remaining: -3');
    expect(attrs(html, 'value').at(-1)).toBe('-3');
    const widths = [...html.matchAll(/data-part="[^"]*"[^>]*|width="([^"]*)" height="28" fill="[^"]*" data-part/gu)].map((m) => m[1]).filter(Boolean).map(Number);
    expect(widths.reduce((s, w) => s + w, 0)).toBeLessThanOrEqual(400);
  });
});

describe("the balance's last line", () => {
  const f: LedgerFigures = {
    received: 10, receipts: [], issuedRoom: 8, issuedRoomByAct: 8, listPageSums: null, pageSumsEntered: false, issuedOutside: 0, spoiled: 0, spoiledOutside: 0,
    cancelled: null, cancellationAct: null, withTeams: 0, remaining: 2, listSize: 12, aeu: null, manualCount: null, mobileBoxes: null,
  };
  it('is what should be left in the safe before the act, what is unaccounted after it, and never below zero', () => {
    expect(remainingLine(f)).toEqual({ label: 'ledger:figure.remaining', value: 2 });
    expect(remainingLine({ ...f, cancelled: 2, remaining: 0 })).toEqual({ label: 'ledger:figure.remainingAfterAct', value: 0 });
    expect(remainingLine({ ...f, remaining: -1 })).toEqual({ label: 'ledger:figure.overdrawn', value: 1 });
    expect(remainingLine({ ...f, cancelled: 5, remaining: -4 })).toEqual({ label: 'ledger:figure.overdrawn', value: 4 });
  });
});
