/**
 * The results protocol's form as data: its lines (stable key, printed number, kind, labels in
 * ky/ru/en) and its control relations (a code, a formula over line keys, a severity, the lines to
 * highlight and an explanation key). The real 2017 form (annex to CEC Regulation No. 320) can be
 * loaded as JSON without code changes; `checkFormDefinition` refuses a definition that does not hold
 * together, with problem codes and params naming the line or relation, like the election bundle.
 *
 * Formulas are data, never code (no `eval`): a relation compares two sums of terms,
 *
 *   left op right × ratio        op ∈ { =, <=, >=, <, > },  ratio = num/den (default 1/1)
 *
 * and a term is one of
 *   'C'                                  the value of line C
 *   { line: 'N', coef: -1 }              a line with an integer coefficient (−N)
 *   { kind: 'candidate' }                every line of a kind (all candidate lines, after expansion)
 *   { ledger: 'issuedRoom' }             a figure of the ballot ledger (see `LEDGER_FIGURES`)
 *
 * e.g. `B = C + D + F + G` is `{ left: ['B'], op: '=', right: ['C', 'D', 'F', 'G'] }` and
 * `B ≤ A × 1.001` is `{ left: ['B'], op: '<=', right: ['A'], ratio: { num: 1001, den: 1000 } }`.
 * Comparisons are exact in integers (`den·left op num·right`), so 0.1 % of 1 000 is 1001 exactly.
 *
 * A definition has one placeholder line of kind 'candidate' (the candidate block) and at most one of
 * kind 'against-all'. `expandForm` puts one line per candidate, in ballot order, in place of the
 * placeholder and drops the against-all line when the election has none (a term on a dropped line is
 * dropped from the formula). Printed numbers follow: the definition's numbers are those of a form
 * with one candidate; lines after the block move down by (candidates − 1) and lines after a dropped
 * against-all line move up by one.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../util/result';
// Type only: the election model carries a form definition, so this module must not load it.
import type { Candidate } from '../election/model';

export const LINE_KINDS = ['count', 'candidate', 'against-all'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export const SEVERITIES = ['error', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RELATION_OPS = ['=', '<=', '>=', '<', '>'] as const;
export type RelationOp = (typeof RELATION_OPS)[number];

/** Ledger figures a relation may refer to (computed by `foldLedger`, see ledger.ts). */
export const LEDGER_FIGURES = [
  'received', 'issuedRoom', 'listPageSums', 'issuedOutside', 'spoiled', 'cancelled', 'remaining', 'listSize', 'mobileBoxes',
] as const;
export type LedgerFigureName = (typeof LEDGER_FIGURES)[number];

const LINE_KEY = /^[A-Za-z][A-Za-z0-9_.:-]{0,99}$/u;
export const lineKeySchema = z.string().regex(LINE_KEY, { message: 'invalid-key' });
const formIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,80}$/u, { message: 'invalid-id' });
const labelText = z.string().trim().min(1, { message: 'empty-label' }).max(300, { message: 'too-long' });

export const formLabelsSchema = z.object({ ky: labelText, ru: labelText, en: labelText }).strict();
export type FormLabels = z.infer<typeof formLabelsSchema>;

/**
 * Where the app already knows a line's figure, so it pre-fills it (a change then needs a reason):
 * the list (`list`), the ledger's acts (`received`, `cancelled`, `spoiled`), the desk (`desk`), the
 * out-of-premises register (`outside`), desk + outside (`took-part`), the manual count (`count`).
 */
export const LINE_SOURCES = ['list', 'received', 'desk', 'outside', 'took-part', 'cancelled', 'spoiled', 'count'] as const;
export type LineSource = (typeof LINE_SOURCES)[number];

export const formLineSchema = z
  .object({
    key: lineKeySchema,
    number: z.number().int().min(1).max(999),
    kind: z.enum(LINE_KINDS),
    label: formLabelsSchema,
    source: z.enum(LINE_SOURCES).optional(),
  })
  .strict();
export type FormLineDefinition = z.infer<typeof formLineSchema>;

const coefSchema = z.number().int().min(-1000).max(1000).refine((n) => n !== 0, { message: 'zero-coefficient' });

export const termSchema = z.union([
  lineKeySchema,
  z.object({ line: lineKeySchema, coef: coefSchema.optional() }).strict(),
  z.object({ kind: z.enum(LINE_KINDS), coef: coefSchema.optional() }).strict(),
  z.object({ ledger: z.enum(LEDGER_FIGURES), coef: coefSchema.optional() }).strict(),
]);
export type Term = z.infer<typeof termSchema>;

