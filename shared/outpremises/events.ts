/**
 * Events of out-of-premises voting (domain §3): the register of written applications, refusals and
 * withdrawals, the drawing of lots for the mobile teams and boxes, ballots handed to the teams,
 * departures, visits, returns, and explanations of a team's ballot difference.
 *
 * `outPremisesPayloadSchemas` is meant to be spread into `eventPayloadSchemas`
 * (shared/events/catalog.ts). Every payload is `.strict()`, every string and array bounded.
 * Instants are ISO 8601 strings with an offset (`2017-10-12T23:30:00+06:00` or `…Z`); local dates
 * and times are always derived from them in the precinct's own time zone, never stored apart.
 */
import { z } from 'zod';

const instant = z.iso.datetime({ offset: true });
const memberId = z.string().min(1).max(80).regex(/^[A-Za-z0-9._:-]+$/u);
const voterId = z.string().min(1).max(80);
const listHash = z.string().regex(/^[0-9a-f]{64}$/u);
const text = (min: number, max: number) => z.string().trim().min(min).max(max);
/** Register numbers 1, 2, 3 … */
const entryNumber = z.number().int().min(1).max(100_000);
/** Mobile boxes: at most three per precinct [KG-law15 Art 33(3)]. */
export const MAX_MOBILE_BOXES = 3;
const boxNumber = z.number().int().min(1).max(MAX_MOBILE_BOXES);
/** A team is numbered like the box it would take alone: 1–3. */
const teamNumber = z.number().int().min(1).max(MAX_MOBILE_BOXES);
const count = (max: number) => z.number().int().min(0).max(max);

export const APPLICATION_REASONS = ['age', 'disability', 'illness', 'hospital', 'custody', 'remote-area', 'other'] as const;
export type ApplicationReason = (typeof APPLICATION_REASONS)[number];

export const WITHDRAWAL_REASONS = ['changed-mind', 'came-to-room', 'other'] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

