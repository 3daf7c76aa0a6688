/**
 * Every command type and the schema of its payload: what sync push accepts, what the PWA's
 * outbox stores, and what REST routes turn their bodies into. An unknown type is rejected and
 * grants nothing.
 */
import { z } from "zod";
import { journalWrite, riskFlagRaise } from "./companion";
import { messageSend } from "./messages";
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
