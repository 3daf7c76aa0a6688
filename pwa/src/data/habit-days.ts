import { localDay } from "../../../shared/domain/local-day";
import { habitStreak } from "../../../shared/domain/streaks";
import type { PublicUser } from "../../../shared/schemas/auth";
import type { Local } from "./entities";
import type { CompletionView, HabitView } from "./types";

/** Live (not undone, not refused) completions of one habit, counted per local day. */
export function countsByDay(habitId: string, completions: Local<CompletionView>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of completions) {
    if (c.habitId !== habitId || c.undone || c.rejected) continue;
    counts.set(c.localDay, (counts.get(c.localDay) ?? 0) + 1);
  }
  return counts;
}

/**
 * A habit's streak as the server computes it (the same shared rule), from the device's copy: a
 * late completion (kept outside the client-time window) earns no streak credit.
 */
export function streakOf(habit: HabitView, completions: Local<CompletionView>[], user: PublicUser, today: string) {
  const created = localDay(Date.parse(habit.createdAt), user.timezone, user.dayStartHour);
  const credited = completions.filter((c) => !c.late);
  return habitStreak(habit.schedule, countsByDay(habit.id, credited), created, today);
}
