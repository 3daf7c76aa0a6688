/**
 * Habit streaks (PRODUCT.md "Progression rules"): consecutive local days on which a habit met its
 * target, where a day with no scheduled occurrence does not break the streak.
 */
import { perDayTarget, type Schedule } from "./completion-policy";
import { daysBetween, type LocalDay, weekStart } from "./local-day";

/** The running streak and the longest one ever, both in days that met the target. */
export interface StreakResult {
  current: number;
  best: number;
}

/** Offsets from `createdDay` of the days in [createdDay, today] that met the target, ascending. */
function metDays(target: number, countsByDay: ReadonlyMap<LocalDay, number>, createdDay: LocalDay, last: number) {
  const offsets: number[] = [];
  for (const [day, count] of countsByDay) {
    const offset = daysBetween(createdDay, day);
    // NaN offsets (malformed keys) and NaN counts fail every comparison and drop out here.
    if (offset >= 0 && offset <= last && count >= target) offsets.push(offset);
  }
  return offsets.sort((a, b) => a - b);
}

function dailyStreak(met: number[], today: number): StreakResult {
  let best = 0;
  let run = 0;
  let runEnd = Number.NaN;
  for (const offset of met) {
    run = offset === runEnd + 1 ? run + 1 : 1;
    runEnd = offset;
    best = Math.max(best, run);
  }
  // Today is still in progress: not having met it yet never breaks the run that ended yesterday.
  const current = runEnd === today || runEnd === today - 1 ? run : 0;
  return { current, best };
}

function weeklyStreak(timesPerWeek: number, met: number[], createdDay: LocalDay, today: number): StreakResult {
  // Week numbers count from the Monday of the creation week; offsets are days from createdDay.
  const lead = daysBetween(weekStart(createdDay), createdDay);
  const weekOf = (offset: number) => Math.floor((offset + lead) / 7);
  const currentWeek = weekOf(today);
  const perWeek = new Map<number, number>();
  for (const offset of met) perWeek.set(weekOf(offset), (perWeek.get(weekOf(offset)) ?? 0) + 1);
  // The creation week may be partial: it asks for no more days than it had left.
  const required = (week: number) => (week === 0 ? Math.min(timesPerWeek, 7 - lead) : timesPerWeek);
  // The unfinished current week never breaks a streak, however few days it has so far.
  const holds = (week: number) => week === currentWeek || (perWeek.get(week) ?? 0) >= required(week);

  let best = 0;
  let run = 0;
  let previous = Number.NaN;
  const weeks = [...new Set([...perWeek.keys(), currentWeek])].sort((a, b) => a - b);
  for (const week of weeks) {
    if (!holds(week)) {
      run = 0;
      previous = Number.NaN;
      continue;
    }
    run = (week === previous + 1 ? run : 0) + (perWeek.get(week) ?? 0);
    previous = week;
    best = Math.max(best, run);
  }
  // The current week is last in `weeks` and always holds, so `run` now ends in it.
  return { current: run, best };
}

/**
 * The current and best streak of a habit, from its live completion counts per local day.
 *
 * A day meets the target when its count reaches {@link perDayTarget}. A daily habit's streak is
 * the run of consecutive days meeting it, ending today, or yesterday while today is unmet. A weekly
 * habit (N times per week) counts the days meeting the target across a run of consecutive ISO
 * weeks that each had at least N such days; days off inside a week do not break it, and the
 * current week never does. The creation week asks for at most as many days as it had left.
 * Days before `createdDay` or after `today` are ignored; malformed days give { current: 0, best: 0 }.
 *
 * @example
 * const counts = new Map([["2026-03-01", 1], ["2026-03-02", 1]]);
 * habitStreak({ type: "daily", perDay: 1 }, counts, "2026-03-01", "2026-03-03") // { current: 2, best: 2 }
 */
export function habitStreak(
  schedule: Schedule,
  countsByDay: ReadonlyMap<LocalDay, number>,
  createdDay: LocalDay,
  today: LocalDay,
): StreakResult {
  const last = daysBetween(createdDay, today);
  if (!(last >= 0)) return { current: 0, best: 0 };
  const met = metDays(perDayTarget(schedule), countsByDay, createdDay, last);
  if (schedule.type === "daily") return dailyStreak(met, last);
  const n = schedule.timesPerWeek;
  // More than 7 could never be met with one counted day per date; corrupt values mean once a week.
  const timesPerWeek = Number.isFinite(n) && n >= 1 ? Math.min(7, Math.floor(n)) : 1;
  return weeklyStreak(timesPerWeek, met, createdDay, last);
}
