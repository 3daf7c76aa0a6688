/**
 * Request bodies of the wellbeing domain, and the payloads of the commands they become.
 * A REST body is a command payload plus optional `opId` (the idempotency key; the server mints
 * one when a plain REST client sends none) and `at` (the client's time; server time if absent).
 * Sync (issue 4) sends the same payloads inside `{ opId, type, at, payload }`.
 */
import { z } from "zod";
import { INSTRUMENTS } from "../domain/assessments";
import { CSSRS, triageCssrs } from "../domain/cssrs";
import { PET_SPECIES, SHOP_ITEMS, type ShopItemId } from "../domain/pet";
import { jsonSchemaOf } from "./common";
import {
  assessmentViewSchema,
  habitViewSchema,
  petViewSchema,
  progressViewSchema,
  questViewSchema,
  SAFETY_SECTIONS,
  type SafetySection,
  safetyPlanViewSchema,
} from "./views";

export const NAME_MAX = 120;
export const TEXT_MAX = 2000;
export const MOOD_NOTE_MAX = 2000;
export const TAGS_MAX = 20;
export const TAG_MAX = 40;
export const STEPS_MAX = 50;
export const SAFETY_ITEMS_MAX = 20;
export const SAFETY_ITEM_MAX = 500;
export const WORRIES_MAX = 10;

const id = z.uuid();
const title = z.string().trim().min(1).max(NAME_MAX);
const difficulty = z.enum(["easy", "medium", "hard"]);
/** A calendar date, YYYY-MM-DD. */
const date = z.iso.date();

/** The command envelope fields a REST body may carry. */
export const envelope = {
  opId: id.optional(),
  at: z.iso.datetime({ offset: true }).optional(),
};

export const schedule = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("daily"), perDay: z.number().int().min(1).max(10) }),
  z.strictObject({ type: z.literal("weekly"), timesPerWeek: z.number().int().min(1).max(7) }),
]);

export const habitCreate = z.strictObject({
  id: id.optional(),
  name: title,
  difficulty,
  schedule,
  notes: z.string().trim().max(TEXT_MAX).optional(),
});
export const habitUpdate = z.strictObject({
  name: title.optional(),
  difficulty: difficulty.optional(),
  schedule: schedule.optional(),
  notes: z.string().trim().max(TEXT_MAX).nullable().optional(),
});
export const habitComplete = z.strictObject({ completionId: id.optional() });

export const QUEST_STATUSES = ["active", "paused", "done"] as const;
export type QuestStatus = (typeof QUEST_STATUSES)[number];
export const questStatus = z.enum(QUEST_STATUSES, {
  error: `Status must be one of ${QUEST_STATUSES.join(", ")}.`,
});
const step = z.strictObject({ id: id.optional(), title, done: z.boolean().default(false) });
export const questCreate = z.strictObject({
  id: id.optional(),
  title,
  description: z.string().trim().max(TEXT_MAX).optional(),
  difficulty,
  steps: z.array(step).max(STEPS_MAX).optional(),
  dueDate: date.optional(),
});
/**
 * What an edit was made from (the quest as the device showed it when the form opened): with it
 * the server merges instead of overwriting — a field the edit did not change keeps the server's
 * value, a step's tick stands unless the edit itself toggled it, and a field another device
 * changed since is still replaced (last writer wins) but the answer says so. Optional: a queued
 * edit from an older client carries none (ticks on steps that persist are kept all the same).
 */
export const questEditBase = z.strictObject({
  title: z.string().max(NAME_MAX).optional(),
  description: z.string().max(TEXT_MAX).nullable().optional(),
  difficulty: difficulty.optional(),
  steps: z
    .array(z.strictObject({ id, title: z.string().max(NAME_MAX), done: z.boolean() }))
    .max(STEPS_MAX)
    .optional(),
  dueDate: date.nullable().optional(),
});
export const questUpdate = z.strictObject({
  title: title.optional(),
  description: z.string().trim().max(TEXT_MAX).nullable().optional(),
  difficulty: difficulty.optional(),
  steps: z.array(step).max(STEPS_MAX).optional(),
  dueDate: date.nullable().optional(),
  status: questStatus.optional(),
  base: questEditBase.optional(),
});
export const questToggleStep = z.strictObject({ done: z.boolean() });

export const moodLog = z.strictObject({
  id: id.optional(),
  mood: z.number().int().min(1).max(10),
  sleepQuality: z.number().int().min(0).max(10),
  sleepHours: z.number().min(0).max(24).optional(),
  note: z.string().trim().max(MOOD_NOTE_MAX).optional(),
  tags: z.array(z.string().trim().min(1).max(TAG_MAX)).max(TAGS_MAX).optional(),
});

