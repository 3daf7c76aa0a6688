import { Hono } from "hono";
import { ApiError } from "../../shared/errors";
import { canBlock } from "../../shared/messaging-policy";
import { idParam, pageOf, userIdParam } from "../../shared/schemas/common";
import {
  conversationQuery,
  type InboxThread,
  inboxResponse,
  messageBlocksResponse,
  messageResponse,
  messageSearchResponse,
  messageSend,
  searchQuery,
} from "../../shared/schemas/messages";
import { messageViewSchema } from "../../shared/schemas/views";
import { withEnvelope } from "../../shared/schemas/wellbeing";
import type { AppEnv } from "../app-env";
import { type Database, database } from "../db/client";
import {
  blocksOf,
  conversationMessages,
  deleteBlock,
  deleteForMeStatements,
  findVisibleMessage,
  insertBlock,
  latestVisibleMessages,
  markReadStatements,
  messageBlockView,
  namesOf,
  searchVisibleMessages,
} from "../db/messages";
import { roleOf, userExists } from "../db/users";
import { type MessageRow, messageView } from "../db/views";
import { auditStatement } from "../lib/audit";
import { json, noBody, operation } from "../lib/openapi";
import { runCommand } from "../lib/run-command";
import { page } from "../lib/time-page";
import { jsonBody, pathParams, queryParams } from "../lib/validate";
import { requireAuth, requireRole } from "../middleware/require-auth";

/** How the inbox names the other participant of a thread after their account was deleted. */
export const DELETED_ACCOUNT_NAME = "Deleted account";

/**
 * An FTS5 query that matches the words typed, literally: each word becomes a quoted string
 * (quotes doubled), so operators, column filters, `*`, `^` and parentheses are plain text.
 */
export function ftsQuery(text: string): string | null {
  const words = text
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]+/gu, " ").trim())
    .filter((w) => w.length > 0)
    .slice(0, 10);
  return words.length === 0 ? null : words.map((w) => `"${w.replaceAll('"', '""')}"`).join(" ");
}

/** A message I take part in and have not deleted; anything else is "not found". */
async function myMessage(db: Database, me: string, id: string): Promise<MessageRow> {
  const m = await findVisibleMessage(db, me, id);
  if (!m) throw new ApiError("NOT_FOUND");
  return m;
}

