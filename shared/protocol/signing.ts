/**
 * Signing the protocol and correcting it after signing.
 *
 * - Blank or invalid lines always block signing (the signed values are whole numbers).
 * - Any other error-level finding blocks signing unless the chair overrides with a written reason
 *   (≥ MIN_REASON characters); the override names the findings it leaves standing.
 * - Every warning must be acknowledged (by its `findingKey`) before signing.
 * - The members present must reach the quorum: more than half of the commission's members.
 *   [UNCONFIRMED] domain.md confirms only that the protocol is signed by all members present
 *   (item 82, Art 35(17)); the majority quorum is by analogy with Russian practice — ask the CEC.
 * - Only the chair may override [UNCONFIRMED: whether the deputy may in the chair's absence].
 * - Signing before the polls close (the election's closing time on voting day, in the precinct's
 *   zone; before voting day too) is asked to be confirmed: the protocol is signed after the count
 *   (items 80–82), so a signature at 14:00 is a mistake or a laptop's wrong clock. The confirmation
 *   is one more acknowledgement (`BEFORE_CLOSE_KEY`), signed with the others; not a refusal, as a
 *   practice day with the demo's all-day hours closes only at midnight.
 * - An open double-issue incident (a voter given ballots on two laptops, not yet decided by the
 *   commission) is a finding at signing: a warning naming the voter that the chair, present,
 *   acknowledges with a written reason (≥ MIN_REASON characters); the reasons are signed with it.
 * - A signed protocol has a hash: SHA-256 of the canonical JSON of its result content (election,
 *   precinct, form id and version, protocol version, mark, values). Everything in it travels in the
 *   QR payload, so the territorial commission can recompute the hash from a scanned QR and the form.
 * - A correction after signing (no Kyrgyz rule found [UNCONFIRMED]; Russia: a new protocol marked
 *   "повторный") opens version n + 1 marked 'repeated' or 'corrected' with a reason; when n + 1 is
 *   signed, it supersedes n (which stays in the log).
 */
import type { VotingHours } from '../ballots/hours';
import type { Member, MemberRole } from '../election/model';
import { zonedToInstant } from '../time/zone';
import { canonicalJson } from '../util/canonical-json';
import { err, ok, type Result } from '../util/result';
import { sha256Hex } from '../util/sha256';
import { sha256HexSync } from '../util/sha256-sync';
import { MIN_REASON, type ProtocolMark, type ProtocolPayload } from './events';
import type { ExpandedForm } from './form';
import { ENGINE_FINDING_CODES, isCount, type Finding, type LineValues } from './relations';
import { doubleEntryStatus, foldDoubleEntry, type DoubleEntry, type DoubleEntryFact } from './double-entry';
import { changedLines, lineChanges, type KnownValue } from './prefill';

export const OVERRIDE_ROLES: readonly MemberRole[] = ['chair'];
/** Who may open a correction after signing [UNCONFIRMED]. */
export const CORRECTION_ROLES: readonly MemberRole[] = ['chair', 'secretary'];
export const PROTOCOL_HASH_FORMAT = 'precinct-desk/protocol-v1';
/** The acknowledgement that the commission signs before the polls close (kept with the warnings acknowledged). */
export const BEFORE_CLOSE_KEY = 'signing-before-close';

/** The polls' closing instant (ISO) when `at` is before it — voting has not ended yet — else null. */
export function pollsCloseAfter(at: Date, hours: VotingHours): string | null {
  const closes = zonedToInstant(hours.votingDay, hours.to, hours.timeZone);
  return at.getTime() < closes.getTime() ? closes.toISOString() : null;
}

/** More than half of the members [UNCONFIRMED]. */
export function quorum(memberCount: number): number {
  return Math.floor(memberCount / 2) + 1;
}

/** The key a warning is acknowledged by (and an error overridden by). */
export function findingKey(f: Pick<Finding, 'code' | 'lines'>): string {
  return (ENGINE_FINDING_CODES as readonly string[]).includes(f.code) ? `${f.code}:${f.lines[0] ?? ''}` : f.code;
}

// ---------------------------------------------------------------------------------------------
// Protocol state from its events

export type ProtocolFact =
  | { type: 'ProtocolDraftSaved'; payload: ProtocolPayload<'ProtocolDraftSaved'> }
  | { type: 'ProtocolSigned'; payload: ProtocolPayload<'ProtocolSigned'> }
  | { type: 'ProtocolCorrected'; payload: ProtocolPayload<'ProtocolCorrected'> }
  | DoubleEntryFact;

export const PROTOCOL_FACT_TYPES = [
  'ProtocolDraftSaved', 'ProtocolSigned', 'ProtocolCorrected', 'ProtocolEntrySubmitted', 'ProtocolEntriesResolved',
] as const satisfies readonly ProtocolFact['type'][];

