/**
 * The center's figures kept at ingest (table `precinct_aggregates`, one row a precinct): events
 * stored, ballots issued in the room and outside by report slot (`shared/figures` `figureSlots`:
 * the day's figures and the turnout at each report time are sums of a few numbers), issues taken
 * back, undo events stored, and the latest protocol event. A dashboard refresh and `summary.csv`
 * read these rows, never the events.
 *
 * Written in the push's transaction (under the precinct's lock) by the laptops' own fold: the facts
 * a push touches — its new figure events, the stored issues its undos take back and the stored
 * undos of its issues — are folded with `foldBallotFacts` before and after, and the row moves by
 * `figureSlots(after) − figureSlots(before)`. The slots are exact because the fold is additive
 * over issues (an issue's count depends only on its own undos) and over visits.
 *
 * A row is keyed by its basis — the voting day, the report times and the precinct's zone it was
 * cut by. A new bundle that moves them (or a row that is missing, e.g. events stored before the
 * migration) makes the row be recomputed from the events (`rebuildAggregates`), by the same fold;
 * `center rebuild-aggregates` recomputes every row on demand.
 */
import { FIGURE_EVENT_TYPES, figureSlots, foldBallotFacts, reportInstants, subtractSlots, type FigureEvent, type FigureSlots, type ReportInstant } from '../../shared/figures';
import type { StoredEvent } from '../../shared/events/envelope';
import { protocolPayloadSchemas } from '../../shared/protocol/events';
import { knownPart } from '../../shared/events/known-payload';
import { pageSumsDisagreement, signaturesEntered, type LedgerFact } from '../../shared/protocol/ledger';
import type { IsoDate, TimeOfDay } from '../../shared/time/date';
import { bundleViewByKey, CURRENT_BUNDLE_KEY_SQL, type BundleView } from './bundle-view';
import type { Database, Queryable } from './db/types';
import { figureEvents, RECORDED_AT_SQL } from './figures';

export interface PrecinctAggregate {
  precinct: number;
  basis: string;
  events: number;
  /** By report slot: length = report times + 1 (the last: after the last report time). */
  room: number[];
  outside: number[];
  undone: number;
  undos: number;
  protocol: { type: string; recordedAt: string | null; receivedAt: string; events: number } | null;
  /** The signatures summed on the list's pages as entered and corrected (`signaturesEntered`); null until entered. */
  pageSums: number | null;
  /** Page sums two laptops entered apart with different totals (`pageSumsDisagreement`), in time order; empty when none. */
  pageSumsApart: PageSumsApart[];
}

/** One page sums entry standing apart from another laptop's (the dashboard names each). */
export interface PageSumsApart {
  total: number;
  pages: number;
  at: string;
  enteredBy: string;
  device: string | null;
}

/** What a precinct's slots are cut by. */
export interface FigureBasis {
  /** Voting day, report times and zone as one comparable text. */
  key: string;
  /** The report instants (ISO, in time order); empty without a bundle. */
  instants: string[];
}

export const DEFAULT_ZONE = 'Asia/Bishkek';

/** Each view's precincts by number (a view is parsed once per bundle and kept). */
const precinctsOfView = new WeakMap<BundleView, Map<number, BundleView['precincts'][number]>>();

/** The precinct as the current bundle has it; undefined when the bundle does not list it. */
export function bundlePrecinct(view: BundleView | null, precinct: number): BundleView['precincts'][number] | undefined {
  if (!view) return undefined;
  let byNumber = precinctsOfView.get(view);
  if (!byNumber) {
    byNumber = new Map(view.precincts.map((p) => [p.number, p]));
    precinctsOfView.set(view, byNumber);
  }
  return byNumber.get(precinct);
}

/** The precinct's zone: the current bundle's, else the stored one, else Bishkek (as the dashboard). */
export function zoneOf(view: BundleView | null, precinct: number, storedZone: string | null | undefined): string {
  return bundlePrecinct(view, precinct)?.timeZone ?? storedZone ?? DEFAULT_ZONE;
}

/** Bases by voting day, times and zone: a country has few zones, and zone arithmetic is not free. */
const basisCache = new Map<string, FigureBasis & { reports: ReportInstant[] }>();

