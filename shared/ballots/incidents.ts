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

/** The shortest decision the commission may record on an incident (characters, trimmed). */
export const MIN_RESOLUTION = 5;

export const incidentPayloadSchemas = {
  /** The commission's decision on an incident (what happened, what was done). */
  IncidentResolved: z.object({ incident: z.string().min(1).max(200), resolution: z.string().trim().min(MIN_RESOLUTION).max(2000) }).strict(),
} as const;

export function doubleIssueId(voterId: string, secondEventId: string): string {
  return `double-issue:${voterId}:${secondEventId}`;
}

export function openIncidents(incidents: readonly DoubleIssueIncident[]): DoubleIssueIncident[] {
  return incidents.filter((i) => i.resolution === null);
}
