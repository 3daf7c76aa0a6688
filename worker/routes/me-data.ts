import { and, asc, eq, isNotNull, isNull, or, sql } from "drizzle-orm";
import { Hono } from "hono";
import { toCsv } from "../../shared/csv";
import { readStoredPlan, safetyPlanView } from "../../shared/domain/safety-plan-merge";
import { ApiError } from "../../shared/errors";
import { type DataExport, dataExportSchema, deleteAccountBody } from "../../shared/schemas/me";
import type { AppEnv } from "../app-env";
import { verifyPassword } from "../auth/password";
import { clearRefreshCookie } from "../auth/refresh-cookie";
import { checkSecondFactor } from "../auth/second-factor";
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
import { FHIR_CONTENT_TYPE, fhirBundleSchema, fhirResponse } from "../fhir/patient-bundle";
import { audit, auditStatement, auditTombstone, emailAuditHash } from "../lib/audit";
import { sha256Hex } from "../lib/crypto";
import { json, noBody, operation, text } from "../lib/openapi";
import { enforceRateLimit } from "../lib/rate-limit";
import { jsonBody } from "../lib/validate";
import { requireRole } from "../middleware/require-auth";

/**
 * /api/v1/me/export and DELETE /api/v1/me: the patient's data rights. The export is everything
 * Haven holds about me that I may see — never clinical notes, which are the clinicians' record.
 */
export const meData = new Hono<AppEnv>()
  .get(
    "/export",
    operation({
      summary: "Download everything Haven holds about me (JSON; never clinical notes)",
      responses: { 200: json(dataExportSchema, "My data, as an attachment (haven-export.json)") },
    }),
    async (c) => {
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
      const body: DataExport = {
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
    },
  )
  .get(
    "/export/fhir",
    operation({
      summary: "My check-ins and questionnaire totals as a signed FHIR R4 Bundle (patients)",
      responses: {
        200: json(
          fhirBundleSchema,
          "The Bundle; its detached JWS (ES256) is in the X-Haven-Signature header, keys at /api/v1/fhir/jwks.json",
          FHIR_CONTENT_TYPE,
        ),
      },
    }),
    requireRole("patient"),
    (c) => fhirResponse(c, c.get("auth").userId, null),
  )
  .get(
    "/export/check-ins.csv",
    operation({
      summary: "My mood and sleep check-ins as CSV, oldest first",
      responses: {
        200: text(
          "text/csv",
          "One row per check-in: at, local_day, mood, sleep_quality, sleep_hours, note, tags (as an attachment)",
        ),
      },
    }),
    async (c) => {
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
    },
  )
  .delete(
    "/",
    operation({
      summary: "Delete my account and everything in it (patients; password and 2FA code again)",
      responses: { 204: noBody("Deleted; the refresh cookie is cleared") },
    }),
    jsonBody(deleteAccountBody),
    async (c) => {
      const { userId } = c.get("auth");
      const db = database(c.env.DB);
      const user = await findUserById(db, userId);
      if (!user) throw new ApiError("SESSION_REVOKED");
      // Staff and admin accounts are deactivated by an admin, never deleted by their owner: their
      // actions (views, exports, notes, flags) stay attributable, and their notes stay with the patient.
      if (user.role !== "patient") {
        await audit(c, { action: "me.delete", outcome: "failure", errorCode: "STAFF_DEACTIVATION_REQUIRED" });
        throw new ApiError("STAFF_DEACTIVATION_REQUIRED");
      }
      // The password (and second factor) check is limited before any scrypt work: no password oracle.
      await enforceRateLimit(c, "deleteAccountPerUser", userId, { userId });
      const { password, code } = c.req.valid("json");
      const passwordOk = (await verifyPassword(password, user.passwordHash)).ok;
      // With 2FA on, the current second factor too; it is checked (and a recovery code spent) only
      // after the right password, so a wrong password never uses one up.
      const secondFactorOk =
        user.totpSecret === null || (passwordOk && code !== undefined && (await checkSecondFactor(db, user, code)));
      if (!passwordOk || !secondFactorOk) {
        await audit(c, { action: "me.delete", outcome: "failure", errorCode: "REAUTH_FAILED" });
        throw new ApiError("REAUTH_FAILED");
      }
      const now = Date.now();
      const tombstone = await auditTombstone(c.env, userId);
      // Email hashes in audit targets (failed sign-ins): the keyed one, and the plain one of older rows.
      const emailHashes = JSON.stringify([
        await emailAuditHash(c.env, user.email),
        await sha256Hex(`email:${user.email}`),
      ]);
      const mine = or(eq(messages.senderId, userId), eq(messages.recipientId, userId));
      // One batch (one transaction), in this order:
      await db.batch([
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
        // 4. The deletion itself, under the tombstone.
        auditStatement(c, {
          action: "me.delete",
          outcome: "success",
          userId: tombstone,
          role: user.role,
          ipHash: null,
        }),
      ]);
      clearRefreshCookie(c);
      return c.body(null, 204);
    },
  );
