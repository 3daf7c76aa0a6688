import { and, asc, eq, getTableColumns, isNull, sql } from "drizzle-orm";
import {
  addDays,
  daysBetween,
  type LocalDay,
  localDay,
  rememberedLocalDay,
  weekStart,
} from "../../shared/domain/local-day";
import { checkpointFits, habitStreak, type StreakCheckpoint, streakCheckpoint } from "../../shared/domain/streaks";
import type { HabitWithStreak } from "../../shared/schemas/wellbeing";
import { loggableError } from "../lib/errors";
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

/**
 * A habit's live completions by local day from its streak checkpoint on (from the first day when
 * it has none), packed into one column "day:count:credited,…" (credited: not late, so earning
 * streak credit). With the checkpoint, a two-year history reads a few weeks of days, not 700 per
 * habit (issue 15: GET /progress flat with history). Written out with table names: drizzle leaves
 * a single-table select's columns unqualified, which inside the subquery would name
 * habit_completions' own columns.
 */
const daysSinceCheckpoint = sql<
  string | null
>`(SELECT group_concat(day || ':' || n || ':' || credited, ',') FROM (SELECT hc.local_day AS day, count(*) AS n, sum(hc.late = 0) AS credited FROM habit_completions hc WHERE hc.user_id = "habits"."user_id" AND hc.habit_id = "habits"."id" AND hc.local_day >= coalesce("habits"."streak_through", '') AND hc.undone_at IS NULL GROUP BY hc.local_day))`;

/**
 * The user's habits, oldest first (live ones only unless `includeArchived`), each with its days
 * since its streak checkpoint (`days`), as one statement of a batch.
 */
const habitList = (includeArchived: boolean) =>
  prepared((db) =>
    db
      .select({ ...getTableColumns(habits), days: daysSinceCheckpoint })
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
 * Each habit's live completions by local day over its whole history, as one statement of a batch
 * (read only when a habit's checkpoint no longer fits: its schedule or creation day changed): ONE row per habit,
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

/** A stored checkpoint (habits.streak_state), or null if absent or not one. */
export function storedCheckpoint(through: string | null, state: string | null): StreakCheckpoint | null {
  if (through === null || state === null) return null;
  try {
    const cp = JSON.parse(state) as Partial<StreakCheckpoint> | null;
    if (!cp || cp.through !== through || typeof cp.createdDay !== "string" || typeof cp.schedule !== "string") {
      return null;
    }
    const { best, run, last } = cp;
    if (typeof best !== "number" || typeof run !== "number" || !(last === null || typeof last === "number"))
      return null;
    return { through, createdDay: cp.createdDay, schedule: cp.schedule, best, run, last };
  } catch {
    return null;
  }
}

/**
 * The Monday a habit's checkpoint is moved to: a week before this week, so a completion sent
 * late from a device offline (accepted up to 72 hours back) never lands before it. It moves once
 * the checkpoint is two weeks behind, so a read walks at most about four weeks of days.
 */
const checkpointDay = (today: LocalDay) => addDays(weekStart(today), -7);
const CHECKPOINT_LAG_DAYS = 14;

interface StreakWalk {
  habits: HabitWithStreak[];
  /** Some habit's checkpoint did not fit and its earlier days were not read: read them all. */
  incomplete: boolean;
  /** Checkpoints to save, each if its habit's version has not moved. */
  save: { id: string; version: number; checkpoint: StreakCheckpoint }[];
}

/**
 * Each habit's streak and today's count, from its days since its checkpoint (or from `all`, every
 * day of every habit, when given), and the checkpoints worth saving.
 */
function walkStreaks(rules: DayRules, rows: HabitRows, all: CompletionDays | null, now: number): StreakWalk {
  const timezone = rules?.timezone ?? "UTC";
  const dayStartHour = rules?.dayStartHour ?? 4;
  const today = localDay(now, timezone, dayStartHour);
  const target = checkpointDay(today);
  const everyDay = all && new Map(all.map((c) => [c.habitId, c.days]));
  const walk: StreakWalk = { habits: [], incomplete: false, save: [] };
  for (const h of rows) {
    const view = habitView(h);
    const created = rememberedLocalDay(h.createdAt, timezone, dayStartHour);
    const stored = everyDay ? null : storedCheckpoint(h.streakThrough, h.streakState);
    const from = stored && checkpointFits(stored, view.schedule, created, today) ? stored : null;
    // Days before a checkpoint that does not fit were not read.
    if (h.streakThrough !== null && from === null && !everyDay) walk.incomplete = true;
    const days = unpackDays((everyDay ? everyDay.get(h.id) : h.days) ?? "");
    walk.habits.push({
      ...view,
      today: days.counts.get(today) ?? 0,
      streak: habitStreak(view.schedule, days.credited, created, today, from),
    });
    if (from === null || daysBetween(from.through, target) >= CHECKPOINT_LAG_DAYS) {
      const checkpoint = streakCheckpoint(view.schedule, days.credited, created, target, from);
      if (checkpoint) walk.save.push({ id: h.id, version: h.streakVersion, checkpoint });
    }
  }
  return walk;
}

/**
 * Each habit's streak and today's count (the shared streak rule), from habitsQuery's rows; reads
 * the whole history only if a checkpoint no longer fits, and saves the checkpoints that moved.
 * Saving is conditional on the habit's `streak_version`: a completion or undo since the days were
 * read leaves the stored checkpoint alone (commands/habits.ts), and the next read walks again.
 */
export async function settleStreaks(
  db: Database,
  userId: string,
  rules: DayRules,
  rows: HabitRows,
  now: number,
): Promise<HabitWithStreak[]> {
  let walk = walkStreaks(rules, rows, null, now);
  if (walk.incomplete) walk = walkStreaks(rules, rows, await completionDaysQuery(db, userId), now);
  const [first, ...rest] = walk.save.map(({ id, version, checkpoint }) =>
    db
      .update(habits)
      .set({ streakThrough: checkpoint.through, streakState: JSON.stringify(checkpoint) })
      .where(and(eq(habits.userId, userId), eq(habits.id, id), eq(habits.streakVersion, version))),
  );
  if (first) {
    try {
      await db.batch([first, ...rest]);
    } catch (err) {
      // Only a shortcut for later reads failed: this answer is complete, and the next read walks again.
      console.error(JSON.stringify({ level: "error", event: "streak_checkpoint_failed", ...loggableError(err) }));
    }
  }
  return walk.habits;
}

/** Each habit's streak and today's count (GET /habits), read in one batch. */
export async function habitsWithStreaks(
  db: Database,
  userId: string,
  now: number,
  includeArchived = false,
): Promise<HabitWithStreak[]> {
  const [rules, rows] = await db.batch([dayRulesQuery(db, userId), habitsQuery(db, userId, includeArchived)]);
  return settleStreaks(db, userId, rules[0], rows, now);
}
