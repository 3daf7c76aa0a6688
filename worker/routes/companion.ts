import type { Context } from "hono";
import { Hono } from "hono";
import { crisisResourcesFor } from "../../shared/domain/risk";
import type { CssrsCategory } from "../../shared/domain/risk-flags";
import { ApiError } from "../../shared/errors";
import { COMPANION_HISTORY_READ_MAX, COMPANION_HISTORY_TOKEN_BUDGET } from "../../shared/limits";
import { CONVERSATION_TURNS } from "../../shared/safety/crisis-risk";
import { pageOf } from "../../shared/schemas/common";
import {
  type CompanionSafetyAnswer,
  companionChatBody,
  companionPageQuery,
  companionSafetyAnswerSchema,
  companionStatusSchema,
  conversationIdParam,
  conversationPageResponse,
  conversationViewSchema,
} from "../../shared/schemas/companion";
import type { AppEnv } from "../app-env";
import { type CompanionEnv, providerFromEnv, safetyClassifierFromEnv } from "../companion/config";
import { fitToBudget } from "../companion/history";
import { streamReply } from "../companion/reply-stream";
import { messageRisk } from "../companion/safety";
import { askSecondOpinion, raiseOnly } from "../companion/second-opinion";
import { COMPANION_SYSTEM_PROMPT } from "../companion/system-prompt";
import { database } from "../db/client";
import {
  companionMessageView,
  conversationsOf,
  conversationView,
  deleteAllConversations,
  deleteConversation,
  findConversation,
  recentTurns,
  turnsOf,
} from "../db/companion";
import { findUserById } from "../db/users";
import { auditStatement } from "../lib/audit";
import { json, noBody, operation, text } from "../lib/openapi";
import { checkRateLimit, rateLimited } from "../lib/rate-limit";
import { sendCommands } from "../lib/run-command";
import { page } from "../lib/time-page";
import { jsonBody, pathParams, queryParams } from "../lib/validate";
import { requireAuth, requireRole } from "../middleware/require-auth";

/**
 * Raises a flag for the patient's care team through the same `risk.flag` command the device
 * sends offline (so it runs in the patient's Durable Object, with its audit event
 * `companion.risk`, in one batch). Nothing of the message goes with it. Resolves to whether the
 * flag was raised: the patient's help never waits on it.
 */
async function raiseCompanionFlag(
  c: Context<AppEnv>,
  userId: string,
  level: "high" | "medium",
  category: CssrsCategory | null,
): Promise<boolean> {
  let flagged = false;
  try {
    const [result] = await sendCommands(c, userId, [
      {
        opId: crypto.randomUUID(),
        type: "risk.flag",
        at: Date.now(),
        payload: {
          id: crypto.randomUUID(),
          source: "companion",
          level,
          ...(category ? { category } : {}),
          at: new Date().toISOString(),
        },
      },
    ]);
    flagged = result !== undefined && !("error" in result);
  } catch {
    // Logged below by kind only; the resources matter more than the flag's failure.
  }
  if (!flagged) {
    console.error(JSON.stringify({ level: "error", event: "companion_flag_failed", requestId: c.get("requestId") }));
  }
  return flagged;
}

/**
 * A high-risk message: the crisis resources for the patient's region, at once, and a flag for
 * their care team. No model is called and nothing of the message is stored or logged. If
 * raising the flag fails, `flagged: false` tells the app to queue the flag itself.
 */
async function crisisAnswer(
  c: Context<AppEnv>,
  userId: string,
  timezone: string,
  category: CssrsCategory | null,
): Promise<Response> {
  const resources = crisisResourcesFor(timezone);
  const flagged = await raiseCompanionFlag(c, userId, "high", category);
  const answer: CompanionSafetyAnswer = { safety: { level: "high", resources: [...resources], flagged } };
  return c.json(answer, 200);
}

/** The patient's own turns of a conversation's recent history (newest first), oldest first. */
function patientTurnsOf(history: readonly { role: string; content: string }[]): string[] {
  return history
    .filter((turn) => turn.role === "user")
    .slice(0, CONVERSATION_TURNS - 1)
    .map((turn) => turn.content)
    .reverse();
}

/** A conversation of mine, or 404 (another user's is "not found" too). */
async function myConversation(c: Context<AppEnv>, id: string) {
  const conversation = await findConversation(database(c.env.DB), c.get("auth").userId, id);
  if (!conversation) throw new ApiError("NOT_FOUND");
  return conversation;
}

/**
 * /api/v1/companion: chat with the AI companion (patients only), and the chat history.
 *
 * `POST /chat` in this order: validate → crisis check on EVERY message, whatever the consent,
 * provider or rate-limit state (a crisis answer and its flag are never rate-limited) → the rate
 * limit (30 a minute; counted for every message) → consent → provider configured → the reply,
 * streamed as server-sent events (companion/reply-stream.ts).
 */
