import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandBus } from '../../../../renderer/core/command';
import { recordOpeningStep } from '../../../../renderer/core/opening';
import { readPosting, recordInforming, recordPosting } from '../../../../renderer/core/posting';
import { EventStore } from '../../../../renderer/db/event-store';
import { openingProjector } from '../../../../renderer/db/projectors';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import type { Member } from '../../../../shared/election/model';

const context = { electionId: 'e', bundleHash: null, precinct: 9001, actor: 'sec' };
const members: Member[] = [
  { id: 'chair', name: 'Chair', role: 'chair' },
  { id: 'sec', name: 'Secretary', role: 'secretary' },
  { id: 'm1', name: 'M1', role: 'member' },
  { id: 'm2', name: 'M2', role: 'member' },
  { id: 'm3', name: 'M3', role: 'member' },
  { id: 'm4', name: 'M4', role: 'member' },
];
const lot = {
  assignments: [
    { memberId: 'm1', duty: 'identification' },
    { memberId: 'm2', duty: 'list-registrar' },
    { memberId: 'm3', duty: 'ballot-issuer' },
    { memberId: 'm4', duty: 'booth-box-controller' },
  ],
  method: 'laptop',
};
const dbs: PrecinctDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

function open(name = `opening-${Math.random()}`, start = '2017-10-15T07:05:00+06:00') {
  const db = new PrecinctDatabase(name);
  dbs.push(db);
  let t = Date.parse(start);
  const clock = () => (t += 1000);
  return { db, bus: new CommandBus(new EventStore(db, { now: clock }), clock) };
}

describe('opening commands (item 72)', () => {
  it('a double click records each step once; the act is refused before the box and closes the opening', async () => {
    const { db, bus } = open();
    const [a, b] = await Promise.all([recordOpeningStep(bus, 'OpeningDutiesDrawn', lot, members, context), recordOpeningStep(bus, 'OpeningDutiesDrawn', lot, members, context)]);
    expect(a.ok && b.ok && a.value.event.id === b.value.event.id).toBe(true);
    // The same lot submitted again after the first finished: refused as unchanged, not recorded twice.
    expect(await recordOpeningStep(bus, 'OpeningDutiesDrawn', lot, members, context)).toEqual({ ok: false, error: { code: 'unchanged' } });
    expect((await recordOpeningStep(bus, 'OpeningSafeOpened', { sealIntact: true }, members, context)).ok).toBe(true);
    expect(await recordOpeningStep(bus, 'OpeningSafeOpened', { sealIntact: false }, members, context)).toEqual({ ok: false, error: { code: 'already-recorded', step: 'safe' } });
    expect((await recordOpeningStep(bus, 'OpeningListsCompared', { paperVoters: 3, electronicVoters: 3 }, members, context)).ok).toBe(true);
    expect(await recordOpeningStep(bus, 'OpeningActDrawnUp', { actNumber: '72/1' }, members, context)).toEqual({ ok: false, error: { code: 'missing', steps: ['stationary-box'] } });
    // No teams drawn: mobile box 1 is not one of theirs.
    expect(await recordOpeningStep(bus, 'OpeningBoxSealed', { box: 1, seals: ['M1'] }, members, context)).toEqual({ ok: false, error: { code: 'no-such-box', box: 1, boxes: 0 } });
    expect((await recordOpeningStep(bus, 'OpeningBoxSealed', { box: 'stationary', seals: ['KG-1'] }, members, context)).ok).toBe(true);
    expect((await recordOpeningStep(bus, 'OpeningActDrawnUp', { actNumber: '72/1' }, members, context)).ok).toBe(true);
    expect(await recordOpeningStep(bus, 'OpeningActDrawnUp', { actNumber: '72/2' }, members, context)).toEqual({ ok: false, error: { code: 'act-drawn-up' } });
    expect(await db.events.count()).toBe(5);
    const state = await openingProjector.read(db);
    expect(state.act?.actNumber).toBe('72/1');
    expect(state.boxes.map((x) => x.seals)).toEqual([['KG-1']]);
  });

  it('two windows on one database: the safe is recorded once (decided again inside the transaction)', async () => {
    const name = `opening-${Math.random()}`;
    const one = open(name);
    const two = open(name);
    const outcomes = await Promise.all([
      recordOpeningStep(one.bus, 'OpeningSafeOpened', { sealIntact: true }, members, context),
      recordOpeningStep(two.bus, 'OpeningSafeOpened', { sealIntact: true, note: 'other window' }, members, context),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).map((o) => !o.ok && o.error)).toEqual([{ code: 'already-recorded', step: 'safe' }]);
    expect(await one.db.events.where('type').equals('OpeningSafeOpened').count()).toBe(1);
  });
});

describe('posting commands (items 68, 84, 85)', () => {
  const base = { members, votingDay: '2017-10-15' as const, timeZone: 'Asia/Bishkek' };

  it('stamped with the command\'s clock; a protocol copy waits for signing; the same posting twice records once', async () => {
    const { db, bus } = open(undefined, '2017-10-16T09:00:00+06:00');
    expect(await recordPosting(bus, { document: 'protocol-copy', place: 'Entrance', postedBy: 'm1', copyNumber: '3' }, base, context)).toEqual({ ok: false, error: { code: 'protocol-not-signed' } });
    const input = { document: 'participants-list', place: 'Entrance', postedBy: 'm1' };
    const [a, b] = await Promise.all([recordPosting(bus, input, base, context), recordPosting(bus, input, base, context)]);
    if (!a.ok || !b.ok) throw new Error('expected the posting recorded');
    expect(a.value.event.id).toBe(b.value.event.id);
    expect(a.value.event.payload.postedAt).toBe(a.value.event.recordedAt);
    expect(await recordPosting(bus, { ...input, place: ' entrance ' }, base, context)).toEqual({ ok: false, error: { code: 'already-posted', document: 'participants-list', place: 'entrance' } });
    const informed = await recordInforming(bus, { method: 'notice', where: 'Board' }, base, context);
    expect(informed.ok && informed.value.warnings).toEqual([{ code: 'inform-late', deadline: '2017-10-05' }]);
    expect(await db.events.count()).toBe(2);
    expect(await readPosting(db)).toEqual({ posted: [{ document: 'participants-list', place: 'Entrance' }], informed: [{ method: 'notice', where: 'Board' }], protocolSigned: false });
  });
});
