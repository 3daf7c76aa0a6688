/**
 * Direct messages: the queries the messages routes run. Every read is scoped to what the asking
 * user can see (sent by them and not deleted by them, or to them and not deleted by them).
 */
import { and, desc, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Role } from "../../shared/roles";
import type { MessageBlock } from "../../shared/schemas/messages";
import { changeRows } from "../commands/change-log";
import { after } from "../lib/time-page";
import type { Database } from "./client";
import { messageBlocks, messages, users } from "./schema";
import { type MessageRow, messageView } from "./views";

/** Messages `me` can see: sent by me and not deleted by me, or to me and not deleted by me. */
export const visibleTo = (me: string): SQL =>
  or(
    and(eq(messages.senderId, me), isNull(messages.deletedBySenderAt)),
    and(eq(messages.recipientId, me), isNull(messages.deletedByRecipientAt)),
  ) as SQL;

/** A message `me` takes part in and has not deleted, or undefined. */
export function findVisibleMessage(db: Database, me: string, id: string): Promise<MessageRow | undefined> {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.id, id), visibleTo(me)))
    .get();
}

/** The latest `max` messages `me` can see, newest first (the inbox groups them by thread). */
export function latestVisibleMessages(db: Database, me: string, max: number): Promise<MessageRow[]> {
  return db
    .select()
    .from(messages)
    .where(visibleTo(me))
    .orderBy(desc(messages.sentAt), desc(messages.id))
    .limit(max)
    .all();
}

/** The names and roles of these users (a deleted account is simply missing). */
export function namesOf(
  db: Database,
  ids: readonly string[],
): Promise<{ id: string; displayName: string; role: Role }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ id: users.id, displayName: users.displayName, role: users.role })
    .from(users)
    .where(sql`${users.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`)
    .all();
}

/** The messages `me` can see that match an FTS5 query (see ftsQuery), newest first. */
export function searchVisibleMessages(db: Database, me: string, match: string, limit: number): Promise<MessageRow[]> {
  return db
    .select()
    .from(messages)
    .where(
      and(visibleTo(me), sql`${messages}.rowid IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ${match})`),
    )
    .orderBy(desc(messages.sentAt))
    .limit(limit)
    .all();
}

/** The messages between `me` and `other` that `me` can see, newest first, after `cursor`: at most `limit`. */
export function conversationMessages(
  db: Database,
  me: string,
  other: string,
  cursor: string | undefined,
  limit: number,
): Promise<MessageRow[]> {
  const between = or(
    and(eq(messages.senderId, me), eq(messages.recipientId, other)),
    and(eq(messages.senderId, other), eq(messages.recipientId, me)),
  );
  return db
    .select()
    .from(messages)
    .where(and(between, visibleTo(me), after(messages.sentAt, messages.id, cursor)))
    .orderBy(desc(messages.sentAt), desc(messages.id))
    .limit(limit)
    .all();
}

/** The people `me` blocked, most recent first. */
export function blocksOf(db: Database, me: string) {
  return db
    .select({ userId: messageBlocks.blockedId, displayName: users.displayName, createdAt: messageBlocks.createdAt })
    .from(messageBlocks)
    .innerJoin(users, eq(users.id, messageBlocks.blockedId))
    .where(eq(messageBlocks.blockerId, me))
    .orderBy(desc(messageBlocks.createdAt))
    .all();
}

/** A block as the API shows it. */
export function messageBlockView(r: { userId: string; displayName: string; createdAt: number }): MessageBlock {
  return { userId: r.userId, displayName: r.displayName, createdAt: new Date(r.createdAt).toISOString() };
}

/** Blocks `blocked`'s messages to `me` (a second block changes nothing): a batch statement. */
export function insertBlock(db: Database, me: string, blocked: string, now = Date.now()) {
  return db.insert(messageBlocks).values({ blockerId: me, blockedId: blocked, createdAt: now }).onConflictDoNothing();
}

/** Lifts `me`'s block of `blocked`: a batch statement. */
export function deleteBlock(db: Database, me: string, blocked: string) {
  return db.delete(messageBlocks).where(and(eq(messageBlocks.blockerId, me), eq(messageBlocks.blockedId, blocked)));
}

/**
 * Marks a message read at `read.readAt`, with the change-log rows for its audience: a batch
 * (the statements in order, for db.batch).
 */
export function markReadStatements(db: Database, read: MessageRow & { readAt: number }, audience: string[]) {
  return [
    db.update(messages).set({ readAt: read.readAt }).where(eq(messages.id, read.id)),
    ...changeRows(db, audience, "message", read.id, messageView(read), read.readAt),
  ] as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];
}

/** Deletes a message for `me` only (the other participant keeps theirs), with `me`'s change-log row. */
export function deleteForMeStatements(db: Database, me: string, m: MessageRow, now = Date.now()) {
  const column = m.senderId === me ? { deletedBySenderAt: now } : { deletedByRecipientAt: now };
  return [
    db.update(messages).set(column).where(eq(messages.id, m.id)),
    ...changeRows(db, [me], "message", m.id, null, now),
  ] as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];
}