/** The basis and the report instants (with their times) the slots of a precinct in `timeZone` are cut by. */
export function figureBasis(view: BundleView | null, timeZone: string): FigureBasis & { reports: ReportInstant[] } {
  if (!view) return { key: JSON.stringify([null, [], timeZone]), instants: [], reports: [] };
  // A refresh asks once a precinct (twice: the stale check and the rows): by view and zone, kept.
  let byZone = basisOfView.get(view);
  if (!byZone) {
    byZone = new Map();
    basisOfView.set(view, byZone);
  }
  const known = byZone.get(timeZone);
  if (known) return known;
  const basis = basisOf(view, timeZone);
  byZone.set(timeZone, basis);
  return basis;
}

const basisOfView = new WeakMap<BundleView, Map<string, FigureBasis & { reports: ReportInstant[] }>>();

function basisOf(view: BundleView, timeZone: string): FigureBasis & { reports: ReportInstant[] } {
  const times = [...view.election.turnoutReportTimes].sort() as TimeOfDay[];
  const votingDay = view.election.votingDay as IsoDate;
  const key = JSON.stringify([votingDay, times, timeZone]);
  const cached = basisCache.get(key);
  if (cached) return cached;
  const reports = reportInstants(votingDay, times, timeZone);
  const basis = { key, instants: reports.map((r) => r.instant), reports };
  if (basisCache.size > 1000) basisCache.clear();
  basisCache.set(key, basis);
  return basis;
}

interface Row {
  precinct: number;
  basis: string;
  events: string;
  room: string;
  outside: string;
  undone: number;
  undos: number;
  protocol_type: string | null;
  protocol_recorded_at: string | null;
  /** ISO text (made by the database). */
  protocol_received_at: string | null;
  protocol_events: number;
  page_sums: number | null;
  /** JSON text, or null. */
  page_sums_apart: string | null;
}

const ROW_COLUMNS = `a.precinct, a.basis, a.events::text as events, array_to_json(a.room_slots)::text as room, array_to_json(a.outside_slots)::text as outside,
  a.undone, a.undos, a.protocol_type, a.protocol_recorded_at,
  to_char(a.protocol_received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as protocol_received_at, a.protocol_events, a.page_sums, a.page_sums_apart::text as page_sums_apart`;

const numbers = (text: string): number[] => (JSON.parse(text) as unknown[]).map((x) => Number(x));
const pgArray = (values: readonly number[]): string => `{${values.map((v) => Math.trunc(v)).join(',')}}`;

function fromRow(r: Row): PrecinctAggregate {
  return {
    precinct: r.precinct,
    basis: r.basis,
    events: Number(r.events),
    room: numbers(r.room),
    outside: numbers(r.outside),
    undone: r.undone,
    undos: r.undos,
    protocol:
      r.protocol_type === null || r.protocol_received_at === null
        ? null
        : { type: r.protocol_type, recordedAt: r.protocol_recorded_at, receivedAt: r.protocol_received_at, events: r.protocol_events },
    pageSums: r.page_sums,
    pageSumsApart: r.page_sums_apart === null ? [] : (JSON.parse(r.page_sums_apart) as PageSumsApart[]),
  };
}

/**
 * The rows of an election as stored (whatever their basis). A dashboard refresh reads a country's
 * 2,412 rows: PostgreSQL sends them as one JSON text of arrays, which one JSON.parse reads several
 * times faster than the driver reads 2,412 rows of 11 columns.
 */
export async function readAggregates(db: Queryable, electionId: string): Promise<Map<number, PrecinctAggregate>> {
  const text = (await db.query<{ rows: string }>(`select (${AGGREGATES_JSON_SQL('$1')}) as rows`, [electionId]))[0]?.rows;
  return aggregatesFromJson(text ?? '[]');
}

/** An election's rows as one JSON text of arrays (`$n`: the election), read by `aggregatesFromJson`. */
export const AGGREGATES_JSON_SQL = (electionParam: string): string =>
  `select coalesce(json_agg(json_build_array(a.precinct, a.basis, a.events, a.room_slots, a.outside_slots, a.undone, a.undos, a.protocol_type,
     a.protocol_recorded_at, ${isoSql('a.protocol_received_at')}, a.protocol_events, a.page_sums, a.page_sums_apart)), '[]')::text from precinct_aggregates a where a.election_id = ${electionParam}`;

type PackedAggregate = [number, string, number, number[], number[], number, number, string | null, string | null, string | null, number, number | null, PageSumsApart[] | null];

