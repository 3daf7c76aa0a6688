/**
 * The user's local day (PRODUCT.md "Progression rules"): a time zone plus a day-start hour, so a
 * completion at 01:30 counts for the evening before and travel never double-counts a day.
 *
 * Invalid input is answered with the empty string (days) or NaN (day differences), the way an
 * invalid Date answers with NaN; every function here passes such values through.
 */

import { boundedCache } from "../bounded-cache";

/** A calendar date, "YYYY-MM-DD" (years 0001–9999); "" stands for an invalid day. */
export type LocalDay = string;

/**
 * The day-start hour users get unless they choose another.
 *
 * @example
 * localDay(instant, "Europe/London", DEFAULT_DAY_START_HOUR)
 */
export const DEFAULT_DAY_START_HOUR = 4;

const DAY_MS = 86_400_000;
/** Days in a 400-year Gregorian cycle: shifting a date by it keeps month, day and weekday. */
const CYCLE_DAYS = 146_097;
const INVALID: LocalDay = "";

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 for a valid Gregorian date, or NaN. */
function dayIndex(year: number, month: number, day: number): number {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return Number.NaN;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return Number.NaN;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  // 31 February is not a date, nor 29 February outside a leap year.
  if (day > (month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] ?? 0))) return Number.NaN;
  // Days from the civil date (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"): years
  // start in March, so the leap day ends one; arithmetic only, no Date (it runs per row).
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * CYCLE_DAYS + dayOfEra - 719_468;
}

