/**
 * The election as the precinct commission sees it: the election, the precinct, the commission's
 * members and the candidates in ballot order. Schemas are the single source of truth (zod at every
 * boundary: bundle files, events, the center).
 */
import { z } from 'zod';
import { approvedDatesSchema } from '../calendar/approved';
import { compareTimes, isIsoDate, isTimeOfDay } from '../time/date';
import { isValidTimeZone } from '../time/zone';
import { checkFormDefinition, formDefinitionSchema, type FormDefinition } from '../protocol/form';

export const isoDateSchema = z.string().refine((v) => isIsoDate(v), { message: 'invalid-date' });
export const timeOfDaySchema = z.string().refine((v) => isTimeOfDay(v), { message: 'invalid-time' });
/** A closing time: 'HH:MM', or '24:00' for the end of the day (the last minute, 23:59, still open). */
export const closingTimeSchema = z.string().refine((v) => isTimeOfDay(v, true), { message: 'invalid-time' });
export const timeZoneSchema = z.string().refine((v) => isValidTimeZone(v), { message: 'invalid-time-zone' });
/**
 * True when `date` is a real date on or after `limit` (also a real date). The object refinements
 * run even when a field already failed; a date typed wrong is reported by its own field only.
 */
export function isOnOrAfter(date: string, limit: string): boolean {
  return isIsoDate(date) && isIsoDate(limit) && date >= limit;
}
const idSchema = z.string().min(1).max(80).regex(/^[A-Za-z0-9._:-]+$/u, { message: 'invalid-id' });
const text = (max: number) => z.string().trim().min(1, { message: 'required' }).max(max, { message: 'too-long' });

export const localizedTextSchema = z
  .object({ ky: text(300), ru: text(300).optional(), en: text(300).optional() })
  .strict();
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const ELECTION_TYPES = ['presidential'] as const;

export const electionSchema = z
  .object({
    id: idSchema,
    type: z.enum(ELECTION_TYPES),
    name: localizedTextSchema,
    votingDay: isoDateSchema,
    /** The day the election was called: anchors calendar items counted from the call. */
    electionCallDate: isoDateSchema.nullable().default(null),
    /**
     * Local opening hours of the polling station: opening inclusive, closing exclusive. A station
     * open until the end of the day closes at '24:00' (shown 23:59, as every end of a day).
     */
    votingHours: z
      .object({ from: timeOfDaySchema, to: closingTimeSchema })
      .strict()
      .default({ from: '08:00', to: '20:00' }),
    /** Times of day at which turnout is reported to the center. */
    turnoutReportTimes: z.array(timeOfDaySchema).max(24).default(['10:00', '13:00', '16:00', '17:00', '20:00']),
    /** The CEC's approved dates for calendar items, when the bundle carries them (shown and used; a rule that disagrees is flagged). */
    calendarApproved: approvedDatesSchema.optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.electionCallDate && isOnOrAfter(e.electionCallDate, e.votingDay)) {
      ctx.addIssue({ code: 'custom', path: ['electionCallDate'], message: 'call-after-voting-day' });
    }
    const { from, to } = e.votingHours;
    // (A bad time is reported by its own field; the refinement still runs, so it is compared only when both are times.)
    if (isTimeOfDay(from) && isTimeOfDay(to, true) && compareTimes(from, to) >= 0) {
      ctx.addIssue({ code: 'custom', path: ['votingHours'], message: 'hours-order' });
    }
  });
export type Election = z.infer<typeof electionSchema>;

