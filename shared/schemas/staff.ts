import { z } from "zod";
import {
  CSSRS_CATEGORIES,
  type CssrsCategory,
  FLAG_LEVELS,
  FLAG_NOTE_MAX,
  FLAG_SOURCES,
  FLAG_STATUSES,
  type FlagLevel,
  type FlagSource,
  type FlagStatus,
} from "../domain/risk-flags";
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from "../limits";
import { isoTime, pageOf } from "./common";
import { assessmentViewSchema, habitViewSchema, moodViewSchema, questViewSchema, safetyPlanViewSchema } from "./views";

export const NOTE_MAX_LENGTH = 50_000;

export const patientsQuery = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(["name", "lastSync", "moodAverage", "openFlags"]).default("name"),
});

/** The longest window, in the patient's local days, that `days` asks for (and that `days` in the answer covers). */
export const PATIENT_DAYS_MAX = 366;

/**
 * `GET /staff/patients/:id`: the range as instants (`from`, `to`, `to` exclusive), or as the
 * patient's last `days` local days, today included (the dashboard's 7/30/90); not both.
 */
export const timelineQuery = z
  .strictObject({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    days: z.coerce.number().int().min(1).max(PATIENT_DAYS_MAX).optional(),
    limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
    cursor: z.string().max(256).optional(),
  })
  .refine((q) => q.days === undefined || (q.from === undefined && q.to === undefined), {
    message: "Ask for the last `days`, or for a range from `from` to `to`, not both.",
    path: ["days"],
  });

export const noteBody = z.strictObject({
  body: z
    .string()
    .max(NOTE_MAX_LENGTH, `A note holds at most ${NOTE_MAX_LENGTH.toLocaleString("en")} characters.`)
    .refine((b) => b.trim().length > 0, { message: "Write something first." }),
});

/** A flag's path: its patient and the flag. */
export const flagParams = z.strictObject({ id: z.uuid(), flagId: z.uuid() });

/** A staff note on a flag: 1–2,000 characters, not blank. */
const flagNote = z
  .string()
  .max(FLAG_NOTE_MAX, `A note holds at most ${FLAG_NOTE_MAX.toLocaleString("en")} characters.`)
  .refine((note) => note.trim().length > 0, { message: "Write something first." });

/** `POST /staff/patients/:id/flags/:flagId/acknowledge`: no body, or an optional note. */
export const flagAcknowledgeBody = z.strictObject({ note: flagNote.optional() });

/** `POST /staff/patients/:id/flags/:flagId/resolve`: what was done, always. */
export const flagResolveBody = z.strictObject({ note: flagNote });

// ---------------------------------------------------------------------------------------------
// Responses: what /api/v1/staff answers (the OpenAPI document declares these; the contract
// tests hold every answer to them).

const flagLevel = z.enum(FLAG_LEVELS as [FlagLevel, ...FlagLevel[]]);
const cssrsCategory = z.enum(CSSRS_CATEGORIES as [CssrsCategory, ...CssrsCategory[]]);

/** One step of a flag's handling: when, by whom (null if that account is gone), and the note. */
export const flagStepSchema = z.strictObject({
  at: isoTime,
  by: z.strictObject({ id: z.uuid(), displayName: z.string() }).nullable(),
  note: z.string().nullable(),
});
export type FlagStep = z.infer<typeof flagStepSchema>;

/**
 * A risk flag as staff see it (shared/domain/risk-flags.ts has the rules): never the patient's
 * words, only what kind of signal, how urgent, and where it is in its handling. A flag resolved
 * straight from open carries the resolver's acknowledgement too.
 */
export const flagViewSchema = z.strictObject({
  id: z.uuid(),
  level: flagLevel,
  source: z.enum(FLAG_SOURCES as [FlagSource, ...FlagSource[]]),
  category: cssrsCategory.nullable(),
  status: z.enum(FLAG_STATUSES as [FlagStatus, ...FlagStatus[]]),
  createdAt: isoTime,
  acknowledged: flagStepSchema.nullable(),
  resolved: flagStepSchema.nullable(),
});
export type FlagView = z.infer<typeof flagViewSchema>;

/** One assigned patient as the staff list shows them: figures, never content. */
export const patientSummarySchema = z.strictObject({
  id: z.uuid(),
  displayName: z.string(),
  lastSyncAt: isoTime.nullable(),
  moodAverage7d: z.number().nullable(),
  /** This week's mood average minus the week before's; null without both. */
  moodTrend: z.number().nullable(),
  /** The last 7 local days' mood averages, oldest first (today last); null for a day without a check-in. */
  moodDaily7d: z.array(z.number().nullable()).length(7),
  /** Completions in the last 7 days over what the habits' schedules ask for (0–1). */
  adherence7d: z.number().nullable(),
  /** Unresolved flags (open or acknowledged). */
  openFlags: z.number().int(),
  /** Unresolved flags by level. */
  openFlagsByLevel: z.strictObject({ high: z.number().int(), medium: z.number().int(), low: z.number().int() }),
  /** The most urgent unresolved flag's level (the list's first sort key), or null for none. */
  highestOpenFlag: flagLevel.nullable(),
  /** Flags nobody has acknowledged yet. */
  unacknowledgedFlags: z.number().int(),
});
export type PatientSummary = z.infer<typeof patientSummarySchema>;