const CODE = /^[a-z][a-z0-9-]{0,59}$/u;

export const relationSchema = z
  .object({
    /** Stable code; also the finding code and the message key `protocol:finding.<code>`. */
    code: z.string().regex(CODE, { message: 'invalid-code' }),
    severity: z.enum(SEVERITIES),
    left: z.array(termSchema).min(1).max(300),
    op: z.enum(RELATION_OPS),
    right: z.array(termSchema).min(1).max(300),
    /** The right side is multiplied by num/den (e.g. 1001/1000 for "+0.1 %"). */
    ratio: z
      .object({ num: z.number().int().min(1).max(1_000_000), den: z.number().int().min(1).max(1_000_000) })
      .strict()
      .optional(),
    /** Line keys to highlight; default: every line the formula names. */
    lines: z.array(lineKeySchema).max(300).optional(),
    /** i18n key of the plain-language explanation (what it means, what to do). */
    explanation: z.string().regex(/^[a-zA-Z]+:[A-Za-z0-9_.-]{1,120}$/u, { message: 'invalid-explanation' }),
  })
  .strict();

/**
 * What the printed paper carries besides the lines, each switched on or off by the form definition
 * (an official form loaded in a bundle says which its paper has); absent means all off.
 * - `figuresInWords`: each figure also written in words ("жазуу менен / прописью");
 * - `twoCopiesStatement`: "drawn up in two copies" above the signatures;
 * - `signingTime`: the date and time of signing beside the signatures;
 * - `dissentMarks`: "dissenting opinion attached" at a dissenting member's signature.
 */
export const paperSchema = z
  .object({
    figuresInWords: z.boolean(),
    twoCopiesStatement: z.boolean(),
    signingTime: z.boolean(),
    dissentMarks: z.boolean(),
  })
  .strict();
export type PaperOptions = z.infer<typeof paperSchema>;
export const NO_PAPER_OPTIONS: PaperOptions = { figuresInWords: false, twoCopiesStatement: false, signingTime: false, dissentMarks: false };

/** The paper options of a form definition (all off when the definition says nothing). */
export function paperOf(def: { paper?: PaperOptions }): PaperOptions {
  return def.paper ?? NO_PAPER_OPTIONS;
}

export const formDefinitionSchema = z
  .object({
    id: formIdSchema,
    version: z.number().int().min(1).max(100_000),
    /** True while the lines are a best guess, not the official form. */
    provisional: z.boolean(),
    title: formLabelsSchema,
    lines: z.array(formLineSchema).min(1).max(100),
    relations: z.array(relationSchema).max(200),
    paper: paperSchema.optional(),
  })
  .strict();
export type FormDefinition = z.infer<typeof formDefinitionSchema>;

// ---------------------------------------------------------------------------------------------
// Checking a definition

export type FormProblemCode =
  | 'not-an-object'
  | 'required'
  | 'wrong-type'
  | 'unknown-field'
  | 'invalid-value'
  | 'invalid-key'
  | 'invalid-id'
  | 'invalid-code'
  | 'invalid-explanation'
  | 'empty-label'
  | 'too-long'
  | 'too-small'
  | 'too-big'
  | 'zero-coefficient'
  | 'bad-severity'
  | 'bad-kind'
  | 'bad-op'
  | 'bad-source'
  | 'duplicate-key'
  | 'duplicate-number'
  | 'duplicate-code'
  | 'unknown-line'
  | 'no-candidate-block'
  | 'second-candidate-block'
  | 'second-against-all'
  | 'candidate-line-in-formula';

export interface FormProblem {
  code: FormProblemCode;
  /** Dotted path of the field, e.g. `relations.2.right.1`. */
  path: string;
  /** What it concerns: `path`, `line` (key), `relation` (code), `number`, `field`. */
  params: Record<string, string | number>;
}

const CUSTOM = new Set<string>([
  'invalid-key', 'invalid-id', 'invalid-code', 'invalid-explanation', 'empty-label', 'too-long', 'zero-coefficient',
]);

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Names the relation (its code) or line (its key) a path points into, when it can. */
function context(input: unknown, path: readonly PropertyKey[]): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  if (path[0] === 'relations' && typeof path[1] === 'number') {
    const code = valueAt(input, ['relations', path[1], 'code']);
    params.relation = typeof code === 'string' ? code : `#${path[1] + 1}`;
  }
  if (path[0] === 'lines' && typeof path[1] === 'number') {
    const key = valueAt(input, ['lines', path[1], 'key']);
    params.line = typeof key === 'string' ? key : `#${path[1] + 1}`;
  }
  const last = path[path.length - 1];
  if (typeof last === 'string') params.field = last;
  return params;
}

