import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ballotsIssued,
  EMPTY_BALLOT_FACTS,
  evolveBallotFacts,
  figuresAtSlot,
  figureSlots,
  foldBallotFacts,
  pageSumsOf,
  turnoutPoints,
  voterVoteStatuses,
  type FigureEvent,
} from '../../../../shared/figures';
import type { VoterRecord } from '../../../../shared/voters/validate';

const HASH = 'a'.repeat(64);
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
let seq = 0;
const id = () => uuid(++seq);

const issue = (voterId: string, at: string, page = 1, eventId = id()): FigureEvent => ({
  id: eventId, type: 'BallotIssued', recordedAt: at, payload: { voterId, page, row: 1, listHash: HASH },
});
const undo = (voterId: string, undoes: string, at: string): FigureEvent => ({
  id: id(), type: 'BallotIssueUndone', recordedAt: at, payload: { voterId, undoes, reason: 'wrong voter' },
});
const visit = (voterId: string, visitedAt: string, outcome: 'voted' | 'not-at-home' = 'voted', spoiled = 0, recordedAt = '2030-01-01T00:00:00.000Z'): FigureEvent => ({
  id: id(), type: 'MobileVisitRecorded', recordedAt,
  payload: { team: 1, number: 1, voterId, visitedAt, outcome, outcomeText: '', ballotsIssued: outcome === 'voted' ? 1 : 0, ballotsSpoiled: spoiled, box: outcome === 'voted' ? 1 : null },
});
const voter = (id: string, page: number, row = 1): VoterRecord => ({ id, page, row } as VoterRecord);

