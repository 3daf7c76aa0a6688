/**
 * The entities as the API and the sync change log show them: one schema each, in one place.
 * The Worker's view functions (worker/db/views.ts) are typed by them, the OpenAPI document
 * declares them, the contract check holds every answer to them, and the PWA caches these types.
 */
import { z } from "zod";
import { PET_SPECIES } from "../domain/pet";
import { TIERS } from "../domain/progression";
import { CSSRS_CATEGORIES } from "../domain/risk-flags";
import { isoTime } from "./common";

const difficulty = z.enum(["easy", "medium", "hard"]);

export const habitViewSchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  difficulty,
  schedule: z.discriminatedUnion("type", [
    z.strictObject({ type: z.literal("daily"), perDay: z.number().int() }),
    z.strictObject({ type: z.literal("weekly"), timesPerWeek: z.number().int() }),
  ]),
  notes: z.string().nullable(),
  archived: z.boolean(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type HabitView = z.infer<typeof habitViewSchema>;

export const completionViewSchema = z.strictObject({
  id: z.uuid(),
  habitId: z.uuid(),
  at: isoTime,
  localDay: z.iso.date(),
  undone: z.boolean(),
  late: z.boolean(),
});
export type CompletionView = z.infer<typeof completionViewSchema>;

export const questStepSchema = z.strictObject({ id: z.string(), title: z.string(), done: z.boolean() });
export type QuestStep = z.infer<typeof questStepSchema>;

export const questViewSchema = z.strictObject({
  id: z.uuid(),
  title: z.string(),
  description: z.string().nullable(),
  difficulty,
  steps: z.array(questStepSchema),
  dueDate: z.iso.date().nullable(),
  status: z.enum(["active", "paused", "done"]),
  xpAwarded: z.boolean(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type QuestView = z.infer<typeof questViewSchema>;

/** A mood and sleep check-in. */
export const moodViewSchema = z.strictObject({
  id: z.uuid(),
  at: isoTime,
  localDay: z.iso.date(),
  mood: z.number().int(),
  sleepQuality: z.number().int(),
  sleepHours: z.number().nullable(),
  note: z.string().nullable(),
  tags: z.array(z.string()),
});
export type MoodView = z.infer<typeof moodViewSchema>;

export const petStatsSchema = z.strictObject({
  hunger: z.number(),
  happiness: z.number(),
  energy: z.number(),
  hygiene: z.number(),
});

/** The pet as it is now: stored stats with decay for the time since they were stored. */
export const petViewSchema = z.strictObject({
  name: z.string(),
  species: z.enum(PET_SPECIES),
  stats: petStatsSchema,
  xp: z.number(),
  stage: z.enum(["baby", "child", "adult"]),
  away: z.boolean(),
  adventureStartedAt: isoTime.nullable(),
  lastDeclutterAt: isoTime.nullable(),
  cosmetics: z.array(z.string()),
  loot: z.array(z.strictObject({ id: z.string(), name: z.string(), rarity: z.string() })),
  adoptedAt: isoTime,
});
export type PetView = z.infer<typeof petViewSchema>;

export const messageViewSchema = z.strictObject({
  id: z.uuid(),
  senderId: z.uuid(),
  recipientId: z.uuid(),
  body: z.string(),
  sentAt: isoTime,
  readAt: isoTime.nullable(),
});
export type MessageView = z.infer<typeof messageViewSchema>;

const cssrsAnswersSchema = z.strictObject({
  wishToBeDead: z.boolean(),
  suicidalThoughts: z.boolean(),
  method: z.boolean().optional(),
  intent: z.boolean().optional(),
  plan: z.boolean().optional(),
  behaviour: z.boolean(),
  behaviourWithin3Months: z.boolean().optional(),
});

/**
 * A questionnaire, told apart by `instrument`: PHQ-9 and GAD-7 with their answers (0–3), total
 * and band; the C-SSRS screener with its yes/no answers and its triage (null when all were no).
 */
export const assessmentViewSchema = z.discriminatedUnion("instrument", [
  z.strictObject({
    id: z.uuid(),
    instrument: z.enum(["PHQ-9", "GAD-7"]),
    answers: z.array(z.number().int()),
    score: z.number().int(),
    severity: z.enum(["minimal", "mild", "moderate", "moderately severe", "severe"]),
    at: isoTime,
  }),
  z.strictObject({
    id: z.uuid(),
    instrument: z.literal("C-SSRS"),
    answers: cssrsAnswersSchema,
    level: z.enum(["high", "medium"]).nullable(),
    category: z.enum(CSSRS_CATEGORIES as [string, ...string[]]).nullable(),
    at: isoTime,
  }),
]);
export type AssessmentView = z.infer<typeof assessmentViewSchema>;

/** Level, tier, XP and coins (shared/domain/progression.ts progressView). */
export const progressViewSchema = z.strictObject({
  level: z.number().int(),
  tier: z.enum(TIERS),
  xp: z.number(),
  coins: z.number(),
  xpForNextLevel: z.number(),
  xpIntoLevel: z.number(),
});

/** The five sections of a personal safety plan (Stanley–Brown), in order. */
export const SAFETY_SECTIONS = [
  "warningSigns",
  "copingSteps",
  "peopleAndPlaces",
  "professionals",
  "safeEnvironment",
] as const;
export type SafetySection = (typeof SAFETY_SECTIONS)[number];
const safetySection = z.enum(SAFETY_SECTIONS);

/** An object with one array of `item` per safety-plan section (the request body and the view alike). */
export function safetySectionsOf<T extends z.ZodType>(item: T) {
  return z.strictObject(
    Object.fromEntries(SAFETY_SECTIONS.map((s) => [s, z.array(item)])) as Record<SafetySection, z.ZodArray<T>>,
  );
}

/** One item of a safety plan, with its stable id and who added and last changed it (null: not known). */
export const safetyItemSchema = z.strictObject({
  id: z.string(),
  text: z.string(),
  addedBy: z.uuid().nullable(),
  addedAt: isoTime.nullable(),
  updatedBy: z.uuid().nullable(),
  updatedAt: isoTime.nullable(),
});

/** One recorded change to a safety plan (shared/domain/safety-plan-merge.ts SafetyChange). */
export const safetyChangeSchema = z.strictObject({
  at: isoTime,
  by: z.uuid(),
  section: safetySection,
  itemId: z.string(),
  kind: z.enum(["added", "edited", "removed"]),
  text: z.string(),
  previous: z.string().optional(),
  overwrote: z
    .strictObject({ by: z.uuid().nullable(), at: isoTime.nullable(), text: z.string().nullable() })
    .optional(),
});

/**
 * The safety plan: each section's texts (as before items had ids), the items with ids and authors
 * (`entries`), the latest changes, the version, and who saved it last (null: never saved).
 */
export const safetyPlanViewSchema = safetySectionsOf(z.string())
  .extend({
    entries: safetySectionsOf(safetyItemSchema),
    changes: z.array(safetyChangeSchema),
    version: z.number().int(),
    updatedAt: isoTime.nullable(),
    updatedBy: z.uuid().nullable(),
  })
  .strict();
export type SafetyPlanViewBody = z.infer<typeof safetyPlanViewSchema>;

/** A private journal entry (today only the CBT thought record), as sync carries it to the patient's devices. */
export const journalViewSchema = z.strictObject({
  id: z.uuid(),
  kind: z.literal("thought_record"),
  entry: z.strictObject({
    situation: z.string(),
    thoughts: z.string(),
    feelings: z.string(),
    evidenceFor: z.string(),
    evidenceAgainst: z.string(),
    balancedThought: z.string(),
  }),
  at: isoTime,
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type JournalView = z.infer<typeof journalViewSchema>;
