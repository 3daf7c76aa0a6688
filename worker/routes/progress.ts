import { Hono } from "hono";
import { progressView } from "../../shared/domain/progression";
import { type ProgressResponse, progressResponse } from "../../shared/schemas/wellbeing";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { settleStreaks } from "../db/habit-streaks";
import { progressFrom, progressQueries } from "../db/progress-reads";
import { json, operation } from "../lib/openapi";
import { batchAsCaller, claimedUserId, requireAuthInBatch } from "../middleware/require-auth";

/** GET /api/v1/progress: level, XP, tier, coins, each habit's streak, and what today earned. */
export const progressRoutes = new Hono<AppEnv>().use(requireAuthInBatch("patient")).get(
  "/",
  operation({
    summary: "My level, tier, XP and coins, each habit's streak, and what I earned today",
    responses: { 200: json(progressResponse, "My progression") },
  }),
  async (c) => {
    const db = database(c.env.DB);
    const now = Date.now();
    const userId = claimedUserId(c);
    const reads = await batchAsCaller(c, db, [...progressQueries(db, userId, now)]);
    const { totals, today, rules, habitRows } = progressFrom(reads, now);
    const habits = await settleStreaks(db, userId, rules, habitRows, now);
    const body: ProgressResponse = {
      ...progressView(totals.xp, totals.coins),
      streaks: habits.map((h) => ({ habitId: h.id, name: h.name, ...h.streak })),
      today,
    };
    return c.json(body);
  },
);
