import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { localDay, rememberedLocalDay } from "../../shared/domain/local-day";
import { habitStreak } from "../../shared/domain/streaks";
import type { HabitWithStreak } from "../../shared/schemas/wellbeing";
import type { Database } from "./client";
import { prepared } from "./prepared";
import { habitCompletions, habits, users } from "./schema";
import { habitView } from "./wellbeing";

const USER_ID = sql.placeholder("userId");

/** The user's day rules (timezone, day-start hour), as one statement of a batch. */
const dayRules = prepared((db) =>
  db.select({ timezone: users.timezone, dayStartHour: users.dayStartHour }).from(users).where(eq(users.id, USER_ID)),
);
export function dayRulesQuery(db: Database, userId: string) {
  return dayRules(db, { userId });
}

/** The user's habits, oldest first (live ones only unless `includeArchived`), as one statement of a batch. */
const habitList = (includeArchived: boolean) =>
  prepared((db) =>
    db
      .select()
      .from(habits)
      .where(and(eq(habits.userId, USER_ID), includeArchived ? undefined : isNull(habits.archivedAt)))
      .orderBy(asc(habits.createdAt)),
  );
const liveHabits = habitList(false);
const allHabits = habitList(true);
export function habitsQuery(db: Database, userId: string, includeArchived = false) {
  return (includeArchived ? allHabits : liveHabits)(db, { userId });
}

/**
 * Each habit's live completions by local day, as one statement of a batch: ONE row per habit,
 * its days packed as "day:count:credited,…" (credited: not late, so earning streak credit). A
 * row per habit and day made a two-year history 2,000 rows, and mapping them was most of the
 * read (issue 15's profile); packed, the rows stay as many as the habits.
 */
const completionDays = prepared((db) => {
  const perDay = db
    .select({
      habitId: habitCompletions.habitId,
      day: habitCompletions.localDay,
      n: sql<number>`count(*)`.as("n"),
      // Late completions (outside the client-time window) happened, but earn no streak credit.
      credited: sql<number>`sum(${habitCompletions.late} = 0)`.as("credited"),
    })
    .from(habitCompletions)
    .where(and(eq(habitCompletions.userId, USER_ID), isNull(habitCompletions.undoneAt)))
    .groupBy(habitCompletions.habitId, habitCompletions.localDay)
    .as("per_day");
  return db
    .select({
      habitId: perDay.habitId,
      days: sql<string>`group_concat(${perDay.day} || ':' || ${perDay.n} || ':' || ${perDay.credited}, ',')`,
    })
    .from(perDay)
    .groupBy(perDay.habitId);
});
export function completionDaysQuery(db: Database, userId: string) {
  return completionDays(db, { userId });
}

/**
 * Calls `each` for every entry of a packed string of days ("day:a:b,…" with three parts, "day:a,…"
 * with two; `b` is NaN then). Read by index, not by splitting: for two years of history this ran
 * 2,000 times per request, and the split version was a third of GET /progress's CPU (issue 15's
 * profile). An entry without all its parts ends the reading (the rest could not be trusted to
 * line up). Also the caseload's packed days (db/staff-queries.ts).
 */
export function forEachPackedDay(days: string, parts: 2 | 3, each: (day: string, a: number, b: number) => void): void {
  let start = 0;
  while (start < days.length) {
    const first = days.indexOf(":", start);
    const second = parts === 3 && first >= 0 ? days.indexOf(":", first + 1) : first;
    if (second < 0) break;
    let end = days.indexOf(",", second + 1);
    if (end < 0) end = days.length;
    const b = parts === 3 ? Number(days.slice(second + 1, end)) : Number.NaN;
    each(days.slice(start, first), Number(days.slice(first + 1, parts === 3 ? second : end)), b);
    start = end + 1;
  }
}

/** A habit's packed days (completionDaysQuery) as counts and credited counts by local day. */
export function unpackDays(days: string): { counts: Map<string, number>; credited: Map<string, number> } {
  const counts = new Map<string, number>();
  const credited = new Map<string, number>();
  forEachPackedDay(days, 3, (day, n, c) => {
    counts.set(day, n);
    credited.set(day, c);
  });
  return { counts, credited };
}

type DayRules = { timezone: string; dayStartHour: number } | undefined;
type HabitRows = Awaited<ReturnType<typeof habitsQuery>>;
type CompletionDays = Awaited<ReturnType<typeof completionDaysQuery>>;

/** Each habit's streak and today's count, from its completions by local day (the shared streak rule). */
export function withStreaks(rules: DayRules, rows: HabitRows, counts: CompletionDays, now: number): HabitWithStreak[] {
  const timezone = rules?.timezone ?? "UTC";
  const dayStartHour = rules?.dayStartHour ?? 4;
  const today = localDay(now, timezone, dayStartHour);
  const byHabit = new Map(counts.map((c) => [c.habitId, c.days]));
  return rows.map((h) => {
    const days = unpackDays(byHabit.get(h.id) ?? "");
    const view = habitView(h);
    const created = rememberedLocalDay(h.createdAt, timezone, dayStartHour);
    return {
      ...view,
      today: days.counts.get(today) ?? 0,
      streak: habitStreak(view.schedule, days.credited, created, today),
    };
  });
}

/** Each habit's streak and today's count (GET /habits), read in one batch. */
export async function habitsWithStreaks(
  db: Database,
  userId: string,
  now: number,
  includeArchived = false,
): Promise<HabitWithStreak[]> {
  const [rules, rows, counts] = await db.batch([
    dayRulesQuery(db, userId),
    habitsQuery(db, userId, includeArchived),
    completionDaysQuery(db, userId),
  ]);
  return withStreaks(rules[0], rows, counts, now);
}
