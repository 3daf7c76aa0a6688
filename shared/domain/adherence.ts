/**
 * Habit adherence (PRODUCT.md "Spirit", and the staff patient list): the share of a habit's
 * scheduled target that was met over a window of the user's local days, with the same per-day
 * target and ISO weeks as streaks.
 */
import { perDayTarget, type Schedule } from "./completion-policy";
import { addDays, daysBetween, type LocalDay, weekStart } from "./local-day";

/** Completions that counted against what was asked; `share` is met ÷ scheduled, or null when nothing was asked yet. */
export interface Adherence {
  met: number;
  scheduled: number;
  share: number | null;
}

const NONE: Adherence = { met: 0, scheduled: 0, share: null };

function countOn(countsByDay: ReadonlyMap<LocalDay, number>, day: LocalDay): number {
  const count = countsByDay.get(day) ?? 0;
  return Number.isFinite(count) && count > 0 ? Math.floor(count) : 0;
}

function result(met: number, scheduled: number): Adherence {
  return { met, scheduled, share: scheduled > 0 ? met / scheduled : null };
}

/**
 * How much of a habit's schedule was kept from `from` (or the day it was created, if later) to
 * `today`, both included, from its live completion counts per local day.
 *
 * A daily habit asks its per-day target every day and a day counts at most that target. A weekly
 * habit (N times per week) asks N days per ISO week; a week cut short by the window or by the
 * habit's creation asks its share, N × days ÷ 7. What is still in progress is never held against
 * the patient: today counts only once its target is met, and the current week only with the days
 * already done (up to N). Malformed days, or `today` before the start, give { 0, 0, null }.
 *
 * @example
 * const counts = new Map([["2026-03-02", 1], ["2026-03-03", 0], ["2026-03-04", 1]]);
 * habitAdherence({ type: "daily", perDay: 1 }, counts, "2026-03-01", "2026-03-02", "2026-03-05")
 * // { met: 2, scheduled: 3, share: 0.666… } (5 March, today, is not done yet: it does not count)
 */
export function habitAdherence(
  schedule: Schedule,
  countsByDay: ReadonlyMap<LocalDay, number>,
  createdDay: LocalDay,
  from: LocalDay,
  today: LocalDay,
): Adherence {
  return adherenceThrough(schedule, countsByDay, createdDay, from, today, today);
}

/**
 * The same rule over a window that may end before today: from `from` (or the habit's creation, if
 * later) to `to`, both included, as it stands on `today`. Every day before today is finished and
 * counts in full; today, and the ISO week containing it, are still in progress and count as in
 * {@link habitAdherence} (which is this with `to` = `today`). A `to` after today ends today.
 *
 * @example
 * // The week to 4 March, asked on 5 March: 4 March is over, so a missed target there counts.
 * adherenceThrough({ type: "daily", perDay: 1 }, new Map([["2026-03-02", 1]]), "2026-03-01", "2026-03-02", "2026-03-04", "2026-03-05")
 * // { met: 1, scheduled: 3, share: 0.333… }
 */
export function adherenceThrough(
  schedule: Schedule,
  countsByDay: ReadonlyMap<LocalDay, number>,
  createdDay: LocalDay,
  from: LocalDay,
  to: LocalDay,
  today: LocalDay,
): Adherence {
  const createdAfterFrom = daysBetween(from, createdDay);
  const toBeforeToday = daysBetween(to, today);
  if (Number.isNaN(createdAfterFrom) || Number.isNaN(toBeforeToday)) return NONE;
  const end = toBeforeToday >= 0 ? to : today;
  const start = createdAfterFrom > 0 ? createdDay : from;
  const span = daysBetween(start, end);
  if (!(span >= 0)) return NONE;
  if (schedule.type === "daily") return daily(perDayTarget(schedule), countsByDay, start, span, end === today);
  const n = schedule.timesPerWeek;
  // As for streaks: more than 7 could never be met; corrupt values mean once a week.
  const timesPerWeek = Number.isFinite(n) && n >= 1 ? Math.min(7, Math.floor(n)) : 1;
  return weekly(timesPerWeek, countsByDay, start, span, weekStart(today));
}

function daily(
  target: number,
  countsByDay: ReadonlyMap<LocalDay, number>,
  start: LocalDay,
  span: number,
  endsToday: boolean,
) {
  // Walks the days that have completions (few), not every day of the window: the same sum as
  // looking up each day from `start` to the window's last day, at a cost that does not grow with the window.
  const finished = endsToday ? span : span + 1;
  let met = 0;
  for (const day of countsByDay.keys()) {
    const offset = daysBetween(start, day);
    if (offset >= 0 && offset < finished) met += Math.min(countOn(countsByDay, day), target);
  }
  if (!endsToday) return result(met, target * finished);
  // Today is still in progress: it counts once its target is met, never against the patient.
  const todayDone = countOn(countsByDay, addDays(start, span)) >= target;
  return result(met + (todayDone ? target : 0), target * span + (todayDone ? target : 0));
}

function weekly(
  timesPerWeek: number,
  countsByDay: ReadonlyMap<LocalDay, number>,
  start: LocalDay,
  span: number,
  currentWeek: LocalDay,
) {
  const weeks = new Map<LocalDay, { days: number; done: number }>();
  for (let offset = 0; offset <= span; offset++) {
    const day = addDays(start, offset);
    const week = weekStart(day);
    const entry = weeks.get(week) ?? { days: 0, done: 0 };
    entry.days += 1;
    // A weekly habit's per-day target is 1: a day is done or not.
    if (countOn(countsByDay, day) >= 1) entry.done += 1;
    weeks.set(week, entry);
  }
  let met = 0;
  let scheduled = 0;
  for (const [week, { days, done }] of weeks) {
    if (week === currentWeek) {
      // The unfinished week counts only what is already done.
      const kept = Math.min(timesPerWeek, done);
      met += kept;
      scheduled += kept;
      continue;
    }
    const asked = (timesPerWeek * days) / 7;
    scheduled += asked;
    met += Math.min(done, asked);
  }
  return result(met, scheduled);
}

/**
 * Several habits' adherence as one figure (the staff patient list): everything met over everything
 * asked, so a habit asked more often weighs more; null when nothing was asked of any.
 * @example combinedAdherence([{ met: 2, scheduled: 4, share: 0.5 }, { met: 1, scheduled: 1, share: 1 }]).share // 0.6
 */
export function combinedAdherence(parts: readonly Adherence[]): Adherence {
  let met = 0;
  let scheduled = 0;
  for (const part of parts) {
    met += part.met;
    scheduled += part.scheduled;
  }
  return result(met, scheduled);
}

/** A habit as {@link rollingAdherence} reads it: its schedule, its creation day and its live completions per local day. */
export interface HabitRecord {
  schedule: Schedule;
  createdDay: LocalDay;
  countsByDay: ReadonlyMap<LocalDay, number>;
}

/**
 * For each of `days`, the habits' combined adherence over the `window` local days up to and
 * including it, as it stands on `today` (the staff caseload's 7-day figure as it stood each day):
 * the share, or null when nothing was asked of any habit in that window.
 * @example rollingAdherence(habits, ["2026-03-04", "2026-03-05"], "2026-03-05") // [0.5, 0.6]
 */
export function rollingAdherence(
  habits: readonly HabitRecord[],
  days: readonly LocalDay[],
  today: LocalDay,
  window = 7,
): (number | null)[] {
  return days.map(
    (day) =>
      combinedAdherence(
        habits.map((h) =>
          adherenceThrough(h.schedule, h.countsByDay, h.createdDay, addDays(day, 1 - window), day, today),
        ),
      ).share,
  );
}