function problemsFromZod(error: z.ZodError, input: unknown): FormProblem[] {
  return error.issues.map((issue): FormProblem => {
    const path = issue.path.map(String).join('.');
    const params = context(input, issue.path);
    if (CUSTOM.has(issue.message)) return { code: issue.message as FormProblemCode, path, params };
    const last = issue.path[issue.path.length - 1];
    if (issue.code === 'invalid_value' || (issue.code === 'invalid_union' && last !== undefined)) {
      if (last === 'severity') return { code: 'bad-severity', path, params };
      if (last === 'kind') return { code: 'bad-kind', path, params };
      if (last === 'op') return { code: 'bad-op', path, params };
      if (last === 'source') return { code: 'bad-source', path, params };
    }
    switch (issue.code) {
      case 'invalid_type':
        return { code: valueAt(input, issue.path) === undefined ? 'required' : 'wrong-type', path, params };
      case 'unrecognized_keys':
        return { code: 'unknown-field', path, params: { ...params, field: issue.keys.join(', ') } };
      case 'too_small':
        return { code: 'too-small', path, params };
      case 'too_big':
        return { code: 'too-big', path, params };
      default:
        return { code: 'invalid-value', path, params };
    }
  });
}

/** The structural rules zod cannot say: unique keys, numbers and codes; formulas name real lines. */
function crossProblems(def: FormDefinition): FormProblem[] {
  const problems: FormProblem[] = [];
  const keys = new Map<string, FormLineDefinition>();
  const numbers = new Set<number>();
  let candidateBlocks = 0;
  let againstAll = 0;
  def.lines.forEach((line, i) => {
    if (keys.has(line.key)) problems.push({ code: 'duplicate-key', path: `lines.${i}.key`, params: { line: line.key } });
    keys.set(line.key, line);
    if (numbers.has(line.number)) {
      problems.push({ code: 'duplicate-number', path: `lines.${i}.number`, params: { line: line.key, number: line.number } });
    }
    numbers.add(line.number);
    if (line.kind === 'candidate' && ++candidateBlocks > 1) {
      problems.push({ code: 'second-candidate-block', path: `lines.${i}.kind`, params: { line: line.key } });
    }
    if (line.kind === 'against-all' && ++againstAll > 1) {
      problems.push({ code: 'second-against-all', path: `lines.${i}.kind`, params: { line: line.key } });
    }
  });
  if (candidateBlocks === 0) problems.push({ code: 'no-candidate-block', path: 'lines', params: {} });

  const codes = new Set<string>();
  def.relations.forEach((rel, r) => {
    if (codes.has(rel.code)) problems.push({ code: 'duplicate-code', path: `relations.${r}.code`, params: { relation: rel.code } });
    codes.add(rel.code);
    for (const side of ['left', 'right'] as const) {
      rel[side].forEach((term, t) => {
        const key = typeof term === 'string' ? term : 'line' in term ? term.line : null;
        if (key === null) return;
        const line = keys.get(key);
        if (!line) {
          problems.push({ code: 'unknown-line', path: `relations.${r}.${side}.${t}`, params: { relation: rel.code, line: key } });
        } else if (line.kind === 'candidate') {
          // The placeholder stands for many lines: name them all with { kind: 'candidate' }.
          problems.push({ code: 'candidate-line-in-formula', path: `relations.${r}.${side}.${t}`, params: { relation: rel.code, line: key } });
        }
      });
    }
    (rel.lines ?? []).forEach((key, l) => {
      if (!keys.has(key)) problems.push({ code: 'unknown-line', path: `relations.${r}.lines.${l}`, params: { relation: rel.code, line: key } });
    });
  });
  return problems;
}

/** Messages may name the field: `path` is also given as a param. */
const withPath = (problems: FormProblem[]): FormProblem[] => problems.map((p) => ({ ...p, params: { path: p.path, ...p.params } }));

export type FormCheck = Result<FormDefinition, FormProblem[]>;

/** Checks a form definition read from JSON (never throws). */
export function checkFormDefinition(json: unknown): FormCheck {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return err(withPath([{ code: 'not-an-object', path: '', params: {} }]));
  }
  const parsed = formDefinitionSchema.safeParse(json);
  if (!parsed.success) return err(withPath(problemsFromZod(parsed.error, json)));
  const problems = crossProblems(parsed.data);
  return problems.length > 0 ? err(withPath(problems)) : ok(parsed.data);
}