/** PHQ-9 or GAD-7: each item answered 0..3, in item order. */
export const scoredAssessmentSubmit = z.strictObject({
  id: id.optional(),
  instrument: z.enum(INSTRUMENTS),
  answers: z.array(z.number().int().min(0).max(3)).min(7).max(9),
});

/**
 * The C-SSRS screener's answers, yes (true) or no, by item (shared/domain/cssrs.ts). Its skip
 * logic is checked here too, at the item: Q3–Q5 absent or no after a no to Q2 and answered after
 * a yes; the 3-month question answered after a yes to Q6 and absent after a no.
 */
export const cssrsAnswers = z
  .strictObject({
    wishToBeDead: z.boolean(),
    suicidalThoughts: z.boolean(),
    method: z.boolean().optional(),
    intent: z.boolean().optional(),
    plan: z.boolean().optional(),
    behaviour: z.boolean(),
    behaviourWithin3Months: z.boolean().optional(),
  })
  .superRefine((answers, ctx) => {
    const triage = triageCssrs(answers);
    if (!("error" in triage)) return;
    ctx.addIssue({
      code: "custom",
      path: [triage.item],
      message:
        triage.error === "SKIPPED_ITEM_ANSWERED"
          ? "This question is skipped by the earlier answers; leave it out."
          : "This question needs a yes or no answer.",
    });
  });

/** The C-SSRS screener: never limited per 14 days, since a crisis check is never rate-limited. */
export const cssrsSubmit = z.strictObject({
  id: id.optional(),
  instrument: z.literal(CSSRS),
  answers: cssrsAnswers,
});

/** `assessment.submit`: a questionnaire, told apart by its instrument. */
export const assessmentSubmit = z.discriminatedUnion("instrument", [scoredAssessmentSubmit, cssrsSubmit]);
/** The REST body of `POST /assessments`: the payload plus the envelope. */
export const assessmentSubmitBody = z.discriminatedUnion("instrument", [
  withEnvelope(scoredAssessmentSubmit),
  withEnvelope(cssrsSubmit),
]);

const safetyItems = z.array(z.string().trim().min(1).max(SAFETY_ITEM_MAX)).max(SAFETY_ITEMS_MAX);
/** The five sections of a personal safety plan (Stanley–Brown): each a list of texts. */
export const safetyPlan = z.strictObject(
  Object.fromEntries(SAFETY_SECTIONS.map((s) => [s, safetyItems])) as Record<SafetySection, typeof safetyItems>,
);
export type SafetyPlan = z.infer<typeof safetyPlan>;
export { SAFETY_SECTIONS, type SafetySection };

/** A safety-plan item's id: a uuid from the device, or the stable id given to an item saved before items had ids. */
const safetyItemId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a safety plan item id.");
const safetyItemText = z.string().trim().min(1).max(SAFETY_ITEM_MAX);
const safetySection = z.enum(SAFETY_SECTIONS);
/**
 * One change to one item of the plan. `from` is the item's text as the writer last saw it: when
 * someone changed the item since, the change still applies (last writer wins) but is recorded
 * as having replaced theirs.
 */
export const safetyPlanOp = z.discriminatedUnion("op", [
  z.strictObject({ op: z.literal("add"), section: safetySection, id: safetyItemId, text: safetyItemText }),
  z.strictObject({
    op: z.literal("edit"),
    section: safetySection,
    id: safetyItemId,
    text: safetyItemText,
    from: z.string().max(SAFETY_ITEM_MAX).optional(),
  }),
  z.strictObject({
    op: z.literal("remove"),
    section: safetySection,
    id: safetyItemId,
    from: z.string().max(SAFETY_ITEM_MAX).optional(),
  }),
]);
export type SafetyPlanOp = z.infer<typeof safetyPlanOp>;
/**
 * A per-item edit of the safety plan: merged into the server's plan item by item, so what the
 * care team added and what the patient added offline are both kept. `baseVersion` is the plan
 * version the edit was made from (informational).
 */
export const safetyPlanEdit = z.strictObject({
  baseVersion: z.number().int().min(0).optional(),
  ops: z
    .array(safetyPlanOp)
    .min(1)
    .max(SAFETY_ITEMS_MAX * SAFETY_SECTIONS.length * 2),
});
/**
 * `safetyPlan.update`: a per-item edit, or (older clients, plain REST) the whole plan, which the
 * server turns into per-item changes: items it holds that the writer could not have seen (changed
 * after the write's time) are kept.
 */
export const safetyPlanUpdate = byShape(safetyPlanEdit, safetyPlan);
export const safetyPlanUpdateBody = byShape(withEnvelope(safetyPlanEdit), withEnvelope(safetyPlan));

