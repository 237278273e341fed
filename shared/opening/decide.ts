/**
 * The opening's decisions (item 72), pure: what may be recorded given the opening as stored. Each
 * returns the payload to record or why not (`Result`); `renderer/core/opening.ts` runs them through
 * the one command door, before and again inside the recording transaction.
 *
 * - Nothing is recorded after the opening act: the act closes the opening.
 * - The lot may be recorded again before the act (a correction replaces it), but not unchanged.
 * - The safe and the lists are recorded once; each box is sealed once; a mobile box is one the
 *   teams take (their drawing names how many), and not one that already went out with a team (it
 *   holds the ballots of the day before's voting outside the premises).
 * - The act needs every step before it.
 */
import type { Member } from '../election/model';
import { err, ok, type Result } from '../util/result';
import { canonicalJson } from '../util/canonical-json';
import { openingPayloadSchemas, type OpeningEventType, type OpeningPayload } from './events';
import { checkLot, openingMissing, type LotProblem, type OpeningState, type OpeningStep } from './rules';

export type OpeningRefusal =
  | { code: 'invalid'; field: string }
  | { code: 'lot'; problems: LotProblem[] }
  | { code: 'act-drawn-up' }
  | { code: 'unchanged' }
  | { code: 'already-recorded'; step: 'safe' | 'lists' }
  | { code: 'box-sealed'; box: 'stationary' | number }
  | { code: 'no-such-box'; box: number; boxes: number }
  | { code: 'box-used-outside'; box: number }
  | { code: 'missing'; steps: OpeningStep[] };

/** What a decision reads besides the opening: the members and the mobile boxes the teams take. */
export interface OpeningContext {
  members: readonly Member[];
  mobileBoxes: number;
  /** Mobile boxes a team already took out (the day before): not shown empty, not sealed again. */
  boxesOut?: readonly number[];
}

function parse<T extends OpeningEventType>(type: T, input: unknown): Result<OpeningPayload<T>, OpeningRefusal> {
  const parsed = openingPayloadSchemas[type].safeParse(input);
  if (!parsed.success) return err({ code: 'invalid', field: parsed.error.issues[0]?.path.join('.') ?? '' });
  // `parsed.data` is the output of exactly `type`'s schema; the indexed access loses that link.
  return ok(parsed.data as OpeningPayload<T>);
}

const lotKey = (p: { assignments: readonly { memberId: string; duty: string }[]; absent: readonly string[]; method: string }) =>
  canonicalJson({
    assignments: p.assignments.map((a) => `${a.memberId}\u0000${a.duty}`).sort(),
    absent: [...p.absent].sort(),
    method: p.method,
  });

/** The lot of duties: checked against the members; a correction before the act replaces it. */
export function decideLot(state: OpeningState, input: unknown, ctx: OpeningContext): Result<OpeningPayload<'OpeningDutiesDrawn'>, OpeningRefusal> {
  const parsed = parse('OpeningDutiesDrawn', input);
  if (!parsed.ok) return parsed;
  if (state.act) return err({ code: 'act-drawn-up' });
  const lot = checkLot(ctx.members, parsed.value.assignments, parsed.value.absent);
  if (!lot.ok) return err({ code: 'lot', problems: lot.error });
  if (state.duties && lotKey(state.duties) === lotKey(parsed.value)) return err({ code: 'unchanged' });
  return ok(parsed.value);
}

/** The safe opened: once, before the act. */
export function decideSafe(state: OpeningState, input: unknown): Result<OpeningPayload<'OpeningSafeOpened'>, OpeningRefusal> {
  const parsed = parse('OpeningSafeOpened', input);
  if (!parsed.ok) return parsed;
  if (state.act) return err({ code: 'act-drawn-up' });
  if (state.safe) return err({ code: 'already-recorded', step: 'safe' });
  return parsed;
}

/** The paper and electronic lists compared: once, before the act. */
export function decideListsCompared(state: OpeningState, input: unknown): Result<OpeningPayload<'OpeningListsCompared'>, OpeningRefusal> {
  const parsed = parse('OpeningListsCompared', input);
  if (!parsed.ok) return parsed;
  if (state.act) return err({ code: 'act-drawn-up' });
  if (state.lists) return err({ code: 'already-recorded', step: 'lists' });
  return parsed;
}

/** A box shown empty and sealed: each box once; a mobile box only one the teams take. */
export function decideBoxSealed(state: OpeningState, input: unknown, ctx: Pick<OpeningContext, 'mobileBoxes' | 'boxesOut'>): Result<OpeningPayload<'OpeningBoxSealed'>, OpeningRefusal> {
  const parsed = parse('OpeningBoxSealed', input);
  if (!parsed.ok) return parsed;
  const { box } = parsed.value;
  if (state.act) return err({ code: 'act-drawn-up' });
  if (box !== 'stationary' && box > ctx.mobileBoxes) return err({ code: 'no-such-box', box, boxes: ctx.mobileBoxes });
  if (box !== 'stationary' && (ctx.boxesOut ?? []).includes(box)) return err({ code: 'box-used-outside', box });
  if (state.boxes.some((b) => b.box === box)) return err({ code: 'box-sealed', box });
  return parsed;
}

/** The opening act: once, after every step (the lot, the safe, the lists, every box sealed). */
export function decideOpeningAct(state: OpeningState, input: unknown, ctx: Pick<OpeningContext, 'mobileBoxes' | 'boxesOut'>): Result<OpeningPayload<'OpeningActDrawnUp'>, OpeningRefusal> {
  const parsed = parse('OpeningActDrawnUp', input);
  if (!parsed.ok) return parsed;
  if (state.act) return err({ code: 'act-drawn-up' });
  const missing = openingMissing(state, ctx.mobileBoxes, ctx.boxesOut);
  if (missing.length > 0) return err({ code: 'missing', steps: missing });
  return parsed;
}

/** The decision for an opening fact of `type`. */
export function decideOpening<T extends OpeningEventType>(type: T, state: OpeningState, input: unknown, ctx: OpeningContext): Result<OpeningPayload<T>, OpeningRefusal> {
  const decided: Result<OpeningPayload<OpeningEventType>, OpeningRefusal> =
    type === 'OpeningDutiesDrawn' ? decideLot(state, input, ctx)
      : type === 'OpeningSafeOpened' ? decideSafe(state, input)
        : type === 'OpeningListsCompared' ? decideListsCompared(state, input)
          : type === 'OpeningBoxSealed' ? decideBoxSealed(state, input, ctx)
            : decideOpeningAct(state, input, ctx);
  // Each branch decides exactly `type`'s payload; TypeScript cannot narrow the generic by the test.
  return decided as Result<OpeningPayload<T>, OpeningRefusal>;
}
