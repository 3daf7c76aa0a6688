import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { localDay } from "../../shared/domain/local-day";
import { habitStreak } from "../../shared/domain/streaks";
import type { HabitWithStreak } from "../../shared/schemas/wellbeing";
import type { database } from "./client";
import { habitCompletions, habits, users } from "./schema";
import { habitView } from "./wellbeing";

/** Each live habit's streak and today's count, from its completions by local day. */
export async function habitsWithStreaks(
  db: ReturnType<typeof database>,
  userId: string,
  now: number,
  includeArchived = false,
): Promise<HabitWithStreak[]> {
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
