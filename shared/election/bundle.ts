/**
 * The election bundle: the file the center serves (and a USB stick carries) to set up a precinct.
 * One bundle holds one election and one or more precincts; the laptop activates one precinct.
 *
 * Reading a bundle never throws: it returns either the checked bundle with its content hash, or
 * every problem found, each with a machine code and the path of the offending field, which the
 * renderer translates. A bundle that carries an integrity digest must match it (tampering).
 */
import { z } from 'zod';
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/sha256';
import { err, ok, type Result } from '../util/result';
import {
  candidateListIssues,
  candidateSchema,
  electionSchema,
  isOnOrAfter,
  memberListIssues,
  memberSchema,
  precinctSchema,
  type ElectionSetup,
} from './model';
import { VOTER_FIELDS } from '../voters/mapping';
import { checkFormDefinition, type FormDefinition, type FormProblem } from '../protocol/form';

export const BUNDLE_FORMAT = 'precinct-desk/election-bundle';
/**
 * The format written now. Format 2 adds `precincts[].form2` (Form 2 at the precinct, its own place
 * and deadline); format 1 bundles still load as they are (a format 1 bundle carrying `form2` is
 * refused: that field is not part of it).
 */
export const BUNDLE_FORMAT_VERSION = 2;
export const BUNDLE_FORMAT_VERSIONS = [1, 2] as const;
/** Larger files are refused before parsing (a precinct bundle is far below this). */
export const MAX_BUNDLE_BYTES = 50 * 1024 * 1024;

/**
 * A precinct's final voter list carried in the bundle: a table whose columns are named by the voter
 * fields (`page`, `row`, `surname` …), so it goes through the same row checks as a CSV file.
 */
export const bundleVoterListSchema = z
  .object({
    precinct: z.number().int().min(1).max(99999),
    columns: z.array(z.enum(VOTER_FIELDS)).min(1).max(VOTER_FIELDS.length),
    rows: z.array(z.array(z.string().max(500)).max(VOTER_FIELDS.length)).max(300_000),
  })
  .strict()
  .superRefine((list, ctx) => {
    list.columns.forEach((c, i) => {
      if (list.columns.indexOf(c) !== i) ctx.addIssue({ code: 'custom', path: ['columns', i], message: 'duplicate-column' });
    });
    for (let i = 0; i < list.rows.length; i += 1) {
      if (list.rows[i]!.length !== list.columns.length) {
        ctx.addIssue({ code: 'custom', path: ['rows', i], message: 'ragged-row' });
        break;
      }
    }
  });

export const bundlePrecinctSchema = precinctSchema.extend({
  members: z.array(memberSchema).max(50).default([]),
});

export const electionBundleSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    formatVersion: z.union([z.literal(1), z.literal(2)]),
    bundleVersion: z.number().int().min(1),
    issuedAt: z.iso.datetime({ offset: true }),
    issuer: z.string().trim().min(1).max(200),
    election: electionSchema,
    candidates: z.array(candidateSchema).min(1).max(200),
    againstAll: z.boolean(),
    precincts: z.array(bundlePrecinctSchema).min(1).max(5000),
    /**
     * The results protocol's form as data (shared/protocol/form.ts), replacing the built-in one;
     * checked by `checkFormDefinition` in `checkBundle`, so its problems name the line or relation.
     */
    protocolForm: z.unknown().optional(),
    /** Final voter lists, at most one a precinct (optional: lists may also come as files). */
    voterLists: z.array(bundleVoterListSchema).max(5000).optional(),
    integrity: z
      .object({ algorithm: z.literal('SHA-256'), digest: z.string().regex(/^[0-9a-f]{64}$/u) })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    for (const i of candidateListIssues(b.candidates)) {
      ctx.addIssue({ code: 'custom', path: ['candidates', i.index, i.field], message: i.code });
    }
    const numbers = new Set<number>();
    b.precincts.forEach((p, index) => {
      if (numbers.has(p.number)) ctx.addIssue({ code: 'custom', path: ['precincts', index, 'number'], message: 'duplicate-precinct' });
      if (p.formedOn && isOnOrAfter(p.formedOn, b.election.votingDay)) ctx.addIssue({ code: 'custom', path: ['precincts', index, 'formedOn'], message: 'formed-after-voting-day' });
      numbers.add(p.number);
      if (b.formatVersion < 2 && p.form2 !== undefined) ctx.addIssue({ code: 'custom', path: ['precincts', index], message: 'form2-needs-format-2' });
      if (p.form2?.deadline && p.form2.deadline.date > b.election.votingDay) ctx.addIssue({ code: 'custom', path: ['precincts', index, 'form2', 'deadline', 'date'], message: 'form2-after-voting-day' });
      for (const i of memberListIssues(p.members)) {
        ctx.addIssue({ code: 'custom', path: ['precincts', index, 'members', i.index, i.field], message: i.code });
      }
    });
    const listed = new Set<number>();
    (b.voterLists ?? []).forEach((list, index) => {
      if (!numbers.has(list.precinct)) ctx.addIssue({ code: 'custom', path: ['voterLists', index, 'precinct'], message: 'unknown-precinct' });
      if (listed.has(list.precinct)) ctx.addIssue({ code: 'custom', path: ['voterLists', index, 'precinct'], message: 'duplicate-voter-list' });
      listed.add(list.precinct);
    });
  });