export function aggregatesFromJson(text: string): Map<number, PrecinctAggregate> {
  const out = new Map<number, PrecinctAggregate>();
  for (const r of JSON.parse(text) as PackedAggregate[]) {
    out.set(r[0], {
      precinct: r[0],
      basis: r[1],
      events: Number(r[2]),
      room: r[3],
      outside: r[4],
      undone: r[5],
      undos: r[6],
      protocol: r[7] === null || r[9] === null ? null : { type: r[7], recordedAt: r[8], receivedAt: r[9], events: r[10] },
      pageSums: r[11] ?? null,
      pageSumsApart: r[12] ?? [],
    });
  }
  return out;
}

/** A timestamptz column as the ISO text `Date#toISOString` writes (UTC, milliseconds), made by the database. */
export const isoSql = (column: string): string => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The lock a precinct's writers take (the push's, see Center.pushChecked). */
export const lockPrecinct = (tx: Queryable, electionId: string, precinct: number) =>
  tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [1, `${electionId}:${precinct}`]);

async function writeRow(tx: Queryable, electionId: string, a: PrecinctAggregate): Promise<void> {
  await tx.query(
    `insert into precinct_aggregates (election_id, precinct, basis, events, room_slots, outside_slots, undone, undos,
       protocol_type, protocol_recorded_at, protocol_received_at, protocol_events, page_sums, page_sums_apart)
     values ($1, $2, $3, $4, $5::int[], $6::int[], $7, $8, $9, $10, $11, $12, $13, $14::jsonb)
     on conflict (election_id, precinct) do update set basis = excluded.basis, events = excluded.events, room_slots = excluded.room_slots,
       outside_slots = excluded.outside_slots, undone = excluded.undone, undos = excluded.undos, protocol_type = excluded.protocol_type,
       protocol_recorded_at = excluded.protocol_recorded_at, protocol_received_at = excluded.protocol_received_at, protocol_events = excluded.protocol_events,
       page_sums = excluded.page_sums, page_sums_apart = excluded.page_sums_apart`,
    [
      electionId, a.precinct, a.basis, a.events, pgArray(a.room), pgArray(a.outside), a.undone, a.undos,
      a.protocol?.type ?? null, a.protocol?.recordedAt ?? null, a.protocol ? new Date(a.protocol.receivedAt) : null, a.protocol?.events ?? 0,
      a.pageSums, apartJson(a.pageSumsApart),
    ],
  );
}

const apartJson = (apart: readonly PageSumsApart[]): string | null => (apart.length === 0 ? null : JSON.stringify(apart));

/**
 * Recomputes the rows of the given precincts from their stored events (the caller holds each
 * precinct's lock, or accepts that a push may move a row meanwhile and be folded again later).
 */
export async function computeAggregates(
  q: Queryable,
  electionId: string,
  precincts: readonly { number: number; basis: FigureBasis }[],
): Promise<PrecinctAggregate[]> {
  if (precincts.length === 0) return [];
  const numbersSql = pgArray(precincts.map((p) => p.number));
  const counts = await q.query<{ precinct: number; events: string; undos: string }>(
    `select precinct, count(*)::text as events, count(*) filter (where type = 'BallotIssueUndone')::text as undos
     from events where election_id = $1 and precinct = any($2::int[]) group by precinct`,
    [electionId, numbersSql],
  );
  const protocols = await q.query<{ precinct: number; type: string; received_at: Date | string; recorded_at: string | null; events: string }>(
    `select distinct on (precinct) precinct, type, received_at, ${RECORDED_AT_SQL} as recorded_at,
       (count(*) over (partition by precinct))::text as events
     from events where election_id = $1 and precinct = any($2::int[]) and type like 'Protocol%' order by precinct, ingest_id desc`,
    [electionId, numbersSql],
  );
  const events = await figureEvents(q, electionId, precincts.map((p) => p.number));
  const pageSums = await signaturesOf(q, electionId, precincts.map((p) => p.number));
  const countOf = new Map(counts.map((c) => [c.precinct, c]));
  const protocolOf = new Map(protocols.map((p) => [p.precinct, p]));
  return precincts.map((p) => {
    const slots = figureSlots(foldBallotFacts(events.get(p.number) ?? []), p.basis.instants);
    const c = countOf.get(p.number);
    const proto = protocolOf.get(p.number);
    return {
      precinct: p.number,
      basis: p.basis.key,
      events: Number(c?.events ?? 0),
      room: slots.room,
      outside: slots.outside,
      undone: slots.undone,
      undos: Number(c?.undos ?? 0),
      protocol: proto ? { type: proto.type, recordedAt: proto.recorded_at, receivedAt: new Date(proto.received_at).toISOString(), events: Number(proto.events) } : null,
      pageSums: pageSums.get(p.number)?.total ?? null,
      pageSumsApart: pageSums.get(p.number)?.apart ?? [],
    };
  });
}

