/** The trip sheet when two laptops gave one register number to two voters: each visit with its own voter's address. */
import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { foldOutPremises, outPremisesPayloadSchemas, type OutPremisesEvent } from '../../../../shared/outpremises';

vi.mock('react-i18next', () => ({ useTranslation: () => ({ t: (key: string) => key, i18n: { language: 'en' } }) }));
vi.mock('../../../../renderer/print/PrintFrame', () => ({ PrintFrame: ({ children }: { children: ReactNode }) => <div>{children}</div> }));
vi.mock('../../../../renderer/print/DocHeader', () => ({ DocHeader: () => null }));
vi.mock('../../../../renderer/app/session', () => ({
  useSetup: () => ({ precinct: { number: 9001, timeZone: 'Asia/Bishkek' }, members: [] }),
}));
vi.mock('../../../../renderer/core/voter-list', () => ({ useVoterList: () => ({ state: 'loading' }) }));

const event = (id: string, type: OutPremisesEvent['type'], payload: unknown): OutPremisesEvent =>
  ({ id, type, recordedAt: '2017-10-14T12:00:00.000Z', actor: 'm-sec', payload: outPremisesPayloadSchemas[type].parse(payload) }) as OutPremisesEvent;
const reg = (id: string, voterId: string, address: string) =>
  event(id, 'OutOfPremisesApplicationRegistered', { number: 1, voterId, listHash: 'b'.repeat(64), page: 1, row: 1, receivedAt: '2017-10-01T09:00:00Z', receivedBy: 'm-sec', address, reason: 'age' });
const state = foldOutPremises([
  reg('a1', 'v1', 'Ленина, 1'),
  reg('b1', 'v2', 'Манаса, 77'),
  event('d', 'MobileTeamsDrawn', { drawnAt: '2017-10-13T09:00:00Z', boxes: [{ box: 1, seal: 'S' }], teams: [{ team: 1, memberIds: ['m-3', 'm-4'], operatorName: 'O', boxes: [1] }] }),
  event('v', 'MobileVisitRecorded', { team: 1, number: 1, voterId: 'v2', visitedAt: '2017-10-14T04:00:00Z', outcome: 'not-at-home', ballotsIssued: 0, ballotsSpoiled: 0, box: null }),
]);
vi.mock('../../../../renderer/core', () => ({ useOutPremisesState: () => state }));

const { TripSheetsPrintPage } = await import('../../../../renderer/features/outpremises/TripSheetsPrintPage');

describe('the trip sheet with one number given to two voters', () => {
  it('names the visited voter’s own address, and the other entry under that number is still to visit with its address', () => {
    const html = renderToStaticMarkup(<TripSheetsPrintPage />);
    const visitRow = html.split('<tr').find((r) => r.includes('v2') && !r.includes('to-fill'));
    expect(visitRow).toContain('Манаса, 77');
    expect(visitRow).not.toContain('Ленина, 1');
    const toVisit = html.split('<tr').filter((r) => r.includes('to-fill'));
    expect(toVisit).toHaveLength(1);
    expect(toVisit[0]).toContain('Ленина, 1');
  });
});