export type ElectionBundle = z.infer<typeof electionBundleSchema>;
export type ElectionBundleInput = z.input<typeof electionBundleSchema>;

export type BundleProblemCode =
  | 'empty'
  | 'too-large'
  | 'not-json'
  | 'not-a-bundle'
  | 'unsupported-version'
  | 'tampered'
  | 'required'
  | 'wrong-type'
  | 'invalid-value'
  | 'unknown-field'
  | 'invalid-date'
  | 'invalid-time'
  | 'invalid-time-zone'
  | 'invalid-id'
  | 'too-long'
  | 'too-small'
  | 'too-big'
  | 'duplicate-position'
  | 'duplicate-id'
  | 'duplicate-precinct'
  | 'unknown-precinct'
  | 'duplicate-voter-list'
  | 'duplicate-column'
  | 'ragged-row'
  | 'second-chair'
  | 'second-secretary'
  | 'call-after-voting-day'
  | 'formed-after-voting-day'
  | 'form2-needs-format-2'
  | 'form2-after-voting-day'
  | 'hours-order'
  | 'not-a-number'
  | 'protocol-form';

export interface BundleProblem {
  code: BundleProblemCode;
  /** Dotted path of the field, e.g. `candidates.2.position`; empty for the whole file. */
  path: string;
  /** Extra detail (a field name, the line of a JSON syntax error). */
  detail?: string;
  /** For `protocol-form`: the problem of the form definition (translated from `protocol:formProblem`). */
  form?: FormProblem;
}

const CUSTOM_CODES = new Set<string>([
  'invalid-date', 'invalid-time', 'invalid-time-zone', 'invalid-id', 'too-long', 'required',
  'duplicate-position', 'duplicate-id', 'duplicate-precinct', 'second-chair', 'second-secretary',
  'call-after-voting-day', 'formed-after-voting-day', 'form2-needs-format-2', 'form2-after-voting-day', 'hours-order', 'unknown-precinct', 'duplicate-voter-list', 'duplicate-column', 'ragged-row',
]);

/** Maps zod's issues to our stable problem codes (zod's own messages are not for users). */
export function problemsFromZod(error: z.ZodError, input: unknown): BundleProblem[] {
  return error.issues.map((issue): BundleProblem => {
    const path = issue.path.map(String).join('.');
    if (CUSTOM_CODES.has(issue.message)) return { code: issue.message as BundleProblemCode, path };
    switch (issue.code) {
      case 'invalid_type':
        return { code: valueAt(input, issue.path) === undefined ? 'required' : 'wrong-type', path };
      case 'unrecognized_keys':
        return { code: 'unknown-field', path, detail: issue.keys.join(', ') };
      case 'too_small':
        return { code: 'too-small', path };
      case 'too_big':
        return { code: 'too-big', path };
      case 'invalid_format':
        return { code: issue.format === 'datetime' ? 'invalid-date' : 'invalid-value', path };
      default:
        return { code: 'invalid-value', path };
    }
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The content hash: SHA-256 of the canonical JSON of the bundle without its integrity member. */
export async function bundleContentHash(bundle: ElectionBundle | ElectionBundleInput): Promise<string> {
  const { integrity: _integrity, ...content } = bundle;
  return sha256Hex(canonicalJson(content));
}

/** Adds (or replaces) the integrity digest; used by the center and by tests. */
export async function sealBundle(bundle: ElectionBundleInput): Promise<ElectionBundleInput> {
  return { ...bundle, integrity: { algorithm: 'SHA-256', digest: await bundleContentHash(bundle) } };
}

export interface CheckedBundle {
  bundle: ElectionBundle;
  hash: string;
  /** The protocol form the bundle supplies, checked; null when it has none. */
  protocolForm: FormDefinition | null;
}

/** Reads a bundle from the text of a file. */
export async function readBundle(text: string): Promise<Result<CheckedBundle, BundleProblem[]>> {
  if (text.trim().length === 0) return err([{ code: 'empty', path: '' }]);
  if (text.length > MAX_BUNDLE_BYTES) return err([{ code: 'too-large', path: '' }]);
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return err([{ code: 'not-json', path: '', detail: e instanceof Error ? e.message : String(e) }]);
  }
  return checkBundle(json);
}

/** Checks an already parsed JSON value. */
/**
 * The path of the first text (or key) holding U+0000, else null: no name or line of a bundle has
 * one, and the center's database cannot store it (loading such a bundle failed as `internal`).
 */
function pathWithNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, inner] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    const at = path === '' ? String(key) : `${path}.${String(key)}`;
    if (String(key).includes('\u0000')) return at;
    const found = pathWithNul(inner, at);
    if (found !== null) return found;
  }
  return null;
}

