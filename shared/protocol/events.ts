/**
 * Payload schemas of the ballot-ledger and protocol events. Spread into the catalog with
 * `...protocolPayloadSchemas` (shared/events/catalog.ts), like the applications' schemas.
 *
 * Counts are whole numbers, bounded (a precinct list has at most 1 000 000 voters); line values are
 * keyed by the form's line keys (candidate lines: `<block>.<candidateId>`, see form.ts).
 */
import { z } from 'zod';
import { isIsoDate } from '../time/date';
import { lineKeySchema } from './form';

export const MAX_COUNT = 1_000_000;
/** Override reasons and correction reasons must say something. */
export const MIN_REASON = 10;

const count = z.number().int().min(0).max(MAX_COUNT);
const memberId = z.string().min(1).max(80);
const text = (max: number) => z.string().trim().max(max);
const isoInstant = z.iso.datetime({ offset: true });
const isoDate = z.string().refine((v) => isIsoDate(v), { message: 'invalid-date' });
const hash = z.string().regex(/^[0-9a-f]{64}$/u);
const formId = z.string().regex(/^[A-Za-z0-9._:-]{1,80}$/u);
const reason = z.string().trim().min(MIN_REASON).max(2000);

const bounded = <T extends z.ZodType>(value: T) =>
  z.record(lineKeySchema, value).refine((r) => Object.keys(r).length <= 300, { message: 'too-many-lines' });

/** Line values of a complete count (no blanks). */
export const lineValuesSchema = bounded(count);
/** Line values of a draft (blank = not entered yet). */
export const draftValuesSchema = bounded(count.nullable());

/** A pre-filled figure changed, with the reason (drafts may hold a reason still being written). */
const lineChange = (why: z.ZodType<string>) =>
  z.object({ line: lineKeySchema, known: count, value: count, reason: why }).strict();
const changes = (why: z.ZodType<string>) => z.array(lineChange(why)).max(300).default([]);

export const COMPLAINT_DECISIONS = ['upheld', 'partly-upheld', 'rejected', 'not-considered'] as const;
export type ComplaintDecision = (typeof COMPLAINT_DECISIONS)[number];

export const SPOIL_REASONS = ['voter-mistake', 'misprint', 'damaged', 'other'] as const;
export const PROTOCOL_MARKS = ['original', 'repeated', 'corrected'] as const;
export type ProtocolMark = (typeof PROTOCOL_MARKS)[number];

