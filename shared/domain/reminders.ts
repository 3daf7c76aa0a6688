/**
 * When a patient's reminder is due (issue 17, item 4): a daily check-in or a habit at a local
 * minute of the day, all opt-in, in the patient's own time zone and day-start rule.
 *
 * A reminder belongs to a local day (shared/domain/local-day.ts): its minute is read on the wall
 * clock of that day, so with a 04:00 day start a 02:00 reminder is the small hours after the
 * day's evening. It is due once the wall clock has reached that minute, for a window after it
 * (so a missed sweep still sends it, late), never twice for one local day, never once the thing
 * is done, and never inside quiet hours. Across DST: a minute the clocks skip (spring forward)
 * fires at the first moment after the gap; a minute the clocks repeat (fall back) fires at its
 * first occurrence, and once, because the day it was sent is recorded.
 *
 * Pure: the clock is an argument.
 *
 * @example
 * reminderDue({ now, timeZone: "Europe/London", dayStartHour: 4, minute: 20 * 60, quiet: null,
 *   lastDay: null, done: false }) // { due: true, day: "2026-03-29" } from 20:00 to 23:00 local
 */
import { perDayTarget, type Schedule } from "./completion-policy";
import { addDays, type LocalDay, localDay, weekStart } from "./local-day";

/** Minutes in a day: a reminder's minute and quiet hours lie in 0–1439. */
export const MINUTES_PER_DAY = 1440;

/**
 * How long after its minute a reminder may still go out (a sweep that was missed or late). Three
 * hours: late enough to survive an outage of the scheduler, early enough that nobody is woken
 * for yesterday (and a window never crosses into the next local day: see reminderDue).
 */
export const REMINDER_WINDOW_MS = 3 * 3600_000;

/** Quiet hours, in local minutes of the day: [start, end), wrapping midnight when start > end. */
export interface QuietHours {
  startMinute: number;
  endMinute: number;
}

export interface ReminderInput {
  /** The current instant (ms). */
  now: number;
  /** The patient's IANA time zone. */
  timeZone: string;
  /** The patient's day-start hour (0–23). */
  dayStartHour: number;
  /** The reminder's local minute of the day (0–1439). */
  minute: number;
  /** Quiet hours, or null for none. */
  quiet: QuietHours | null;
  /** The local day it last went out, or null if never. */
  lastDay: LocalDay | null;
  /** Whether the thing reminded of is already done for the current local day. */
  done: boolean;
  /** How long after its minute it stays due (REMINDER_WINDOW_MS unless given). */
  windowMs?: number;
}

