/**
 * What happens at the list desk without a ballot: a person not found in the list, identification
 * that fails, no identity document. No ballot is issued without identification and a list entry
 * (domain.md §9.8, inferred from the law); the commission logs the incident with its time and outcome
 * so it can be reported and, if a complaint follows, decided at the final meeting.
 */
import { z } from 'zod';
import type { StoredEvent } from '../events/envelope';

export const DESK_INCIDENT_KINDS = ['not-in-list', 'identification-failed', 'no-document', 'other'] as const;
export type DeskIncidentKind = (typeof DESK_INCIDENT_KINDS)[number];

export const DESK_INCIDENT_OUTCOMES = ['no-ballot', 'found-in-list', 'identified-after-all', 'referred'] as const;
export type DeskIncidentOutcome = (typeof DESK_INCIDENT_OUTCOMES)[number];

export const deskIncidentPayloadSchemas = {
  DeskIncidentRecorded: z
    .object({
      kind: z.enum(DESK_INCIDENT_KINDS),
      /** The person as they named themselves (not in the list, so no voter id). */
      person: z.string().trim().min(1).max(200),
      document: z.string().trim().max(40).default(''),
      outcome: z.enum(DESK_INCIDENT_OUTCOMES),
      note: z.string().trim().max(1000).default(''),
    })
    .strict()
    .superRefine((p, ctx) => {
      if (p.kind === 'other' && p.note.length < 5) ctx.addIssue({ code: 'custom', path: ['note'], message: 'note-required' });
    }),
} as const;

export type DeskIncidentInput = z.input<(typeof deskIncidentPayloadSchemas)['DeskIncidentRecorded']>;

export interface DeskIncident {
  id: string;
  at: string;
  by: string | null;
  kind: DeskIncidentKind;
  person: string;
  document: string;
  outcome: DeskIncidentOutcome;
  note: string;
}

export const EMPTY_DESK_INCIDENTS: readonly DeskIncident[] = [];

export function applyDeskIncident(state: readonly DeskIncident[], event: StoredEvent): readonly DeskIncident[] {
  if (event.type !== 'DeskIncidentRecorded') return state;
  const p = event.payload;
  return [...state, { id: event.id, at: event.recordedAt, by: event.actor, kind: p.kind, person: p.person, document: p.document, outcome: p.outcome, note: p.note }];
}

/** Counts by kind, for the summation sheet and reports. */
export function countDeskIncidents(incidents: readonly DeskIncident[]): Record<DeskIncidentKind, number> {
  const counts = Object.fromEntries(DESK_INCIDENT_KINDS.map((k) => [k, 0])) as Record<DeskIncidentKind, number>;
  for (const i of incidents) counts[i.kind] += 1;
  return counts;
}
