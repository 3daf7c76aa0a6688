/**
 * The companion's conversations and turns, and the private journal: views (as the API shows
 * them) and the queries the routes share. Every query filters by the owner first.
 */
import { and, desc, eq } from "drizzle-orm";
import type { CompanionMessageView, ConversationView, ThoughtRecord } from "../../shared/schemas/companion";
import type { JournalView } from "../../shared/schemas/views";
import { after } from "../lib/time-page";
import type { Database } from "./client";
import { companionConversations, companionMessages, type journalEntries } from "./schema";

export type ConversationRow = typeof companionConversations.$inferSelect;
export type CompanionMessageRow = typeof companionMessages.$inferSelect;
export type JournalRow = typeof journalEntries.$inferSelect;

const iso = (ms: number) => new Date(ms).toISOString();

export function conversationView(c: ConversationRow): ConversationView {
  return { id: c.id, title: c.title, createdAt: iso(c.createdAt), updatedAt: iso(c.updatedAt) };
}

export function companionMessageView(m: CompanionMessageRow): CompanionMessageView {
  return {
    id: m.id,
    conversationId: m.conversationId,
    role: m.role,
    content: m.content,
    replaced: m.replaced,
    createdAt: iso(m.createdAt),
  };
}

export function journalView(j: JournalRow): JournalView {
  return {
    id: j.id,
    kind: j.kind,
    entry: JSON.parse(j.entry) as ThoughtRecord,
    at: iso(j.at),
    createdAt: iso(j.createdAt),
    updatedAt: iso(j.updatedAt),
  };
}

/** Characters of the first message kept as a conversation's title in the history list. */
export const CONVERSATION_TITLE_MAX = 80;

/** A conversation's title: the first line of its first message, shortened at a word. */
export function conversationTitle(text: string): string {
  const line = text.trim().split(/\r?\n/)[0]?.trim() ?? "";
  if (line.length <= CONVERSATION_TITLE_MAX) return line;
  const cut = line.slice(0, CONVERSATION_TITLE_MAX - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > CONVERSATION_TITLE_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** My conversation, or undefined (another user's is as good as missing). */
export function findConversation(db: Database, userId: string, id: string) {
  return db
    .select()
    .from(companionConversations)
    .where(and(eq(companionConversations.userId, userId), eq(companionConversations.id, id)))
    .get();
}

/** The most recent turns of a conversation, newest first (the caller fits them to the budget). */
export function recentTurns(db: Database, userId: string, conversationId: string, max: number) {
  return db
    .select({ role: companionMessages.role, content: companionMessages.content })
    .from(companionMessages)
    .where(and(eq(companionMessages.userId, userId), eq(companionMessages.conversationId, conversationId)))
    .orderBy(desc(companionMessages.createdAt), desc(companionMessages.id))
    .limit(max)
    .all();
}

/** My conversations, most recently active first, after `cursor`: at most `limit`. */
export function conversationsOf(db: Database, userId: string, cursor: string | undefined, limit: number) {
  return db
    .select()
    .from(companionConversations)
    .where(
      and(
        eq(companionConversations.userId, userId),
        after(companionConversations.updatedAt, companionConversations.id, cursor),
      ),
    )
    .orderBy(desc(companionConversations.updatedAt), desc(companionConversations.id))
    .limit(limit)
    .all();
}

/** The turns of my conversation, newest first, after `cursor`: at most `limit`. */
export function turnsOf(
  db: Database,
  userId: string,
  conversationId: string,
  cursor: string | undefined,
  limit: number,
) {
  return db
    .select()
    .from(companionMessages)
    .where(
      and(
        eq(companionMessages.userId, userId),
        eq(companionMessages.conversationId, conversationId),
        after(companionMessages.createdAt, companionMessages.id, cursor),
      ),
    )
    .orderBy(desc(companionMessages.createdAt), desc(companionMessages.id))
    .limit(limit)
    .all();
}

/** Deletes my conversation (its turns go by foreign-key cascade): a batch statement. */
export function deleteConversation(db: Database, userId: string, id: string) {
  return db
    .delete(companionConversations)
    .where(and(eq(companionConversations.id, id), eq(companionConversations.userId, userId)));
}

/** Deletes all my conversations and their turns: a batch statement. */
export function deleteAllConversations(db: Database, userId: string) {
  return db.delete(companionConversations).where(eq(companionConversations.userId, userId));
}
