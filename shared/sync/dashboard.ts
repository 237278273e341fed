/**
 * The center's dashboard as JSON (`GET /api/admin/dashboard`): every precinct's devices, last
 * sync, ballots issued, turnout at the election's report times, protocol status and incidents,
 * with totals. The center builds it, the dashboard page and tests read it: one schema both sides.
 */
import { z } from 'zod';

const instant = z.iso.datetime();

export const dashboardDeviceSchema = z
  .object({
    deviceId: z.string(),
    label: z.string().nullable(),
    lastPushAt: instant.nullable(),
    lastPullAt: instant.nullable(),
    revoked: z.boolean(),
  })
  .strict();
export type DashboardDevice = z.infer<typeof dashboardDeviceSchema>;

export const dashboardTurnoutSchema = z
  .object({
    time: z.string(),
    /** The instant of `time` on voting day in the precinct's zone (totals: null, zones differ). */
    instant: instant.nullable(),
    /** Ballots issued by then, in the room and outside (shared/figures: the one fold). */
    ballots: z.number().int(),
    room: z.number().int(),
    outside: z.number().int(),
    /** Percent of the list (bundle's voterCount), two decimals; null without a list size. */
    percent: z.number().nullable(),
    /** The reporting time has come by the center's clock (totals: in every precinct). */
    reached: z.boolean(),
  })
  .strict();
export type DashboardTurnout = z.infer<typeof dashboardTurnoutSchema>;

/** Null until the precinct's devices send protocol events; then the latest one. */
export const dashboardProtocolSchema = z
  .object({ type: z.string(), recordedAt: instant.nullable(), receivedAt: instant, events: z.number().int().min(1) })
  .strict()
  .nullable();

const protocolMarkSchema = z.enum(['original', 'repeated', 'corrected']);
/** The newest protocol version received as its QR codes (verified at the center), null when none. */
export const dashboardProtocolQrSchema = z.object({ version: z.number().int(), mark: protocolMarkSchema, receivedAt: instant }).strict().nullable();
/** Sync and QR brought different signed protocols (shared/protocol/summary: protocolInForce). */
export const dashboardProtocolMismatchSchema = z
  .object({
    kind: z.enum(['qr-newer', 'qr-older', 'conflict']),
    syncVersion: z.number().int(),
    qrVersion: z.number().int(),
    /** Numbers of the form's lines whose figures differ. */
    lines: z.array(z.number().int()),
  })
  .strict()
  .nullable();
export const protocolSourceSchema = z.enum(['sync', 'qr', 'both']).nullable();

export const dashboardPrecinctSchema = z
  .object({
    number: z.number().int(),
    name: z.string(),
    territorialCommission: z.string(),
    timeZone: z.string(),
    voterCount: z.number().int().nullable(),
    devices: z.array(dashboardDeviceSchema),
    lastSyncAt: instant.nullable(),
    events: z.number().int().min(0),
    /**
     * Ballots issued, by the one fold the laptops use (shared/figures): in the room (issues not
     * undone; two ballots to one voter on two laptops count two), outside the premises, in total.
     */
    ballotsIssued: z.number().int(),
    ballotsRoom: z.number().int(),
    ballotsOutside: z.number().int(),
    turnout: z.array(dashboardTurnoutSchema),
    protocol: dashboardProtocolSchema,
    protocolQr: dashboardProtocolQrSchema,
    /** Where the protocol in force came from (null: none received), and whether the two ways differ. */
    protocolSource: protocolSourceSchema,
    protocolMismatch: dashboardProtocolMismatchSchema,
    /** Incidents still open (a resolution recorded closes one). */
    incidents: z.number().int().min(0),
    incidentsResolved: z.number().int().min(0),
    /**
     * Page sums two laptops of the precinct entered before they exchanged records, with different
     * totals (shared/protocol/ledger `pageSumsDisagreement`), in time order; empty when they agree.
     * The figures take the later (`ballotsRoom`), as the laptops' act and protocol do.
     */
    pageSumsApart: z.array(
      z.object({ total: z.number().int().min(0), pages: z.number().int().min(0), at: z.string(), enteredBy: z.string(), deviceId: z.string().nullable() }).strict(),
    ),
  })
  .strict();