/**
 * One of two object schemas, chosen by shape (a body with `ops` is a per-item edit), so a
 * refusal names the fields of the one meant ("hobbies: Unknown field") rather than "no match".
 * Its JSON Schema (for the OpenAPI document, which cannot see inside a transform) is the
 * `anyOf` of the two, written from the same schemas.
 */
function byShape<E extends z.ZodType, W extends z.ZodType>(edit: E, whole: W) {
  return z
    .custom<z.input<E> | z.input<W>>()
    .transform((value, ctx) => {
      const isEdit = typeof value === "object" && value !== null && "ops" in value;
      const parsed = (isEdit ? edit : whole).safeParse(value);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.issues.push({ ...issue, input: value } as never);
        return z.NEVER;
      }
      return parsed.data as z.output<E> | z.output<W>;
    })
    .meta({ anyOf: [jsonSchemaOf(edit, "input"), jsonSchemaOf(whole, "input")] });
}

export const petAdopt = z.strictObject({
  name: z.string().trim().min(1).max(40),
  species: z.enum(PET_SPECIES),
});
export const petDeclutter = z.strictObject({
  worries: z.array(z.string().trim().min(1).max(SAFETY_ITEM_MAX)).min(1).max(WORRIES_MAX),
});
/** Feed, adventure, return and buy carry nothing but the envelope: prices come from the server. */
export const empty = z.strictObject({});

/** `GET /moods?from&to&limit&cursor`: ISO instants, `to` exclusive. */
export const moodQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(256).optional(),
});

/** Wraps a payload schema with the REST envelope. */
export function withEnvelope<S extends z.ZodObject>(schema: S) {
  return schema.extend(envelope).strict();
}

// ---------------------------------------------------------------------------------------------
// Responses of the wellbeing routes' reads (the writes answer their command's body:
// shared/schemas/commands.ts COMMAND_RESPONSES).
// ---------------------------------------------------------------------------------------------

/** A habit's running streak and its longest, in days (or weeks) that met the target. */
export const streakSchema = z.strictObject({ current: z.number().int(), best: z.number().int() });

/** A habit with today's completions and its streak (worker/db/habit-streaks.ts). */
export const habitWithStreakSchema = habitViewSchema.extend({ today: z.number().int(), streak: streakSchema }).strict();
export type HabitWithStreak = z.infer<typeof habitWithStreakSchema>;

/** GET /habits: my habits, oldest first, each with today's count and its streak. */
export const habitListResponse = z.strictObject({ items: z.array(habitWithStreakSchema) });

/** GET /quests: my quests, oldest first. */
export const questListResponse = z.strictObject({ items: z.array(questViewSchema) });

/** GET /assessments: my questionnaires, newest first. */
export const assessmentListResponse = z.strictObject({ items: z.array(assessmentViewSchema) });

/** GET /safety-plan: my safety plan (an empty one, version 0, before it is first saved). */
export const safetyPlanResponse = z.strictObject({ safetyPlan: safetyPlanViewSchema });

/** GET /progress: level, tier, XP and coins, each live habit's streak, and what today earned. */
export const progressResponse = progressViewSchema
  .extend({
    streaks: z.array(z.strictObject({ habitId: z.uuid(), name: z.string(), ...streakSchema.shape })),
    today: z.strictObject({ localDay: z.iso.date(), xp: z.number(), coins: z.number() }),
  })
  .strict();
export type ProgressResponse = z.infer<typeof progressResponse>;

/** GET /pet: my pet as it is now, or null before one is adopted. */
export const petResponse = z.strictObject({ pet: petViewSchema.nullable() });

const petStatEffects = z.strictObject({
  hunger: z.number().optional(),
  happiness: z.number().optional(),
  energy: z.number().optional(),
  hygiene: z.number().optional(),
});

/** GET /pet/shop: the price of food and what the shop sells (prices in coins). */
export const petShopResponse = z.strictObject({
  feed: z.strictObject({ price: z.number(), hunger: z.number() }),
  items: z.array(
    z.strictObject({
      id: z.enum(Object.keys(SHOP_ITEMS) as [ShopItemId, ...ShopItemId[]]),
      name: z.string(),
      price: z.number(),
      kind: z.enum(["food", "cosmetic"]),
      effects: petStatEffects,
    }),
  ),
});

/** GET /health: up, its version, and the database's applied migrations (the latest by name; null: none). */
export const healthResponse = z.strictObject({
  status: z.literal("ok"),
  version: z.string(),
  migrations: z.strictObject({ applied: z.number().int(), latest: z.string().nullable() }),
});
export type HealthResponse = z.infer<typeof healthResponse>;
