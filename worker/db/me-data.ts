/**
 * The patient's data rights: the data export (everything Haven holds about me that I may see,
 * each entity by its own view) and account deletion's statements. Every read filters by the owner.
 */
import { and, asc, eq, isNotNull, isNull, or, sql } from "drizzle-orm";
import { readStoredPlan, safetyPlanView } from "../../shared/domain/safety-plan-merge";
import type { DataExport, ExportedReward } from "../../shared/schemas/me";
import type { Database } from "./client";
import { companionMessageView, conversationView, journalView } from "./companion";
import { visibleTo } from "./messages";
import {
  assessments,
  auditEvents,
  companionConversations,
  companionMessages,
  habitCompletions,
  habits,
  journalEntries,
  messages,
  moods,
  pets,
  progress,
  quests,
  rewards,
  safetyPlans,
  users,
} from "./schema";
import { publicUser, type UserRow } from "./users";
import {
  assessmentView,
  completionView,
  habitView,
  type MoodRow,
  messageView,
  moodView,
  petView,
  questView,
} from "./views";

export type RewardRow = typeof rewards.$inferSelect;

/** An XP and coin award, as the export lists it. */
export function rewardView(r: RewardRow): ExportedReward {
  return { source: r.source, localDay: r.localDay, xp: r.xp, coins: r.coins, at: new Date(r.at).toISOString() };
}

/**
 * Everything Haven holds about the user that they may see, in the API's own shapes (each entity
 * by its view), for GET /me/export. Never clinical notes: they are the clinicians' record.
 */
export async function dataExportOf(db: Database, user: UserRow, now = Date.now()): Promise<DataExport> {
  const userId = user.id;
  const mine = <T extends { userId: unknown }>(t: T) => eq(t.userId as never, userId);
  const [
    habitRows,
    completionRows,
    questRows,
    moodRows,
    assessmentRows,
    plan,
    pet,
    totals,
    rewardRows,
    messageRows,
    conversationRows,
    companionRows,
    journalRows,
  ] = await db.batch([
    db.select().from(habits).where(mine(habits)),
    db.select().from(habitCompletions).where(mine(habitCompletions)),
    db.select().from(quests).where(mine(quests)),
    db.select().from(moods).where(mine(moods)).orderBy(asc(moods.at)),
    db.select().from(assessments).where(mine(assessments)).orderBy(asc(assessments.at)),
    db.select().from(safetyPlans).where(mine(safetyPlans)),
    db.select().from(pets).where(mine(pets)),
    db.select().from(progress).where(mine(progress)),
    db.select().from(rewards).where(mine(rewards)).orderBy(asc(rewards.id)),
    db.select().from(messages).where(visibleTo(userId)).orderBy(asc(messages.sentAt)),
    db
      .select()
      .from(companionConversations)
      .where(mine(companionConversations))
      .orderBy(asc(companionConversations.createdAt)),
    db
      .select()
      .from(companionMessages)
      .where(mine(companionMessages))
      .orderBy(asc(companionMessages.createdAt), asc(companionMessages.id)),
    db.select().from(journalEntries).where(mine(journalEntries)).orderBy(asc(journalEntries.at)),
  ]);
  return {
    exportedAt: new Date(now).toISOString(),
    format: "haven-export/1",
    user: publicUser(user),
    habits: habitRows.map(habitView),
    completions: completionRows.map(completionView),
    quests: questRows.map(questView),
    moods: moodRows.map(moodView),
    assessments: assessmentRows.map(assessmentView),
    // As the API shows it (texts by section, items with who and when), whatever shape it is stored in.
    safetyPlan: plan[0]
      ? safetyPlanView(readStoredPlan(plan[0].plan, plan[0].updatedBy, new Date(plan[0].updatedAt).toISOString()))
      : null,
    pet: pet[0] ? petView(pet[0], now) : null,
    progress: { xp: totals[0]?.xp ?? 0, coins: totals[0]?.coins ?? 0 },
    rewards: rewardRows.map(rewardView),
    messages: messageRows.map(messageView),
    companion: {
      conversations: conversationRows.map((conversation) => ({
        ...conversationView(conversation),
        messages: companionRows.filter((m) => m.conversationId === conversation.id).map(companionMessageView),
      })),
    },
    journal: journalRows.map(journalView),
  };
}

/** My mood and sleep check-ins, oldest first (the CSV export). */
export function checkInsOf(db: Database, userId: string): Promise<MoodRow[]> {
  return db.select().from(moods).where(eq(moods.userId, userId)).orderBy(asc(moods.at)).all();
}

/**
 * Deleting an account, as batch statements in this order (the caller appends its audit event and
 * runs them in one batch, one transaction). `tombstone` is the keyed name the audit log gives
 * the user from now on; `emailHashes` (JSON array) the audit targets that hashed their email.
 */
export function deleteAccountStatements(
  db: Database,
  userId: string,
  tombstone: string,
  emailHashes: string,
  now = Date.now(),
) {
  const mine = or(eq(messages.senderId, userId), eq(messages.recipientId, userId));
  return [
    // 1. Messages: my copies are deleted for me; the other person keeps theirs (a thread stays
    //    in their inbox), and a message neither side keeps is removed.
    db
      .update(messages)
      .set({ deletedBySenderAt: now })
      .where(and(eq(messages.senderId, userId), isNull(messages.deletedBySenderAt))),
    db
      .update(messages)
      .set({ deletedByRecipientAt: now })
      .where(and(eq(messages.recipientId, userId), isNull(messages.deletedByRecipientAt))),
    db
      .delete(messages)
      .where(and(mine, isNotNull(messages.deletedBySenderAt), isNotNull(messages.deletedByRecipientAt))),
    // 2. The account and, by foreign-key cascade, every row that belongs to it.
    db.delete(users).where(eq(users.id, userId)),
    // 3. The audit log names me by a keyed tombstone from now on: as the actor of my own events
    //    (whose IP hash goes), and where I was the subject of someone else's, whose actor stays.
    //    The table's trigger allows exactly this, and only once my account row is gone.
    db
      .update(auditEvents)
      .set({
        userId: sql`CASE WHEN ${auditEvents.userId} = ${userId} THEN ${tombstone} ELSE ${auditEvents.userId} END`,
        ipHash: sql`CASE WHEN ${auditEvents.userId} = ${userId} THEN NULL ELSE ${auditEvents.ipHash} END`,
        target: sql`CASE WHEN ${auditEvents.target} IN (SELECT value FROM json_each(${emailHashes})) THEN ${tombstone}
        ELSE replace(${auditEvents.target}, ${userId}, ${tombstone}) END`,
      })
      .where(
        sql`${auditEvents.userId} = ${userId} OR instr(${auditEvents.target}, ${userId}) > 0
        OR ${auditEvents.target} IN (SELECT value FROM json_each(${emailHashes}))`,
      ),
  ] as const;
}
