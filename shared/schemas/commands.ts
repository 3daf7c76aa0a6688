/**
 * Every command type and the schema of its payload: what sync push accepts, what the PWA's
 * outbox stores, and what REST routes turn their bodies into. An unknown type is rejected and
 * grants nothing.
 */
import { z } from "zod";
import { RARITIES } from "../domain/loot";
import { CSSRS_CATEGORIES, type CssrsCategory } from "../domain/risk-flags";
import { errorCodeSchema, isoTime } from "./common";
import { crisisResourceSchema, journalWrite, riskFlagRaise } from "./companion";
import { messageSend } from "./messages";
import {
  assessmentViewSchema,
  completionViewSchema,
  habitViewSchema,
  journalViewSchema,
  messageViewSchema,
  moodViewSchema,
  petViewSchema,
  progressViewSchema,
  questViewSchema,
  safetyChangeSchema,
  safetyPlanViewSchema,
} from "./views";
import {
  assessmentSubmit,
  empty,
  habitComplete,
  habitCreate,
  habitUpdate,
  moodLog,
  petAdopt,
  petDeclutter,
  questCreate,
  questStatus,
  questUpdate,
  safetyPlanUpdate,
} from "./wellbeing";

const habitId = { habitId: z.uuid() };
const questId = { questId: z.uuid() };

export const COMMAND_SCHEMAS = {
  "habit.create": habitCreate,
  "habit.update": habitUpdate.extend(habitId).strict(),
  "habit.archive": z.strictObject(habitId),
  "habit.complete": habitComplete.extend(habitId).strict(),
  "habit.uncomplete": z.strictObject({ completionId: z.uuid(), habitId: z.uuid().optional() }),
  "quest.create": questCreate,
  "quest.update": questUpdate.extend(questId).strict(),
  "quest.setStatus": z.strictObject({ ...questId, status: questStatus }),
  "quest.toggleStep": z.strictObject({ ...questId, stepId: z.uuid(), done: z.boolean() }),
  "mood.log": moodLog,
  "assessment.submit": assessmentSubmit,
  "safetyPlan.update": safetyPlanUpdate,
  "pet.adopt": petAdopt,
  "pet.feed": empty,
  "pet.buy": z.strictObject({ itemId: z.string().min(1).max(40) }),
  "pet.declutter": petDeclutter,
  "pet.adventure": empty,
  "pet.return": empty,
  "message.send": messageSend,
  "journal.write": journalWrite,
  "risk.flag": riskFlagRaise,
} as const;

export type CommandType = keyof typeof COMMAND_SCHEMAS;
export type CommandPayload<T extends CommandType> = z.infer<(typeof COMMAND_SCHEMAS)[T]>;
/** What a client sends for a command (before defaults): the PWA's write() is typed by it. */
export type CommandInput<T extends CommandType> = z.input<(typeof COMMAND_SCHEMAS)[T]>;

export function isCommandType(type: string): type is CommandType {
  return Object.hasOwn(COMMAND_SCHEMAS, type);
}

// ---------------------------------------------------------------------------------------------
// Responses: what each command answers (its handler's `body`, worker/commands/*.ts), the same
// whether a REST route runs it or sync push does (there, inside `result`). A replay of an opId
// answers the first answer again, with its status.
// ---------------------------------------------------------------------------------------------

/** A code the server says beside an applied write: kept late (earned nothing), or merged with a later change. */
export const commandWarningSchema = z.strictObject({
  code: z.enum(["CLIENT_TIME_OUT_OF_WINDOW", "QUEST_EDIT_MERGED", "SAFETY_PLAN_MERGED"]),
  message: z.string(),
});

/** An answer's own fields plus the warnings any applied write may carry (`warning`: the first, kept for older clients). */
function answer<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.strictObject({
    ...shape,
    warning: commandWarningSchema.optional(),
    warnings: z.array(commandWarningSchema).optional(),
  });
}

/** The progression part of an answer: the new level, XP and coins, what this write changed, and whether it levelled up. */
export const progressAnswerSchema = progressViewSchema
  .extend({ delta: z.strictObject({ xp: z.number(), coins: z.number() }), leveledUp: z.boolean() })
  .strict();
export type ProgressAnswer = z.infer<typeof progressAnswerSchema>;

const cssrsCategory = z.enum(CSSRS_CATEGORIES as [CssrsCategory, ...CssrsCategory[]]);

/**
 * A check-in raised a risk flag for the care team: show the crisis resources for the patient's
 * region at once. A low mood flags low, a positive PHQ-9 item 9 medium, a C-SSRS screener its triage.
 */