/** `GET /staff/patients`: every assigned patient, most urgent flags first, then by `sort`. */
export const patientsResponse = z.strictObject({ items: z.array(patientSummarySchema) });

/** `GET /staff/patients/:id/summary`: one assigned patient's figures. */
export const patientSummaryResponse = z.strictObject({ summary: patientSummarySchema });

/** A clinician's private note about a patient. */
export const noteViewSchema = z.strictObject({
  id: z.uuid(),
  patientId: z.uuid(),
  authorId: z.uuid(),
  /** The author's display name; null when that account no longer exists. */
  authorName: z.string().nullable(),
  body: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type NoteView = z.infer<typeof noteViewSchema>;

/** `GET /staff/patients/:id/notes`: the patient's notes, newest first. */
export const notesResponse = z.strictObject({ items: z.array(noteViewSchema) });

/** `POST /staff/patients/:id/notes`, `PATCH /staff/notes/:noteId`: the note as saved. */
export const noteResponse = z.strictObject({ note: noteViewSchema });

/** `GET /staff/patients/:id/flags`: every flag of the patient, in staff order. */
export const flagsResponse = z.strictObject({ items: z.array(flagViewSchema) });

/**
 * `GET /staff/flags`: the risk inbox, every unresolved flag across my caseload in staff order,
 * each with whose it is.
 */
export const flagInboxResponse = z.strictObject({
  items: z.array(
    z.strictObject({ ...flagViewSchema.shape, patient: z.strictObject({ id: z.uuid(), displayName: z.string() }) }),
  ),
});
export type FlagInboxItem = z.infer<typeof flagInboxResponse>["items"][number];

/** `POST …/flags/:flagId/acknowledge` and `…/resolve`: the flag as it is now. */
export const flagResponse = z.strictObject({ flag: flagViewSchema });

const [scoredAssessmentViewSchema, cssrsAssessmentViewSchema] = assessmentViewSchema.options;

/**
 * One entry of the clinician's timeline, told apart by `kind`: a mood and sleep check-in and a
 * questionnaire as everywhere else (MoodView, AssessmentView), a habit completion (its habit and
 * local day), or a risk flag where it happened in time, with everything staff see of it (FlagView).
 */
export const timelineItemSchema = z.union([
  z.strictObject({ kind: z.literal("mood"), ...moodViewSchema.shape }),
  z.strictObject({
    kind: z.literal("completion"),
    id: z.uuid(),
    at: isoTime,
    habitId: z.uuid(),
    localDay: z.iso.date(),
  }),
  z.strictObject({ kind: z.literal("assessment"), ...scoredAssessmentViewSchema.shape }),
  z.strictObject({ kind: z.literal("assessment"), ...cssrsAssessmentViewSchema.shape }),
  z.strictObject({ kind: z.literal("riskFlag"), ...flagViewSchema.shape, at: isoTime }),
]);
export type TimelineItem = z.infer<typeof timelineItemSchema>;

/** A habit in the clinician's view: the habit, its live completions on the range's local days and its adherence (0–1). */
export const patientHabitSchema = z.strictObject({
  ...habitViewSchema.shape,
  completions: z.number().int(),
  adherence: z.number().nullable(),
});

/**
 * One of the patient's local days in the clinician's view: the day's average mood and sleep
 * quality (null without a check-in), and the share of their live habits kept over the 7 local
 * days up to it (shared/domain/adherence.ts rollingAdherence: the caseload's figure as it stood
 * that day; null when nothing was asked).
 */
export const patientDaySchema = z.strictObject({
  day: z.iso.date(),
  mood: z.number().nullable(),
  sleep: z.number().nullable(),
  adherence7d: z.number().nullable(),
});
export type PatientDay = z.infer<typeof patientDaySchema>;

/**
 * `GET /staff/patients/:id`: the clinician's view of one patient over a range (default the last
 * 31 days): who, the range, habits with their adherence, quests, and a page of the timeline.
 * Adherence and `days` go by the patient's whole local days, from the one `from` falls on to
 * the one before `to` (today at the latest); `days` holds the last PATIENT_DAYS_MAX of them.
 */
export const patientViewResponse = z.strictObject({
  patient: z.strictObject({ id: z.uuid(), displayName: z.string(), timezone: z.string() }),
  range: z.strictObject({ from: isoTime, to: isoTime }),
  /** The live (not archived) habits' combined adherence over the range (the caseload's rule). */
  adherence: z.number().nullable(),
  days: z.array(patientDaySchema),
  habits: z.array(patientHabitSchema),
  quests: z.array(questViewSchema),
  timeline: pageOf(timelineItemSchema),
});
export type PatientViewResponse = z.infer<typeof patientViewResponse>;

/** `GET /staff/patients/:id/safety-plan`: the plan, and the display name of everyone it names by id. */
export const staffSafetyPlanResponse = z.strictObject({
  safetyPlan: safetyPlanViewSchema,
  people: z.record(z.uuid(), z.string()),
});
