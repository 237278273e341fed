/**
 * Form 2 and Form 3 applications about the voter list (calendar items 43 and 42).
 *
 * - Form 2 (2-форма / форма №2): the voter asks to vote at the actual address, i.e. to be added to
 *   this precinct's list. A copy of the identity document is attached (abroad: the ID card or, failing
 *   it, the general, service or diplomatic passport). The precinct forwards it at once (to the CEC /
 *   the registry, through the territorial commission).
 * - Form 3 (3-форма / форма №3): an error, an inaccuracy or the voter's absence in the list. The voter
 *   writes it personally at the precinct; it goes to the territorial commission and the registry.
 * Both are accepted until 15 calendar days before voting day (not later), judged in the precinct's own
 * time zone; a later one is refused and the refusal is recorded.
 */
import { z } from 'zod';

export const APPLICATION_FORMS = ['form2', 'form3'] as const;
export type ApplicationForm = (typeof APPLICATION_FORMS)[number];

/** The calendar item that sets each form's deadline. */
export const FORM_CALENDAR_ITEM: Record<ApplicationForm, number> = { form2: 43, form3: 42 };

/** What a Form 3 is about. */
export const FORM3_SUBJECTS = ['error', 'inaccuracy', 'absence'] as const;
export type Form3Subject = (typeof FORM3_SUBJECTS)[number];

/** The document a copy of which is attached (Form 2 requires one). */
export const DOCUMENT_KINDS = ['id-card', 'general-passport', 'service-passport', 'diplomatic-passport'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Where an application is sent. */
export const FORWARD_TARGETS = ['tec', 'cec', 'registry'] as const;
export type ForwardTarget = (typeof FORWARD_TARGETS)[number];

/** What came of it. */
export const APPLICATION_OUTCOMES = ['included', 'corrected', 'rejected', 'no-change'] as const;
export type ApplicationOutcome = (typeof APPLICATION_OUTCOMES)[number];

const text = (max: number) => z.string().trim().max(max);
const isoInstant = z.iso.datetime({ offset: true });

/** The applicant as written on the application. */
export const applicantSchema = z
  .object({
    surname: text(100).min(1),
    name: text(100).min(1),
    patronymic: text(100).default(''),
    /** 'YYYY-MM-DD' or 'YYYY' as written; empty when not given. */
    birth: z.string().regex(/^(\d{4}|\d{4}-\d{2}-\d{2})?$/u).default(''),
    /** Personal number (ПИН), 14 digits, when written. */
    personalNumber: z.string().regex(/^(\d{14})?$/u).default(''),
    /** The voter's row in the active list, when the applicant is in it. */
    voterId: z.string().min(1).max(80).nullable().default(null),
    /** Address: the actual address for Form 2, the registered one for Form 3. */
    address: text(300).default(''),
    phone: text(40).default(''),
  })
  .strict();

export const documentCopySchema = z
  .object({ kind: z.enum(DOCUMENT_KINDS), number: text(30).min(1) })
  .strict();

/** What the application asks, as the payload of its registration or refusal. */
export const applicationBodySchema = z
  .object({
    form: z.enum(APPLICATION_FORMS),
    /** When the paper was handed in (may be earlier than when it was entered). */
    receivedAt: isoInstant,
    /** The member who took it. */
    receivedBy: z.string().min(1).max(80),
    applicant: applicantSchema,
    /** Form 2: the copy attached. Form 3: optional. */
    document: documentCopySchema.nullable().default(null),
    /** Form 3 only. */
    subject: z.enum(FORM3_SUBJECTS).nullable().default(null),
    /** Form 3: what is wrong and how it should read; Form 2: free note. */
    details: text(1000).default(''),
  })
  .strict();
export type ApplicationBody = z.infer<typeof applicationBodySchema>;
export type ApplicationBodyInput = z.input<typeof applicationBodySchema>;

export const applicationPayloadSchemas = {
  /** An application entered in the register, with its number within its form. */
  ListApplicationRegistered: applicationBodySchema.extend({ number: z.number().int().min(1).max(100_000) }).strict(),
  /** An application refused at the desk (too late); the refusal is kept, with the deadline it missed. */
  ListApplicationRefused: applicationBodySchema
    .extend({
      reason: z.enum(['late']),
      deadline: z.object({ date: z.string(), time: z.string(), timeZone: z.string() }).strict(),
    })
    .strict(),
  /** Sent on (to the territorial commission, the CEC or the registry). */
  ListApplicationForwarded: z
    .object({ application: z.string().uuid(), to: z.enum(FORWARD_TARGETS), at: isoInstant, note: text(500).default('') })
    .strict(),
  /** The answer that came back. */
  ListApplicationDecided: z
    .object({ application: z.string().uuid(), outcome: z.enum(APPLICATION_OUTCOMES), at: isoInstant, note: text(1000).default('') })
    .strict(),
} as const;