export interface SignedVersion {
  version: number;
  mark: ProtocolMark;
  hash: string;
  formId: string;
  formVersion: number;
  values: Record<string, number>;
  signedAt: string;
  membersPresent: string[];
  override: ProtocolPayload<'ProtocolSigned'>['override'];
  supersedes: string | null;
  /** The hash of the version that replaced this one. */
  supersededBy: string | null;
  /** Pre-filled figures changed, with reasons. */
  changes: ProtocolPayload<'ProtocolSigned'>['changes'];
  /** Warnings acknowledged at signing. */
  acknowledged: string[];
  /** Why this version was opened (a correction), null for the original. */
  correction: { reason: string; by: string } | null;
}

export interface OpenCorrection {
  version: number;
  supersedes: string;
  mark: 'repeated' | 'corrected';
  reason: string;
  by: string;
}

export interface ProtocolState {
  /** Every signed version, oldest first. */
  signed: SignedVersion[];
  /** The signed version in force (not superseded), if any. */
  current: SignedVersion | null;
  /** A correction opened and not yet signed. */
  correction: OpenCorrection | null;
  /** The latest draft of the version being prepared. */
  draft: ProtocolPayload<'ProtocolDraftSaved'> | null;
  /** The double entry of the version being prepared, if one was started. */
  entries: DoubleEntry | null;
}

export const emptyProtocolState = (): ProtocolState => ({ signed: [], current: null, correction: null, draft: null, entries: null });

export function foldProtocol(state: ProtocolState, fact: ProtocolFact): ProtocolState {
  switch (fact.type) {
    case 'ProtocolDraftSaved':
      return { ...state, draft: fact.payload };
    case 'ProtocolCorrected':
      return { ...state, correction: { ...fact.payload }, draft: null, entries: null };
    case 'ProtocolEntrySubmitted':
    case 'ProtocolEntriesResolved':
      return { ...state, entries: foldDoubleEntry(state.entries ?? null, fact) };
    case 'ProtocolSigned': {
      const p = fact.payload;
      const entry: SignedVersion = {
        version: p.version, mark: p.mark, hash: p.hash, formId: p.formId, formVersion: p.formVersion, values: { ...p.values },
        signedAt: p.signedAt, membersPresent: [...p.membersPresent], override: p.override, supersedes: p.supersedes, supersededBy: null,
        changes: p.changes.map((c) => ({ ...c })), acknowledged: [...p.acknowledged],
        correction: state.correction && state.correction.version === p.version ? { reason: state.correction.reason, by: state.correction.by } : null,
      };
      const signed = state.signed.map((s) => (p.supersedes !== null && s.hash === p.supersedes ? { ...s, supersededBy: p.hash } : s));
      signed.push(entry);
      return { signed, current: entry, correction: null, draft: null, entries: null };
    }
    default: {
      const never: never = fact;
      throw new Error(`foldProtocol: unknown fact ${(never as { type: string }).type}`);
    }
  }
}

export const protocolStateOf = (facts: readonly ProtocolFact[]): ProtocolState => facts.reduce(foldProtocol, emptyProtocolState());

/** The version, mark and predecessor the next signature would have, or null when nothing is to be signed. */
export function nextVersion(state: ProtocolState): { version: number; mark: ProtocolMark; supersedes: string | null } | null {
  if (state.correction) return { version: state.correction.version, mark: state.correction.mark, supersedes: state.correction.supersedes };
  if (!state.current) return { version: 1, mark: 'original', supersedes: null };
  return null;
}

// ---------------------------------------------------------------------------------------------
// The hash

export interface ProtocolContent {
  electionId: string;
  precinct: number;
  formId: string;
  formVersion: number;
  version: number;
  mark: ProtocolMark;
  /** Every line of the form, keyed by line key. */
  values: Record<string, number>;
}

export function protocolHash(content: ProtocolContent): Promise<string> {
  return sha256Hex(canonicalJson({ format: PROTOCOL_HASH_FORMAT, ...content }));
}

/** The same hash, computed inline (a recording transaction cannot wait for WebCrypto). */
export function protocolHashSync(content: ProtocolContent): string {
  return sha256HexSync(canonicalJson({ format: PROTOCOL_HASH_FORMAT, ...content }));
}

// ---------------------------------------------------------------------------------------------
// Signing