/** Precincts rebuilt per transaction: bounds how long one rebuild holds the precincts' locks. */
const REBUILD_CHUNK = 100;

/**
 * Recomputes and stores the rows of the given precincts (each under its lock, so a push in flight
 * is either folded in or applies its change after); every precinct of the election when none are
 * given. Returns the precincts rebuilt.
 */
export async function rebuildAggregates(db: Database, electionId: string, only?: readonly number[]): Promise<number> {
  const key = (await db.query<{ key: string | null }>(`select ${CURRENT_BUNDLE_KEY_SQL('$1')} as key`, [electionId]))[0]?.key ?? null;
  const view = await bundleViewByKey(db, electionId, key);
  const stored = await db.query<{ number: number; time_zone: string }>('select number, time_zone from precincts where election_id = $1 order by number', [electionId]);
  const wanted = only ? new Set(only) : null;
  const list = stored.filter((p) => wanted === null || wanted.has(p.number));
  for (let i = 0; i < list.length; i += REBUILD_CHUNK) {
    const chunk = list.slice(i, i + REBUILD_CHUNK);
    await db.transaction(async (tx) => {
      for (const p of chunk) await lockPrecinct(tx, electionId, p.number);
      const rows = await computeAggregates(tx, electionId, chunk.map((p) => ({ number: p.number, basis: figureBasis(view, zoneOf(view, p.number, p.time_zone)) })));
      for (const row of rows) await writeRow(tx, electionId, row);
    });
  }
  return list.length;
}

/**
 * The rows found stale at a start (missing — migration 012 emptied them — or on another basis),
 * recomputed in batches of REBUILD_CHUNK precincts, each batch checked again just before it and
 * rebuilt in its own transactions under its precincts' locks: the serving process does it after it
 * listens, so the first dashboard read does not recompute every precinct of the election (tens of
 * seconds at 2,000,000 ballots). A read before it is done recomputes what is still stale, as before.
 * Returns the precincts rebuilt.
 */
export async function recomputeStaleAggregates(db: Database): Promise<number> {
  const elections = await db.query<{ election_id: string }>('select distinct election_id from precincts order by election_id');
  let rebuilt = 0;
  for (const { election_id: electionId } of elections) {
    const staleOf = async (only: readonly number[] | null): Promise<number[]> => {
      const key = (await db.query<{ key: string | null }>(`select ${CURRENT_BUNDLE_KEY_SQL('$1')} as key`, [electionId]))[0]?.key ?? null;
      const view = await bundleViewByKey(db, electionId, key);
      const stored = await db.query<{ number: number; time_zone: string }>('select number, time_zone from precincts where election_id = $1 order by number', [electionId]);
      const rows = await readAggregates(db, electionId);
      const wanted = only === null ? null : new Set(only);
      return stored
        .filter((p) => (wanted === null || wanted.has(p.number)) && rows.get(p.number)?.basis !== figureBasis(view, zoneOf(view, p.number, p.time_zone)).key)
        .map((p) => p.number);
    };
    const stale = await staleOf(null);
    for (let i = 0; i < stale.length; i += REBUILD_CHUNK) {
      const still = await staleOf(stale.slice(i, i + REBUILD_CHUNK));
      if (still.length > 0) rebuilt += await rebuildAggregates(db, electionId, still);
    }
  }
  return rebuilt;
}

/** The ledger events `signaturesEntered` reads: the page sums and the corrections that may name them. */
const SIGNATURE_TYPES = new Set<string>(['ListPageSumsEntered', 'LedgerEntryCorrected']);

/**
 * The signatures summed on the list's pages of the given precincts (`signaturesEntered`, the fold
 * the act and the protocol's pre-fill read), from their stored page sums and corrections in the
 * laptops' log order (hlc, then id), and the entries two laptops made apart with different totals
 * (`pageSumsDisagreement`, the laptops' ledger and protocol screens' note); precincts without page
 * sums or corrections stored are absent.
 */