// ---------------------------------------------------------------------------------------------
// Expansion for an election

export interface FormLine {
  key: string;
  /** Printed line number. */
  number: number;
  kind: LineKind;
  label: FormLabels;
  /** Candidate lines only. */
  candidateId?: string;
  /** Candidate lines only: place on the ballot. */
  position?: number;
  /** Where the app knows the figure from (see LINE_SOURCES). */
  source?: LineSource;
}

/** A resolved term: a concrete line or a ledger figure, with its coefficient. */
export type ResolvedTerm = { line: string; coef: number } | { ledger: LedgerFigureName; coef: number };

export interface ResolvedRelation {
  code: string;
  severity: Severity;
  left: ResolvedTerm[];
  op: RelationOp;
  right: ResolvedTerm[];
  ratio: { num: number; den: number };
  lines: string[];
  explanation: string;
}

/** A form for one election: concrete lines in printed order, formulas over concrete lines. */
export interface ExpandedForm {
  id: string;
  version: number;
  provisional: boolean;
  title: FormLabels;
  lines: FormLine[];
  relations: ResolvedRelation[];
  /** What the printed paper carries besides the lines (see `paperSchema`). */
  paper: PaperOptions;
}

/** The key of a candidate's line: the block's key and the candidate id, e.g. `L.cand-3`. */
export function candidateLineKey(blockKey: string, candidateId: string): string {
  return `${blockKey}.${candidateId}`;
}

export function candidateFullName(c: Candidate): string {
  return [c.surname, c.name, c.patronymic].filter((s) => s.trim() !== '').join(' ');
}

/**
 * The form for an election: one line per candidate in ballot order in place of the candidate block,
 * the against-all line only when the election has one. The definition must have passed
 * `checkFormDefinition`.
 */
export function expandForm(def: FormDefinition, candidates: readonly Candidate[], againstAll: boolean): ExpandedForm {
  const ordered = [...candidates].sort((a, b) => a.position - b.position);
  const lines: FormLine[] = [];
  const dropped = new Set<string>();
  let shift = 0;
  for (const line of def.lines) {
    if (line.kind === 'candidate') {
      ordered.forEach((c, i) => {
        const name = candidateFullName(c);
        lines.push({
          key: candidateLineKey(line.key, c.id),
          number: line.number + shift + i,
          kind: 'candidate',
          label: { ky: name, ru: name, en: name },
          candidateId: c.id,
          position: c.position,
          ...(line.source ? { source: line.source } : {}),
        });
      });
      shift += ordered.length - 1;
    } else if (line.kind === 'against-all' && !againstAll) {
      dropped.add(line.key);
      shift -= 1;
    } else {
      lines.push({ key: line.key, number: line.number + shift, kind: line.kind, label: line.label, ...(line.source ? { source: line.source } : {}) });
    }
  }
  const present = new Set(lines.map((l) => l.key));
  const resolve = (terms: readonly Term[]): ResolvedTerm[] =>
    terms.flatMap((term): ResolvedTerm[] => {
      if (typeof term === 'string') return present.has(term) ? [{ line: term, coef: 1 }] : [];
      const coef = term.coef ?? 1;
      if ('line' in term) return present.has(term.line) ? [{ line: term.line, coef }] : [];
      if ('kind' in term) return lines.filter((l) => l.kind === term.kind).map((l) => ({ line: l.key, coef }));
      return [{ ledger: term.ledger, coef }];
    });
  const relations = def.relations.map((rel): ResolvedRelation => {
    const left = resolve(rel.left);
    const right = resolve(rel.right);
    const named = [...left, ...right].flatMap((t) => ('line' in t ? [t.line] : []));
    const highlight = rel.lines
      ? rel.lines.flatMap((k) => {
          const defLine = def.lines.find((l) => l.key === k);
          if (defLine?.kind === 'candidate') return lines.filter((l) => l.kind === 'candidate').map((l) => l.key);
          return present.has(k) ? [k] : [];
        })
      : named;
    return {
      code: rel.code,
      severity: rel.severity,
      left,
      op: rel.op,
      right,
      ratio: rel.ratio ?? { num: 1, den: 1 },
      lines: [...new Set(highlight)],
      explanation: rel.explanation,
    };
  });
  return { id: def.id, version: def.version, provisional: def.provisional, title: def.title, lines, relations, paper: paperOf(def) };
}