export type SigningRefusal =
  | { code: 'nothing-to-sign' }
  | { code: 'values-incomplete'; lines: string[] }
  | { code: 'errors-remain'; keys: string[] }
  | { code: 'override-not-allowed'; by: string }
  | { code: 'override-reason-too-short'; min: number }
  | { code: 'warnings-not-acknowledged'; keys: string[] }
  | { code: 'quorum-not-met'; present: number; required: number; members: number }
  | { code: 'unknown-member'; memberId: string }
  | { code: 'changes-without-reason'; lines: string[] }
  | { code: 'double-entry-waiting' }
  | { code: 'double-entry-differs'; lines: string[] }
  | { code: 'double-entry-mismatch'; lines: string[] }
  | { code: 'complaints-undecided'; count: number }
  | { code: 'incidents-not-acknowledged'; voters: string; count: number; min: number }
  | { code: 'incidents-no-chair' }
  | { code: 'signing-before-close'; closes: string; signedAt: string };

/** An open double-issue incident as the signing screen names it. */
export interface IncidentAtSigning {
  id: string;
  voterId: string;
  /** The voter's name (or id when the list is not at hand), page and row: the warning names them. */
  voterName: string;
}

export interface SigningInput {
  state: ProtocolState;
  form: ExpandedForm;
  electionId: string;
  precinct: number;
  values: LineValues;
  /** `evaluate(form, values, ledger)` for these values. */
  findings: readonly Finding[];
  /** The whole commission. */
  members: readonly Member[];
  membersPresent: readonly string[];
  /** `findingKey`s of the warnings acknowledged. */
  acknowledged: readonly string[];
  override: { by: string; reason: string } | null;
  signedAt: string;
  /** What the app knows of the lines (`knownValues`); a changed figure needs a reason. */
  known?: Readonly<Record<string, KnownValue>>;
  /** Reasons for changed pre-filled figures, by line key. */
  changeReasons?: Readonly<Record<string, string>>;
  /** Complaints not decided yet (they are decided before signing). */
  undecidedComplaints?: number;
  /** Double-issue incidents still open (not decided by the commission). */
  openIncidents?: readonly IncidentAtSigning[];
  /** The chair's reasons for signing with each open incident, by incident id. */
  incidentReasons?: Readonly<Record<string, string>>;
  /** The election's voting hours in the precinct's zone: signing before they close asks for `BEFORE_CLOSE_KEY`. */
  hours?: VotingHours;
}

/** The chair among the members present, who acknowledges open incidents. */
function presentChair(input: Pick<SigningInput, 'members' | 'membersPresent'>): Member | undefined {
  return input.members.find((m) => OVERRIDE_ROLES.includes(m.role) && input.membersPresent.includes(m.id));
}

/** Open incidents whose acknowledgement reason is missing or too short. */
export function unacknowledgedIncidents(input: Pick<SigningInput, 'openIncidents' | 'incidentReasons'>): IncidentAtSigning[] {
  return (input.openIncidents ?? []).filter((i) => (input.incidentReasons?.[i.id] ?? '').trim().length < MIN_REASON);
}

/** Allowed, or every reason the protocol may not be signed yet (never an empty list). */
export function checkSigning(input: SigningInput): Result<void, SigningRefusal[]> {
  const refusals: SigningRefusal[] = [];
  if (!nextVersion(input.state)) refusals.push({ code: 'nothing-to-sign' });
  const incomplete = input.form.lines.filter((l) => !isCount(input.values[l.key])).map((l) => l.key);
  if (incomplete.length > 0) refusals.push({ code: 'values-incomplete', lines: incomplete });

  const byId = new Map(input.members.map((m) => [m.id, m]));
  const present = [...new Set(input.membersPresent)];
  for (const id of present) if (!byId.has(id)) refusals.push({ code: 'unknown-member', memberId: id });
  const required = quorum(input.members.length);
  const presentKnown = present.filter((id) => byId.has(id)).length;
  if (presentKnown < required) refusals.push({ code: 'quorum-not-met', present: presentKnown, required, members: input.members.length });

  const errors = input.findings.filter((f) => f.severity === 'error' && f.code !== 'line-missing' && f.code !== 'line-invalid');
  if (errors.length > 0) {
    const o = input.override;
    if (!o) {
      refusals.push({ code: 'errors-remain', keys: errors.map(findingKey) });
    } else {
      const by = byId.get(o.by);
      if (!by || !OVERRIDE_ROLES.includes(by.role) || !present.includes(o.by)) refusals.push({ code: 'override-not-allowed', by: o.by });
      if (o.reason.trim().length < MIN_REASON) refusals.push({ code: 'override-reason-too-short', min: MIN_REASON });
    }
  }
  const changed = changedLines(input.form, input.known ?? {}, input.values);
  const { missing } = lineChanges(changed, input.changeReasons ?? {});
  if (missing.length > 0) refusals.push({ code: 'changes-without-reason', lines: missing });

  const next = nextVersion(input.state);
  if (next) {
    const de = doubleEntryStatus(input.form, input.state.entries ?? null, next.version);
    if (de.stage === 'waiting-second') refusals.push({ code: 'double-entry-waiting' });
    if (de.stage === 'differs') refusals.push({ code: 'double-entry-differs', lines: de.differences.map((d) => d.line) });
    if (de.stage === 'agreed') {
      const off = input.form.lines.filter((l) => input.values[l.key] !== de.values[l.key]).map((l) => l.key);
      if (off.length > 0) refusals.push({ code: 'double-entry-mismatch', lines: off });
    }
  }
  if ((input.undecidedComplaints ?? 0) > 0) refusals.push({ code: 'complaints-undecided', count: input.undecidedComplaints ?? 0 });

  const incidents = input.openIncidents ?? [];
  if (incidents.length > 0) {
    if (!presentChair(input)) refusals.push({ code: 'incidents-no-chair' });
    const missing = unacknowledgedIncidents(input);
    if (missing.length > 0) {
      refusals.push({ code: 'incidents-not-acknowledged', voters: missing.map((i) => i.voterName).join(', '), count: missing.length, min: MIN_REASON });
    }
  }

  const ack = new Set(input.acknowledged);
  if (input.hours) {
    const closes = pollsCloseAfter(new Date(input.signedAt), input.hours);
    if (closes !== null && !ack.has(BEFORE_CLOSE_KEY)) refusals.push({ code: 'signing-before-close', closes, signedAt: input.signedAt });
  }
  const unacknowledged = input.findings.filter((f) => f.severity === 'warning').map(findingKey).filter((k) => !ack.has(k));
  if (unacknowledged.length > 0) refusals.push({ code: 'warnings-not-acknowledged', keys: [...new Set(unacknowledged)] });
  return refusals.length > 0 ? err(refusals) : ok(undefined);
}