async function signaturesOf(q: Queryable, electionId: string, precincts: readonly number[]): Promise<Map<number, { total: number | null; apart: PageSumsApart[] }>> {
  const rows = await q.query<{ precinct: number; device_id: string; event_id: string; type: string; payload: unknown; body: string | null }>(
    `select precinct, device_id, event_id, type, payload, case when payload is null then body end as body from events
     where election_id = $1 and precinct = any($2::int[]) and type in ('ListPageSumsEntered', 'LedgerEntryCorrected')
     order by precinct, hlc, event_id`,
    [electionId, pgArray(precincts)],
  );
  const factsOf = new Map<number, LedgerFact[]>();
  for (const r of rows) {
    let payload: unknown = r.payload;
    if (typeof payload === 'string') payload = JSON.parse(payload) as unknown;
    if (payload === null && r.body !== null) payload = (JSON.parse(r.body) as { payload?: unknown }).payload;
    const type = r.type as 'ListPageSumsEntered' | 'LedgerEntryCorrected';
    // Stored events were checked at ingest; one that does not parse is left out (as the figures' fold does).
    const parsed = knownPart(protocolPayloadSchemas[type], payload);
    if (!parsed) continue;
    const list = factsOf.get(r.precinct) ?? [];
    list.push({ type, payload: parsed, id: r.event_id, device: r.device_id } as LedgerFact);
    factsOf.set(r.precinct, list);
  }
  const out = new Map<number, { total: number | null; apart: PageSumsApart[] }>();
  for (const [precinct, facts] of factsOf) {
    const apart = pageSumsDisagreement(facts).map(({ total, pages, at, enteredBy, device }) => ({ total, pages, at, enteredBy, device }));
    out.set(precinct, { total: signaturesEntered(facts), apart });
  }
  return out;
}

/** A fresh event as the fold reads it. */
const figureEventOf = (e: StoredEvent): FigureEvent => ({ id: e.id, type: e.type, payload: e.payload, recordedAt: e.recordedAt });

const FIGURE_TYPES = new Set<string>(FIGURE_EVENT_TYPES);

interface StoredFigureRow {
  event_id: string;
  type: string;
  payload: unknown;
  body: string | null;
  recorded_at: string | null;
}

/**
 * In the push's transaction, under the precinct's lock: `insert` stores the fresh events; the
 * precinct's row moves by what they change (or is recomputed when missing or cut by another basis).
 * Returns the view of the current bundle it judged by.
 */
