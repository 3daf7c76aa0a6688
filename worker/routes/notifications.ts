import { Hono } from "hono";
import { ApiError, type FieldIssue } from "../../shared/errors";
import { notificationSummarySchema, reminderSettingsSchema } from "../../shared/schemas/notifications";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { openFlagCounts, unreadMessageCount } from "../db/notification-summary";
import { ownCurrentHabitIds, reminderSettingsOf, saveReminderStatements } from "../db/reminders";
import { auditStatement } from "../lib/audit";
import { json, operation } from "../lib/openapi";
import { jsonBody } from "../lib/validate";
import { requireAuth, requireRole } from "../middleware/require-auth";
import { dueNudges } from "../notify/reminders";

/** /api/v1/notifications: unread counts, in-app nudges and the patient's reminder settings (issue 17). */
export const notificationRoutes = new Hono<AppEnv>()
  .use(requireAuth)
  .get(
    "/summary",
    operation({
      summary:
        "What the navigation's badges show: my unread messages, a patient's reminders due now (in-app nudges), and for care staff the unresolved flags of their patients",
      responses: { 200: json(notificationSummarySchema, "My counts and nudges") },
    }),
    async (c) => {
      const { userId, role } = c.get("auth");
      const db = database(c.env.DB);
      const now = Date.now();
      const [unreadMessages, nudges, openFlags] = await Promise.all([
        unreadMessageCount(db, userId),
        role === "patient" ? dueNudges(db, userId, now) : Promise.resolve([]),
        role === "therapist" || role === "clinician" ? openFlagCounts(db, userId) : Promise.resolve(undefined),
      ]);
      return c.json({ unreadMessages, nudges, ...(openFlags ? { openFlags } : {}) });
    },
  )
  .get(
    "/reminders",
    operation({
      summary: "My reminders: the daily check-in, quiet hours and habit reminders (patients; all off until turned on)",
      responses: { 200: json(reminderSettingsSchema, "My reminder settings") },
    }),
    requireRole("patient"),
    async (c) => c.json(await reminderSettingsOf(database(c.env.DB), c.get("auth").userId)),
  )
  .put(
    "/reminders",
    operation({
      summary:
        "Replace my reminders (patients): times are local minutes of the day (0–1439), one reminder per habit of my own current habits",
      responses: { 200: json(reminderSettingsSchema, "My reminder settings as they now are") },
    }),
    requireRole("patient"),
    jsonBody(reminderSettingsSchema),
    async (c) => {
      const { userId } = c.get("auth");
      const body = c.req.valid("json");
      const db = database(c.env.DB);
      const own = await ownCurrentHabitIds(
        db,
        userId,
        body.habits.map((h) => h.habitId),
      );
      const fields: FieldIssue[] = body.habits.flatMap((h, i) =>
        own.has(h.habitId) ? [] : [{ path: `habits.${i}.habitId`, message: "Not one of your current habits." }],
      );
      if (fields.length > 0) throw new ApiError("REMINDER_HABIT_INVALID", { fields });
      await db.batch([
        ...saveReminderStatements(db, userId, body, Date.now()),
        auditStatement(c, { action: "notifications.reminders", outcome: "success" }),
      ]);
      return c.json(await reminderSettingsOf(db, userId));
    },
  );