export async function checkBundle(json: unknown): Promise<Result<CheckedBundle, BundleProblem[]>> {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || (json as { format?: unknown }).format !== BUNDLE_FORMAT) {
    return err([{ code: 'not-a-bundle', path: 'format' }]);
  }
  const version = (json as { formatVersion?: unknown }).formatVersion;
  if (!(BUNDLE_FORMAT_VERSIONS as readonly unknown[]).includes(version)) {
    return err([{ code: 'unsupported-version', path: 'formatVersion', detail: String(version) }]);
  }
  const parsed = electionBundleSchema.safeParse(json);
  const raw = (json as { protocolForm?: unknown }).protocolForm;
  const form = raw === undefined ? null : checkFormDefinition(raw);
  const formProblems: BundleProblem[] = form && !form.ok
    ? form.error.map((p) => ({ code: 'protocol-form', path: p.path ? `protocolForm.${p.path}` : 'protocolForm', form: p }))
    : [];
  if (!parsed.success) return err([...problemsFromZod(parsed.error, json), ...formProblems]);
  if (formProblems.length > 0) return err(formProblems);
  const nul = pathWithNul(json, '');
  if (nul !== null) return err([{ code: 'invalid-value', path: nul, detail: 'U+0000' }]);
  const bundle = parsed.data;
  const hash = await bundleContentHash(json as ElectionBundleInput);
  if (bundle.integrity && bundle.integrity.digest !== hash) {
    return err([{ code: 'tampered', path: 'integrity.digest' }]);
  }
  return ok({ bundle, hash, protocolForm: form && form.ok ? form.value : null });
}

/**
 * Why `checked` may not replace the active setup, or null when it may: a bundle of the same election
 * whose version is not above the active one's, yet whose content differs (an older file picked from
 * the USB stick, or one reissued under the same number), would roll the election back — its voting day,
 * candidates or protocol form — with ballots already issued. Only a newer version replaces a bundle
 * (as the center accepts only a newer one); a setup entered by hand has no version and takes any.
 */
export function bundleReplacementRefusal(current: ElectionSetup | null, checked: CheckedBundle): { code: 'bundle-not-newer'; active: number; offered: number } | null {
  const active = current?.source.bundleVersion ?? null;
  if (!current || active === null || current.source.bundleHash === checked.hash) return null;
  if (current.election.id !== checked.bundle.election.id || checked.bundle.bundleVersion > active) return null;
  return { code: 'bundle-not-newer', active, offered: checked.bundle.bundleVersion };
}

/** The setup a precinct gets when it activates a precinct of a bundle. */
export function setupFromBundle(
  checked: CheckedBundle,
  precinctNumber: number,
  kind: 'bundle' | 'demo',
  fileName: string | null,
): ElectionSetup | null {
  const entry = checked.bundle.precincts.find((p) => p.number === precinctNumber);
  if (!entry) return null;
  const { members, ...precinct } = entry;
  return {
    election: checked.bundle.election,
    precinct,
    members,
    candidates: checked.bundle.candidates,
    againstAll: checked.bundle.againstAll,
    source: { kind, bundleHash: checked.hash, bundleVersion: checked.bundle.bundleVersion, fileName },
    ...(checked.protocolForm ? { protocolForm: checked.protocolForm } : {}),
  };
}
