import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import { Hono } from "hono";
import { toCsv } from "../../shared/csv";
import { readStoredPlan, safetyPlanView } from "../../shared/domain/safety-plan-merge";
import { ApiError } from "../../shared/errors";
import { deleteAccountBody } from "../../shared/schemas/me";
import type { AppEnv } from "../app-env";
import { verifyPassword } from "../auth/password";
import { clearRefreshCookie } from "../auth/refresh-cookie";
import { database } from "../db/client";
import { companionMessageView, conversationView, journalView } from "../db/companion";
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
} from "../db/schema";
import { findUserById, publicUser } from "../db/users";
import { assessmentView, completionView, habitView, messageView, moodView, petView, questView } from "../db/views";
import { audit, auditStatement } from "../lib/audit";
import { jsonBody } from "../lib/validate";
import { requireRole } from "../middleware/require-auth";
import { fhirResponse } from "./fhir";

/**
 * /api/v1/me/export and DELETE /api/v1/me: the patient's data rights. The export is everything
 * Haven holds about me that I may see — never clinical notes, which are the clinicians' record.
 */
export const meData = new Hono<AppEnv>()
  .get("/export", async (c) => {
    const { userId } = c.get("auth");
    const db = database(c.env.DB);
    const user = await findUserById(db, userId);
    if (!user) throw new ApiError("SESSION_REVOKED");
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
      db
        .select()
        .from(messages)
        .where(
          or(
            and(eq(messages.senderId, userId), isNull(messages.deletedBySenderAt)),
            and(eq(messages.recipientId, userId), isNull(messages.deletedByRecipientAt)),
          ),
        )
        .orderBy(asc(messages.sentAt)),
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
    const now = Date.now();
    await audit(c, { action: "me.export", outcome: "success" });
    const body = {
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
      rewards: rewardRows.map((r) => ({
        source: r.source,
        localDay: r.localDay,
        xp: r.xp,
        coins: r.coins,
        at: new Date(r.at).toISOString(),
      })),
      messages: messageRows.map(messageView),
      companion: {
        conversations: conversationRows.map((conversation) => ({
          ...conversationView(conversation),
          messages: companionRows.filter((m) => m.conversationId === conversation.id).map(companionMessageView),
        })),
      },
      journal: journalRows.map(journalView),
    };
    return c.json(body, 200, { "Content-Disposition": 'attachment; filename="haven-export.json"' });
  })
  .get("/export/fhir", requireRole("patient"), (c) => fhirResponse(c, c.get("auth").userId, null))
  .get("/export/check-ins.csv", async (c) => {
    const { userId } = c.get("auth");
    const rows = await database(c.env.DB)
      .select()
      .from(moods)
      .where(eq(moods.userId, userId))
      .orderBy(asc(moods.at))
      .all();
    const csv = toCsv(
      ["at", "local_day", "mood", "sleep_quality", "sleep_hours", "note", "tags"],
      rows.map((m) => [
        new Date(m.at).toISOString(),
        m.localDay,
        m.mood,
        m.sleepQuality,
        m.sleepHours,
        m.note,
        (JSON.parse(m.tags) as string[]).join("; "),
      ]),
    );
    await audit(c, { action: "me.export.csv", outcome: "success" });
    return c.body(csv, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="haven-check-ins.csv"',
    });
  })
  .delete("/", jsonBody(deleteAccountBody), async (c) => {
    const { userId } = c.get("auth");
    const db = database(c.env.DB);
    const user = await findUserById(db, userId);
    if (!user) throw new ApiError("SESSION_REVOKED");
    if (!(await verifyPassword(c.req.valid("json").password, user.passwordHash)).ok) {
      await audit(c, { action: "me.delete", outcome: "failure", errorCode: "REAUTH_FAILED" });
      throw new ApiError("REAUTH_FAILED");
    }
    // One batch: audit events lose everything that identifies me, then the account and, by
    // foreign-key cascade, every row that belongs to it go; a last, anonymous event records it.
    await db.batch([
      db
        .update(auditEvents)
        .set({ userId: null, ipHash: null, target: null })
        .where(or(eq(auditEvents.userId, userId), sql`${auditEvents.target} LIKE ${`%${userId}%`}`)),
      db.delete(users).where(eq(users.id, userId)),
      auditStatement(c, { action: "me.delete", outcome: "success", userId: null, role: user.role }),
    ]);
    clearRefreshCookie(c);
    return c.body(null, 204);
  });