export const precinctSchema = z
  .object({
    number: z.number().int().min(1).max(99999),
    name: text(200),
    address: text(400),
    territorialCommission: text(200),
    timeZone: timeZoneSchema,
    /** Voters on the list as announced in the bundle (the imported list is the authority later). */
    voterCount: z.number().int().min(0).max(1_000_000).nullable().default(null),
    /**
     * The day the precinct commission was formed, when known: written applications to vote outside
     * the premises are taken from then (calendar item 69) until three days before voting day.
     */
    formedOn: isoDateSchema.nullable().default(null),
    /**
     * Where the documents go after the count (calendar item 86), when the CEC's instruction for this
     * precinct says so: the receiving body, the route and the deadline (local time, days after voting
     * day). A precinct at home without it hands over to its territorial commission by 06:00 the next
     * morning; a precinct abroad without it is printed "per CEC instruction" (shared/handover).
     */
    handover: z
      .object({
        receiver: text(300).optional(),
        route: text(600).optional(),
        deadline: z.object({ daysAfterVotingDay: z.number().int().min(0).max(30), time: timeOfDaySchema }).strict().optional(),
      })
      .strict()
      .optional(),
    /**
     * Form 2 (calendar item 43) at this precinct as the CEC sets it for this election (bundle format
     * 2): where it is handed in (abroad: the consulate) and its own deadline, local time (the whole day
     * when no time is given). The rule changes from election to election, so it is data, not code: it
     * replaces the approved date and the plan's rule for this precinct in the register, the calendar
     * and the prints. Absent in bundles of format 1 and in setups recorded before it.
     */
    form2: z
      .object({
        place: text(300).optional(),
        deadline: z.object({ date: isoDateSchema, time: timeOfDaySchema.optional() }).strict().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Precinct = z.infer<typeof precinctSchema>;

export const MEMBER_ROLES = ['chair', 'deputy', 'secretary', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const memberSchema = z
  .object({ id: idSchema, name: text(200), role: z.enum(MEMBER_ROLES) })
  .strict();
export type Member = z.infer<typeof memberSchema>;

export const candidateSchema = z
  .object({
    id: idSchema,
    /** Place on the ballot, 1 = first line; drawn by lot. */
    position: z.number().int().min(1).max(200),
    surname: text(100),
    name: text(100),
    patronymic: z.string().trim().max(100).default(''),
    birthYear: z.number().int().min(1900).max(2100).nullable().default(null),
    nominatedBy: z.string().trim().max(300).default(''),
    /**
     * The candidate withdrew (or the registration was cancelled) after the ballots were printed
     * (domain.md §9.1–9.2): the name stays on the ballot and the line on the protocol form; how the
     * marks for them count is unconfirmed (training treats them as invalid). Absent in bundles
     * written before this field, which parse as before.
     */
    withdrawn: z.object({ date: isoDateSchema, note: z.string().trim().max(300).default('') }).strict().optional(),
  })
  .strict();
export type Candidate = z.infer<typeof candidateSchema>;

/** Rules that apply to a whole list of members. */
export function memberListIssues(members: readonly Member[]): { index: number; field: string; code: string }[] {
  const issues: { index: number; field: string; code: string }[] = [];
  const ids = new Set<string>();
  members.forEach((m, index) => {
    if (ids.has(m.id)) issues.push({ index, field: 'id', code: 'duplicate-id' });
    ids.add(m.id);
  });
  for (const role of ['chair', 'secretary'] as const) {
    const holders = members.map((m, i) => ({ m, i })).filter(({ m }) => m.role === role);
    holders.slice(1).forEach(({ i }) => issues.push({ index: i, field: 'role', code: `second-${role}` }));
  }
  return issues;
}

/** Rules that apply to the candidates as a ballot. */
export function candidateListIssues(candidates: readonly Candidate[]): { index: number; field: string; code: string }[] {
  const issues: { index: number; field: string; code: string }[] = [];
  const positions = new Map<number, number>();
  const ids = new Set<string>();
  candidates.forEach((c, index) => {
    if (positions.has(c.position)) issues.push({ index, field: 'position', code: 'duplicate-position' });
    positions.set(c.position, index);
    if (ids.has(c.id)) issues.push({ index, field: 'id', code: 'duplicate-id' });
    ids.add(c.id);
  });
  return issues;
}

export function sortByBallotOrder(candidates: readonly Candidate[]): Candidate[] {
  return [...candidates].sort((a, b) => a.position - b.position);
}

/** Everything the commission has set up: the projection the screens read. */
export interface ElectionSetup {
  election: Election;
  precinct: Precinct;
  members: Member[];
  candidates: Candidate[];
  againstAll: boolean;
  /** Where the setup came from. */
  source: SetupSource;
  /** The protocol form the election bundle supplied; the built-in form when absent. */
  protocolForm?: FormDefinition;
}

export const setupSourceSchema = z
  .object({
    kind: z.enum(['bundle', 'demo', 'manual']),
    bundleHash: z.string().regex(/^[0-9a-f]{64}$/u).nullable(),
    bundleVersion: z.number().int().min(1).nullable(),
    fileName: z.string().max(260).nullable(),
  })
  .strict();
export type SetupSource = z.infer<typeof setupSourceSchema>;

export const electionSetupSchema = z
  .object({
    election: electionSchema,
    precinct: precinctSchema,
    members: z.array(memberSchema).max(50),
    candidates: z.array(candidateSchema).max(200),
    againstAll: z.boolean(),
    source: setupSourceSchema,
    protocolForm: formDefinitionSchema.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.protocolForm) {
      const checked = checkFormDefinition(s.protocolForm);
      if (!checked.ok) for (const p of checked.error) ctx.addIssue({ code: 'custom', path: ['protocolForm', ...p.path.split('.').filter((x) => x !== '')], message: 'invalid-protocol-form' });
    }
    if (s.precinct.formedOn && isOnOrAfter(s.precinct.formedOn, s.election.votingDay)) ctx.addIssue({ code: 'custom', path: ['precinct', 'formedOn'], message: 'formed-after-voting-day' });
    for (const i of memberListIssues(s.members)) ctx.addIssue({ code: 'custom', path: ['members', i.index, i.field], message: i.code });
    for (const i of candidateListIssues(s.candidates)) ctx.addIssue({ code: 'custom', path: ['candidates', i.index, i.field], message: i.code });
  });