describe('ballots issued: one definition', () => {
  it('counts desk issues less undone ones, by the undone event id', () => {
    const a = issue('v1', '2030-01-01T08:00:00.000Z');
    const b = issue('v2', '2030-01-01T08:01:00.000Z');
    const f = foldBallotFacts([a, b, undo('v2', b.id, '2030-01-01T08:02:00.000Z')]);
    expect(ballotsIssued(f)).toMatchObject({ room: 1, outside: 0, total: 1, votersRoom: 1, voters: 1 });
  });

  it('an undo of an issue it does not know takes nothing away (and counts once it arrives)', () => {
    const a = issue('v1', '2030-01-01T08:00:00.000Z');
    const u = undo('v1', a.id, '2030-01-01T08:05:00.000Z');
    expect(ballotsIssued(foldBallotFacts([u])).room).toBe(0);
    expect(ballotsIssued(foldBallotFacts([u, a])).room).toBe(0);
    expect(ballotsIssued(foldBallotFacts([a])).room).toBe(1);
  });

  it('one voter with two ballots on two laptops: two ballots, one voter, everywhere', () => {
    const f = foldBallotFacts([issue('v1', '2030-01-01T08:00:00.000Z'), issue('v1', '2030-01-01T08:00:30.000Z'), issue('v2', '2030-01-01T09:00:00.000Z')]);
    expect(ballotsIssued(f)).toMatchObject({ room: 3, total: 3, votersRoom: 2, voters: 2 });
    const sums = pageSumsOf([voter('v1', 1), voter('v2', 2), voter('v3', 2)], f);
    expect(sums.totals).toEqual({ listed: 3, issued: 2, outOfPremises: 0 });
  });

  it('out-of-premises votes count as ballots outside and as voters, by the visit time', () => {
    const f = foldBallotFacts([
      issue('v1', '2030-01-01T08:00:00.000Z'),
      visit('v2', '2030-01-01T09:00:00.000Z', 'voted', 2),
      visit('v3', '2030-01-01T09:30:00.000Z', 'not-at-home'),
    ]);
    expect(ballotsIssued(f)).toEqual({ room: 1, outside: 1, total: 2, votersRoom: 1, votersOutside: 1, voters: 2, spoiledOutside: 2 });
    // The visit was typed in at midnight the day after, but it happened at 09:00.
    expect(ballotsIssued(f, '2030-01-01T09:00:00.000Z').outside).toBe(1);
    expect(ballotsIssued(f, '2030-01-01T08:59:59.999Z').outside).toBe(0);
    expect(voterVoteStatuses(f)).toEqual(new Map([['v1', 'issued'], ['v2', 'out-of-premises']]));
  });

  it('page sums count out-of-premises voters on their page', () => {
    const f = foldBallotFacts([issue('v1', '2030-01-01T08:00:00.000Z'), visit('v2', '2030-01-01T09:00:00.000Z'), visit('v4', '2030-01-01T09:00:00.000Z')]);
    const sums = pageSumsOf([voter('v1', 1), voter('v2', 1), voter('v3', 2), voter('v4', 2, 2)], f);
    expect(sums.pages).toEqual([
      { page: 1, listed: 2, issued: 1, outOfPremises: 1 },
      { page: 2, listed: 2, issued: 0, outOfPremises: 1 },
    ]);
    expect(sums.totals).toEqual({ listed: 4, issued: 1, outOfPremises: 2 });
  });

  it('figures at an instant: issues after it are not counted, an undo counts from its own time', () => {
    const a = issue('v1', '2030-01-01T08:00:00.000Z');
    const f = foldBallotFacts([a, undo('v1', a.id, '2030-01-01T12:00:00.000Z'), issue('v2', '2030-01-01T13:00:00.000Z')]);
    expect(ballotsIssued(f, '2030-01-01T11:59:59.000Z').room).toBe(1);
    expect(ballotsIssued(f, '2030-01-01T12:00:00.000Z').room).toBe(0);
    expect(ballotsIssued(f, '2030-01-01T13:00:00.000Z').room).toBe(1);
  });

  it('turnout at the report times includes the out-of-premises voters, in the precinct zone', () => {
    // Tokyo (UTC+9): 10:00 local = 01:00Z, 20:00 local = 11:00Z.
    const f = foldBallotFacts([
      issue('v1', '2017-10-15T00:30:00.000Z'),
      issue('v2', '2017-10-15T01:00:00.000Z'),
      visit('v3', '2017-10-15T05:00:00.000Z'),
      issue('v4', '2017-10-15T11:00:01.000Z'),
    ]);
    const points = turnoutPoints(f, { votingDay: '2017-10-15', times: ['20:00', '10:00'], timeZone: 'Asia/Tokyo', listSize: 8, now: new Date('2017-10-15T05:00:00Z') });
    expect(points.map((p) => [p.time, p.ballots, p.room, p.outside, p.percent, p.reached])).toEqual([
      ['10:00', 2, 2, 0, 25, true],
      ['20:00', 3, 2, 1, 37.5, false],
    ]);
  });

  it('ignores events of other types and payloads that do not parse', () => {
    const before = foldBallotFacts([issue('v1', '2030-01-01T08:00:00.000Z')]);
    const bad: FigureEvent[] = [
      { id: id(), type: 'BallotIssued', recordedAt: '2030-01-01T08:00:00.000Z', payload: { voterId: '' } },
      { id: id(), type: 'BallotIssueUndone', recordedAt: '2030-01-01T08:00:00.000Z', payload: null },
      { id: id(), type: 'MobileVisitRecorded', recordedAt: '2030-01-01T08:00:00.000Z', payload: 'x' },
      { id: id(), type: 'BallotsSpoiled', recordedAt: '2030-01-01T08:00:00.000Z', payload: { count: 5 } },
    ];
    let f = before;
    for (const e of bad) f = evolveBallotFacts(f, e);
    expect(f).toBe(before);
    expect(ballotsIssued(EMPTY_BALLOT_FACTS)).toEqual({ room: 0, outside: 0, total: 0, votersRoom: 0, votersOutside: 0, voters: 0, spoiledOutside: 0 });
  });

  it('is order-independent and idempotent (the center folds events in arrival order)', () => {
    const voters = ['v1', 'v2', 'v3', 'v4'];
    const base = Date.parse('2030-01-01T08:00:00.000Z');
    const eventArb = fc.array(
      fc.tuple(fc.constantFrom('issue', 'undo', 'visit', 'away'), fc.constantFrom(...voters), fc.integer({ min: 0, max: 12 * 3600 }), fc.nat(50)),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(eventArb, fc.integer({ min: 0, max: 12 * 3600 }), fc.nat(), (specs, cutSec, seed) => {
        const events: FigureEvent[] = [];
        for (const [kind, v, sec, pick] of specs) {
          const at = new Date(base + sec * 1000).toISOString();
          if (kind === 'issue') events.push(issue(v, at));
          else if (kind === 'undo') {
            const issues = events.filter((e) => e.type === 'BallotIssued');
            if (issues.length) {
              const target = issues[pick % issues.length]!;
              events.push(undo((target.payload as { voterId: string }).voterId, target.id, at));
            }
          } else events.push(visit(v, at, kind === 'visit' ? 'voted' : 'not-at-home'));
        }
        // Shuffle deterministically, and replay some events twice.
        const shuffled = [...events];
        let s = seed;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (s * 1103515245 + 12345) >>> 0;
          const j = s % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        const replayed = [...shuffled, ...shuffled.slice(0, seed % (shuffled.length + 1))];
        const a = foldBallotFacts(events);
        const b = foldBallotFacts(replayed);
        const cut = new Date(base + cutSec * 1000).toISOString();
        expect(ballotsIssued(b)).toEqual(ballotsIssued(a));
        expect(ballotsIssued(b, cut)).toEqual(ballotsIssued(a, cut));
        // A naive model: count standing issues and votes directly.
        const undone = new Set(events.filter((e) => e.type === 'BallotIssueUndone').map((e) => (e.payload as { undoes: string }).undoes));
        const standing = events.filter((e) => e.type === 'BallotIssued' && !undone.has(e.id));
        const votedOut = events.filter((e) => e.type === 'MobileVisitRecorded' && (e.payload as { outcome: string }).outcome === 'voted');
        const roomVoters = new Set(standing.map((e) => (e.payload as { voterId: string }).voterId));
        const outVoters = new Set(votedOut.map((e) => (e.payload as { voterId: string }).voterId).filter((v) => !roomVoters.has(v)));
        const fig = ballotsIssued(a);
        expect(fig.room).toBe(standing.length);
        expect(fig.outside).toBe(votedOut.length);
        expect(fig.voters).toBe(roomVoters.size + outVoters.size);
        const sums = pageSumsOf(voters.map((v, i) => voter(v, 1 + (i % 2))), a);
        expect(sums.totals.issued).toBe(fig.votersRoom);
        expect(sums.totals.outOfPremises).toBe(fig.votersOutside);
      }),
    );
  });

  it('folds many events exactly as evolving one by one (first fact of an id kept, bad payloads skipped, "__proto__" a plain id)', () => {
    const ids = ['__proto__', 'constructor', uuid(900001), uuid(900002), uuid(900003)];
    const at = (sec: number) => new Date(Date.parse('2030-01-01T08:00:00.000Z') + sec * 1000).toISOString();
    const eventArb: fc.Arbitrary<FigureEvent> = fc
      .tuple(fc.constantFrom('issue', 'undo', 'visit', 'bad', 'other'), fc.constantFrom(...ids), fc.constantFrom('v1', 'v2'), fc.nat(3600), fc.constantFrom(...ids))
      .map(([kind, eventId, v, sec, target]) => {
        if (kind === 'issue') return issue(v, at(sec), 1 + (sec % 3), eventId);
        if (kind === 'undo') return { ...undo(v, uuid(900001 + (sec % 3)), at(sec)), id: eventId };
        if (kind === 'visit') return { ...visit(v, at(sec), sec % 2 ? 'voted' : 'not-at-home'), id: eventId };
        if (kind === 'bad') return { id: eventId, type: 'BallotIssued', recordedAt: at(sec), payload: { voterId: '' } };
        return { id: target, type: 'BallotsSpoiled', recordedAt: at(sec), payload: { count: 1, reason: 'misprint', note: '' } };
      });
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (events) => {
        const folded = foldBallotFacts(events);
        const evolved = events.reduce(evolveBallotFacts, EMPTY_BALLOT_FACTS);
        expect(folded).toEqual(evolved);
        for (const kind of ['issues', 'undos', 'visits'] as const) {
          expect(Object.keys(folded[kind]).sort()).toEqual(Object.keys(evolved[kind]).sort());
          expect(Object.getPrototypeOf(folded[kind])).toBe(Object.prototype);
        }
        expect(ballotsIssued(folded)).toEqual(ballotsIssued(evolved));
      }),
    );
  });

  it('slots summed up to report k are the figures at report k, whatever the order and clocks', () => {
    const base = Date.parse('2030-01-01T08:00:00.000Z');
    const instants = [2, 4, 6, 10].map((h) => new Date(base + h * 3600_000).toISOString());
    const eventArb = fc.array(
      fc.tuple(fc.constantFrom('issue', 'undo', 'visit', 'away', 'badtime'), fc.constantFrom('v1', 'v2', 'v3'), fc.integer({ min: -3600, max: 13 * 3600 }), fc.nat(50)),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(eventArb, (specs) => {
        const events: FigureEvent[] = [];
        for (const [kind, v, sec, pick] of specs) {
          const at = kind === 'badtime' ? 'not a time' : new Date(base + sec * 1000).toISOString();
          if (kind === 'issue' || kind === 'badtime') events.push(issue(v, at));
          else if (kind === 'undo') {
            const issues = events.filter((e) => e.type === 'BallotIssued');
            const target = issues[pick % Math.max(1, issues.length)];
            if (target) events.push(undo((target.payload as { voterId: string }).voterId, target.id, at));
          } else events.push(visit(v, at, kind === 'visit' ? 'voted' : 'not-at-home'));
        }
        const facts = foldBallotFacts(events);
        const slots = figureSlots(facts, instants);
        expect(slots.room).toHaveLength(instants.length + 1);
        instants.forEach((at, k) => {
          const f = ballotsIssued(facts, at);
          expect(figuresAtSlot(slots, k)).toEqual({ room: f.room, outside: f.outside, total: f.total });
        });
        const day = ballotsIssued(facts);
        expect(figuresAtSlot(slots, instants.length)).toEqual({ room: day.room, outside: day.outside, total: day.total });
      }),
    );
  });
});