/** Checks and, when allowed, builds the `ProtocolSigned` payload with its hash. */
export function signProtocol(input: SigningInput): Promise<Result<ProtocolPayload<'ProtocolSigned'>, SigningRefusal[]>> {
  return Promise.resolve(decideSigning(input));
}

/** `signProtocol` without waiting: the decision a recording transaction makes on the stored state. */
export function decideSigning(input: SigningInput): Result<ProtocolPayload<'ProtocolSigned'>, SigningRefusal[]> {
  const checked = checkSigning(input);
  if (!checked.ok) return checked;
  const next = nextVersion(input.state);
  if (!next) return err([{ code: 'nothing-to-sign' }]);
  const values: Record<string, number> = {};
  for (const line of input.form.lines) values[line.key] = input.values[line.key] as number;
  const chair = presentChair(input);
  const hash = protocolHashSync({
    electionId: input.electionId, precinct: input.precinct, formId: input.form.id, formVersion: input.form.version,
    version: next.version, mark: next.mark, values,
  });
  const errors = input.findings.filter((f) => f.severity === 'error');
  return ok({
    formId: input.form.id,
    formVersion: input.form.version,
    version: next.version,
    mark: next.mark,
    values,
    membersPresent: [...new Set(input.membersPresent)],
    override: errors.length > 0 && input.override
      ? { by: input.override.by, reason: input.override.reason.trim(), codes: errors.map(findingKey) }
      : null,
    acknowledged: [...new Set(input.acknowledged)],
    incidents: chair
      ? (input.openIncidents ?? []).map((i) => ({ incident: i.id, voterId: i.voterId, by: chair.id, reason: (input.incidentReasons?.[i.id] ?? '').trim() }))
      : [],
    changes: lineChanges(changedLines(input.form, input.known ?? {}, input.values), input.changeReasons ?? {}).changes,
    supersedes: next.supersedes,
    signedAt: input.signedAt,
    hash,
  });
}

// ---------------------------------------------------------------------------------------------
// Correction after signing

export type CorrectionRefusal =
  | { code: 'nothing-signed' }
  | { code: 'correction-open'; version: number }
  | { code: 'role-not-allowed' }
  | { code: 'reason-too-short'; min: number };

export function openCorrection(
  state: ProtocolState,
  by: Member | null,
  reason: string,
  mark: 'repeated' | 'corrected' = 'repeated',
): Result<ProtocolPayload<'ProtocolCorrected'>, CorrectionRefusal[]> {
  const refusals: CorrectionRefusal[] = [];
  if (!state.current) refusals.push({ code: 'nothing-signed' });
  if (state.correction) refusals.push({ code: 'correction-open', version: state.correction.version });
  if (!by || !CORRECTION_ROLES.includes(by.role)) refusals.push({ code: 'role-not-allowed' });
  if (reason.trim().length < MIN_REASON) refusals.push({ code: 'reason-too-short', min: MIN_REASON });
  if (refusals.length > 0 || !state.current || !by) return err(refusals);
  return ok({ version: state.current.version + 1, supersedes: state.current.hash, mark, reason: reason.trim(), by: by.id });
}
