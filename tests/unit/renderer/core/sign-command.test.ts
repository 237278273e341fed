import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DoubleIssueIncident } from '../../../../shared/ballots/incidents';
import { evaluate } from '../../../../shared/protocol/relations';
import { CommandBus } from '../../../../renderer/core/command';
import { signProtocolCommand, type SignInput } from '../../../../renderer/core/protocol';
import { EventStore } from '../../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import { builtinForm, goodValues } from '../../shared/protocol/helpers';

const form = builtinForm();
const members = [
  { id: 'chair', name: 'Төрага', role: 'chair' as const },
  { id: 'sec', name: 'Катчы', role: 'secretary' as const },
  { id: 'm4', name: 'Мүчө 4', role: 'member' as const },
];
const context = { electionId: 'kg-pres-2017', bundleHash: null, precinct: 9001, actor: 'sec' };
const dbs: PrecinctDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

function input(over: Partial<SignInput> = {}): SignInput {
  const values = goodValues();
  return { form, electionId: 'kg-pres-2017', precinct: 9001, values, findings: evaluate(form, values), members, membersPresent: ['chair', 'sec'], acknowledged: [], override: null, ...over };
}

describe('signing through the core', () => {
  it('an open double-issue incident stops signing until the chair acknowledges it with a reason; a double click signs once', async () => {
    const db = new PrecinctDatabase(`sign-${Math.random()}`);
    dbs.push(db);
    const clock = () => Date.parse('2017-10-16T01:10:00+06:00');
    const bus = new CommandBus(new EventStore(db, { now: clock }), clock);
    const open: DoubleIssueIncident = {
      id: 'double-issue:v7:e2', kind: 'double-issue', voterId: 'v7', page: 1,
      first: { eventId: 'e1', deviceId: 'a', at: '2017-10-15T03:00:00.000Z' }, second: { eventId: 'e2', deviceId: 'b', at: '2017-10-15T04:00:00.000Z' }, resolution: null,
    } as unknown as DoubleIssueIncident; // the issue refs are not read by signing
    await db.projections.put({ key: 'incidents', value: [open] } as never);
    const name = (id: string) => (id === 'v7' ? 'Асанова Айгүл' : id);
    const refused = await signProtocolCommand(bus, input(), name, context);
    expect(refused).toEqual({ ok: false, error: [{ code: 'incidents-not-acknowledged', voters: 'Асанова Айгүл', count: 1, min: 10 }] });
    expect(await db.events.count()).toBe(0);
    const reasons = { incidentReasons: { [open.id]: 'both ballots are in the box; the TEC decides' } };
    const [a, b] = await Promise.all([signProtocolCommand(bus, input(reasons), name, context), signProtocolCommand(bus, input(reasons), name, context)]);
    expect(a).toBe(b);
    if (!a.ok) throw new Error(JSON.stringify(a.error));
    expect(a.value.event.payload.incidents).toEqual([{ incident: open.id, voterId: 'v7', by: 'chair', reason: 'both ballots are in the box; the TEC decides' }]);
    expect(a.value.event.payload.signedAt).toBe(a.value.event.recordedAt);
    expect(await db.events.count()).toBe(1);
    // Signed: nothing left to sign.
    const again = await signProtocolCommand(bus, input(reasons), name, context);
    expect(again.ok).toBe(false);
  });
});