export type DashboardPrecinct = z.infer<typeof dashboardPrecinctSchema>;

export const dashboardTotalsSchema = z
  .object({
    precincts: z.number().int().min(0),
    precinctsSynced: z.number().int().min(0),
    devices: z.number().int().min(0),
    events: z.number().int().min(0),
    ballotsIssued: z.number().int(),
    ballotsRoom: z.number().int(),
    ballotsOutside: z.number().int(),
    /** Sum of the list sizes known from the bundle. */
    voterCount: z.number().int().min(0),
    turnout: z.array(dashboardTurnoutSchema),
    /** Precincts with a protocol received, through sync or as QR codes. */
    protocols: z.number().int().min(0),
    /** Precincts whose synced and QR-read protocols differ. */
    protocolMismatches: z.number().int().min(0),
    incidents: z.number().int().min(0),
    incidentsResolved: z.number().int().min(0),
  })
  .strict();

/**
 * The summary table of the precincts' signed protocols (shared/protocol/summary): every line of the
 * form per precinct, the version in force and its mark, the control relations it fails, the totals.
 */
export const dashboardProtocolsSchema = z
  .object({
    formId: z.string(),
    formVersion: z.number().int(),
    provisional: z.boolean(),
    lines: z.array(z.object({ key: z.string(), number: z.number().int(), label: z.object({ ky: z.string(), ru: z.string(), en: z.string() }).strict() }).strict()),
    rows: z.array(
      z
        .object({
          precinct: z.number().int(),
          name: z.string(),
          status: z.enum(['none', 'signed', 'superseding']),
          version: z.number().int().nullable(),
          mark: z.enum(['original', 'repeated', 'corrected']).nullable(),
          signedAt: z.string().nullable(),
          superseded: z.number().int().min(0),
          values: z.array(z.number().int().nullable()),
          errors: z.array(z.string()),
          warnings: z.array(z.string()),
          otherForm: z.boolean(),
          source: protocolSourceSchema,
          qr: dashboardProtocolQrSchema,
          mismatch: dashboardProtocolMismatchSchema,
        })
        .strict(),
    ),
    totals: z.array(z.number().int()),
    withProtocol: z.number().int().min(0),
    withErrors: z.number().int().min(0),
    withMismatch: z.number().int().min(0),
  })
  .strict();
export type DashboardProtocols = z.infer<typeof dashboardProtocolsSchema>;

/**
 * One incident of the election: a double issue (`voterId` and the laptops), a refused push
 * (`push:bad-signature` …) or another kind the center recorded; open until resolved.
 */
export const dashboardIncidentSchema = z
  .object({
    id: z.string(),
    at: instant,
    kind: z.string(),
    precinct: z.number().int().nullable(),
    deviceId: z.string().nullable(),
    voterId: z.string().nullable(),
    devices: z.array(z.string()),
    resolution: z.object({ text: z.string(), at: instant, by: z.string().nullable() }).strict().nullable(),
  })
  .strict();
export type DashboardIncident = z.infer<typeof dashboardIncidentSchema>;

export const dashboardSchema = z
  .object({
    electionId: z.string(),
    electionName: z.object({ ky: z.string(), ru: z.string().optional(), en: z.string().optional() }).strict().nullable(),
    votingDay: z.string().nullable(),
    /** The active bundle's version (the operator's console shows it); null when none is loaded. */
    bundleVersion: z.number().int().nullable(),
    reportTimes: z.array(z.string()),
    /** The center's clock when built: the page colours "synced within 15 minutes" against it. */
    generatedAt: instant,
    precincts: z.array(dashboardPrecinctSchema),
    totals: dashboardTotalsSchema,
    /** Null when the center has no bundle for the election (no candidates, no form). */
    protocols: dashboardProtocolsSchema.nullable(),
    /** The latest incidents (at most 500), open ones first, newest first. */
    incidents: z.array(dashboardIncidentSchema),
  })
  .strict();
export type Dashboard = z.infer<typeof dashboardSchema>;
