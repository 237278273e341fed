/**
 * The control-relation engine: evaluates an expanded form's relations over the line values (and,
 * when given, the ballot ledger) and returns findings with the arithmetic, so the screen can say
 * "line 2 is 1 200, but lines 3 + 4 + 6 + 7 make 1 198 (difference 2)" in the UI language.
 *
 * - A blank line gives one 'line-missing' finding (error) and every relation that needs it is left
 *   unchecked; a value that is not a whole number from 0 to MAX_COUNT gives 'line-invalid' (error). Never throws.
 * - A relation that names a ledger figure is checked only when a ledger is given and the figure is
 *   known (e.g. `cancelled` only after the cancellation act).
 * - The figures typed on the protocol are compared line by line with the recorded manual count
 *   ('manual-differs') and with the АЭУ preliminary report ('aeu-differs'), one warning per differing
 *   line, each figure named by its source (the manual count prevails over the АЭУ, Art 39(1)).
 *
 * Message keys: `protocol:finding.<code>` (placeholders `leftLines`, `rightLines`, `left`, `right`,
 * `difference` — always ≥ 0, `line`, `aeu`, `manual`), explanation: the relation's explanation key.
 */
import type { ExpandedForm, FormLine, RelationOp, ResolvedRelation, ResolvedTerm, Severity } from './form';
import { MAX_COUNT } from './events';
import { ledgerFigure, type LedgerFigures } from './ledger';

export const ENGINE_FINDING_CODES = ['line-missing', 'line-invalid', 'aeu-differs', 'manual-differs'] as const;
export type EngineFindingCode = (typeof ENGINE_FINDING_CODES)[number];

export type LineValues = Readonly<Record<string, number | null | undefined>>;

export interface Finding {
  /** A relation's code, or one of ENGINE_FINDING_CODES. */
  code: string;
  severity: Severity;
  /** Line keys to highlight. */
  lines: string[];
  /** The left side's sum (line-missing / line-invalid: 0). */
  left: number;
  /** The right side's sum, scaled by the ratio (for ≤ rounded down, for ≥ rounded up). */
  right: number;
  /** left − right (signed). */
  difference: number;
  /** Message placeholders; `difference` here is the absolute value. */
  params: Record<string, string | number>;
  /** `protocol:finding.<code>`. */
  messageKey: string;
  /** The relation's explanation key (engine codes: `protocol:explanation.<code>`). */
  explanation: string;
}

export const findingMessageKey = (code: string): string => `protocol:finding.${code}`;

/**
 * Whole numbers from 0 to MAX_COUNT only (a protocol line is a count of a precinct's voters or
 * ballots): the same bound as the events' schema, so a figure judged here is one a draft, an entry or
 * the signed protocol can hold.
 */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_COUNT;
}

/** Printed numbers of the lines a side names: "3 + 4 + 6", runs of three or more as "12–15". */
export function formatTerms(terms: readonly ResolvedTerm[], byKey: ReadonlyMap<string, FormLine>): string {
  const parts: { n: number; coef: number }[] = [];
  for (const t of terms) {
    if (!('line' in t)) continue;
    const line = byKey.get(t.line);
    if (line) parts.push({ n: line.number, coef: t.coef });
  }
  const out: string[] = [];
  let i = 0;
  while (i < parts.length) {
    const p = parts[i]!;
    let j = i;
    while (p.coef === 1 && j + 1 < parts.length && parts[j + 1]!.coef === 1 && parts[j + 1]!.n === parts[j]!.n + 1) j += 1;
    const sign = p.coef < 0 ? '− ' : out.length > 0 ? '+ ' : '';
    const mult = Math.abs(p.coef) !== 1 ? `${Math.abs(p.coef)}×` : '';
    if (j - i >= 2) {
      out.push(`${sign}${p.n}–${parts[j]!.n}`);
      i = j + 1;
    } else {
      out.push(`${sign}${mult}${p.n}`);
      i += 1;
    }
  }
  return out.join(' ').trim();
}

function compare(a: number, op: RelationOp, b: number): boolean {
  switch (op) {
    case '=': return a === b;
    case '<=': return a <= b;
    case '>=': return a >= b;
    case '<': return a < b;
    case '>': return a > b;
    default: {
      const never: never = op;
      return never;
    }
  }
}

/** The scaled right side for display: the bound the left side had to respect. */
function displayRight(right: number, ratio: { num: number; den: number }, op: RelationOp): number {
  if (ratio.num === ratio.den) return right;
  const scaled = right * ratio.num;
  if (op === '<=' || op === '<') return Math.floor(scaled / ratio.den);
  if (op === '>=' || op === '>') return Math.ceil(scaled / ratio.den);
  return Math.round((scaled / ratio.den) * 1000) / 1000;
}

