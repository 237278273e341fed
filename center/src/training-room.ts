/**
 * The trainer's room (issue 22), only on a center started in training mode:
 *
 * - `POST /api/enrol` also takes the room's code (shown on the trainer's screen, good for every
 *   laptop of the room): the room issues a one-time code of the training election for that laptop
 *   and enrols it with it (a retry of the same laptop is the same enrolment).
 * - `POST /api/training/report`: a laptop's scenario, steps and verdict, signed by its enrolment key
 *   (verified here; an older report than the last one kept is ignored).
 * - `GET /api/training/command` (device-signed request): the trainer's last command, signed by the
 *   center key the laptops pinned at enrolment.
 * - `GET /api/admin/training/room`, `POST /api/admin/training/command`, `POST /api/admin/training/code`:
 *   the trainer's screen (`GET /trainer`).
 *
 * A production center refuses every training route (`not-found`, "not a training center"). What the
 * room knows lives in this process only (a training center is one process on PGlite): after a
 * restart the laptops report again within seconds; the summary starts afresh.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sealBundle, type ElectionBundleInput } from '../../shared/election/bundle';
import { demoBundle } from '../../shared/election/demo';
import { type EnrolmentRequest, type EnrolmentResponse } from '../../shared/sync/wire';
import { DEFAULT_WHERE, scenarioById } from '../../shared/training/scenarios';
import {
  ROOM_COMMAND_FORMAT,
  ROOM_REPORT_WINDOW_MS,
  roomReportSchema,
  signRoomCommand,
  verifyRoomReport,
  type RoomCommandStatement,
  type RoomReport,
  type RoomTrainee,
  type RoomView,
  type SignedRoomCommand,
} from '../../shared/training/room';
import type { Center, DeviceRow } from './center';
import { normalizeCode } from './center';
import { fail } from './failure';
import { TRAINER_CSP, trainerPageHtml } from './trainer-page';

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** The most laptops a room keeps reports of (a room has about 20). */
const MAX_TRAINEES = 500;
/** The most scenarios a laptop's history keeps. */
const MAX_HISTORY = 50;

export function newRoomCode(): string {
  const raw = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}

type HistoryEntry = RoomTrainee['history'][number] & { commandId: string | null };

interface Kept {
  lastSentAt: number;
  lastReportAt: Date;
  report: RoomReport;
  history: HistoryEntry[];
}

export class TrainingRoom {
  code = newRoomCode();
  command: SignedRoomCommand | null = null;
  private readonly kept = new Map<string, Kept>();
  /** The one-time code the room issued for each laptop's enrolment (a retry reuses it). */
  private readonly issued = new Map<string, string>();

  constructor(
    private readonly center: Center,
    private readonly now: () => number = Date.now,
  ) {}

  newCode(): string {
    this.code = newRoomCode();
    return this.code;
  }

  isRoomCode(code: string): boolean {
    return normalizeCode(code) === normalizeCode(this.code);
  }

  /** Enrols a laptop that typed the room's code: a one-time code of the training election for it. */
  async enrol(request: EnrolmentRequest): Promise<EnrolmentResponse> {
    let code = this.issued.get(request.deviceId);
    if (!code) {
      const electionId = await this.center.resolveElection(undefined);
      const precincts = await this.center.db.query<{ number: number }>('select number from precincts where election_id = $1 order by number', [electionId]);
      const precinct = precincts.find((p) => p.number === DEFAULT_WHERE.precinct)?.number ?? precincts[0]?.number;
      if (precinct === undefined) fail('not-found', { detail: 'the training election has no precinct' });
      code = (await this.center.issueCode({ electionId, precinct, ttlHours: 1 })).code;
      if (this.issued.size > MAX_TRAINEES * 4) this.issued.clear();
      this.issued.set(request.deviceId, code);
    }
    return this.center.enrol(request, { code });
  }

  /** A laptop's report, its signature verified with the key it enrolled. */
  async report(body: unknown): Promise<{ ok: true; kept: boolean }> {
    const parsed = roomReportSchema.safeParse(body);
    if (!parsed.success) fail('malformed', { detail: parsed.error.issues[0]?.path.join('.') ?? 'report' });
    const report = parsed.data;
    const { key } = await this.center.deviceWithKey(report.deviceId);
    if (!(await verifyRoomReport(report, key))) fail('bad-signature');
    const nowMs = this.now();
    if (Math.abs(report.sentAt - nowMs) > ROOM_REPORT_WINDOW_MS) fail('auth-expired', { serverTime: nowMs });
    const before = this.kept.get(report.deviceId);
    // A replayed or late report never takes the place of a newer one.
    if (before && report.sentAt <= before.lastSentAt) return { ok: true, kept: false };
    if (!before && this.kept.size >= MAX_TRAINEES) fail('rate-limited', { retryAfter: 60 });
    const history = before?.history ?? [];
    this.fold(history, report, new Date(nowMs));
    this.kept.set(report.deviceId, { lastSentAt: report.sentAt, lastReportAt: new Date(nowMs), report, history });
    return { ok: true, kept: true };
  }