const checkInFlagSource = z.enum(["low_mood", "phq9_item9", "cssrs"]);
export const safetyAnswerSchema = z.strictObject({
  flagRaised: z.literal(true),
  flag: z.strictObject({
    id: z.uuid(),
    source: checkInFlagSource,
    level: z.enum(["high", "medium", "low"]),
    category: cssrsCategory.nullable(),
  }),
  source: checkInFlagSource,
  showCrisisResources: z.literal(true),
  resources: z.array(crisisResourceSchema),
});

const habitAnswer = answer({ habit: habitViewSchema });
const completionAnswer = answer({ completion: completionViewSchema, progress: progressAnswerSchema });
const questAnswer = answer({ quest: questViewSchema });
const petProgressAnswer = answer({ pet: petViewSchema, progress: progressAnswerSchema });

/** A quest's edit: the quest, the values it replaced that another device had set (if any), and its XP when it was done. */
export const questUpdateResponse = answer({
  quest: questViewSchema,
  overwritten: z
    .array(
      z.strictObject({
        field: z.enum(["title", "description", "difficulty", "dueDate", "step"]),
        theirs: z.string().nullable(),
        yours: z.string().nullable(),
      }),
    )
    .optional(),
  progress: progressAnswerSchema.optional(),
});

/** A mood check-in: the check-in, its progression, and the safety answer when it raised a flag. */
export const moodLogResponse = answer({
  mood: moodViewSchema,
  progress: progressAnswerSchema,
  safety: safetyAnswerSchema.optional(),
});

/** A questionnaire, scored on the server, and the safety answer when it raised a flag. */
export const assessmentSubmitResponse = answer({
  assessment: assessmentViewSchema,
  safety: safetyAnswerSchema.optional(),
});

/** The safety plan after a write, what the write changed, and which of its changes replaced a later one. */
export const safetyPlanUpdateResponse = answer({
  safetyPlan: safetyPlanViewSchema,
  merge: z.strictObject({ applied: z.array(safetyChangeSchema), conflicts: z.array(safetyChangeSchema) }),
});

/** Back from an adventure: the pet, what it found (coins, pet XP, one loot item) and the progression. */
export const petReturnResponse = answer({
  pet: petViewSchema,
  reward: z.strictObject({
    coins: z.number(),
    petXp: z.number(),
    loot: z.strictObject({
      id: z.string(),
      name: z.string(),
      rarity: z.enum(RARITIES),
    }),
  }),
  progress: progressAnswerSchema,
});

/** A flag the device raised (crisis check or SOS), as recorded, and the crisis resources to show. */
export const riskFlagResponse = answer({
  flag: z.strictObject({
    id: z.uuid(),
    source: z.enum(["companion", "sos"]),
    level: z.enum(["high", "medium"]),
    category: cssrsCategory.nullable(),
    at: isoTime,
  }),
  safety: z.strictObject({ level: z.enum(["high", "medium"]), resources: z.array(crisisResourceSchema) }),
});

/** Each command's answer body, by command type. */
export const COMMAND_RESPONSES = {
  "habit.create": habitAnswer,
  "habit.update": habitAnswer,
  "habit.archive": habitAnswer,
  "habit.complete": completionAnswer,
  "habit.uncomplete": completionAnswer,
  "quest.create": questAnswer,
  "quest.update": questUpdateResponse,
  "quest.setStatus": questUpdateResponse,
  "quest.toggleStep": questAnswer,
  "mood.log": moodLogResponse,
  "assessment.submit": assessmentSubmitResponse,
  "safetyPlan.update": safetyPlanUpdateResponse,
  "pet.adopt": answer({ pet: petViewSchema }),
  "pet.feed": petProgressAnswer,
  "pet.buy": petProgressAnswer,
  "pet.declutter": petProgressAnswer,
  "pet.adventure": answer({ pet: petViewSchema, returnsAt: isoTime }),
  "pet.return": petReturnResponse,
  "message.send": answer({ message: messageViewSchema }),
  "journal.write": answer({ entry: journalViewSchema }),
  "risk.flag": riskFlagResponse,
} as const satisfies Record<CommandType, z.ZodType>;

export type CommandResponse<T extends CommandType> = z.infer<(typeof COMMAND_RESPONSES)[T]>;

/** Any command's answer (what a sync push result carries): each distinct answer above, once. */
type AnyAnswer = (typeof COMMAND_RESPONSES)[CommandType];
export const anyCommandResponse = z.union([...new Set(Object.values(COMMAND_RESPONSES))] as unknown as [
  AnyAnswer,
  ...AnyAnswer[],
]);

/** A command's refusal, or a reason it could not run: a stable code and a message. */
export const commandErrorSchema = z.strictObject({
  code: errorCodeSchema,
  message: z.string(),
});