function sumSide(terms: readonly ResolvedTerm[], values: ReadonlyMap<string, number>, ledger: LedgerFigures | undefined): number | null {
  let sum = 0;
  for (const t of terms) {
    let v: number | null | undefined;
    if ('line' in t) v = values.get(t.line);
    else v = ledger ? ledgerFigure(ledger, t.ledger) : null;
    if (v === null || v === undefined) return null;
    sum += t.coef * v;
  }
  return sum;
}

function evaluateRelation(
  rel: ResolvedRelation,
  values: ReadonlyMap<string, number>,
  ledger: LedgerFigures | undefined,
  byKey: ReadonlyMap<string, FormLine>,
): Finding | null {
  if (rel.left.length === 0 || rel.right.length === 0) return null;
  const l = sumSide(rel.left, values, ledger);
  const r = sumSide(rel.right, values, ledger);
  if (l === null || r === null) return null;
  if (compare(l * rel.ratio.den, rel.op, r * rel.ratio.num)) return null;
  const right = displayRight(r, rel.ratio, rel.op);
  const difference = l - right;
  return {
    code: rel.code,
    severity: rel.severity,
    lines: rel.lines,
    left: l,
    right,
    difference,
    params: {
      leftLines: formatTerms(rel.left, byKey),
      rightLines: formatTerms(rel.right, byKey),
      left: l,
      right,
      difference: Math.abs(difference),
      // i18next picks the plural form of the counted noun by `count` ("1 бюллетень", "5 бюллетеней").
      count: Math.abs(difference),
      rightBase: r,
    },
    messageKey: findingMessageKey(rel.code),
    explanation: rel.explanation,
  };
}

/**
 * Every finding for these values, in order: blank and invalid lines (form order), relations
 * (definition order), АЭУ differences (form order).
 */
export function evaluate(form: ExpandedForm, values: LineValues, ledger?: LedgerFigures): Finding[] {
  const byKey = new Map(form.lines.map((l) => [l.key, l]));
  const good = new Map<string, number>();
  const findings: Finding[] = [];
  for (const line of form.lines) {
    const v = Object.prototype.hasOwnProperty.call(values, line.key) ? values[line.key] : undefined;
    if (v === null || v === undefined) {
      findings.push(engineFinding('line-missing', 'error', line, 0, 0));
    } else if (!isCount(v)) {
      findings.push(engineFinding('line-invalid', 'error', line, 0, 0, { value: String(v) }));
    } else {
      good.set(line.key, v);
    }
  }
  // A relation that fails with the very figures of one already reported (same lines, comparison
  // and numbers: line 2 above the list + 0.1 % as typed and as received by act) is said once.
  const said = new Set<string>();
  for (const rel of form.relations) {
    const f = evaluateRelation(rel, good, ledger, byKey);
    if (!f) continue;
    const signature = [rel.severity, rel.op, `${rel.ratio.num}/${rel.ratio.den}`, [...f.lines].sort().join(','), f.left, f.right].join('|');
    if (said.has(signature)) continue;
    said.add(signature);
    findings.push(f);
  }
  // Each figure named by its source: the figure typed on the protocol, the recorded manual count,
  // the АЭУ report — never one for another (a typed 38 is not "the manual count" when it says 40).
  const manualCount = ledger?.manualCount ?? null;
  for (const line of form.lines) {
    const typed = good.get(line.key);
    const counted = manualCount?.[line.key];
    if (typed === undefined || counted === undefined || typed === counted) continue;
    findings.push(engineFinding('manual-differs', 'warning', line, typed, counted, { typed, manual: counted }));
  }
  const aeu = ledger?.aeu?.values;
  if (aeu) {
    for (const line of form.lines) {
      const typed = good.get(line.key);
      const machine = aeu[line.key];
      if (typed === undefined || machine === undefined || typed === machine) continue;
      const counted = manualCount?.[line.key];
      findings.push(engineFinding('aeu-differs', 'warning', line, typed, machine, { typed, aeu: machine, ...(counted === undefined ? {} : { manual: counted }) }));
    }
  }
  return findings;
}

function engineFinding(
  code: EngineFindingCode,
  severity: Severity,
  line: FormLine,
  left: number,
  right: number,
  extra: Record<string, string | number> = {},
): Finding {
  return {
    code,
    severity,
    lines: [line.key],
    left,
    right,
    difference: left - right,
    params: { line: line.number, left, right, difference: Math.abs(left - right), count: Math.abs(left - right), ...extra },
    messageKey: findingMessageKey(code),
    explanation: `protocol:explanation.${code}`,
  };
}

/** Error-level findings: these block signing unless the chair overrides. */
export const errorsOf = (findings: readonly Finding[]): Finding[] => findings.filter((f) => f.severity === 'error');
export const warningsOf = (findings: readonly Finding[]): Finding[] => findings.filter((f) => f.severity === 'warning');

/** Every finding code a form can produce (for locale coverage and for the UI's legend). */
export function findingCodes(form: { relations: readonly { code: string }[] }): string[] {
  return [...ENGINE_FINDING_CODES, ...form.relations.map((r) => r.code)];
}
