import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { localDay } from "../../shared/domain/local-day";
import { habitStreak } from "../../shared/domain/streaks";
import { habitComplete, habitCreate, habitUpdate, withEnvelope } from "../../shared/schemas/wellbeing";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { habitCompletions, habits, users } from "../db/schema";
import { habitView } from "../db/wellbeing";
import { runCommand } from "../lib/run-command";
import { jsonBody, pathParams, queryParams } from "../lib/validate";
import { requireAuth, requireRole } from "../middleware/require-auth";

const idParam = z.strictObject({ id: z.uuid() });

/** Each live habit's streak and today's count, from its completions by local day. */
export async function habitsWithStreaks(
  db: ReturnType<typeof database>,
  userId: string,
  now: number,
  includeArchived = false,
) {
  const user = await db.select().from(users).where(eq(users.id, userId)).get();
  const today = localDay(now, user?.timezone ?? "UTC", user?.dayStartHour ?? 4);
  const rows = await db
    .select()
    .from(habits)
    .where(and(eq(habits.userId, userId), includeArchived ? undefined : isNull(habits.archivedAt)))
    .orderBy(asc(habits.createdAt))
    .all();
  const counts = await db
    .select({
      habitId: habitCompletions.habitId,
      day: habitCompletions.localDay,
      n: sql<number>`count(*)`,
      // Late completions (outside the client-time window) happened, but earn no streak credit.
      credited: sql<number>`sum(${habitCompletions.late} = 0)`,
    })
    .from(habitCompletions)
    .where(and(eq(habitCompletions.userId, userId), isNull(habitCompletions.undoneAt)))
    .groupBy(habitCompletions.habitId, habitCompletions.localDay)
    .all();
  return rows.map((h) => {
    const mine = counts.filter((c) => c.habitId === h.id);
    const credited = new Map(mine.map((c) => [c.day, c.credited]));
    const view = habitView(h);
    const created = localDay(h.createdAt, user?.timezone ?? "UTC", user?.dayStartHour ?? 4);
    return {
      ...view,
      today: mine.find((c) => c.day === today)?.n ?? 0,
      streak: habitStreak(view.schedule, credited, created, today),
    };
  });
}

/** /api/v1/habits: a patient's habits, their completions and undo. */
export const habitRoutes = new Hono<AppEnv>()
  .use(requireAuth, requireRole("patient"))
  .get("/", queryParams(z.strictObject({ archived: z.enum(["true", "false"]).optional() })), async (c) => {
    const includeArchived = c.req.valid("query").archived === "true";
    return c.json({
      items: await habitsWithStreaks(database(c.env.DB), c.get("auth").userId, Date.now(), includeArchived),
    });
  })
  .post("/", jsonBody(withEnvelope(habitCreate)), (c) => runCommand(c, "habit.create", c.req.valid("json")))
  .patch("/:id", pathParams(idParam), jsonBody(withEnvelope(habitUpdate)), (c) =>
    runCommand(c, "habit.update", c.req.valid("json"), { habitId: c.req.valid("param").id }),
  )
  .delete("/:id", pathParams(idParam), (c) => runCommand(c, "habit.archive", {}, { habitId: c.req.valid("param").id }))
  .post("/:id/completions", pathParams(idParam), jsonBody(withEnvelope(habitComplete)), (c) =>
    runCommand(c, "habit.complete", c.req.valid("json"), { habitId: c.req.valid("param").id }),
  )
  .delete(
    "/:id/completions/:completionId",
    pathParams(z.strictObject({ id: z.uuid(), completionId: z.uuid() })),
    jsonBody(z.strictObject({ opId: z.uuid().optional(), at: z.iso.datetime({ offset: true }).optional() })),
    (c) => {
      const { id, completionId } = c.req.valid("param");
      return runCommand(c, "habit.uncomplete", c.req.valid("json"), { habitId: id, completionId });
    },
  );
