/**
 * Events of the opening of the premises on voting day, 07:00–08:00 (calendar item 72): the drawing
 * of lots for the members' duties (the chair and the secretary do not draw [KG-law15 Art 31]), the
 * safe opened, the paper and electronic lists compared, every empty box shown and sealed, and the
 * opening act drawn up. Spread into `eventPayloadSchemas`; every payload strict and bounded.
 */
import { z } from 'zod';

/** The duties as the law names them, one per member who draws. */
export const DUTIES = ['identification', 'list-registrar', 'ballot-issuer', 'booth-box-controller'] as const;
export type Duty = (typeof DUTIES)[number];

const memberId = z.string().min(1).max(80);
const sealNumber = z.string().trim().min(1).max(40);

export const openingPayloadSchemas = {
  /** The result of the lot: who holds which duty; members who were absent do not draw. */
  OpeningDutiesDrawn: z
    .object({
      assignments: z.array(z.object({ memberId, duty: z.enum(DUTIES) }).strict()).min(1).max(50),
      absent: z.array(memberId).max(50).default([]),
      /** Lots drawn on paper by the members, or drawn by the laptop in front of them. */
      method: z.enum(['paper', 'laptop']),
    })
    .strict(),
  /** The safe (or the room where the ballots were kept) opened, the seal found intact or not. */
  OpeningSafeOpened: z.object({ sealIntact: z.boolean(), note: z.string().trim().max(500).default('') }).strict(),
  /** The paper list and the electronic list compared: voters in each, and what differs. */
  OpeningListsCompared: z
    .object({
      paperVoters: z.number().int().min(0).max(1_000_000),
      electronicVoters: z.number().int().min(0).max(1_000_000),
      note: z.string().trim().max(1000).default(''),
    })
    .strict(),
  /** A box shown empty to those present and sealed: the stationary box (АЭУ) or a mobile box 1–3. */
  OpeningBoxSealed: z
    .object({
      box: z.union([z.literal('stationary'), z.number().int().min(1).max(3)]),
      seals: z.array(sealNumber).min(1).max(10),
    })
    .strict(),
  /** The opening act drawn up under its number. */
  OpeningActDrawnUp: z.object({ actNumber: z.string().trim().min(1).max(40) }).strict(),
} as const;

export type OpeningEventType = keyof typeof openingPayloadSchemas;
export const OPENING_EVENT_TYPES = Object.keys(openingPayloadSchemas) as OpeningEventType[];
export type OpeningPayload<T extends OpeningEventType> = z.infer<(typeof openingPayloadSchemas)[T]>;
