/**
 * The AI companion's request bodies and answers, and the two commands that come with it: the
 * private journal (the offline thought record) and the risk flag a device raises offline.
 */
import { z } from "zod";
import type { CrisisResource } from "../domain/risk";
import { CSSRS_CATEGORIES, type CssrsCategory } from "../domain/risk-flags";
import { COMPANION_TEXT_MAX, JOURNAL_FIELD_MAX } from "../limits";
import { isoTime, pageOf } from "./common";

/** `POST /companion/chat`: a new message, in an existing conversation or a new one. */
export const companionChatBody = z.strictObject({
  conversationId: z.uuid().optional(),
  text: z
    .string()
    .max(COMPANION_TEXT_MAX, `A message holds at most ${COMPANION_TEXT_MAX.toLocaleString("en")} characters.`)
    .refine((t) => t.trim().length > 0, { message: "Write something first." }),
});
export type CompanionChatBody = z.infer<typeof companionChatBody>;

/** `GET /companion/conversations` and `GET /companion/conversations/:id`: paged, newest first. */
export const companionPageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(256).optional(),
});

export const conversationIdParam = z.strictObject({ id: z.uuid() });

const journalField = z.string().trim().max(JOURNAL_FIELD_MAX);

/** A CBT thought record: the situation, what went through my mind, and a more balanced view. */
export const thoughtRecord = z.strictObject({
  situation: journalField,
  thoughts: journalField,
  feelings: journalField,
  evidenceFor: journalField,
  evidenceAgainst: journalField,
  balancedThought: journalField,
});
export type ThoughtRecord = z.infer<typeof thoughtRecord>;

/**
 * `journal.write`: writes (or rewrites) one private entry, keyed by the client's id. Never
 * shown to staff; synced to the patient's other devices as the `journal` entity.
 */
export const journalWrite = z.strictObject({
  id: z.uuid(),
  kind: z.literal("thought_record"),
  entry: thoughtRecord.refine((e) => Object.values(e).some((v) => v.length > 0), {
    message: "Fill in at least one part of the thought record.",
  }),
});

/**
 * `risk.flag`: a flag the device raises. Either its crisis check fired in the companion (offline,
 * or before the message reached us), with the level and the C-SSRS category it matched, or the
 * patient pressed "Alert my care team" (an SOS), always high. It carries no text at all, only
 * that it happened, how urgent it was, what kind of signal, and when (`at`; the operation's own
 * time when absent); the id makes it idempotent, so staff see one flag however often the outbox
 * replays it. `medium` (passive ideation, hopelessness) is a flag for staff too, in the
 * classifier's own terms (shared/safety/crisis-risk.ts).
 */
export const riskFlagRaise = z.discriminatedUnion("source", [
  z.strictObject({
    id: z.uuid(),
    source: z.literal("companion"),
    level: z.enum(["high", "medium"]),
    category: z.enum(CSSRS_CATEGORIES as [CssrsCategory, ...CssrsCategory[]]).optional(),
    at: z.iso.datetime({ offset: true }).optional(),
  }),
  z.strictObject({
    id: z.uuid(),
    source: z.literal("sos"),
    level: z.literal("high").default("high"),
    at: z.iso.datetime({ offset: true }).optional(),
  }),
]);

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/** A conversation in the history list. */
export const conversationViewSchema = z.strictObject({
  id: z.uuid(),
  title: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type ConversationView = z.infer<typeof conversationViewSchema>;

/** One turn. `replaced`: the model's reply failed the safety check and this is what was shown instead. */
export const companionMessageViewSchema = z.strictObject({
  id: z.uuid(),
  conversationId: z.uuid(),
  role: z.enum(["user", "assistant"]),
  content: z.string(),
  replaced: z.boolean(),
  createdAt: isoTime,
});
export type CompanionMessageView = z.infer<typeof companionMessageViewSchema>;

/** `GET /companion/conversations/:id`: the conversation and a page of its turns, newest first. */
export const conversationPageResponse = z.strictObject({
  conversation: conversationViewSchema,
  ...pageOf(companionMessageViewSchema).shape,
});

/** A crisis line or service for the patient's region (shared/domain/risk.ts). */
export const crisisResourceSchema = z.strictObject({
  name: z.string(),
  contact: z.string(),
  kind: z.enum(["phone", "text", "emergency"]),
});

/**
 * `GET /companion/status`: whether this Haven has an AI model set up for the companion, so the
 * app can say so before the patient types (the crisis check and the exercises work either way).
 */
export const companionStatusSchema = z.strictObject({ configured: z.boolean() });

/**
 * The answer to a high-risk message: crisis resources, never a model reply. `flagged`: the care
 * team was told; when false the device queues the flag itself.
 */
export const companionSafetyAnswerSchema = z.strictObject({
  safety: z.strictObject({
    level: z.literal("high"),
    resources: z.array(crisisResourceSchema),
    flagged: z.boolean(),
  }),
});
export type CompanionSafetyAnswer = z.infer<typeof companionSafetyAnswerSchema>;

/**
 * The events of the chat's `text/event-stream`, in order: `delta`s, then `done` — or `replace`
 * (the reply failed the safety check, or the safety second opinion found a crisis: show this
 * instead of everything so far) and `done`, or `error` (the provider failed after the reply
 * began; nothing was stored). A `safety` event may come before `done`: the second opinion found
 * risk the rule check did not: show the resources (beside the reply when medium; a `replace`
 * follows when high); the care team has been told when `flagged`, and the device queues the
 * flag itself when not.
 */
export type CompanionStreamEvent =
  | { event: "delta"; data: { text: string } }
  | { event: "replace"; data: { text: string; resources: readonly CrisisResource[] } }
  | { event: "safety"; data: { level: "high" | "medium"; resources: readonly CrisisResource[]; flagged: boolean } }
  | { event: "done"; data: { conversationId: string; messageId: string; userMessageId: string } }
  | { event: "error"; data: { code: string; message: string } };
