import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { conversationTitle } from "../db/companion";
import { companionConversations, companionMessages } from "../db/schema";
import { auditStatement } from "../lib/audit";

export interface TurnsToStore {
  userId: string;
  /** An existing conversation of the user's, or null to start one. */
  conversationId: string | null;
  message: string;
  messageAt: number;
  reply: string;
  /** The model's reply failed the safety check: `reply` is the safe message shown instead. */
  replaced: boolean;
  repliedAt: number;
}

export interface StoredTurns {
  conversationId: string;
  messageId: string;
  replyId: string;
}

/**
 * Stores the patient's message and the reply they saw, in one batch: both or neither. A new
 * conversation is created with them. A replaced reply is also an audit event (ids only).
 */
export async function storeTurns(c: Context<AppEnv>, t: TurnsToStore): Promise<StoredTurns> {
  const db = database(c.env.DB);
  const conversationId = t.conversationId ?? crypto.randomUUID();
  const messageId = crypto.randomUUID();
  const replyId = crypto.randomUUID();
  // Strictly after the message, so (created_at, id) always orders the pair the right way round.
  const repliedAt = Math.max(t.repliedAt, t.messageAt + 1);
  const statements: BatchItem<"sqlite">[] = [
    t.conversationId === null
      ? db.insert(companionConversations).values({
          id: conversationId,
          userId: t.userId,
          title: conversationTitle(t.message),
          createdAt: t.messageAt,
          updatedAt: repliedAt,
        })
      : db
          .update(companionConversations)
          .set({ updatedAt: repliedAt })
          .where(and(eq(companionConversations.id, conversationId), eq(companionConversations.userId, t.userId))),
    db.insert(companionMessages).values([
      {
        id: messageId,
        conversationId,
        userId: t.userId,
        role: "user",
        content: t.message,
        replaced: false,
        createdAt: t.messageAt,
      },
      {
        id: replyId,
        conversationId,
        userId: t.userId,
        role: "assistant",
        content: t.reply,
        replaced: t.replaced,
        createdAt: repliedAt,
      },
    ]),
  ];
  if (t.replaced) {
    statements.push(
      auditStatement(c, { action: "companion.reply_replaced", outcome: "success", target: conversationId }),
    );
  }
  await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  return { conversationId, messageId, replyId };
}
