import { describe, expect, it } from 'vitest';
import { foldIssued, foldUndone, sameStatusesFor, type VoterBallotStatus } from '../../../../shared/ballots/issue';

const issue = { eventId: 'e1', at: '2026-12-07T08:00:00.000Z', by: 'm1', deviceId: 'd1' };
const issued = (id: string): VoterBallotStatus => foldIssued(undefined, id, 1, issue);
const map = (...s: VoterBallotStatus[]) => new Map(s.map((x) => [x.voterId, x]));

describe('sameStatusesFor (the desk keeps the statuses it has when a new read finds the same)', () => {
  it('none known and none read: the same', () => {
    expect(sameStatusesFor(new Map(), new Map(), ['a', 'b'])).toBe(true);
  });
  it('the same facts read again as new objects: the same', () => {
    expect(sameStatusesFor(map(issued('a')), map(issued('a')), ['a', 'b'])).toBe(true);
  });
  it('a voter issued since: not the same', () => {
    expect(sameStatusesFor(new Map(), map(issued('b')), ['a', 'b'])).toBe(false);
  });
  it('an issue undone since (the status changed, the voter still has one): not the same', () => {
    const undone = foldUndone(issued('a'), 'a', 1, { ...issue, eventId: 'e2', reason: 'wrong voter', undid: 'e1' });
    expect(sameStatusesFor(map(issued('a')), map(undone), ['a'])).toBe(false);
  });
  it('a status gone for a shown voter: not the same', () => {
    expect(sameStatusesFor(map(issued('a')), new Map(), ['a'])).toBe(false);
  });
  it('only the ids asked for count (what is known of other voters is not looked at)', () => {
    expect(sameStatusesFor(map(issued('z')), new Map(), ['a', 'b'])).toBe(true);
  });
});
