/**
 * The trainer's room (issue 22), only on a center started in training mode:
 *
 * - `POST /api/enrol` also takes the room's code (shown on the trainer's screen, good for every
 *   laptop of the room): the room issues a one-time code of the training election for that laptop
 *   and enrols it with it (a retry of the same laptop is the same enrolment).
 * - `POST /api/training/report`: a laptop's scenario, steps and verdict, signed by its enrolment key
 *   (verified here; an older report than the last one kept is ignored).
 * - `GET /api/training/command` (device-signed request): the trainer's last command, signed by the
 *   active center key with the endorsements from older keys (`keyChain`): laptops pinned at
 *   enrolment to a key since rotated take it through the chain (issue 20).
 * - `GET /api/admin/training/room`, `POST /api/admin/training/command`, `POST /api/admin/training/code`:
 *   the trainer's screen (`GET /trainer`).
 *
 * A production center refuses every training route (`not-found`, "not a training center"). What the
 * room knows lives in the center's database (table `training_room`, `training_trainees`,
 * `training_enrolments`): a restarted center shows the same room, its laptops carry on without
 * joining again, and several processes (`--processes`, on PostgreSQL) serve one room.
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
  roomStepSchema,
  signedRoomCommandSchema,
  signRoomCommand,
  VERDICTS,
  verifyRoomReport,
  type RoomCommandStatement,
  type RoomReport,
  type RoomTrainee,
  type RoomView,
  type SignedRoomCommand,
} from '../../shared/training/room';
import type { Center, DeviceRow } from './center';
import { hashCode, normalizeCode } from './center';
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

interface KeptRow {
  device_id: string;
  last_sent_at: string;
  last_report_at: Date;
  report: string;
  history: string;
}

const historySchema = z.array(
  z
    .object({
      scenarioId: z.string(),
      precinct: z.number().int().optional(),
      startedAt: z.string(),
      verdict: z.enum(VERDICTS),
      commandId: z.string().nullable(),
      mistakes: z.array(roomStepSchema.pick({ step: true, detailKey: true, params: true, terms: true, notes: true })),
    })
    .strict(),
);

/** A stored report or history read back (the database is ours; a row that does not parse is as none). */
function storedReport(text: string): RoomReport | null {
  const parsed = roomReportSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}
function storedHistory(text: string): HistoryEntry[] {
  const parsed = historySchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : [];
}

/**
 * The room lives in the center's database (migrations/010_training_room.sql), not in this process:
 * a restarted center shows the same code, command, reports and histories, and every process of a
 * center started with `--processes` sees the same room (a report is folded under a row lock).
 */
export class TrainingRoom {
  constructor(
    private readonly center: Center,
    private readonly now: () => number = Date.now,
  ) {}

  private get db() {
    return this.center.db;
  }

  /** The room's row: made with a fresh code on first use (two processes at once agree on one). */
  private async row(): Promise<{ code: string; command: string | null }> {
    const rows = await this.db.query<{ code: string; command: string | null }>('select code, command from training_room where id = 1');
    if (rows[0]) return rows[0];
    await this.db.query('insert into training_room (id, code) values (1, $1) on conflict (id) do nothing', [newRoomCode()]);
    return (await this.db.query<{ code: string; command: string | null }>('select code, command from training_room where id = 1'))[0]!;
  }

  async code(): Promise<string> {
    return (await this.row()).code;
  }

  /**
   * The trainer's last command as laptops get it: signed by the active center key with the
   * endorsements from older keys beside it (`keyChain`), so a laptop enrolled before a key rotation
   * takes it through the chain, and one enrolled after takes a command issued before. A command
   * stored under a key rotated since is signed again with the active one (same statement).
   */
  async command(): Promise<SignedRoomCommand | null> {
    const { command } = await this.row();
    if (!command) return null;
    const parsed = signedRoomCommandSchema.safeParse(JSON.parse(command));
    if (!parsed.success) return null;
    const key = await this.center.activeKey();
    if (parsed.data.keyId === key.keyId) {
      const { keyChain: _stored, ...signed } = parsed.data;
      return key.chain.length > 0 ? { ...signed, keyChain: key.chain } : signed;
    }
    return signRoomCommand(parsed.data.statement, key);
  }

  async newCode(): Promise<string> {
    await this.row();
    const code = newRoomCode();
    await this.db.query('update training_room set code = $1 where id = 1', [code]);
    return code;
  }

  async isRoomCode(code: string): Promise<boolean> {
    return normalizeCode(code) === normalizeCode(await this.code());
  }

  /**
   * The trainer's token when the center made one for this run: the first one kept, so the trainer's
   * screen (its address carries the token) keeps working after a restart.
   */
  async keptAdminToken(made: string): Promise<string> {
    await this.row();
    await this.db.query('update training_room set admin_token = $1 where id = 1 and admin_token is null', [made]);
    return (await this.db.query<{ admin_token: string }>('select admin_token from training_room where id = 1'))[0]!.admin_token;
  }

