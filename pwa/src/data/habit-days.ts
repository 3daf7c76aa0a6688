import { MIN_COMPLETION_SPACING_MS, perDayTarget } from "../../../shared/domain/completion-policy";
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

/** Whether a tap on Done should send a completion, and if not, why. */
export type CompletionNeed = { send: true } | { send: false; why: "target-met" | "too-soon" };

/**
 * Decides a tap on a habit's Done from the device's copy, by the server's own rules
 * (shared/domain/completion-policy.ts): a completion the day's target no longer needs, or one
 * within a minute of another live completion, would only come back refused, so it is not sent.
 * Pending completions count: they reach the server first (issue 11, defect 14: a double tap
 * must not leave a refusal beside the saved completion).
 *
 * @example
 * completionNeed(onceADay, [], "2026-03-02", now) // { send: true }
 * completionNeed(onceADay, [doneToday], "2026-03-02", now) // { send: false, why: "target-met" }
 */
export function completionNeed(
  habit: Pick<HabitView, "id" | "schedule">,
  completions: Pick<Local<CompletionView>, "habitId" | "at" | "localDay" | "undone" | "rejected">[],
  day: string,
  nowMs: number,
): CompletionNeed {
  const live = completions.filter((c) => c.habitId === habit.id && !c.undone && !c.rejected);
  if (live.filter((c) => c.localDay === day).length >= perDayTarget(habit.schedule)) {
    return { send: false, why: "target-met" };
  }
  if (live.some((c) => Math.abs(Date.parse(c.at) - nowMs) < MIN_COMPLETION_SPACING_MS)) {
    return { send: false, why: "too-soon" };
  }
  return { send: true };
}
