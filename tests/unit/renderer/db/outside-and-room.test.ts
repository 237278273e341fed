import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { EventStore } from '../../../../renderer/db/event-store';
import { readIncidents } from '../../../../renderer/db/projectors';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import { issueBallot } from '../../../../renderer/core/ballot-actions';
import { outsideAndRoomId } from '../../../../shared/ballots/incidents';
import type { StoredEvent } from '../../../../shared/events/envelope';

/**
 * One voter voting twice across two unsynced laptops: laptop A records the voter's vote at an
 * out-of-premises visit, laptop B issues the same voter a ballot in the room. After the merge both
 * laptops hold the same open incident, whatever order the facts were made and merged in, and the
 * projections rebuilt from the log equal the ones folded one by one.
 */
const LIST = 'a'.repeat(64);
const ctx = (actor: string) => ({ electionId: 'e', bundleHash: null, precinct: 9001, actor });
const dbs: PrecinctDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

function laptops(clock: { t: number }) {
  const make = () => {
    const db = new PrecinctDatabase(`outside-room-${Math.random()}`);
    dbs.push(db);
    return new EventStore(db, { now: () => clock.t });
  };
  return { a: make(), b: make(), c: make() };
}

/** What the voters' projection holds (a rebuild also writes the empty rows of projectors that folded nothing). */
async function snapshot(db: PrecinctDatabase) {
  const rows = await db.projections.toArray();
  return { incidents: await readIncidents(db), notes: rows.filter((r) => r.key.startsWith('outsideVote:')), status: await db.voterStatus.toArray() };
}

/** Rebuilt from the whole log equals what was folded one by one. */
async function expectRebuildSame(store: EventStore) {
  const folded = await snapshot(store.db);
  await store.rebuildProjections();
  expect(await snapshot(store.db)).toEqual(folded);
}

/** Laptop A's register, team and visit: voter v7 voted at home at `visitedAt`. */
async function registerAndVisit(a: EventStore, clock: { t: number }, visitedAt: string): Promise<StoredEvent[]> {
  const c = ctx('m-sec');
  const events: StoredEvent[] = [];
  const step = async (e: Promise<StoredEvent>) => {
    events.push(await e);
    clock.t += 1000;
  };
  await step(a.append('OutOfPremisesApplicationRegistered', { number: 1, voterId: 'v7', listHash: LIST, page: 1, row: 7, receivedAt: '2017-10-12T10:00:00+06:00', receivedBy: 'm-sec', address: 'Чүй 1', reason: 'illness' }, c));
  await step(a.append('MobileTeamsDrawn', { drawnAt: '2017-10-13T15:00:00Z', boxes: [{ box: 1, seal: 'S-1' }], teams: [{ team: 1, memberIds: ['m-3', 'm-4'], operatorName: 'Оператор', boxes: [1] }] }, c));
  await step(a.append('MobileBallotsHanded', { team: 1, count: 5, handedAt: '2017-10-14T07:30:00+06:00', handedBy: 'm-sec', receivedBy: 'm-3' }, c));
  await step(a.append('MobileTeamDeparted', { team: 1, departedAt: '2017-10-14T07:45:00+06:00' }, c));
  await step(a.append('MobileVisitRecorded', { team: 1, number: 1, voterId: 'v7', visitedAt, outcome: 'voted', ballotsIssued: 1, ballotsSpoiled: 0, box: 1 }, ctx('m-3')));
  return events;
}