  /** Enrols a laptop that typed the room's code: a one-time code of the training election for it. */
  async enrol(request: EnrolmentRequest): Promise<EnrolmentResponse> {
    const issuedHash = async () =>
      (await this.db.query<{ code_hash: string }>('select code_hash from training_enrolments where device_id = $1', [request.deviceId]))[0]?.code_hash;
    // A retry of the same laptop (also after a restart) is the same enrolment.
    let codeHash = await issuedHash();
    if (!codeHash) {
      const electionId = await this.center.resolveElection(undefined);
      const precincts = await this.db.query<{ number: number }>('select number from precincts where election_id = $1 order by number', [electionId]);
      const precinct = precincts.find((p) => p.number === DEFAULT_WHERE.precinct)?.number ?? precincts[0]?.number;
      if (precinct === undefined) fail('not-found', { detail: 'the training election has no precinct' });
      const issued = await this.center.issueCode({ electionId, precinct, ttlHours: 1 });
      await this.db.query('insert into training_enrolments (device_id, code_hash) values ($1, $2) on conflict (device_id) do nothing', [request.deviceId, hashCode(issued.code)]);
      codeHash = (await issuedHash())!;
    }
    return this.center.enrol(request, { codeHash });
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
    return this.db.transaction(async (tx) => {
      const before = (
        await tx.query<KeptRow>('select device_id, last_sent_at::text as last_sent_at, last_report_at, report, history from training_trainees where device_id = $1 for update', [
          report.deviceId,
        ])
      )[0];
      // A replayed or late report never takes the place of a newer one (also after a restart).
      if (before && report.sentAt <= Number(before.last_sent_at)) return { ok: true as const, kept: false };
      if (!before) {
        const [{ n }] = (await tx.query<{ n: number }>('select count(*)::int as n from training_trainees')) as [{ n: number }];
        if (n >= MAX_TRAINEES) fail('rate-limited', { retryAfter: 60 });
      }
      const history = before ? storedHistory(before.history) : [];
      this.fold(history, report, new Date(nowMs));
      await tx.query(
        `insert into training_trainees (device_id, last_sent_at, last_report_at, report, history) values ($1, $2, $3, $4, $5)
         on conflict (device_id) do update set last_sent_at = excluded.last_sent_at, last_report_at = excluded.last_report_at, report = excluded.report, history = excluded.history`,
        [report.deviceId, report.sentAt, new Date(nowMs), JSON.stringify(report), JSON.stringify(history)],
      );
      return { ok: true as const, kept: true };
    });
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
      (nothingDone && current.verdict !== 'in-progress' && current.verdict !== 'none') ||
      // The same scenario started again at another precinct.
      (current.precinct !== undefined && current.precinct !== report.scenario.precinct);
    const entry: HistoryEntry = fresh ? { scenarioId: report.scenario.id, precinct: report.scenario.precinct, startedAt: at.toISOString(), verdict: report.verdict, mistakes: [], commandId: report.commandId } : current;
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
    const key = await this.center.activeKey();
    const signed = await signRoomCommand(full, { keyId: key.keyId, privateKey: key.privateKey });
    await this.row();
    await this.db.query('update training_room set command = $1 where id = 1', [JSON.stringify(signed)]);
    return full;
  }

  async view(): Promise<RoomView> {
    const devices = await this.db.query<{ device_id: string; label: string | null; enrolled_at: Date; last_report_at: Date | null; report: string | null; history: string | null }>(
      `select d.device_id, d.label, d.enrolled_at, t.last_report_at, t.report, t.history
         from devices d left join training_trainees t on t.device_id = d.device_id
        where d.revoked_at is null order by d.enrolled_at, d.device_id limit $1`,
      [MAX_TRAINEES],
    );
    const trainees: RoomTrainee[] = devices.map((d) => {
      const report = d.report ? storedReport(d.report) : null;
      return {
        deviceId: d.device_id,
        label: d.label,
        enrolledAt: new Date(d.enrolled_at).toISOString(),
        lastReportAt: d.last_report_at ? new Date(d.last_report_at).toISOString() : null,
        scenario: report?.scenario ?? null,
        steps: report?.steps ?? [],
        verdict: report?.verdict ?? 'none',
        commandId: report?.commandId ?? null,
        history: (d.history ? storedHistory(d.history) : []).map(({ commandId: _c, ...h }) => h),
      };
    });
    const room = await this.row();
    const command = await this.command();
    return { mode: 'training', code: room.code, generatedAt: new Date(this.now()).toISOString(), command: command?.statement ?? null, trainees };
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
    return reply.header('cache-control', 'no-store').send({ command: await room.command() });
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
    return { code: await roomOf().newCode() };
  });
  const page = deps.room ? trainerPageHtml() : null;
  // The room's screen, and the same page as the summary's A4 sheet to print (`/trainer/print`).
  app.get<{ Params: { view?: string } }>('/trainer/:view?', async (request, reply) => {
    if (request.params.view !== undefined && request.params.view !== 'print') fail('not-found');
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
  if (room && (await room.isRoomCode(request.code))) return room.enrol(request);
  return center.enrol(request);
}
