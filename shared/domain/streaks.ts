/**
 * Habit streaks (PRODUCT.md "Progression rules"): consecutive local days on which a habit met its
 * target, where a day with no scheduled occurrence does not break the streak.
 *
 * The walk over a habit's days can stop at a Monday and resume from there
 * ({@link streakCheckpoint}): the server keeps each habit's checkpoint, so a read walks only the
 * weeks since, however long the history (issue 15). Resumed or not, the answer is the same.
 */
import { perDayTarget, type Schedule } from "./completion-policy";
import { daysBetween, type LocalDay, weekStart } from "./local-day";

/** The running streak and the longest one ever, both in days that met the target. */
export interface StreakResult {
  current: number;
  best: number;
}

/**
 * Where a walk over a habit's days stopped: every day before `through` (a Monday) is folded into
 * `best`, `run` and `last`. It holds only for the creation day and schedule it was walked with.
 */
export interface StreakCheckpoint {
  /** The first local day not folded in; always a Monday, so no week is split. */
  through: LocalDay;
  createdDay: LocalDay;
  /** {@link scheduleKey} of the schedule it was walked with. */
  schedule: string;
  best: number;
  /** The run in progress at `through` (days met, across its days or weeks). */
  run: number;
  /** Daily: the day offset (from createdDay) the run ended on; weekly: its last week; null: no run. */
  last: number | null;
}

interface Walk {
  best: number;
  run: number;
  /** NaN: no run in progress. */
  last: number;
}

const START: Walk = { best: 0, run: 0, last: Number.NaN };

/** The schedule as the walk sees it: a checkpoint walked with another one does not hold. */
export function scheduleKey(schedule: Schedule): string {
  return schedule.type === "daily" ? `daily:${perDayTarget(schedule)}` : `weekly:${timesPerWeekOf(schedule)}`;
}

function timesPerWeekOf(schedule: Extract<Schedule, { type: "weekly" }>): number {
  const n = schedule.timesPerWeek;
  // More than 7 could never be met with one counted day per date; corrupt values mean once a week.
  return Number.isFinite(n) && n >= 1 ? Math.min(7, Math.floor(n)) : 1;
}

/** Offsets from `createdDay` of the days in [first, last] (offsets) that met the target, ascending. */
function metDays(
  target: number,
  countsByDay: ReadonlyMap<LocalDay, number>,
  createdDay: LocalDay,
  first: number,
  last: number,
) {
  const offsets: number[] = [];
  for (const [day, count] of countsByDay) {
    const offset = daysBetween(createdDay, day);
    // NaN offsets (malformed keys) and NaN counts fail every comparison and drop out here.
    if (offset >= first && offset <= last && count >= target) offsets.push(offset);
  }
  return offsets.sort((a, b) => a - b);
}

function walkDays(met: number[], from: Walk): Walk {
  let { best, run, last } = from;
  for (const offset of met) {
    run = offset === last + 1 ? run + 1 : 1;
    last = offset;
    best = Math.max(best, run);
  }
  return { best, run, last };
}

/**
 * The weeks of a weekly habit: week numbers count from the Monday of the creation week. `current`
 * is the unfinished week (it never breaks a streak, however few days it has so far), or NaN when
 * walking only finished weeks (up to a checkpoint).
 */
function walkWeeks(timesPerWeek: number, met: number[], createdDay: LocalDay, current: number, from: Walk): Walk {
  const lead = daysBetween(weekStart(createdDay), createdDay);
  const perWeek = new Map<number, number>();
  for (const offset of met) {
    const week = Math.floor((offset + lead) / 7);
    perWeek.set(week, (perWeek.get(week) ?? 0) + 1);
  }
  // The creation week may be partial: it asks for no more days than it had left.
  const required = (week: number) => (week === 0 ? Math.min(timesPerWeek, 7 - lead) : timesPerWeek);
  const holds = (week: number) => week === current || (perWeek.get(week) ?? 0) >= required(week);
  let { best, run, last } = from;
  const weeks = [...perWeek.keys()];
  if (!Number.isNaN(current)) weeks.push(current);
  for (const week of [...new Set(weeks)].sort((a, b) => a - b)) {
    if (!holds(week)) {
      run = 0;
      last = Number.NaN;
      continue;
    }
    run = (week === last + 1 ? run : 0) + (perWeek.get(week) ?? 0);
    last = week;
    best = Math.max(best, run);
  }
  return { best, run, last };
}

