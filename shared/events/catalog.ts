/**
 * Every kind of fact the commission records, with the schema of its payload. Adding an event type
 * means adding it here; the envelope schema and the projector's exhaustive switch follow.
 */
import { z } from 'zod';
import {
  candidateSchema,
  electionSchema,
  electionSetupSchema,
  memberSchema,
  precinctSchema,
} from '../election/model';

export const eventPayloadSchemas = {
  /** A whole setup made active: first run (bundle, demo or by hand) or a newer bundle. */
  SetupActivated: electionSetupSchema,
  ElectionUpdated: z.object({ election: electionSchema }).strict(),
  PrecinctUpdated: z.object({ precinct: precinctSchema }).strict(),
  MembersUpdated: z.object({ members: z.array(memberSchema).max(50) }).strict(),
  CandidatesUpdated: z.object({ candidates: z.array(candidateSchema).max(200), againstAll: z.boolean() }).strict(),
  /** A calendar item the commission marked as done (or took the mark back). */
  CalendarItemMarked: z
    .object({ item: z.number().int().min(1).max(1000), done: z.boolean(), note: z.string().max(500).default('') })
    .strict(),
} as const;

export type EventType = keyof typeof eventPayloadSchemas;
export const EVENT_TYPES = Object.keys(eventPayloadSchemas) as EventType[];
export type EventPayload<T extends EventType> = z.infer<(typeof eventPayloadSchemas)[T]>;
export type EventPayloadInput<T extends EventType> = z.input<(typeof eventPayloadSchemas)[T]>;
