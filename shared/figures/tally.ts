/**
 * The day's figures kept up to date event by event (issue 19): what `foldBallotFacts` then
 * `ballotsIssued` give for the whole day, without folding every event again after each new one.
 * The desk's counter reads it after every issue; a busy day's log (tens of thousands of issues)
 * must not be read, parsed and counted again for each ballot.
 *
 * Same rules as `foldBallotFacts`/`ballotsIssued` (ballots.ts), proven equal by a property test:
 * an event id seen before keeps its first fact (adding an event twice changes nothing), and the
 * order events are added in does not matter.
 */
import { factOf, KIND_OF, type BallotFacts, type BallotsIssued, type FigureEvent, type OutsideVote, type RoomIssue, type RoomUndo } from './ballots';

export class BallotTally {
  private readonly issues = new Map<string, RoomIssue>();
  private readonly undos = new Map<string, RoomUndo>();
  private readonly visits = new Map<string, OutsideVote>();
  /** Issue event ids some undo takes back. */
  private readonly undone = new Set<string>();
  /** Voter id → how many of the voter's desk issues stand. */
  private readonly standing = new Map<string, number>();
  /** Voter id → how many visits recorded the voter as having voted outside. */
  private readonly votedOutside = new Map<string, number>();
  private room = 0;
  private outside = 0;
  private spoiledOutside = 0;
  private votersOutside = 0;
  private snapshot: { version: number; facts: BallotFacts; figures: BallotsIssued } | null = null;
  /** Grows with every event that changed the figures' facts. */
  version = 0;

  /** One event in; true when it changed the facts (a figure event not seen before that parses). */
  add(event: FigureEvent): boolean {
    const kind = KIND_OF[event.type];
    if (kind === undefined || this[kind].has(event.id)) return false;
    const fact = factOf(event);
    if (!fact) return false;
    this.version += 1;
    switch (fact.kind) {
      case 'issues':
        this.issues.set(event.id, fact.value);
        if (!this.undone.has(event.id)) this.stand(fact.value.voterId, +1);
        return true;
      case 'undos':
        this.undos.set(event.id, fact.value);
        if (!this.undone.has(fact.value.undoes)) {
          this.undone.add(fact.value.undoes);
          const issue = this.issues.get(fact.value.undoes);
          if (issue) this.stand(issue.voterId, -1);
        }
        return true;
      case 'visits': {
        this.visits.set(event.id, fact.value);
        this.outside += fact.value.ballots;
        this.spoiledOutside += fact.value.spoiled;
        if (fact.value.voted) {
          const before = this.votedOutside.get(fact.value.voterId) ?? 0;
          this.votedOutside.set(fact.value.voterId, before + 1);
          if (before === 0 && !this.standing.has(fact.value.voterId)) this.votersOutside += 1;
        }
        return true;
      }
    }
  }

  /** A desk issue of `voterId` starts (+1) or stops (−1) standing. */
  private stand(voterId: string, by: 1 | -1): void {
    const before = this.standing.get(voterId) ?? 0;
    const after = before + by;
    if (after === 0) this.standing.delete(voterId);
    else this.standing.set(voterId, after);
    this.room += by;
    // A voter who voted outside counts there only while no desk issue of theirs stands.
    if (this.votedOutside.has(voterId) && (before === 0) !== (after === 0)) this.votersOutside += after === 0 ? 1 : -1;
  }

  /** The whole day's figures: the same as `ballotsIssued(this.facts())`, in constant time. */
  figures(): BallotsIssued {
    return this.current().figures;
  }

  /** The facts (plain data, as `foldBallotFacts` gives them); a new object only after a change. */
  facts(): BallotFacts {
    return this.current().facts;
  }

  private current(): { facts: BallotFacts; figures: BallotsIssued } {
    if (this.snapshot?.version !== this.version) {
      const votersRoom = this.standing.size;
      const figures: BallotsIssued = {
        room: this.room,
        outside: this.outside,
        total: this.room + this.outside,
        votersRoom,
        votersOutside: this.votersOutside,
        voters: votersRoom + this.votersOutside,
        spoiledOutside: this.spoiledOutside,
      };
      // The facts are copied lazily (only a reader of the facts pays for them).
      let facts: BallotFacts | null = null;
      const maps = { issues: this.issues, undos: this.undos, visits: this.visits };
      this.snapshot = {
        version: this.version,
        figures,
        get facts(): BallotFacts {
          facts ??= { issues: Object.fromEntries(maps.issues), undos: Object.fromEntries(maps.undos), visits: Object.fromEntries(maps.visits) };
          return facts;
        },
      };
    }
    return this.snapshot;
  }
}