/** The week number of a day offset (weeks counted from the Monday of the creation week). */
function weekOf(createdDay: LocalDay, offset: number): number {
  return Math.floor((offset + daysBetween(weekStart(createdDay), createdDay)) / 7);
}

/**
 * Whether `checkpoint` can resume the walk of this habit up to `today`: walked with the same
 * creation day and schedule, through a Monday after the creation day and not after today, and
 * well-formed. A checkpoint that does not fit must not be used: the whole history is walked then.
 */
export function checkpointFits(
  checkpoint: StreakCheckpoint,
  schedule: Schedule,
  createdDay: LocalDay,
  today: LocalDay,
): boolean {
  const { through, best, run, last } = checkpoint;
  return (
    checkpoint.createdDay === createdDay &&
    checkpoint.schedule === scheduleKey(schedule) &&
    weekStart(through) === through &&
    daysBetween(createdDay, through) > 0 &&
    daysBetween(through, today) >= 0 &&
    Number.isSafeInteger(best) &&
    Number.isSafeInteger(run) &&
    run >= 0 &&
    run <= best &&
    (last === null || Number.isSafeInteger(last))
  );
}

function resumeFrom(checkpoint: StreakCheckpoint | null | undefined): { first: number; walk: Walk } | null {
  if (!checkpoint) return null;
  const walk = { best: checkpoint.best, run: checkpoint.run, last: checkpoint.last ?? Number.NaN };
  return { first: daysBetween(checkpoint.createdDay, checkpoint.through), walk };
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
 * With a `from` checkpoint that fits ({@link checkpointFits}), only the days from its `through`
 * on are walked (`countsByDay` need hold no earlier ones); one that does not fit is ignored.
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
  from?: StreakCheckpoint | null,
): StreakResult {
  const last = daysBetween(createdDay, today);
  if (!(last >= 0)) return { current: 0, best: 0 };
  const start = resumeFrom(from && checkpointFits(from, schedule, createdDay, today) ? from : null);
  const met = metDays(perDayTarget(schedule), countsByDay, createdDay, start?.first ?? 0, last);
  if (schedule.type === "daily") {
    const walk = walkDays(met, start?.walk ?? START);
    // Today is still in progress: not having met it yet never breaks the run that ended yesterday.
    return { current: walk.last === last || walk.last === last - 1 ? walk.run : 0, best: walk.best };
  }
  const walk = walkWeeks(timesPerWeekOf(schedule), met, createdDay, weekOf(createdDay, last), start?.walk ?? START);
  // The current week is the last walked and always holds, so the run ends in it.
  return { current: walk.run, best: walk.best };
}

/**
 * The walk of a habit's days before `through` (a Monday after the creation day), to resume
 * {@link habitStreak} from. From a checkpoint that fits (with `through` not before its own), only
 * the days between the two are walked. Null when `through` is not such a Monday.
 *
 * @example
 * const cp = streakCheckpoint(daily, countsBefore, "2026-01-05", "2026-03-02");
 * habitStreak(daily, countsSince, "2026-01-05", today, cp) // the same as with every day's counts
 */
export function streakCheckpoint(
  schedule: Schedule,
  countsByDay: ReadonlyMap<LocalDay, number>,
  createdDay: LocalDay,
  through: LocalDay,
  from?: StreakCheckpoint | null,
): StreakCheckpoint | null {
  const end = daysBetween(createdDay, through);
  if (!(end > 0) || weekStart(through) !== through) return null;
  const fits = from && checkpointFits(from, schedule, createdDay, through) ? from : null;
  const start = resumeFrom(fits);
  const met = metDays(perDayTarget(schedule), countsByDay, createdDay, start?.first ?? 0, end - 1);
  const walk =
    schedule.type === "daily"
      ? walkDays(met, start?.walk ?? START)
      : walkWeeks(timesPerWeekOf(schedule), met, createdDay, Number.NaN, start?.walk ?? START);
  return {
    through,
    createdDay,
    schedule: scheduleKey(schedule),
    best: walk.best,
    run: walk.run,
    last: Number.isNaN(walk.last) ? null : walk.last,
  };
}
