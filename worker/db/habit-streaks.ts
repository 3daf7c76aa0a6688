import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { localDay } from "../../shared/domain/local-day";
import { habitStreak } from "../../shared/domain/streaks";
import type { HabitWithStreak } from "../../shared/schemas/wellbeing";
import type { Database } from "./client";
import { habitCompletions, habits, users } from "./schema";
import { habitView } from "./wellbeing";

/** The user's day rules (timezone, day-start hour), as one statement of a batch. */
export function dayRulesQuery(db: Database, userId: string) {
  return db
    .select({ timezone: users.timezone, dayStartHour: users.dayStartHour })
    .from(users)
    .where(eq(users.id, userId));
}

/** The user's habits, oldest first (live ones only unless `includeArchived`), as one statement of a batch. */
export function habitsQuery(db: Database, userId: string, includeArchived = false) {
  return db
    .select()
    .from(habits)
    .where(and(eq(habits.userId, userId), includeArchived ? undefined : isNull(habits.archivedAt)))
    .orderBy(asc(habits.createdAt));
}

/** Live completions per habit and local day, and how many of them earn streak credit, as one statement. */
export function completionDaysQuery(db: Database, userId: string) {
  return db
    .select({
      habitId: habitCompletions.habitId,
      day: habitCompletions.localDay,
      n: sql<number>`count(*)`,
      // Late completions (outside the client-time window) happened, but earn no streak credit.
      credited: sql<number>`sum(${habitCompletions.late} = 0)`,
    })
    .from(habitCompletions)
    .where(and(eq(habitCompletions.userId, userId), isNull(habitCompletions.undoneAt)))
    .groupBy(habitCompletions.habitId, habitCompletions.localDay);
}

type DayRules = { timezone: string; dayStartHour: number } | undefined;
type HabitRows = Awaited<ReturnType<typeof habitsQuery>>;
type CompletionDays = Awaited<ReturnType<typeof completionDaysQuery>>;

/** Each habit's streak and today's count, from its completions by local day (the shared streak rule). */
export function withStreaks(rules: DayRules, rows: HabitRows, counts: CompletionDays, now: number): HabitWithStreak[] {
  const timezone = rules?.timezone ?? "UTC";
  const dayStartHour = rules?.dayStartHour ?? 4;
  const today = localDay(now, timezone, dayStartHour);
  const byHabit = new Map<string, CompletionDays>();
  for (const c of counts) {
    const list = byHabit.get(c.habitId);
    if (list) list.push(c);
    else byHabit.set(c.habitId, [c]);
  }
  return rows.map((h) => {
    const mine = byHabit.get(h.id) ?? [];
    const credited = new Map(mine.map((c) => [c.day, c.credited]));
    const view = habitView(h);
    const created = localDay(h.createdAt, timezone, dayStartHour);
    return {
      ...view,
      today: mine.find((c) => c.day === today)?.n ?? 0,
      streak: habitStreak(view.schedule, credited, created, today),
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