export const VISIT_OUTCOMES = ['voted', 'not-at-home', 'refused', 'other'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

/** Why an application was refused (the refusal keeps no number in the register). */
export const APPLICATION_REFUSAL_CODES = ['application-late', 'application-early', 'already-registered', 'not-in-list', 'other'] as const;
export type ApplicationRefusalCode = (typeof APPLICATION_REFUSAL_CODES)[number];

/** Machine params of a problem, for the words the renderer puts around them. */
export const problemParamsSchema = z
  .record(z.string().min(1).max(40), z.union([z.string().max(200), z.number()]))
  .refine((p) => Object.keys(p).length <= 12, { message: 'too-many-params' });

const otherNeedsText = <T extends { reason: string; reasonText: string }>(v: T, ctx: z.core.$RefinementCtx): void => {
  if (v.reason === 'other' && v.reasonText.trim() === '') ctx.addIssue({ code: 'custom', path: ['reasonText'], message: 'reason-text-required' });
};

export const outPremisesPayloadSchemas = {
  /** A written application entered in the register (атайын реестр) under the next number. */
  OutOfPremisesApplicationRegistered: z
    .object({
      number: entryNumber,
      voterId,
      /** The list the voter was found in, and where (page/row as on paper). */
      listHash,
      page: z.number().int().min(1),
      row: z.number().int().min(1),
      /** When the commission received the paper application (judged against the deadline). */
      receivedAt: instant,
      /** The member who received it. */
      receivedBy: memberId,
      /** Where the team must go. */
      address: text(1, 400),
      reason: z.enum(APPLICATION_REASONS),
      /** Required for `other`; may detail any reason. */
      reasonText: z.string().trim().max(300).default(''),
      note: z.string().trim().max(1000).default(''),
    })
    .strict()
    .superRefine(otherNeedsText),

  /** An application not entered in the register, and why. It keeps no number; it is in the refusals list. */
  OutOfPremisesApplicationRefused: z
    .object({
      /** The voter's id when the voter is in the list, else null. */
      voterId: voterId.nullable(),
      /** The person as written on the application (for the refusals list). */
      voterName: text(1, 200),
      receivedAt: instant,
      receivedBy: memberId,
      code: z.enum(APPLICATION_REFUSAL_CODES),
      /** The check's params (e.g. deadlineDate, localDate, localTime, timeZone; or number). */
      params: problemParamsSchema.default({}),
      /** The commission's words, as told to the voter. */
      reasonText: text(1, 1000),
      /**
       * 'commission': a member recorded the refusal as the commission's decision. Absent on refusals
       * the app recorded by itself when "register" met a late application (earlier versions).
       */
      decision: z.literal('commission').optional(),
    })
    .strict(),

  /** A register entry withdrawn (voter changed mind, came to the room…). It keeps its number. */
  OutOfPremisesApplicationWithdrawn: z
    .object({
      number: entryNumber,
      voterId,
      reason: z.enum(WITHDRAWAL_REASONS),
      reasonText: z.string().trim().max(1000).default(''),
    })
    .strict()
    .superRefine(otherNeedsText),

  /**
   * The drawing of lots (2 days before voting day): the teams, their members, operator and boxes;
   * the boxes with their seal numbers. A later drawing replaces the earlier one (only allowed
   * before ballots are handed to any team).
   */
  MobileTeamsDrawn: z
    .object({
      drawnAt: instant,
      boxes: z
        .array(z.object({ box: boxNumber, seal: text(1, 40) }).strict())
        .min(1)
        .max(MAX_MOBILE_BOXES),
      teams: z
        .array(
          z
            .object({
              team: teamNumber,
              memberIds: z.array(memberId).min(1).max(20),
              /** The identification operator (State Registration Service) going with the team. */
              operatorName: text(1, 200),
              boxes: z.array(boxNumber).min(1).max(MAX_MOBILE_BOXES),
            })
            .strict(),
        )
        .min(1)
        .max(MAX_MOBILE_BOXES),
    })
    .strict(),

  /** Ballots handed to a team against signature. */
  MobileBallotsHanded: z
    .object({
      team: teamNumber,
      count: z.number().int().min(1).max(10_000),
      handedAt: instant,
      handedBy: memberId,
      receivedBy: memberId,
    })
    .strict(),

  /** A team leaves the premises with its boxes. */
  MobileTeamDeparted: z.object({ team: teamNumber, departedAt: instant }).strict(),

  /** A visit to a register entry. Each spoiled ballot was replaced by a new one. */
  MobileVisitRecorded: z
    .object({
      team: teamNumber,
      number: entryNumber,
      voterId,
      visitedAt: instant,
      outcome: z.enum(VISIT_OUTCOMES),
      outcomeText: z.string().trim().max(500).default(''),
      /** Ballots handed to the voter that went into the box: 1 when voted, else 0. */
      ballotsIssued: count(1),
      /** Ballots spoiled by the voter (each replaced). */
      ballotsSpoiled: count(5),
      /** The box the ballot went into, when voted. */
      box: boxNumber.nullable().default(null),
    })
    .strict()
    .superRefine((v, ctx) => {
      if (v.outcome === 'other' && v.outcomeText.trim() === '') ctx.addIssue({ code: 'custom', path: ['outcomeText'], message: 'outcome-text-required' });
    }),

  /** A team back at the premises: the unused ballots it returns, and the seals of its boxes as found. */
  MobileTeamReturned: z
    .object({
      team: teamNumber,
      returnedAt: instant,
      ballotsReturned: count(10_000),
      seals: z.array(z.object({ box: boxNumber, seal: text(1, 40) }).strict()).max(MAX_MOBILE_BOXES).default([]),
    })
    .strict(),

  /**
   * The commission's explanation of a team's ballot difference (taken ≠ issued + spoiled +
   * returned). It pins the difference it explains: if the numbers change, the flag comes back.
   */
  MobileDiscrepancyExplained: z
    .object({
      team: teamNumber,
      difference: z.number().int().min(-100_000).max(100_000),
      explanation: text(10, 2000),
    })
    .strict(),
} as const;

export type OutPremisesEventType = keyof typeof outPremisesPayloadSchemas;
export const OUT_PREMISES_EVENT_TYPES = Object.keys(outPremisesPayloadSchemas) as OutPremisesEventType[];
export type OutPremisesPayload<T extends OutPremisesEventType> = z.infer<(typeof outPremisesPayloadSchemas)[T]>;
export type OutPremisesPayloadInput<T extends OutPremisesEventType> = z.input<(typeof outPremisesPayloadSchemas)[T]>;

export function isOutPremisesEventType(type: string): type is OutPremisesEventType {
  return Object.prototype.hasOwnProperty.call(outPremisesPayloadSchemas, type);
}

/**
 * The part of a stored event (shared/events/envelope.ts `StoredEvent`) the fold reads. Once the
 * schemas are in the catalog, a `StoredEvent` of one of these types fits this shape as it is.
 */
export type OutPremisesEvent<T extends OutPremisesEventType = OutPremisesEventType> = {
  [K in T]: { id: string; type: K; recordedAt: string; actor: string | null; payload: OutPremisesPayload<K> };
}[T];

/** Picks the out-of-premises events out of a mixed log (e.g. all `StoredEvent`s), keeping their type. */
export function isOutPremisesEvent<E extends { type: string }>(event: E): event is E & OutPremisesEvent {
  return isOutPremisesEventType(event.type);
}
