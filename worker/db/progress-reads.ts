import { and, eq, inArray, sql, sum } from "drizzle-orm";
import type { BatchResponse } from "drizzle-orm/batch";
import { addDays, localDay } from "../../shared/domain/local-day";
import type { Database } from "./client";
import { dayRulesQuery, habitsQuery } from "./habit-streaks";
import { prepared } from "./prepared";
import { progress, rewards } from "./schema";

/** The sources that count as earning (what the shop took is spending, not a loss). */
const EARNING = ["habit", "quest", "mood", "pet"] as const;

const totalsOf = prepared((db) =>
  db
    .select()
    .from(progress)
    .where(eq(progress.userId, sql.placeholder("userId"))),
);

const earnedOn = prepared((db) =>
  db
    .select({ day: rewards.localDay, xp: sum(rewards.xp), coins: sum(rewards.coins) })
    .from(rewards)
    .where(
      and(
        eq(rewards.userId, sql.placeholder("userId")),
        inArray(
          rewards.localDay,
          ["d0", "d1", "d2", "d3"].map((d) => sql.placeholder(d)),
        ),
        inArray(rewards.source, [...EARNING]),
      ),
    )
    .groupBy(rewards.localDay),
);

/**
 * Everything GET /progress shows, as the reads of ONE batch (one round trip): the running totals,
 * the habits with their completions by day since their streak checkpoints, the day rules, and the earnings of every local day
 * today can be in any zone; today's is picked once the rules are known (`progressFrom`). A local
 * day is the wall-clock date minus the day-start hour: with offsets from −12 h to +14 h and start
 * hours 0–23, it lies from two days before the UTC date to one day after. The route runs them
 * behind its session check, in the same batch (middleware/require-auth.ts, batchAsCaller).
 */
export function progressQueries(db: Database, userId: string, now: number) {
  const utcDay = new Date(now).toISOString().slice(0, 10);
  const candidates = [-2, -1, 0, 1].map((d) => addDays(utcDay, d));
  const [d0 = "", d1 = "", d2 = "", d3 = ""] = candidates;
  return [
    dayRulesQuery(db, userId),
    totalsOf(db, { userId }),
    habitsQuery(db, userId),
    earnedOn(db, { userId, d0, d1, d2, d3 }),
  ] as const;
}

type ProgressResults = BatchResponse<ReturnType<typeof progressQueries> extends readonly [...infer T] ? T : never>;

/** GET /progress's answer from its batch's results, but for the streaks (habit-streaks.ts, settleStreaks). */
export function progressFrom([rules, total, habitRows, earned]: ProgressResults, now: number) {
  const today = localDay(now, rules[0]?.timezone ?? "UTC", rules[0]?.dayStartHour ?? 4);
  const todays = earned.find((e) => e.day === today);
  return {
    totals: { xp: total[0]?.xp ?? 0, coins: total[0]?.coins ?? 0 },
    today: { localDay: today, xp: Number(todays?.xp ?? 0), coins: Number(todays?.coins ?? 0) },
    rules: rules[0],
    habitRows,
  };
}