export async function maintainAggregates(
  tx: Queryable,
  device: { election_id: string; precinct: number },
  fresh: readonly StoredEvent[],
  insert: () => Promise<void>,
): Promise<BundleView | null> {
  const electionId = device.election_id;
  const precinct = device.precinct;
  const head = (
    await tx.query<Row & { bundle_key: string | null; present: boolean }>(
      `select ${CURRENT_BUNDLE_KEY_SQL('$1')} as bundle_key, a.election_id is not null as present, ${ROW_COLUMNS}
       from (values (1)) v left join precinct_aggregates a on a.election_id = $1 and a.precinct = $2`,
      [electionId, precinct],
    )
  )[0];
  const view = await bundleViewByKey(tx, electionId, head?.bundle_key ?? null);
  let storedZone: string | null = null;
  if (!bundlePrecinct(view, precinct)) {
    storedZone = (await tx.query<{ time_zone: string }>('select time_zone from precincts where election_id = $1 and number = $2', [electionId, precinct]))[0]?.time_zone ?? null;
  }
  const basis = figureBasis(view, zoneOf(view, precinct, storedZone));
  const row = head?.present ? fromRow(head) : null;

  if (!row || row.basis !== basis.key) {
    await insert();
    const [rebuilt] = await computeAggregates(tx, electionId, [{ number: precinct, basis }]);
    if (rebuilt) await writeRow(tx, electionId, rebuilt);
    return view;
  }

  // The facts this push touches, as stored before it: issues its undos take back, undos of its issues.
  const figures = fresh.filter((e) => FIGURE_TYPES.has(e.type)).map(figureEventOf);
  const undoTargets = fresh.flatMap((e) => (e.type === 'BallotIssueUndone' ? [String((e.payload as { undoes?: unknown }).undoes)] : []));
  const issueIds = fresh.filter((e) => e.type === 'BallotIssued').map((e) => e.id);
  const touched = [...new Set([...issueIds, ...undoTargets])];
  let before: FigureEvent[] = [];
  // No undo stored for the precinct yet: none of the stored facts changes with these issues.
  if (undoTargets.length > 0 || (row.undos > 0 && issueIds.length > 0)) {
    const rows = await tx.query<StoredFigureRow>(
      `select event_id, type, payload, case when payload is null then body end as body, ${RECORDED_AT_SQL} as recorded_at from events
       where election_id = $1 and precinct = $2 and type in ('BallotIssued', 'BallotIssueUndone')
         and ((type = 'BallotIssued' and event_id = any($3::text[])) or (type = 'BallotIssueUndone' and payload->>'undoes' = any($4::text[])))`,
      [electionId, precinct, textArray(undoTargets), textArray(touched)],
    );
    before = rows.map((r) => {
      let payload: unknown = r.payload;
      if (typeof payload === 'string') payload = JSON.parse(payload) as unknown;
      if (payload === null && r.body !== null) payload = (JSON.parse(r.body) as { payload?: unknown }).payload;
      return { id: r.event_id, type: r.type, payload, recordedAt: r.recorded_at ?? '' };
    });
  }
  await insert();
  // Page sums entered or an entry corrected: the precinct's signatures folded again from its few ledger events.
  const signatures = fresh.some((e) => SIGNATURE_TYPES.has(e.type))
    ? ((await signaturesOf(tx, electionId, [precinct])).get(precinct) ?? { total: null, apart: [] })
    : { total: row.pageSums, apart: row.pageSumsApart };

  const delta: FigureSlots = subtractSlots(figureSlots(foldBallotFacts([...before, ...figures]), basis.instants), figureSlots(foldBallotFacts(before), basis.instants));
  const protocols = fresh.filter((e) => e.type.startsWith('Protocol'));
  const latest = protocols[protocols.length - 1];
  await tx.query(
    `update precinct_aggregates set events = events + $3, room_slots = $4::int[], outside_slots = $5::int[], undone = undone + $6,
       undos = undos + $7, protocol_events = protocol_events + $8,
       protocol_type = coalesce($9, protocol_type), protocol_recorded_at = case when $9::text is null then protocol_recorded_at else $10 end,
       protocol_received_at = case when $9::text is null then protocol_received_at else now() end, page_sums = $11,
       page_sums_apart = $12::jsonb
     where election_id = $1 and precinct = $2`,
    [
      electionId, precinct, fresh.length,
      pgArray(row.room.map((x, k) => x + (delta.room[k] ?? 0))), pgArray(row.outside.map((x, k) => x + (delta.outside[k] ?? 0))),
      delta.undone, fresh.filter((e) => e.type === 'BallotIssueUndone').length, protocols.length,
      latest?.type ?? null, latest ? latest.recordedAt : null, signatures.total, apartJson(signatures.apart),
    ],
  );
  return view;
}

/** A text[] literal (each element quoted and escaped). */
function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/gu, (c) => `\\${c}`)}"`).join(',')}}`;
}

/**
 * The election's rows for a reader, each on the current basis: a row missing or cut by another
 * basis (a new bundle moved the report times, events stored before the rows existed) is
 * recomputed first. Every precinct of the election has a row afterwards.
 */
export async function currentAggregates(
  db: Database,
  electionId: string,
  view: BundleView | null,
  storedZone: ReadonlyMap<number, string>,
  /** Where the rows are read (a read replica); a stale row is recomputed on `db` and read back from it. */
  readDb: Queryable = db,
  /** The rows already read from `readDb` (the dashboard's one snapshot statement). */
  already?: Map<number, PrecinctAggregate>,
): Promise<Map<number, PrecinctAggregate>> {
  const rows = already ?? (await readAggregates(readDb, electionId));
  const stale = [...storedZone.keys()].filter((n) => rows.get(n)?.basis !== figureBasis(view, zoneOf(view, n, storedZone.get(n))).key);
  if (stale.length === 0) return rows;
  await rebuildAggregates(db, electionId, stale);
  // From the primary: the replica may not have replayed the rebuild yet.
  return readAggregates(db, electionId);
}