export interface ReminderDecision {
  due: boolean;
  /** The current local day ("" for an unknown zone): the day to record once it is sent. */
  day: LocalDay;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// One formatter per zone with the minute (local-day.ts keeps its own, hour only).
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
      });
    } catch {
      f = null;
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The local wall clock at an instant, as minutes since 1970-01-01 00:00 *of the wall clock* (so
 * the difference from the instant's own minutes is the zone's offset). NaN for an unknown zone.
 */
export function wallMinutes(instantMs: number, timeZone: string): number {
  const f = formatterFor(timeZone);
  if (f === null || !Number.isFinite(instantMs)) return Number.NaN;
  let year = Number.NaN;
  let month = Number.NaN;
  let day = Number.NaN;
  let hour = Number.NaN;
  let minute = Number.NaN;
  try {
    for (const part of f.formatToParts(instantMs)) {
      if (part.type === "year") year = Number(part.value);
      else if (part.type === "month") month = Number(part.value);
      else if (part.type === "day") day = Number(part.value);
      else if (part.type === "hour") hour = Number(part.value) % 24;
      else if (part.type === "minute") minute = Number(part.value);
    }
  } catch {
    return Number.NaN;
  }
  return Date.UTC(year, month - 1, day, hour, minute) / MINUTE_MS;
}

/** The local minute of the day (0–1439) the wall clock reads at an instant; NaN for an unknown zone. */
export function wallMinuteOfDay(instantMs: number, timeZone: string): number {
  const m = wallMinutes(instantMs, timeZone);
  return Number.isNaN(m) ? m : ((m % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
}

/** "YYYY-MM-DD" → days since 1970-01-01 (for a valid day). */
function dayNumber(day: LocalDay): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

/**
 * The first instant at which the wall clock in `timeZone` reads `minute` on calendar `date` or
 * later: that minute's first occurrence, or, when the clocks skip it, the end of the gap. NaN for
 * an unknown zone or a malformed date.
 */
export function wallClockInstant(date: LocalDay, minute: number, timeZone: string): number {
  const target = dayNumber(date) * MINUTES_PER_DAY + minute;
  if (!Number.isFinite(target) || formatterFor(timeZone) === null) return Number.NaN;
  const asUtc = target * MINUTE_MS;
  // The zone's offsets around that wall time (a day either side covers any one transition).
  const offsets = new Set<number>();
  for (const probe of [asUtc - DAY_MS, asUtc - DAY_MS / 2, asUtc, asUtc + DAY_MS / 2, asUtc + DAY_MS]) {
    const wall = wallMinutes(probe, timeZone);
    if (Number.isNaN(wall)) return Number.NaN;
    offsets.add(wall - Math.floor(probe / MINUTE_MS));
  }
  // An instant where the wall clock reads exactly the target: its first occurrence.
  let first = Number.NaN;
  for (const offset of offsets) {
    const candidate = asUtc - offset * MINUTE_MS;
    if (wallMinutes(candidate, timeZone) === target && !(candidate >= first)) first = candidate;
  }
  if (!Number.isNaN(first)) return first;
  // Skipped (spring forward): the wall clock jumps over the target; find the jump by bisection
  // between the reading before it (largest offset) and the one after (smallest), where the clock
  // only moves forward.
  let low = asUtc - Math.max(...offsets) * MINUTE_MS;
  let high = asUtc - Math.min(...offsets) * MINUTE_MS;
  if (!(wallMinutes(low, timeZone) < target) || !(wallMinutes(high, timeZone) >= target)) return Number.NaN;
  while (high - low > 1) {
    const mid = low + Math.floor((high - low) / 2);
    if (wallMinutes(mid, timeZone) >= target) high = mid;
    else low = mid;
  }
  return high;
}

/**
 * When a reminder at local `minute` goes off on local `day`: on that calendar date's wall clock,
 * or on the next date's when the minute lies before the day-start hour (a 02:00 reminder with a
 * 04:00 day start closes the day). NaN for an unknown zone or a malformed day.
 */
export function reminderInstant(day: LocalDay, minute: number, timeZone: string, dayStartHour: number): number {
  const date = minute >= dayStartHour * 60 ? day : addDays(day, 1);
  return wallClockInstant(date, minute, timeZone);
}

/** Whether a local minute of the day lies in quiet hours ([start, end), wrapping midnight; start = end: none). */
export function inQuietHours(minuteOfDay: number, quiet: QuietHours | null): boolean {
  if (quiet === null || quiet.startMinute === quiet.endMinute) return false;
  if (quiet.startMinute < quiet.endMinute) return minuteOfDay >= quiet.startMinute && minuteOfDay < quiet.endMinute;
  return minuteOfDay >= quiet.startMinute || minuteOfDay < quiet.endMinute;
}

/**
 * Whether a reminder is due now, and the local day it is for. Due when the reminder's moment on
 * the current local day has come and its window has not passed, it has not gone out for this
 * day (or a later one: travelling west never repeats a day), the thing is not done, and the
 * wall clock is not in quiet hours. An unknown zone or out-of-range minute is never due.
 */
export function reminderDue(input: ReminderInput): ReminderDecision {
  const { now, timeZone, dayStartHour, minute, quiet, lastDay, done } = input;
  const day = localDay(now, timeZone, dayStartHour);
  const no = { due: false, day };
  if (day === "" || !Number.isInteger(minute) || minute < 0 || minute >= MINUTES_PER_DAY) return no;
  if (done || (lastDay !== null && lastDay >= day)) return no;
  const at = reminderInstant(day, minute, timeZone, dayStartHour);
  if (!(now >= at && now < at + (input.windowMs ?? REMINDER_WINDOW_MS))) return no;
  if (inQuietHours(wallMinuteOfDay(now, timeZone), quiet)) return no;
  return { due: true, day };
}

/**
 * Whether a habit needs nothing more on a local day, by its schedule: a daily habit once the
 * day's completions reach its per-day target; a weekly one once done that day, or once its ISO
 * week already has the days it asks for. `countsByDay` holds live completions per local day.
 *
 * @example
 * habitDoneFor({ type: "daily", perDay: 2 }, new Map([["2026-03-02", 1]]), "2026-03-02") // false
 */
export function habitDoneFor(schedule: Schedule, countsByDay: ReadonlyMap<LocalDay, number>, day: LocalDay): boolean {
  const today = countsByDay.get(day) ?? 0;
  if (schedule.type === "daily") return today >= perDayTarget(schedule);
  if (today >= 1) return true;
  const monday = weekStart(day);
  let days = 0;
  for (let i = 0; i < 7; i++) if ((countsByDay.get(addDays(monday, i)) ?? 0) >= 1) days++;
  const wanted = Number.isFinite(schedule.timesPerWeek) && schedule.timesPerWeek >= 1 ? schedule.timesPerWeek : 1;
  return days >= Math.min(7, Math.floor(wanted));
}