// Module-level helpers rather than closures: a bundler that keeps function names wraps every
// closure it creates, and these run many times per request (issue 15's profile of the caseload).
function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function format(index: number): LocalDay {
  if (!Number.isSafeInteger(index)) return INVALID;
  const date = new Date(index * DAY_MS);
  const year = date.getUTCFullYear();
  if (Number.isNaN(year) || year < 1 || year > 9999) return INVALID;
  return `${pad(year, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

/** The number written by the ASCII digits of `text` from `start` to `end`, or NaN. */
function digits(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return Number.NaN;
    n = n * 10 + digit;
  }
  return n;
}

/** "YYYY-MM-DD" → days since 1970-01-01, or NaN (read by hand: it runs per row of a caseload). */
function parse(day: LocalDay): number {
  if (typeof day !== "string" || day.length !== 10 || day.charCodeAt(4) !== 45 || day.charCodeAt(7) !== 45) {
    return Number.NaN;
  }
  return dayIndex(digits(day, 0, 4), digits(day, 5, 7), digits(day, 8, 10));
}

// Building a DateTimeFormat costs far more than using one; zones are few, so keep one each.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | undefined {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        era: "short",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
      });
    } catch {
      return undefined;
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The local day an instant belongs to: the calendar date of the local wall-clock time minus
 * `dayStartHour` hours. The boundary follows the wall clock, so across a DST change the day still
 * starts when local clocks read dayStartHour:00 (or the first moment after, if the clocks skip it).
 * An unknown time zone, a non-finite instant or an hour outside the integers 0–23 gives "".
 *
 * @example
 * // 00:30 BST on 11 June 2026 is still the evening of 10 June with a 04:00 day start.
 * localDay(Date.UTC(2026, 5, 10, 23, 30), "Europe/London", 4) // "2026-06-10"
 */
export function localDay(instantMs: number, timeZone: string, dayStartHour: number): LocalDay {
  if (!Number.isFinite(instantMs) || !Number.isInteger(dayStartHour) || dayStartHour < 0 || dayStartHour > 23) {
    return INVALID;
  }
  const formatter = formatterFor(timeZone);
  if (formatter === undefined) return INVALID;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = formatter.formatToParts(instantMs);
  } catch {
    return INVALID; // outside the range Date can represent
  }
  let era = "";
  let year = Number.NaN;
  let month = Number.NaN;
  let day = Number.NaN;
  let hour = Number.NaN;
  for (const part of parts) {
    if (part.type === "era") era = part.value;
    else if (part.type === "year") year = Number(part.value);
    else if (part.type === "month") month = Number(part.value);
    else if (part.type === "day") day = Number(part.value);
    else if (part.type === "hour") hour = Number(part.value);
  }
  if (era !== "AD") return INVALID;
  // Some engines once printed midnight as "24" even in h23; the remainder makes it 0 either way.
  hour %= 24;
  const index = dayIndex(year, month, day);
  return format(hour < dayStartHour ? index - 1 : index);
}

/**
 * The day `days` calendar days after `day` (before it when negative). Pure calendar arithmetic,
 * no time zone. A malformed day, a non-integer count or a result outside years 0001–9999 gives "".
 *
 * @example
 * addDays("2028-02-28", 1) // "2028-02-29"
 * addDays("2026-12-31", 1) // "2027-01-01"
 */
export function addDays(day: LocalDay, days: number): LocalDay {
  if (!Number.isSafeInteger(days)) return INVALID;
  return format(parse(day) + days);
}

/**
 * Whole days from `from` to `to` (negative when `to` is earlier); NaN if either is malformed.
 *
 * @example
 * daysBetween("2026-02-27", "2026-03-01") // 2
 */
export function daysBetween(from: LocalDay, to: LocalDay): number {
  return parse(to) - parse(from);
}

/**
 * The Monday that starts the ISO week containing `day`; "" if `day` is malformed (or the Monday
 * would fall before 0001-01-01, which is itself a Monday, so never for a valid day).
 *
 * @example
 * weekStart("2026-03-29") // "2026-03-23" (29 March 2026 is a Sunday)
 */
export function weekStart(day: LocalDay): LocalDay {
  const index = parse(day);
  if (Number.isNaN(index)) return INVALID;
  const weekday = new Date(index * DAY_MS).getUTCDay(); // 0 = Sunday
  return format(index - ((weekday + 6) % 7));
}

/**
 * The first instant (ms) of a local day: when the wall clock in `timeZone` first reads
 * `dayStartHour`:00 on that date (or the first moment after, if the clocks skip that hour). The
 * inverse of {@link localDay}: `localDay(localDayStart(d, z, h), z, h) === d`, and the
 * millisecond before belongs to the day before. NaN for a malformed day, an unknown zone or an
 * hour outside 0–23.
 *
 * Found by bisection on `localDay` itself (which never moves backwards as time passes), so the
 * two can never disagree about where a day begins, DST changes included.
 *
 * @example
 * // London is on BST in June: 04:00 local is 03:00 UTC.
 * localDayStart("2026-06-10", "Europe/London", 4) // Date.UTC(2026, 5, 10, 3)
 */
export function localDayStart(day: LocalDay, timeZone: string, dayStartHour: number): number {
  // About thirty time-zone conversions, asked again for the same day by every write that day
  // (issue 15: a tenth of a mood write's CPU); a pure function, so its remembered answer is its answer.
  return rememberedStarts(`${day}|${dayStartHour}|${timeZone}`, () => findDayStart(day, timeZone, dayStartHour));
}

const rememberedStarts = boundedCache<number>(20_000);

/** {@link localDayStart}, worked out: bisection on {@link localDay}. */
function findDayStart(day: LocalDay, timeZone: string, dayStartHour: number): number {
  const index = parse(day);
  if (Number.isNaN(index) || localDay(index * DAY_MS, timeZone, dayStartHour) === INVALID) return Number.NaN;
  // UTC offsets lie within ±18 h, so the start lies within a day and a half of UTC's.
  let low = (index - 1) * DAY_MS; // before the start: still an earlier day
  let high = (index + 2) * DAY_MS; // after it: this day or a later one
  if (localDay(low, timeZone, dayStartHour) >= day || localDay(high, timeZone, dayStartHour) < day) return Number.NaN;
  while (high - low > 1) {
    const mid = low + Math.floor((high - low) / 2);
    if (localDay(mid, timeZone, dayStartHour) < day) low = mid;
    else high = mid;
  }
  return high;
}

const remembered = boundedCache<LocalDay>(20_000);

/**
 * {@link localDay}, remembered: for instants asked about on every read, such as a habit's
 * creation on every caseload read (issue 15: a time-zone conversion per habit was a fifth of a
 * caseload of 200). localDay is a pure function, so its remembered answers are its answers.
 */
export function rememberedLocalDay(instantMs: number, timeZone: string, dayStartHour: number): LocalDay {
  return remembered(`${instantMs}|${dayStartHour}|${timeZone}`, () => localDay(instantMs, timeZone, dayStartHour));
}
