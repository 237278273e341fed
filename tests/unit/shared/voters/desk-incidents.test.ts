import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../../shared/events/envelope';
import { applyDeskIncident, countDeskIncidents, deskIncidentPayloadSchemas, EMPTY_DESK_INCIDENTS } from '../../../../shared/voters/desk-incidents';

const schema = deskIncidentPayloadSchemas.DeskIncidentRecorded;
function ev(seq: number, payload: unknown, type = 'DeskIncidentRecorded'): StoredEvent {
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`, deviceId: 'dev', seq, hlc: `${String(seq).padStart(15, '0')}-000000-dev`,
    recordedAt: new Date(Date.UTC(2017, 9, 15, 3) + seq * 60_000).toISOString(), electionId: 'e', bundleHash: null, precinct: 9001, actor: 'm4',
    type, payload, prevHash: '0'.repeat(64), hash: '0'.repeat(64),
  } as StoredEvent;
}

describe('desk incidents', () => {
  it('need a person; "other" needs a note of what happened', () => {
    expect(schema.safeParse({ kind: 'not-in-list', person: ' ', outcome: 'no-ballot' }).success).toBe(false);
    expect(schema.safeParse({ kind: 'other', person: 'Белгисиз', outcome: 'no-ballot', note: 'жок' }).success).toBe(false);
    expect(schema.safeParse({ kind: 'other', person: 'Белгисиз', outcome: 'no-ballot', note: 'Мас абалында келди' }).success).toBe(true);
    expect(schema.safeParse({ kind: 'lost', person: 'Белгисиз', outcome: 'no-ballot' }).success).toBe(false);
  });

  it('fold in order with who and when, and count by kind', () => {
    const events = [
      ev(1, schema.parse({ kind: 'not-in-list', person: 'Жокбаев Темир', document: 'ID 9999999', outcome: 'referred' })),
      ev(2, { kind: 'x' }, 'CalendarItemMarked'),
      ev(3, schema.parse({ kind: 'identification-failed', person: 'Асанов Нурлан', outcome: 'identified-after-all' })),
    ];
    const state = events.reduce(applyDeskIncident, EMPTY_DESK_INCIDENTS);
    expect(state.map((i) => [i.person, i.kind, i.outcome, i.by])).toEqual([
      ['Жокбаев Темир', 'not-in-list', 'referred', 'm4'],
      ['Асанов Нурлан', 'identification-failed', 'identified-after-all', 'm4'],
    ]);
    expect(countDeskIncidents(state)).toEqual({ 'not-in-list': 1, 'identification-failed': 1, 'no-document': 0, other: 0 });
  });
});
