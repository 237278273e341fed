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
import { applicationPayloadSchemas } from '../applications/model';
import { deskIncidentPayloadSchemas } from '../voters/desk-incidents';
import { incidentPayloadSchemas } from '../ballots/incidents';
import { hoursExceptionSchema } from '../ballots/hours';
import { protocolPayloadSchemas } from '../protocol/events';
import { copyPayloadSchemas } from '../protocol/copies';
import { outPremisesPayloadSchemas } from '../outpremises/events';
import { openingPayloadSchemas } from '../opening/events';
import { postingPayloadSchemas } from '../posting/events';
import { mobileCountPayloadSchemas } from '../mobile-count';
import { handoverPayloadSchemas } from '../handover';
import { actCopyPayloadSchemas } from '../act-copies';

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
  /**
   * A voter list made active. The voters themselves are stored once, content-addressed, in the
   * `blobs` table under `listHash` (SHA-256 of their canonical JSON), written in the same
   * transaction; the event stays small and still pins the exact list.
   */
  VoterListActivated: z
    .object({
      listHash: z.string().regex(/^[0-9a-f]{64}$/u),
      listVersion: z.number().int().min(1),
      source: z
        .object({
          kind: z.enum(['csv', 'xlsx', 'bundle', 'generated']),
          fileName: z.string().max(260).nullable(),
          fileHash: z.string().regex(/^[0-9a-f]{64}$/u).nullable(),
          encoding: z.string().max(40).nullable(),
        })
        .strict(),
      counts: z.object({ voters: z.number().int().min(0), rowsInFile: z.number().int().min(0), excluded: z.number().int().min(0) }).strict(),
      /**
       * Rows the user chose to leave out, with the problems found in them. A list taken from several
       * sheets numbers its rows across them (see `sheets`); each such row also names its sheet and the
       * sheet's own row, as the review and the paper show it.
       */
      excluded: z
        .array(
          z
            .object({ row: z.number().int().min(1), codes: z.array(z.string().max(60)).max(20), sheet: z.string().max(300).optional(), sheetRow: z.number().int().min(1).optional() })
            .strict(),
        )
        .max(200_000),
      /** Against the list active before, if any. */
      diff: z.object({ added: z.number().int().min(0), removed: z.number().int().min(0), changed: z.number().int().min(0) }).strict().nullable(),
      /** The same person on several rows: the row the secretary kept and the rows left out (issue 16). */
      duplicatesKept: z
        .array(z.object({ kept: z.number().int().min(1), dropped: z.array(z.number().int().min(1)).min(1).max(1000) }).strict())
        .max(100_000)
        .optional(),
      /** Rows with the same name and birth kept as different people (namesakes), each group's rows. */
      duplicatesKeptAll: z.array(z.array(z.number().int().min(1)).min(2).max(1000)).max(100_000).optional(),
      /** File rows whose full-name split was a guess and that the secretary confirmed. */
      namesConfirmed: z.array(z.number().int().min(1)).max(300_000).optional(),
      /** File row of the header (title rows above it). */
      headerRow: z.number().int().min(1).optional(),
      /**
       * A list taken from several sheets of a workbook: the sheets in order, each with its own header
       * row and its rows' place in the numbering every row of this event uses (the combined table's:
       * header row 1, data rows sheet after sheet). Row r is sheet `name`'s row headerRow + 1 + (r − 2 − first)
       * for first ≤ r − 2 < first + count (shared/voters/workbook `placeOfRow`).
       */
      sheets: z
        .array(z.object({ name: z.string().max(300), headerRow: z.number().int().min(1), first: z.number().int().min(0), count: z.number().int().min(0) }).strict())
        .max(1000)
        .optional(),
    })
    .strict(),
  /** A ballot handed to a voter at the list desk (the voter signed the paper list). */
  BallotIssued: z
    .object({
      voterId: z.string().min(1).max(80),
      page: z.number().int().min(1),
      row: z.number().int().min(1),
      listHash: z.string().regex(/^[0-9a-f]{64}$/u),
      /** Issued outside voting hours by the chair's exception, with the written reason (shared/ballots/hours). */
      hoursException: hoursExceptionSchema.optional(),
    })
    .strict(),
  /** An issue taken back by the chair or secretary, with the written reason; the issue stays in the log. */
  BallotIssueUndone: z
    .object({ voterId: z.string().min(1).max(80), undoes: z.string().uuid(), reason: z.string().trim().min(5).max(1000) })
    .strict(),
  /** Form 2 / Form 3 applications about the list: registered, refused as late, forwarded, decided. */
  ...applicationPayloadSchemas,
  /** A person turned away at the list desk (not in the list, not identified …), with the outcome. */
  ...deskIncidentPayloadSchemas,
  /** The commission's resolution of an incident found when laptops merged (a double issue). */
  ...incidentPayloadSchemas,
  /** The ballot ledger, the АЭУ report, the manual count and the protocol's drafts, signing and corrections. */
  ...protocolPayloadSchemas,
  ...copyPayloadSchemas,
  /** Out-of-premises voting: the register, the teams and boxes, the visits, the reconciliation. */
  ...outPremisesPayloadSchemas,
  /** The opening on voting day (item 72): the lot of duties, safe, lists compared, boxes sealed, the act. */
  ...openingPayloadSchemas,
  /** Documents posted for the public and voters informed (items 40, 46, 68, 70, 84, 85). */
  ...postingPayloadSchemas,
  /** Item 77: each mobile box opened on its own and counted before the count. */
  ...mobileCountPayloadSchemas,
  /** Item 86: the documents handed over to the territorial commission, the escort and the receiver. */
  ...handoverPayloadSchemas,
  /** Items 74/76: numbered copies of the acts, logged by recipient. */
  ...actCopyPayloadSchemas,
} as const;

export type EventType = keyof typeof eventPayloadSchemas;
export const EVENT_TYPES = Object.keys(eventPayloadSchemas) as EventType[];
export type EventPayload<T extends EventType> = z.infer<(typeof eventPayloadSchemas)[T]>;
export type EventPayloadInput<T extends EventType> = z.input<(typeof eventPayloadSchemas)[T]>;