/** /api/v1/messages: my conversations; the policy table decides who may write to whom. */
export const messageRoutes = new Hono<AppEnv>()
  .use(requireAuth)
  .get(
    "/",
    operation({
      summary: "My message threads: who with, the latest message and my unread count, most recent first",
      responses: { 200: json(inboxResponse, "My threads") },
    }),
    async (c) => {
      const me = c.get("auth").userId;
      const db = database(c.env.DB);
      const rows = await latestVisibleMessages(db, me, 1000);
      const conversations = new Map<string, { last: MessageRow; unread: number }>();
      for (const m of rows) {
        const other = m.senderId === me ? m.recipientId : m.senderId;
        const entry = conversations.get(other) ?? { last: m, unread: 0 };
        if (m.recipientId === me && m.readAt === null) entry.unread++;
        conversations.set(other, entry);
      }
      const ids = [...conversations.keys()];
      const names = await namesOf(db, ids);
      const byId = new Map(names.map((n) => [n.id, n]));
      return c.json({
        items: ids.map(
          (id): InboxThread => ({
            // A participant whose account was deleted: their thread stays, under this name.
            with: {
              id,
              displayName: byId.get(id)?.displayName ?? DELETED_ACCOUNT_NAME,
              role: byId.get(id)?.role ?? null,
            },
            lastMessage: messageView((conversations.get(id) as { last: MessageRow }).last),
            unread: conversations.get(id)?.unread ?? 0,
          }),
        ),
      });
    },
  )
  .get(
    "/search",
    operation({
      summary: "Search the messages I can see for words, newest first",
      responses: { 200: json(messageSearchResponse, "The matching messages") },
    }),
    queryParams(searchQuery),
    async (c) => {
      const me = c.get("auth").userId;
      const { q, limit } = c.req.valid("query");
      const match = ftsQuery(q);
      if (!match) return c.json({ items: [] });
      const rows = await searchVisibleMessages(database(c.env.DB), me, match, limit);
      return c.json({ items: rows.map(messageView) });
    },
  )
  .get(
    "/with/:userId",
    operation({
      summary: "My conversation with one person, newest first (paged)",
      responses: { 200: json(pageOf(messageViewSchema), "A page of messages") },
    }),
    pathParams(userIdParam),
    queryParams(conversationQuery),
    async (c) => {
      const me = c.get("auth").userId;
      const { userId } = c.req.valid("param");
      const q = c.req.valid("query");
      const rows = await conversationMessages(database(c.env.DB), me, userId, q.cursor, q.limit + 1);
      return c.json(page(rows, q.limit, (m) => ({ at: m.sentAt, id: m.id }), messageView));
    },
  )
  .post(
    "/",
    operation({
      summary: "Send a message (the messaging policy decides who may write to whom)",
      responses: { 201: json(messageResponse, "Sent (a replayed opId answers the first answer again)") },
    }),
    jsonBody(withEnvelope(messageSend)),
    (c) => runCommand(c, "message.send", c.req.valid("json")),
  )
  // Blocks (issue 13, item 6): a patient stops another patient's messages; care staff and admins
  // cannot be blocked. One-way: the patient can still write to them. Audited, without names.
  .get(
    "/blocks",
    operation({
      summary: "The people I blocked, most recent first (patients)",
      responses: { 200: json(messageBlocksResponse, "My blocks") },
    }),
    requireRole("patient"),
    async (c) => {
      const me = c.get("auth").userId;
      const rows = await blocksOf(database(c.env.DB), me);
      return c.json({ items: rows.map(messageBlockView) });
    },
  )
  .put(
    "/blocks/:userId",
    operation({
      summary: "Block another patient's messages to me (patients; care staff cannot be blocked)",
      responses: { 204: noBody("Blocked (blocking twice is fine)") },
    }),
    requireRole("patient"),
    pathParams(userIdParam),
    async (c) => {
      const { userId: me, role } = c.get("auth");
      const { userId } = c.req.valid("param");
      const db = database(c.env.DB);
      const otherRole = await roleOf(db, userId);
      if (!otherRole || userId === me) throw new ApiError("NOT_FOUND");
      if (!canBlock(role, otherRole)) {
        throw new ApiError("MESSAGE_NOT_ALLOWED", { message: "Messages from your care team cannot be blocked." });
      }
      await db.batch([
        insertBlock(db, me, userId),
        auditStatement(c, { action: "messages.block", outcome: "success" }),
      ]);
      return c.body(null, 204);
    },
  )
  .delete(
    "/blocks/:userId",
    operation({ summary: "Unblock someone (patients)", responses: { 204: noBody("Not blocked (any more)") } }),
    requireRole("patient"),
    pathParams(userIdParam),
    async (c) => {
      const me = c.get("auth").userId;
      const { userId } = c.req.valid("param");
      const db = database(c.env.DB);
      await db.batch([
        deleteBlock(db, me, userId),
        auditStatement(c, { action: "messages.unblock", outcome: "success" }),
      ]);
      return c.body(null, 204);
    },
  )
  .post(
    "/:id/read",
    operation({
      summary: "Mark a message to me as read",
      responses: { 200: json(messageResponse, "The message, read (already read: as it was)") },
    }),
    pathParams(idParam),
    async (c) => {
      const me = c.get("auth").userId;
      const db = database(c.env.DB);
      const m = await myMessage(db, me, c.req.valid("param").id);
      if (m.recipientId !== me)
        throw new ApiError("FORBIDDEN", { message: "Only the recipient marks a message read." });
      if (m.readAt !== null) return c.json({ message: messageView(m) });
      const read = { ...m, readAt: Date.now() };
      // The sender's change log too, unless their account was deleted (their thread stays with me).
      const audience = (await userExists(db, m.senderId)) ? [m.senderId, m.recipientId] : [m.recipientId];
      await db.batch(markReadStatements(db, read, audience));
      return c.json({ message: messageView(read) });
    },
  )
  .delete(
    "/:id",
    operation({
      summary: "Delete a message for me (the other person keeps their copy)",
      responses: { 204: noBody("Deleted for me") },
    }),
    pathParams(idParam),
    async (c) => {
      const me = c.get("auth").userId;
      const db = database(c.env.DB);
      const m = await myMessage(db, me, c.req.valid("param").id);
      // Deleting is for me only: the other participant keeps their copy.
      await db.batch(deleteForMeStatements(db, me, m));
      return c.body(null, 204);
    },
  );
