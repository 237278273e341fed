import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { applyOutPremisesEvent, checkBallotsHanded, checkDeparture, checkReturn, checkTeamsDrawing, EMPTY_OUT_PREMISES_STATE as EMPTY, type MemberRef } from '../../../../shared/outpremises';
import { CommandBus } from '../../../../renderer/core/command';
import { recordOutPremises } from '../../../../renderer/core/outpremises';
import { EventStore } from '../../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../../renderer/db/schema';

const MEMBERS: MemberRef[] = [
  { id: 'm-chair', name: 'Төрага', role: 'chair' },
  { id: 'm-sec', name: 'Катчы', role: 'secretary' },
  { id: 'm-3', name: 'Мүчө 3', role: 'member' },
  { id: 'm-4', name: 'Мүчө 4', role: 'member' },
];
const base = { votingDay: '2017-10-15' as const, timeZone: 'Asia/Bishkek', members: MEMBERS };
const context = { electionId: 'e', bundleHash: null, precinct: 9001, actor: 'm-sec' };
const dbs: PrecinctDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** A RUNNING clock: every reading is a millisecond later than the one before (the bug's condition). */
function runningClock(start: string) {
  let t = Date.parse(start);
  return () => (t += 1);
}

describe('out-of-premises commands on a running clock', () => {
  it('a time stamped after the check is "in the future": the bug the one reading prevents', () => {
    const now = new Date('2017-10-14T09:00:00+06:00');
    const stampedLater = new Date(now.getTime() + 1).toISOString();
    const r = checkDeparture({ ...emptyWithTeam() }, { team: 1, departedAt: stampedLater }, { ...base, now });
    expect(r.ok).toBe(false);
  });

  it('hand-over, departure and return are recorded, each stamped with the command’s one clock reading', async () => {
    const db = new PrecinctDatabase(`op-cmd-${Math.random()}`);
    dbs.push(db);
    const clock = runningClock('2017-10-14T09:00:00+06:00');
    const store = new EventStore(db, { now: clock });
    const bus = new CommandBus(store, clock);
    const drawn = await recordOutPremises(bus, 'MobileTeamsDrawn', ({ state }, ctx) => checkTeamsDrawing(state, {
      drawnAt: ctx.now.toISOString(),
      boxes: [{ box: 1, seal: 'S-1' }],
      teams: [{ team: 1, memberIds: ['m-3', 'm-4'], operatorName: 'Оператор', boxes: [1] }],
    }, ctx), base, context);
    expect(drawn.ok).toBe(true);
    const handed = await recordOutPremises(bus, 'MobileBallotsHanded', ({ state }, ctx) =>
      checkBallotsHanded(state, { team: 1, count: 10, handedAt: ctx.now.toISOString(), handedBy: 'm-sec', receivedBy: 'm-3' }, ctx), base, context);
    if (!handed.ok) throw new Error(JSON.stringify(handed.error));
    // The stamp and the event's recording time are the same one reading.
    expect(handed.value.event.payload.handedAt).toBe(handed.value.event.recordedAt);
    const departed = await recordOutPremises(bus, 'MobileTeamDeparted', ({ state }, ctx) => checkDeparture(state, { team: 1, departedAt: ctx.now.toISOString() }, ctx), base, context);
    expect(departed.ok).toBe(true);
    const returned = await recordOutPremises(bus, 'MobileTeamReturned', ({ state }, ctx) =>
      checkReturn(state, { team: 1, returnedAt: ctx.now.toISOString(), ballotsReturned: 10, seals: [{ box: 1, seal: 'S-1' }] }, ctx), base, context);
    expect(returned.ok).toBe(true);
    expect(await db.events.count()).toBe(4);
  });

  it('a clock set back an hour after the departure still records the return, with a warning', async () => {
    // The laptop ran an hour ahead at the departure; the chair set it right while the team was out.
    const db = new PrecinctDatabase(`op-cmd-${Math.random()}`);
    dbs.push(db);
    let t = Date.parse('2017-10-14T11:00:00+06:00');
    const clock = () => (t += 1);
    const store = new EventStore(db, { now: clock });
    const bus = new CommandBus(store, clock);
    const ok = (r: { ok: boolean; error?: unknown }) => {
      if (!r.ok) throw new Error(JSON.stringify(r.error));
    };
    ok(await recordOutPremises(bus, 'MobileTeamsDrawn', ({ state }, ctx) => checkTeamsDrawing(state, {
      drawnAt: ctx.now.toISOString(),
      boxes: [{ box: 1, seal: 'S-1' }],
      teams: [{ team: 1, memberIds: ['m-3', 'm-4'], operatorName: 'Оператор', boxes: [1] }],
    }, ctx), base, context));
    ok(await recordOutPremises(bus, 'MobileBallotsHanded', ({ state }, ctx) =>
      checkBallotsHanded(state, { team: 1, count: 10, handedAt: ctx.now.toISOString(), handedBy: 'm-sec', receivedBy: 'm-3' }, ctx), base, context));
    ok(await recordOutPremises(bus, 'MobileTeamDeparted', ({ state }, ctx) => checkDeparture(state, { team: 1, departedAt: ctx.now.toISOString() }, ctx), base, context));
    t = Date.parse('2017-10-14T10:30:00+06:00');
    const returned = await recordOutPremises(bus, 'MobileTeamReturned', ({ state }, ctx) =>
      checkReturn(state, { team: 1, returnedAt: ctx.now.toISOString(), ballotsReturned: 10, seals: [{ box: 1, seal: 'S-1' }] }, ctx), base, context);
    ok(returned);
    expect(returned.ok && returned.value.warnings.map((w) => w.code)).toEqual(['return-before-departure']);
    expect(await db.events.count()).toBe(4);
  });

  it('a double click records once; a refusal records nothing and is a value', async () => {
    const db = new PrecinctDatabase(`op-cmd-${Math.random()}`);
    dbs.push(db);
    const clock = runningClock('2017-10-14T09:00:00+06:00');
    const bus = new CommandBus(new EventStore(db, { now: clock }), clock);
    const draw = () => recordOutPremises(bus, 'MobileTeamsDrawn', ({ state }, ctx) => checkTeamsDrawing(state, {
      drawnAt: ctx.now.toISOString(),
      boxes: [{ box: 1, seal: 'S-1' }],
      teams: [{ team: 1, memberIds: ['m-3', 'm-4'], operatorName: 'Оператор', boxes: [1] }],
    }, ctx), base, context, 'draw');
    const [a, b] = await Promise.all([draw(), draw()]);
    expect(a).toBe(b);
    expect(await db.events.count()).toBe(1);
    const refused = await recordOutPremises(bus, 'MobileTeamDeparted', ({ state }, ctx) => checkDeparture(state, { team: 7, departedAt: ctx.now.toISOString() }, ctx), base, context);
    expect(refused.ok).toBe(false);
    expect(await db.events.count()).toBe(1);
  });
});

function emptyWithTeam() {
  const r = checkTeamsDrawing(
    { ...EMPTY },
    { drawnAt: '2017-10-13T09:00:00+06:00', boxes: [{ box: 1, seal: 'S' }], teams: [{ team: 1, memberIds: ['m-3', 'm-4'], operatorName: 'O', boxes: [1] }] },
    { ...base, now: new Date('2017-10-14T09:00:00+06:00') },
  );
  if (!r.ok) throw new Error('draw');
  return applyOutPremisesEvent(EMPTY, { id: 'x', type: 'MobileTeamsDrawn', recordedAt: '2017-10-13T03:00:00.000Z', actor: null, payload: r.value.payload } as never);
}
