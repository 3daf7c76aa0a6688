/**
 * The counts behind the navigation's badges (issue 17, item 2): my unread messages, and for care
 * staff the unresolved flags of their assigned patients (what the risk inbox lists).
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "./client";
import { messages, riskFlags } from "./schema";
import { flagsAnsweredBy } from "./staff-queries";

/** Messages to `me` that I have neither read nor deleted. */
export async function unreadMessageCount(db: Database, me: string): Promise<number> {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(messages)
    .where(and(eq(messages.recipientId, me), isNull(messages.readAt), isNull(messages.deletedByRecipientAt)))
    .get();
  return Number(row?.n ?? 0);
}

/**
 * Unresolved (open or acknowledged) flags `staffId` answers for, high and medium: the same set
 * the risk inbox shows (db/staff-queries.ts flagsAnsweredBy), counted.
 */
export async function openFlagCounts(db: Database, staffId: string): Promise<{ high: number; medium: number }> {
  const rows = await db
    .select({ level: riskFlags.level, n: sql<number>`count(*)` })
    .from(riskFlags)
    .where(flagsAnsweredBy(staffId))
    .groupBy(riskFlags.level)
    .all();
  const count = (level: string) => Number(rows.find((r) => r.level === level)?.n ?? 0);
  return { high: count("high"), medium: count("medium") };
}
