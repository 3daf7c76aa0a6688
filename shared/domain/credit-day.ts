/**
 * The credited day: which earlier events share a local day with a new one, even when the patient
 * changed time zone in between (issue 13, item 13: travel must never double-count a day).
 *
 * An event's local day is worked out in the zone the patient had when it happened, and it ends
 * (`dayEndsAt`) when that zone's next day starts. Two events share a credited day when they carry
 * the same local day, or when the later one happened before the earlier one's day had ended there.
 * So flipping to a zone where it is already tomorrow does not start a new day for rewards: the
 * day already credited has to end first, wherever it was credited. A traveller flying east may
 * wait a few hours longer for the next day's first reward; nobody earns one day twice.
 *
 * @example
 * // 15:58 UTC in London (the 20th, ending 04:00 UTC on the 21st), then 15:59 UTC in Kiritimati
 * // (already 05:59 on the 21st there): one credited day.
 * sameCreditDay(creditDay(t1558, "Europe/London", 4), creditDay(t1559, "Pacific/Kiritimati", 4)) // true
 */
import { addDays, type LocalDay, localDay, localDayStart } from "./local-day";

export interface CreditDay {
  /** The event's instant (ms). */
  at: number;
  /** Its local day, in the zone it happened in. */
  localDay: LocalDay;
  /** When that local day ended (or will end) in that zone (ms). */
  dayEndsAt: number;
}

/** The instant a local day ends in a zone: the next day's start. NaN for a malformed day or zone. */
export function dayEndsAt(day: LocalDay, timeZone: string, dayStartHour: number): number {
  return localDayStart(addDays(day, 1), timeZone, dayStartHour);
}

/** An event's credited day, in the zone and day-start hour the patient has at that moment. */
export function creditDay(at: number, timeZone: string, dayStartHour: number): CreditDay {
  const day = localDay(at, timeZone, dayStartHour);
  return { at, localDay: day, dayEndsAt: dayEndsAt(day, timeZone, dayStartHour) };
}

/**
 * Whether two events count for one credited day: the same local day, or the later one before the
 * earlier one's day ended. Symmetric; an unknown end (NaN) never joins days by time.
 */
export function sameCreditDay(a: CreditDay, b: CreditDay): boolean {
  if (a.localDay === b.localDay) return true;
  const [early, late] = a.at <= b.at ? [a, b] : [b, a];
  return late.at < early.dayEndsAt;
}