export const companionRoutes = new Hono<AppEnv>()
  .use(requireAuth, requireRole("patient"))
  .post(
    "/chat",
    operation({
      summary: "Talk to the AI companion (patients, with consent): the reply streams as server-sent events",
      description:
        "Every message is checked for crisis risk first. A high-risk message is answered at once as JSON " +
        "(`{ safety: { level, resources, flagged } }`: crisis resources, never a model reply). Otherwise the reply " +
        "streams as `text/event-stream`: `delta` events ({ text }), then `done` ({ conversationId, messageId, " +
        "userMessageId }); or `replace` ({ text, resources }: the reply failed the safety check, show this instead) " +
        "then `done`; or `error` ({ code, message }: the provider failed mid-reply, nothing was stored). A `safety` " +
        "event ({ level, resources, flagged }) may come before `done` when the second opinion found risk.",
      responses: {
        200: {
          description: "The reply as server-sent events, or the crisis answer as JSON",
          content: {
            ...json(companionSafetyAnswerSchema).content,
            ...text("text/event-stream", "").content,
          },
        },
      },
    }),
    jsonBody(companionChatBody),
    async (c) => {
      const { userId } = c.get("auth");
      const { text, conversationId } = c.req.valid("json");
      const messageAt = Date.now();
      // Counted now, enforced after the crisis check: over the limit, help and flags still go out.
      const limit = await checkRateLimit(c, "companionChatPerUser", userId, { userId });
      const db = database(c.env.DB);
      const user = await findUserById(db, userId);
      if (!user) throw new ApiError("SESSION_REVOKED");
      // Read with the patient's previous turns in this conversation (their own only: the query is
      // scoped to the user, so another's conversation id reads as empty and is refused below).
      const history = conversationId ? await recentTurns(db, userId, conversationId, COMPANION_HISTORY_READ_MAX) : [];
      const patientTurns = [...patientTurnsOf(history), text].slice(-CONVERSATION_TURNS);
      const risk = messageRisk(patientTurns);
      if (risk.level === "high") return crisisAnswer(c, userId, user.timezone, risk.category);
      // Medium risk (passive ideation, burden, self-harm urges): the care team is told and the
      // device shows the resources; the companion still answers, kindly.
      if (risk.level === "medium") await raiseCompanionFlag(c, userId, "medium", risk.category);
      if (!limit.allowed) throw rateLimited(limit);
      if (!user.consentCompanion) throw new ApiError("COMPANION_CONSENT_REQUIRED");
      const env = c.env as CompanionEnv;
      const provider = providerFromEnv(env);
      if (!provider) throw new ApiError("COMPANION_NOT_CONFIGURED");
      if (conversationId !== undefined) await myConversation(c, conversationId);
      // The model's second opinion on the same turns runs beside the reply; it can only raise.
      const second = safetyClassifierFromEnv(env);
      const secondOpinion = second
        ? askSecondOpinion(second.classifier, patientTurns, second.timeoutMs, c.get("requestId")).then((verdict) =>
            raiseOnly(risk.level, verdict),
          )
        : undefined;
      return streamReply(c, {
        provider,
        turns: fitToBudget(COMPANION_SYSTEM_PROMPT, history, text, COMPANION_HISTORY_TOKEN_BUDGET),
        store: { userId, conversationId: conversationId ?? null, message: text, messageAt },
        timezone: user.timezone,
        secondOpinion,
        raiseFlag: (verdict) => raiseCompanionFlag(c, userId, verdict.level, verdict.category),
      });
    },
  )
  .get(
    "/status",
    operation({
      summary: "Whether the AI companion has a model set up (patients), so the app can say so before they type",
      responses: { 200: json(companionStatusSchema, "`{ configured }`") },
    }),
    (c) => c.json({ configured: providerFromEnv(c.env as CompanionEnv) !== null }),
  )
  .get(
    "/conversations",
    operation({
      summary: "My companion conversations, most recently active first (paged)",
      responses: { 200: json(pageOf(conversationViewSchema), "A page of conversations") },
    }),
    queryParams(companionPageQuery),
    async (c) => {
      const q = c.req.valid("query");
      const rows = await conversationsOf(database(c.env.DB), c.get("auth").userId, q.cursor, q.limit + 1);
      return c.json(page(rows, q.limit, (r) => ({ at: r.updatedAt, id: r.id }), conversationView));
    },
  )
  .get(
    "/conversations/:id",
    operation({
      summary: "One of my companion conversations and its turns, newest first (paged)",
      responses: { 200: json(conversationPageResponse, "The conversation and a page of its turns") },
    }),
    pathParams(conversationIdParam),
    queryParams(companionPageQuery),
    async (c) => {
      const conversation = await myConversation(c, c.req.valid("param").id);
      const q = c.req.valid("query");
      const rows = await turnsOf(database(c.env.DB), c.get("auth").userId, conversation.id, q.cursor, q.limit + 1);
      return c.json({
        conversation: conversationView(conversation),
        ...page(rows, q.limit, (m) => ({ at: m.createdAt, id: m.id }), companionMessageView),
      });
    },
  )
  .delete(
    "/conversations/:id",
    operation({
      summary: "Delete one of my companion conversations and its turns",
      responses: { 204: noBody("Deleted") },
    }),
    pathParams(conversationIdParam),
    async (c) => {
      const { userId } = c.get("auth");
      const conversation = await myConversation(c, c.req.valid("param").id);
      const db = database(c.env.DB);
      // Its messages go with it by foreign-key cascade, in the same statement.
      await db.batch([
        deleteConversation(db, userId, conversation.id),
        auditStatement(c, { action: "companion.delete", outcome: "success", target: conversation.id }),
      ]);
      return c.body(null, 204);
    },
  )
  .delete(
    "/conversations",
    operation({ summary: "Delete all my companion conversations", responses: { 204: noBody("All deleted") } }),
    async (c) => {
      const db = database(c.env.DB);
      await db.batch([
        deleteAllConversations(db, c.get("auth").userId),
        auditStatement(c, { action: "companion.delete", outcome: "success", target: "all" }),
      ]);
      return c.body(null, 204);
    },
  );