  /** The report into the laptop's history: a new attempt on another scenario, a start or a reset; mistakes kept. */
  private fold(history: HistoryEntry[], report: RoomReport, at: Date): void {
    if (!report.scenario) return;
    const current = history[history.length - 1];
    const nothingDone = report.steps.every((s) => s.state === 'pending');
    const fresh =
      !current ||
      current.scenarioId !== report.scenario.id ||
      current.commandId !== report.commandId ||
      // Reset on the laptop itself: back to nothing done after something was.
      (nothingDone && current.verdict !== 'in-progress' && current.verdict !== 'none');
    const entry: HistoryEntry = fresh ? { scenarioId: report.scenario.id, startedAt: at.toISOString(), verdict: report.verdict, mistakes: [], commandId: report.commandId } : current;
    if (fresh) {
      history.push(entry);
      if (history.length > MAX_HISTORY) history.shift();
    }
    entry.verdict = report.verdict;
    for (const s of report.steps) {
      if (s.state !== 'wrong') continue;
      if (entry.mistakes.some((m) => m.step === s.step && m.detailKey === s.detailKey)) continue;
      entry.mistakes.push({ step: s.step, detailKey: s.detailKey, params: s.params, terms: s.terms, notes: s.notes });
    }
  }

  async issue(statement: { action: 'start'; scenarioId: string } | { action: 'reset' }): Promise<RoomCommandStatement> {
    if (statement.action === 'start' && !scenarioById(statement.scenarioId)) fail('not-found', { detail: 'no such scenario' });
    const base = { format: ROOM_COMMAND_FORMAT, id: randomUUID(), issuedAt: new Date(this.now()).toISOString() } as const;
    const full: RoomCommandStatement = statement.action === 'start' ? { ...base, action: 'start', scenarioId: statement.scenarioId } : { ...base, action: 'reset' };
    this.command = await signRoomCommand(full, { keyId: this.center.signingKey.keyId, privateKey: this.center.signingKey.privateKey });
    return full;
  }

  async view(): Promise<RoomView> {
    const devices = await this.center.db.query<{ device_id: string; label: string | null; enrolled_at: Date }>(
      'select device_id, label, enrolled_at from devices where revoked_at is null order by enrolled_at, device_id limit $1',
      [MAX_TRAINEES],
    );
    const trainees: RoomTrainee[] = devices.map((d) => {
      const k = this.kept.get(d.device_id);
      return {
        deviceId: d.device_id,
        label: d.label,
        enrolledAt: new Date(d.enrolled_at).toISOString(),
        lastReportAt: k ? k.lastReportAt.toISOString() : null,
        scenario: k?.report.scenario ?? null,
        steps: k?.report.steps ?? [],
        verdict: k?.report.verdict ?? 'none',
        commandId: k?.report.commandId ?? null,
        history: (k?.history ?? []).map(({ commandId: _c, ...h }) => h),
      };
    });
    return { mode: 'training', code: this.code, generatedAt: new Date(this.now()).toISOString(), command: this.command?.statement ?? null, trainees };
  }
}

/** A training center holds the demo election (the scenarios' bundle) from its first start. */
export async function ensureTrainingElection(center: Center): Promise<void> {
  const rows = await center.db.query<{ id: string }>('select id from elections limit 1');
  if (rows.length > 0) return;
  await center.loadBundle(await sealBundle(demoBundle() as ElectionBundleInput));
}

const commandBodySchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start'), scenarioId: z.string().min(1).max(64) }).strict(),
  z.object({ action: z.literal('reset') }).strict(),
]);

export function registerTrainingRoom(
  app: FastifyInstance,
  deps: {
    center: Center;
    room: TrainingRoom | null;
    admin: (request: FastifyRequest) => void;
    parse: <T>(schema: z.ZodType<T>, value: unknown) => T;
    deviceOf: (request: FastifyRequest) => Promise<DeviceRow>;
    limitDevice: (request: FastifyRequest, deviceId: string) => Promise<void>;
  },
): void {
  const { admin, parse } = deps;
  const roomOf = (): TrainingRoom => {
    if (!deps.room) fail('not-found', { detail: 'not a training center' });
    return deps.room;
  };
  app.post('/api/training/report', { bodyLimit: 32 * 1024 }, async (request) => {
    const room = roomOf();
    const result = await room.report(request.body);
    const deviceId = (request.body as { deviceId?: unknown }).deviceId;
    if (typeof deviceId === 'string') await deps.limitDevice(request, deviceId);
    return result;
  });
  app.get('/api/training/command', async (request, reply) => {
    const room = roomOf();
    await deps.deviceOf(request);
    return reply.header('cache-control', 'no-store').send({ command: room.command });
  });
  app.get('/api/admin/training/room', async (request, reply) => {
    admin(request);
    return reply.header('cache-control', 'no-store').send(await roomOf().view());
  });
  app.post('/api/admin/training/command', { bodyLimit: 4096 }, async (request) => {
    admin(request);
    return { command: await roomOf().issue(parse(commandBodySchema, request.body)) };
  });
  app.post('/api/admin/training/code', async (request) => {
    admin(request);
    return { code: roomOf().newCode() };
  });
  const page = deps.room ? trainerPageHtml() : null;
  app.get('/trainer', async (_request, reply) => {
    if (!page) fail('not-found', { detail: 'not a training center' });
    return reply
      .header('content-security-policy', TRAINER_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY')
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(page);
  });
}

/** The enrolment route's room branch: the room's code on a training center, else the usual one-time code. */
export async function enrolWithRoom(center: Center, room: TrainingRoom | null, request: EnrolmentRequest): Promise<EnrolmentResponse> {
  if (room && room.isRoomCode(request.code)) return room.enrol(request);
  return center.enrol(request);
}
