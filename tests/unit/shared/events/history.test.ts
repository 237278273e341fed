import { describe, expect, it } from 'vitest';
import { checkBundle, setupFromBundle } from '../../../../shared/election/bundle';
import { demoBundle } from '../../../../shared/election/demo';
import type { StoredEvent } from '../../../../shared/events/envelope';
import { setupHistory } from '../../../../shared/setup/history';
import { foldSetup } from '../../../../shared/setup/projection';

function ev<T extends StoredEvent['type']>(seq: number, type: T, payload: Extract<StoredEvent, { type: T }>['payload']): StoredEvent {
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    deviceId: 'dev', seq, hlc: `${String(seq).padStart(15, '0')}-000000-dev`, recordedAt: new Date(seq * 1000).toISOString(),
    electionId: 'e', bundleHash: null, precinct: 9001, actor: 'm1', type, payload, prevHash: '0'.repeat(64), hash: '0'.repeat(64),
  } as StoredEvent;
}

describe('setup history', () => {
  it('says which fields each event changed', async () => {
    const checked = await checkBundle(demoBundle());
    if (!checked.ok) throw new Error('invalid');
    const setup = setupFromBundle(checked.value, 9001, 'demo', null)!;
    const events = [
      ev(1, 'SetupActivated', setup),
      ev(2, 'PrecinctUpdated', { precinct: { ...setup.precinct, address: 'Жаңы дарек' } }),
      ev(3, 'CalendarItemMarked', { item: 69, done: true, note: '' }),
      ev(4, 'CandidatesUpdated', { candidates: setup.candidates.map((c) => (c.id === 'c2' ? { ...c, surname: 'Үсөнбаев' } : c)), againstAll: true }),
    ];
    const history = setupHistory(events);
    expect(history.map((h) => h.type)).toEqual(['SetupActivated', 'PrecinctUpdated', 'CandidatesUpdated']);
    expect(history[0]?.changes.length).toBeGreaterThan(20);
    expect(history[1]?.changes).toEqual([{ path: 'precinct.address', before: setup.precinct.address, after: 'Жаңы дарек' }]);
    expect(history[2]?.changes).toEqual([{ path: 'candidates[c2].surname', before: 'Үсөнов', after: 'Үсөнбаев' }]);
    const state = foldSetup(events);
    expect(state.setup?.precinct.address).toBe('Жаңы дарек');
    expect(state.calendarMarks[69]?.actor).toBe('m1');
  });
});