export const protocolPayloadSchemas = {
  /** Ballots received from the territorial commission under an act (there may be more than one delivery). */
  BallotsReceived: z
    .object({
      actNumber: text(40).min(1),
      actDate: isoDate,
      count: count.min(1),
      /** The member who received them. */
      receivedBy: memberId,
      /** Who handed them over (name, TEC). */
      handedBy: text(200).default(''),
      /** Serial range when the ballots are numbered. */
      serials: text(200).default(''),
    })
    .strict(),
  /** Ballots spoiled (a voter's mistake exchanged for a new ballot, a misprint, damage). */
  BallotsSpoiled: z
    .object({
      count: count.min(1).max(100_000),
      reason: z.enum(SPOIL_REASONS),
      note: text(500).default(''),
    })
    .strict(),
  /** Unused ballots counted and cancelled (lower right corner cut) under the act (item 74, Art 35(4)). */
  UnusedBallotsCancelled: z
    .object({
      count,
      actNumber: text(40).min(1),
      /** When the act was drawn up. */
      at: isoInstant,
      packetNumber: text(40).default(''),
    })
    .strict(),
  /**
   * The list summed after the close (item 75): the signatures counted page by page on the paper list,
   * their total entered here. Re-entry replaces the earlier figure.
   */
  ListPageSumsEntered: z
    .object({
      total: count,
      pages: z.number().int().min(0).max(100_000),
      at: isoInstant,
      enteredBy: memberId,
      /**
       * The page sums entries (their events' ids) standing on this laptop when this one was entered:
       * the ones it knowingly replaces. Another laptop's entry it does not name was entered without
       * this laptop knowing it (`pageSumsDisagreement`). Absent in entries made before it was kept.
       */
      replaces: z.array(z.string().uuid()).max(200).optional(),
    })
    .strict(),
  /** The АЭУ preliminary report typed in from its printout (no legal force: the manual count prevails). */
  AeuReportEntered: z
    .object({
      /** The time printed on the report (item 78: not later than 21:00). */
      printedAt: isoInstant,
      values: lineValuesSchema,
      enteredBy: memberId,
    })
    .strict(),
  /** The figures of the manual count (item 80): the legal result. */
  ManualCountEntered: z
    .object({ values: lineValuesSchema, enteredBy: memberId, countedAt: isoInstant })
    .strict(),
  /**
   * A ledger entry corrected by a counter-entry (the entry itself is never edited): the right count,
   * or null when the entry was recorded in error and is withdrawn. The latest correction of an entry
   * stands; `foldLedger` folds it in place of the entry's own figure.
   */
  LedgerEntryCorrected: z
    .object({
      /** The id of the corrected entry's event. */
      entry: z.string().uuid(),
      count: count.nullable(),
      reason,
      by: memberId,
    })
    .strict(),
  /** A draft of the protocol saved (values may be blank); warnings the secretary acknowledged. */
  ProtocolDraftSaved: z
    .object({
      formId,
      formVersion: z.number().int().min(1),
      /** Protocol version: 1, or n + 1 after a correction. */
      version: z.number().int().min(1).max(1000),
      values: draftValuesSchema,
      acknowledged: z.array(z.string().max(200)).max(300).default([]),
      changes: changes(text(2000)),
    })
    .strict(),
  /** The protocol signed: the values, the members present, an override if errors remained, its hash. */
  ProtocolSigned: z
    .object({
      formId,
      formVersion: z.number().int().min(1),
      version: z.number().int().min(1).max(1000),
      mark: z.enum(PROTOCOL_MARKS),
      values: lineValuesSchema,
      membersPresent: z.array(memberId).min(1).max(50),
      /** Error-level findings left standing by the chair, with the written reason. */
      override: z
        .object({ by: memberId, reason, codes: z.array(z.string().max(200)).min(1).max(300) })
        .strict()
        .nullable(),
      acknowledged: z.array(z.string().max(200)).max(300).default([]),
      /**
       * Double-issue incidents still open at signing (a voter given ballots on two laptops, not yet
       * decided by the commission): each acknowledged by the chair with a written reason.
       */
      incidents: z
        .array(z.object({ incident: z.string().min(1).max(200), voterId: z.string().min(1).max(80), by: memberId, reason }).strict())
        .max(300)
        .default([]),
      /** Pre-filled figures the commission changed, each with its reason. */
      changes: changes(reason),
      /** The hash of the signed version this one replaces. */
      supersedes: hash.nullable(),
      signedAt: isoInstant,
      /** `protocolHash` of the signed content. */
      hash,
    })
    .strict(),
  /** A correction opened after signing: version n + 1, marked, with the reason; n is superseded once n + 1 is signed. */
  ProtocolCorrected: z
    .object({
      version: z.number().int().min(2).max(1000),
      supersedes: hash,
      mark: z.enum(['repeated', 'corrected']),
      reason,
      by: memberId,
    })
    .strict(),
  /**
   * Double entry: one of two members' independent entries of the paper protocol. Entry 1 again
   * starts the double entry over (both entries and the resolution are dropped).
   */
  ProtocolEntrySubmitted: z
    .object({ version: z.number().int().min(1).max(1000), entry: z.union([z.literal(1), z.literal(2)]), by: memberId, values: lineValuesSchema })
    .strict(),
  /** The differences between the two entries settled, line by line, against the paper: the agreed figures. */
  ProtocolEntriesResolved: z
    .object({ version: z.number().int().min(1).max(1000), by: memberId, values: lineValuesSchema })
    .strict(),
  /** A complaint received (item 81: decided at the final meeting before the protocol is signed). */
  ComplaintRecorded: z
    .object({
      id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/u),
      receivedAt: isoInstant,
      author: text(200).min(1),
      content: text(4000).min(1),
    })
    .strict(),
  /** The commission's decision on a complaint. */
  ComplaintDecided: z
    .object({
      id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/u),
      decision: z.enum(COMPLAINT_DECISIONS),
      text: text(4000).min(1),
      decidedAt: isoInstant,
    })
    .strict(),
  /** A member's dissenting opinion, attached to the protocol. */
  DissentRecorded: z
    .object({ memberId, text: text(4000).min(1), at: isoInstant })
    .strict(),
} as const;

export type ProtocolEventType = keyof typeof protocolPayloadSchemas;
export const PROTOCOL_EVENT_TYPES = Object.keys(protocolPayloadSchemas) as ProtocolEventType[];
export type ProtocolPayload<T extends ProtocolEventType> = z.infer<(typeof protocolPayloadSchemas)[T]>;
export type ProtocolPayloadInput<T extends ProtocolEventType> = z.input<(typeof protocolPayloadSchemas)[T]>;
