/**
 * Item 77 — the mobile boxes first: before the count, each mobile box is opened on its own, its
 * ballots counted against what its team issued into it (the visits of the register) and recorded
 * before they join the count. Pure rules and the event payload (spread into the catalog).
 */
import { z } from 'zod';
import type { VisitRecord } from '../outpremises/state';
import { err, ok, type Result } from '../util/result';

export const mobileCountPayloadSchemas = {
  /** A mobile box opened on its own and its ballots counted, before the stationary count. */
  MobileBoxCounted: z
    .object({
      box: z.number().int().min(1).max(3),
      ballotsFound: z.number().int().min(0).max(100_000),
      /** Seals as found on the box before opening it. */
      sealsIntact: z.boolean(),
      note: z.string().trim().max(500).default(''),
    })
    .strict(),
} as const;

export interface BoxExpectation {
  box: number;
  /** Ballots the team handed to voters who put them into this box (from the visits). */
  issued: number;
  /** Register entries whose visit ended "voted" into this box. */
  votedEntries: number;
}

/** What each box should hold, from the recorded visits. */
export function expectedByBox(boxes: readonly number[], visits: readonly VisitRecord[]): BoxExpectation[] {
  return boxes.map((box) => {
    const into = visits.filter((v) => v.box === box);
    return { box, issued: into.reduce((s, v) => s + v.ballotsIssued, 0), votedEntries: into.filter((v) => v.outcome === 'voted').length };
  });
}

export type BoxFinding =
  | { code: 'more-than-issued'; box: number; found: number; issued: number }
  | { code: 'fewer-than-issued'; box: number; found: number; issued: number }
  | { code: 'entries-differ'; box: number; issued: number; votedEntries: number }
  | { code: 'seals-broken'; box: number }
  | { code: 'counted-after-count-began'; box: number };

export interface CountedBox {
  box: number;
  ballotsFound: number;
  sealsIntact: boolean;
  /** Log position of the count, to judge the order against the stationary count. */
  order: number;
}

/**
 * Findings for each counted box: a box may not hold more ballots than were issued into it
 * (error, relation H ≤ D per box), fewer is a warning; issued ballots and "voted" entries should
 * agree; and each box must be counted before the stationary count began (`countBeganAt`, the log
 * position of the first manual-count fact, or null).
 */
export function judgeBoxes(expected: readonly BoxExpectation[], counted: readonly CountedBox[], countBeganAt: number | null): BoxFinding[] {
  const out: BoxFinding[] = [];
  for (const c of counted) {
    const e = expected.find((x) => x.box === c.box) ?? { box: c.box, issued: 0, votedEntries: 0 };
    if (!c.sealsIntact) out.push({ code: 'seals-broken', box: c.box });
    if (c.ballotsFound > e.issued) out.push({ code: 'more-than-issued', box: c.box, found: c.ballotsFound, issued: e.issued });
    else if (c.ballotsFound < e.issued) out.push({ code: 'fewer-than-issued', box: c.box, found: c.ballotsFound, issued: e.issued });
    if (e.issued !== e.votedEntries) out.push({ code: 'entries-differ', box: c.box, issued: e.issued, votedEntries: e.votedEntries });
    if (countBeganAt !== null && c.order > countBeganAt) out.push({ code: 'counted-after-count-began', box: c.box });
  }
  return out;
}

/** The protocol's line "ballots in mobile boxes" must equal the sum of the boxes counted first. */
export function mobileLineAgrees(lineValue: number | null, counted: readonly CountedBox[]): boolean | null {
  if (lineValue === null || counted.length === 0) return null;
  return lineValue === counted.reduce((s, c) => s + c.ballotsFound, 0);
}

// ---------------------------------------------------------------------------------------------
// The fold and the decision (recorded through the core's command)

export type MobileCountFact =
  | { type: 'MobileBoxCounted'; payload: z.infer<(typeof mobileCountPayloadSchemas)['MobileBoxCounted']>; recordedAt: string }
  | { type: 'ManualCountEntered'; recordedAt: string };

export const MOBILE_COUNT_FACT_TYPES = ['MobileBoxCounted', 'ManualCountEntered'] as const satisfies readonly MobileCountFact['type'][];

export interface MobileCountState {
  /** Each box counted, in log order; a box counts once (a later record of the same box is ignored). */
  counted: (CountedBox & { note: string; at: string })[];
  /** Log position of the first manual-count fact (the stationary count began), or null. */
  countBeganAt: number | null;
  /** Facts folded so far (the log position of the next one). */
  seen: number;
}

export const EMPTY_MOBILE_COUNT: MobileCountState = { counted: [], countBeganAt: null, seen: 0 };

export function evolveMobileCount(state: MobileCountState, fact: MobileCountFact): MobileCountState {
  const order = state.seen;
  const next = { ...state, seen: order + 1 };
  switch (fact.type) {
    case 'ManualCountEntered':
      return state.countBeganAt === null ? { ...next, countBeganAt: order } : next;
    case 'MobileBoxCounted': {
      const p = fact.payload;
      if (state.counted.some((c) => c.box === p.box)) return next;
      return { ...next, counted: [...state.counted, { box: p.box, ballotsFound: p.ballotsFound, sealsIntact: p.sealsIntact, note: p.note, order, at: fact.recordedAt }] };
    }
    default: {
      const never: never = fact;
      return never;
    }
  }
}

export const foldMobileCount = (facts: readonly MobileCountFact[]): MobileCountState => facts.reduce(evolveMobileCount, EMPTY_MOBILE_COUNT);

/** Ballots found in the boxes counted first: line 8's figure to check; null when no box was counted. */
export function mobileBoxesTotal(state: MobileCountState): number | null {
  return state.counted.length === 0 ? null : state.counted.reduce((s, c) => s + c.ballotsFound, 0);
}

export type BoxCountRefusal = 'not-a-box' | 'already-counted' | 'invalid-number';

export interface BoxCountInput {
  box: number;
  /** As typed. */
  ballotsFound: string;
  sealsIntact: boolean;
  note: string;
}

/**
 * A box's count: only a box the teams took (the drawing), once each (a recount is a matter for
 * the commission's decision, not a second record), a whole number of ballots. What the box's count
 * reveals (more than issued, seals broken, the stationary count already begun) is said as warnings,
 * never a refusal: the record must show what was found.
 */
export function decideBoxCount(
  state: MobileCountState,
  input: BoxCountInput,
  expected: readonly BoxExpectation[],
): Result<{ payload: z.infer<(typeof mobileCountPayloadSchemas)['MobileBoxCounted']>; warnings: BoxFinding[] }, BoxCountRefusal[]> {
  const refusals: BoxCountRefusal[] = [];
  if (!expected.some((e) => e.box === input.box)) refusals.push('not-a-box');
  if (state.counted.some((c) => c.box === input.box)) refusals.push('already-counted');
  const typed = input.ballotsFound.trim();
  const parsed = mobileCountPayloadSchemas.MobileBoxCounted.safeParse({ box: input.box, ballotsFound: /^\d+$/u.test(typed) ? Number(typed) : NaN, sealsIntact: input.sealsIntact, note: input.note });
  if (!parsed.success) refusals.push(parsed.error.issues.some((i) => i.path[0] === 'box') ? 'not-a-box' : 'invalid-number');
  if (refusals.length > 0 || !parsed.success) return err([...new Set(refusals)]);
  const warnings = judgeBoxes(expected, [{ box: input.box, ballotsFound: parsed.data.ballotsFound, sealsIntact: input.sealsIntact, order: state.seen }], state.countBeganAt);
  return ok({ payload: parsed.data, warnings });
}
