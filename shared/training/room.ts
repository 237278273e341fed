/**
 * The trainer's room (issue 22): training laptops enrolled with a center started in training mode
 * report how their scenario goes, and pull the trainer's commands (start a scenario on every laptop,
 * reset them).
 *
 * - A report is signed by the laptop's enrolment key (the same key as its batches): the center
 *   believes it only when it verifies with the key it enrolled, and only a newer one than the last.
 * - A command is signed by the center's active key, with the endorsements from older keys beside it
 *   (`keyChain`, shared/sync/key-chain): the laptop acts only on a command that verifies with the key
 *   it pinned, or one that key endorsed after a rotation (issue 20).
 *
 * A report carries no personal data: the scenario, each step's state and the i18n key of why, with
 * the figures and names the step's words need (generated voters of the training list, never real ones).
 */
import { z } from 'zod';
import { err, ok, type Result } from '../util/result';
import { signCanonical, verifyCanonical } from '../sync/keys';
import { keyChainSchema, keyThroughChain, type KeyEndorsement } from '../sync/key-chain';
import { BASE64URL_PATTERN } from '../sync/base64url';
import type { StepResult } from './scenarios/types';

export const ROOM_REPORT_FORMAT = 'precinct-desk/training-report';
export const ROOM_COMMAND_FORMAT = 'precinct-desk/training-command';
/** How far a report's time may be from the center's clock. */
export const ROOM_REPORT_WINDOW_MS = 10 * 60 * 1000;

const signatureSchema = z.string().length(86).regex(BASE64URL_PATTERN);
const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/u);
const keySchema = z.string().min(1).max(120).regex(/^[a-z]+:[A-Za-z0-9._-]+$/u);
const paramsSchema = z.record(z.string().max(40), z.union([z.string().max(200), z.number().finite()])).refine((p) => Object.keys(p).length <= 12, 'too many params');

/** How a laptop's scenario stands: none started, started and nothing wrong yet, every step right, a mistake made. */
export const VERDICTS = ['none', 'in-progress', 'passed', 'mistake'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const roomStepSchema = z
  .object({
    step: idSchema,
    state: z.enum(['pending', 'correct', 'wrong']),
    detailKey: keySchema,
    params: paramsSchema,
    /** Params that are words: name → i18n key. */
    terms: z.record(z.string().max(40), keySchema).refine((p) => Object.keys(p).length <= 6, 'too many terms'),
    /** What the screen shows behind the result (the protocol's findings), each an i18n key with its params. */
    notes: z.array(z.object({ key: keySchema, params: paramsSchema }).strict()).max(6),
  })
  .strict();
export type RoomStep = z.infer<typeof roomStepSchema>;

export const roomReportBodySchema = z
  .object({
    format: z.literal(ROOM_REPORT_FORMAT),
    deviceId: idSchema,
    /** ms since epoch on the laptop's clock (the real one, not the training clock). */
    sentAt: z.number().int().min(0),
    scenario: z.object({ id: idSchema, precinct: z.number().int().min(1).max(99999) }).strict().nullable(),
    steps: z.array(roomStepSchema).max(12),
    verdict: z.enum(VERDICTS),
    /** The last command this laptop carried out (null: none yet). */
    commandId: idSchema.nullable(),
  })
  .strict();
export type RoomReportBody = z.infer<typeof roomReportBodySchema>;

export const roomReportSchema = roomReportBodySchema.extend({ signature: signatureSchema }).strict();
export type RoomReport = z.infer<typeof roomReportSchema>;

/** The verdict of a scenario's check results. */
export function verdictOf(results: readonly StepResult[] | null): Verdict {
  if (!results) return 'none';
  if (results.some((r) => r.done && !r.correct)) return 'mistake';
  if (results.length > 0 && results.every((r) => r.done && r.correct)) return 'passed';
  return 'in-progress';
}

/** Params as a report carries them: strings (at most 200 characters) and finite numbers, at most 12. */
function plain(params: Readonly<Record<string, unknown>>): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params)
      .filter((e): e is [string, string | number] => typeof e[1] === 'string' || (typeof e[1] === 'number' && Number.isFinite(e[1])))
      .slice(0, 12)
      .map(([k, v]) => [k, typeof v === 'string' ? v.slice(0, 200) : v]),
  );
}