describe('a voter who voted at an out-of-premises visit on one laptop and in the room on another', () => {
  for (const visitFirst of [true, false]) {
    it(`raises one outside-and-room incident on every laptop, in any merge order, rebuilt equal to folded (${visitFirst ? 'visit' : 'room issue'} made first)`, async () => {
      const clock = { t: Date.parse('2017-10-14T04:00:00Z') };
      const { a, b, c } = laptops(clock);
      let aEvents: StoredEvent[];
      let issue: StoredEvent;
      if (visitFirst) {
        aEvents = await registerAndVisit(a, clock, '2017-10-14T10:00:00+06:00');
        issue = await issueBallot(b, { voterId: 'v7', page: 1, row: 7 }, LIST, ctx('m-5'));
      } else {
        issue = await issueBallot(b, { voterId: 'v7', page: 1, row: 7 }, LIST, ctx('m-5'));
        clock.t += 1000;
        aEvents = await registerAndVisit(a, clock, '2017-10-14T10:00:00+06:00');
      }
      const visit = aEvents[aEvents.length - 1]!;

      // A pulls B's issue, B pulls A's register and visit (one folds, the other rebuilds).
      await a.mergeEvents([issue]);
      await b.mergeEvents(aEvents);
      // C gets them one at a time, each side first in turn: the visit alone, then the issue, then the rest.
      await c.mergeEvents([visit]);
      await c.mergeEvents([issue]);
      await c.mergeEvents(aEvents);

      const expected = [
        {
          id: outsideAndRoomId('v7', issue.id),
          kind: 'outside-and-room',
          voterId: 'v7',
          page: 1,
          visit: { eventId: visit.id, deviceId: visit.deviceId, at: '2017-10-14T10:00:00+06:00', by: 'm-3', number: 1, team: 1 },
          issue: { eventId: issue.id, deviceId: issue.deviceId, at: issue.recordedAt, by: 'm-5' },
          resolution: null,
        },
      ];
      for (const laptop of [a, b, c]) {
        expect(await readIncidents(laptop.db)).toEqual(expected);
        await expectRebuildSame(laptop);
      }

      // Resolved on A like a double issue; B sees it resolved after the next pull.
      const resolved = await a.append('IncidentResolved', { incident: expected[0]!.id, resolution: 'The room ballot was cancelled with an act.' }, ctx('m-chair'));
      await b.mergeEvents([resolved]);
      for (const laptop of [a, b]) {
        expect((await readIncidents(laptop.db))[0]?.resolution).toEqual({ text: 'The room ballot was cancelled with an act.', at: resolved.recordedAt, by: 'm-chair' });
        await expectRebuildSame(laptop);
      }
    });
  }

  it('a visit that did not vote, or a room issue undone before the visit on the same laptop, raises nothing', async () => {
    const clock = { t: Date.parse('2017-10-14T04:00:00Z') };
    const { a, b } = laptops(clock);
    const issue = await issueBallot(b, { voterId: 'v7', page: 1, row: 7 }, LIST, ctx('m-5'));
    clock.t += 1000;
    const c = ctx('m-sec');
    const events = [
      await a.append('OutOfPremisesApplicationRegistered', { number: 1, voterId: 'v7', listHash: LIST, page: 1, row: 7, receivedAt: '2017-10-12T10:00:00+06:00', receivedBy: 'm-sec', address: 'Чүй 1', reason: 'illness' }, c),
      await a.append('MobileTeamsDrawn', { drawnAt: '2017-10-13T15:00:00Z', boxes: [{ box: 1, seal: 'S-1' }], teams: [{ team: 1, memberIds: ['m-3', 'm-4'], operatorName: 'Оператор', boxes: [1] }] }, c),
      await a.append('MobileBallotsHanded', { team: 1, count: 5, handedAt: '2017-10-14T07:30:00+06:00', handedBy: 'm-sec', receivedBy: 'm-3' }, c),
      await a.append('MobileTeamDeparted', { team: 1, departedAt: '2017-10-14T07:45:00+06:00' }, c),
      await a.append('MobileVisitRecorded', { team: 1, number: 1, voterId: 'v7', visitedAt: '2017-10-14T10:00:00+06:00', outcome: 'not-at-home', ballotsIssued: 0, ballotsSpoiled: 0 }, ctx('m-3')),
    ];
    await a.mergeEvents([issue]);
    await b.mergeEvents(events);
    expect(await readIncidents(a.db)).toEqual([]);
    expect(await readIncidents(b.db)).toEqual([]);
  });
});
