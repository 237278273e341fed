/**
 * The act of handing the documents over to the territorial commission (calendar item 86): which
 * documents were handed (each tick a recorded fact, never kept only on screen), who of the
 * commission escorted them and who received them for the territorial commission, and when — the
 * command's one clock reading. The printed act is drawn from these facts.
 */
import { z } from 'zod';
import { addDays } from '../time/date';
import { zonedToInstant } from '../time/zone';
import { err, ok, type Result } from '../util/result';

/** The documents of the act, in the printed order [inferred: domain.md §5–6 and Russian practice]. */
export const HANDOVER_ITEMS = [
  'protocol', 'list', 'register', 'applications', 'actBallots', 'unused', 'spoiled', 'valid', 'invalid', 'aeu', 'receipts', 'copies', 'seals',
] as const;
export type HandoverItem = (typeof HANDOVER_ITEMS)[number];

const memberId = z.string().min(1).max(80);

export const handoverPayloadSchemas = {
  /** A document of the handover act ticked as handed (or the tick taken back). */
  HandoverItemMarked: z.object({ item: z.enum(HANDOVER_ITEMS), handed: z.boolean() }).strict(),
  /** The documents handed over: the members escorting them, the person receiving them, the time. */
  HandoverRecorded: z
    .object({
      escort: z.array(memberId).min(1).max(10),
      /** Others escorting: candidates' representatives, the police (names as written). */
      escortOthers: z.string().trim().max(400).optional(),
      receiver: z.string().trim().min(1).max(200),
      /** Packet numbers and seal numbers of what was handed over, as written on them. */
      packets: z.string().trim().max(400).optional(),
      seals: z.string().trim().max(400).optional(),
      at: z.iso.datetime({ offset: true }),
    })
    .strict(),
} as const;

export type HandoverPayload<T extends keyof typeof handoverPayloadSchemas> = z.infer<(typeof handoverPayloadSchemas)[T]>;
export const HANDOVER_EVENT_TYPES = Object.keys(handoverPayloadSchemas) as (keyof typeof handoverPayloadSchemas)[];

export type HandoverFact =
  | { type: 'HandoverItemMarked'; payload: HandoverPayload<'HandoverItemMarked'>; actor?: string | null; recordedAt?: string }
  | { type: 'HandoverRecorded'; payload: HandoverPayload<'HandoverRecorded'>; actor?: string | null; recordedAt?: string };

export interface HandoverState {
  /** The items ticked as handed (the latest mark of each stands). */
  handed: ReadonlySet<HandoverItem>;
  /** Null until the handover is recorded; a later record (a correction) replaces it. */
  recorded: HandoverPayload<'HandoverRecorded'> | null;
}

export const EMPTY_HANDOVER: HandoverState = { handed: new Set(), recorded: null };

export function evolveHandover(state: HandoverState, fact: HandoverFact): HandoverState {
  switch (fact.type) {
    case 'HandoverItemMarked': {
      const handed = new Set(state.handed);
      if (fact.payload.handed) handed.add(fact.payload.item);
      else handed.delete(fact.payload.item);
      return { ...state, handed };
    }
    case 'HandoverRecorded':
      return { ...state, recorded: fact.payload };
    default: {
      const never: never = fact;
      return never;
    }
  }
}

export function foldHandover(facts: readonly HandoverFact[]): HandoverState {
  return facts.reduce(evolveHandover, EMPTY_HANDOVER);
}

export type HandoverRefusal = { code: 'unchanged' | 'no-escort' | 'unknown-member' | 'no-receiver' | 'nothing-handed' };

/** A tick: refused when it changes nothing (a second click of the same tick records nothing). */
export function decideItemMark(state: HandoverState, item: HandoverItem, handed: boolean): Result<HandoverPayload<'HandoverItemMarked'>, HandoverRefusal> {
  if (state.handed.has(item) === handed) return err({ code: 'unchanged' });
  return ok({ item, handed });
}

/**
 * The handover itself: at least one member of the commission escorting, a receiver named, at least
 * one document ticked; the time is `now`, the command's one clock reading.
 */
export function decideHandover(
  state: HandoverState,
  input: HandoverInput,
  members: readonly { id: string }[],
  now: Date,
): Result<HandoverPayload<'HandoverRecorded'>, HandoverRefusal[]> {
  const refusals: HandoverRefusal[] = [];
  const escort = [...new Set(input.escort)];
  if (escort.length === 0) refusals.push({ code: 'no-escort' });
  if (escort.some((id) => !members.some((m) => m.id === id))) refusals.push({ code: 'unknown-member' });
  const receiver = input.receiver.trim();
  if (receiver === '' || receiver.length > 200) refusals.push({ code: 'no-receiver' });
  if (state.handed.size === 0) refusals.push({ code: 'nothing-handed' });
  const extra = (v: string | undefined) => (v ?? '').trim().slice(0, 400);
  const escortOthers = extra(input.escortOthers);
  const packets = extra(input.packets);
  const seals = extra(input.seals);
  if (refusals.length > 0) return err(refusals);
  return ok({
    escort, receiver, at: now.toISOString(),
    ...(escortOthers ? { escortOthers } : {}), ...(packets ? { packets } : {}), ...(seals ? { seals } : {}),
  });
}

/** What the person recording the handover types. */
export interface HandoverInput {
  escort: readonly string[];
  escortOthers?: string;
  receiver: string;
  packets?: string;
  seals?: string;
}

/**
 * Precincts abroad are numbered from 9001 (seed 000: "ТИМ (Чет өлкөлөрдөгү шайлоо участоктору)",
 * 9001–9051 in 2017).
 */
export const isAbroad = (precinct: { number: number }): boolean => precinct.number >= 9001;

/** The receiving body, route and deadline of the handover; null where the CEC's instruction decides. */
export interface HandoverTerms {
  receiver: string | null;
  route: string | null;
  deadline: Date | null;
  abroad: boolean;
}

/**
 * The handover's terms for a precinct: what its bundle says; otherwise, at home, the territorial
 * commission by 06:00 the morning after voting day (calendar item 86); abroad, nothing is assumed
 * (the 06:00 rule is written for a territorial commission nearby) and the paper says "per CEC
 * instruction".
 */
export function handoverTerms(
  precinct: { number: number; territorialCommission: string; timeZone: string; handover?: { receiver?: string; route?: string; deadline?: { daysAfterVotingDay: number; time: string } } },
  votingDay: string,
): HandoverTerms {
  const abroad = isAbroad(precinct);
  const h = precinct.handover;
  const deadline = h?.deadline
    ? zonedToInstant(addDays(votingDay, h.deadline.daysAfterVotingDay), h.deadline.time, precinct.timeZone)
    : abroad ? null : zonedToInstant(addDays(votingDay, 1), '06:00', precinct.timeZone);
  return { receiver: h?.receiver ?? (abroad ? null : precinct.territorialCommission), route: h?.route ?? null, deadline, abroad };
}