/** A check's results as the report carries them (params that are not strings or numbers dropped). */
export function roomSteps(results: readonly StepResult[]): RoomStep[] {
  return results.map((r) => ({
    step: r.step,
    state: !r.done ? 'pending' : r.correct ? 'correct' : 'wrong',
    detailKey: r.detailKey,
    params: plain(r.params),
    terms: { ...r.terms },
    notes: r.notes.slice(0, 6).map((n) => ({ key: n.key, params: plain(n.params) })),
  }));
}

export async function signRoomReport(body: RoomReportBody, privateKey: CryptoKey): Promise<RoomReport> {
  return { ...body, signature: await signCanonical(body, privateKey) };
}

export async function verifyRoomReport(report: RoomReport, publicKey: CryptoKey): Promise<boolean> {
  const { signature, ...body } = report;
  return verifyCanonical(body, signature, publicKey);
}

// ——— commands ———

export const roomCommandStatementSchema = z.discriminatedUnion('action', [
  z
    .object({
      format: z.literal(ROOM_COMMAND_FORMAT),
      id: idSchema,
      issuedAt: z.iso.datetime({ offset: true }),
      action: z.literal('start'),
      scenarioId: idSchema,
    })
    .strict(),
  z
    .object({
      format: z.literal(ROOM_COMMAND_FORMAT),
      id: idSchema,
      issuedAt: z.iso.datetime({ offset: true }),
      /** Each laptop back to the start of the scenario it plays (its own seed: the same names again). */
      action: z.literal('reset'),
    })
    .strict(),
]);
export type RoomCommandStatement = z.infer<typeof roomCommandStatementSchema>;

export const signedRoomCommandSchema = z
  .object({
    statement: roomCommandStatementSchema,
    keyId: z.string().regex(/^[0-9a-f]{64}$/u),
    signature: signatureSchema,
    /** After a key rotation: the endorsements from the laptop's pinned key to `keyId`. */
    keyChain: keyChainSchema.optional(),
  })
  .strict();
export type SignedRoomCommand = z.infer<typeof signedRoomCommandSchema>;

export const roomCommandResponseSchema = z.object({ command: signedRoomCommandSchema.nullable() }).strict();

export async function signRoomCommand(statement: RoomCommandStatement, key: { keyId: string; privateKey: CryptoKey; chain?: readonly KeyEndorsement[] }): Promise<SignedRoomCommand> {
  const chain = key.chain ?? [];
  return { statement, keyId: key.keyId, signature: await signCanonical(statement, key.privateKey), ...(chain.length > 0 ? { keyChain: [...chain] } : {}) };
}

export type RoomCommandProblem = 'malformed' | 'wrong-key' | 'bad-signature';

/**
 * A command as the laptop checks it: well formed, from the pinned center key (or one it endorsed
 * through `keyChain`), its signature verified.
 */
export async function verifyRoomCommand(value: unknown, pinned: { keyId: string; key: CryptoKey }): Promise<Result<RoomCommandStatement, RoomCommandProblem>> {
  const parsed = signedRoomCommandSchema.safeParse(value);
  if (!parsed.success) return err('malformed');
  const signer = await keyThroughChain(pinned, parsed.data.keyId, parsed.data.keyChain);
  if (!signer.ok) return err(signer.error === 'wrong-key' ? 'wrong-key' : 'bad-signature');
  if (!(await verifyCanonical(parsed.data.statement, parsed.data.signature, signer.value.key))) return err('bad-signature');
  return ok(parsed.data.statement);
}

// ——— what the trainer's screen reads ———

export interface RoomTrainee {
  deviceId: string;
  label: string | null;
  enrolledAt: string;
  /** When the last report arrived (center clock), null before the first. */
  lastReportAt: string | null;
  scenario: { id: string; precinct: number } | null;
  steps: RoomStep[];
  verdict: Verdict;
  commandId: string | null;
  /** Every scenario this laptop played in the room, in order, with its last verdict and the mistakes seen. */
  history: { scenarioId: string; /** The precinct it was played at (absent in a history kept before it was recorded). */ precinct?: number; startedAt: string; verdict: Verdict; mistakes: { step: string; detailKey: string; params: RoomStep['params']; terms: RoomStep['terms']; notes: RoomStep['notes'] }[] }[];
}

export interface RoomView {
  mode: 'training';
  code: string;
  generatedAt: string;
  command: RoomCommandStatement | null;
  trainees: RoomTrainee[];
}
