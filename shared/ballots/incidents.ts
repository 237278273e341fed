/**
 * Incidents raised when the laptops of one precinct merge their logs: two ballots issued to the same
 * voter on two laptops are never merged silently. The first issue (in causal order) stands in the
 * voter's status; the second is an open incident until the commission records its resolution.
 */
import { z } from 'zod';

export interface IssueRef {
  eventId: string;
  deviceId: string;
  at: string;
  by: string | null;
}

export interface DoubleIssueIncident {
  id: string;
  kind: 'double-issue';
  voterId: string;
  page: number;
  first: IssueRef;
  second: IssueRef;
  resolution: { text: string; at: string; by: string | null } | null;
}

/** A vote recorded at an out-of-premises visit (register entry `number`, team `team`, visited `at`). */
export interface VisitRef {
  eventId: string;
  deviceId: string;
  at: string;
  by: string | null;
  number: number;
  team: number;
}

/**
 * One voter voted twice across two laptops: a team recorded the voter's vote at an out-of-premises
 * visit and the room issued the same voter a ballot (neither laptop knew of the other's fact). The
 * same for either order the two facts are folded in: keyed by the room issue.
 */
export interface OutsideAndRoomIncident {
  id: string;
  kind: 'outside-and-room';
  voterId: string;
  page: number;
  visit: VisitRef;
  issue: IssueRef;
  resolution: { text: string; at: string; by: string | null } | null;
}

/** An incident of merging laptops: two ballots for one voter (two room issues, or a visit and a room issue). */
export type BallotIncident = DoubleIssueIncident | OutsideAndRoomIncident;

/** The shortest decision the commission may record on an incident (characters, trimmed). */
export const MIN_RESOLUTION = 5;

export const incidentPayloadSchemas = {
  /** The commission's decision on an incident (what happened, what was done). */
  IncidentResolved: z.object({ incident: z.string().min(1).max(200), resolution: z.string().trim().min(MIN_RESOLUTION).max(2000) }).strict(),
} as const;

export function doubleIssueId(voterId: string, secondEventId: string): string {
  return `double-issue:${voterId}:${secondEventId}`;
}

export function outsideAndRoomId(voterId: string, issueEventId: string): string {
  return `outside-and-room:${voterId}:${issueEventId}`;
}

export function openIncidents(incidents: readonly BallotIncident[]): BallotIncident[] {
  return incidents.filter((i) => i.resolution === null);
}
