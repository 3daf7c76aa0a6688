import { Hono } from "hono";
import { localDay } from "../../shared/domain/local-day";
import { progressView } from "../../shared/domain/progression";
import { type ProgressResponse, progressResponse } from "../../shared/schemas/wellbeing";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { habitsWithStreaks } from "../db/habit-streaks";
import { dayOf, earnedOn, totals } from "../db/wellbeing";
import { json, operation } from "../lib/openapi";
import { requireAuth, requireRole } from "../middleware/require-auth";

/** GET /api/v1/progress: level, XP, tier, coins, each habit's streak, and what today earned. */
export const progressRoutes = new Hono<AppEnv>().use(requireAuth, requireRole("patient")).get(
  "/",
  operation({
    summary: "My level, tier, XP and coins, each habit's streak, and what I earned today",
    responses: { 200: json(progressResponse, "My progression") },
  }),
  async (c) => {
    const { userId } = c.get("auth");
    const db = database(c.env.DB);
    const now = Date.now();
    const day = await dayOf(db, userId);
    const today = localDay(now, day.timezone, day.dayStartHour);
    const [sums, earned, habitList] = await Promise.all([
      totals(db, userId),
      earnedOn(db, userId, today),
      habitsWithStreaks(db, userId, now),
    ]);
    const view = progressView(sums.xp, sums.coins);
    const body: ProgressResponse = {
      ...view,
      streaks: habitList.map((h) => ({ habitId: h.id, name: h.name, ...h.streak })),
      today: { localDay: today, ...earned },
    };
    return c.json(body);
  },
);
