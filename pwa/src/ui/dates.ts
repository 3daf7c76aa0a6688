/**
 * Dates as a patient reads them: relative, in their own locale, never with seconds.
 *
 * friendlyDateTime("2026-11-15T23:34:00Z", "Europe/London", now) // "Today, 11:34 pm" (en-GB, 12-hour)
 * friendlyDay("2026-11-14", "2026-11-15") // "Yesterday"
 *
 * `locale` defaults to the device's own (navigator.language, through Intl); tests pin it.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One cached formatter per locale, zone and shape: lists of check-ins format many dates. */
function formatter(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ""}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    try {
      found = new Intl.DateTimeFormat(locale, options);
    } catch {
      // An unknown zone name on this device: its own zone is better than nothing.
      const { timeZone: _unknown, ...rest } = options;
      found = new Intl.DateTimeFormat(locale, rest);
    }
    formatters.set(key, found);
  }
  return found;
}

/** The calendar day (as days since the epoch) an instant falls on in a zone. */
function dayNumber(at: Date, timeZone: string | undefined): number {
  const parts = formatter("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Math.round(Date.UTC(part("year"), part("month") - 1, part("day")) / 86_400_000);
}

/** "Mon 3 Nov" (within the year) or "3 Nov 2025": `showYear` for another year than now. */
function dateLabel(at: Date, timeZone: string | undefined, showYear: boolean, locale: string | undefined): string {
  const options: Intl.DateTimeFormatOptions = showYear
    ? { timeZone, day: "numeric", month: "short", year: "numeric" }
    : { timeZone, weekday: "short", day: "numeric", month: "short" };
  return formatter(locale, options).format(at);
}

function yearIn(at: Date, timeZone: string | undefined): string {
  return formatter("en-CA", { timeZone, year: "numeric" }).format(at);
}

/** The relative word for a day `diff` days before today, or null when a date reads better. */
function relativeWord(diff: number): string | null {
  if (diff === 0) return "Today";
  if (diff === 1) return "Yesterday";
  return null;
}

/**
 * An instant as "Today, 11:34 pm", "Yesterday, 9:02 am", "Mon 3 Nov, 8:00 am" or, in another
 * year, "3 Nov 2025, 8:00 am", seen in `timeZone` (the patient's; the device's when missing or
 * unknown). The hour cycle (12 or 24 hour) is the locale's. An invalid `iso` gives "".
 */
export function friendlyDateTime(iso: string, timeZone?: string, now: number = Date.now(), locale?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "";
  const today = new Date(now);
  const time = formatter(locale, { timeZone, timeStyle: "short" }).format(at);
  const word = relativeWord(dayNumber(today, timeZone) - dayNumber(at, timeZone));
  const date = word ?? dateLabel(at, timeZone, yearIn(at, timeZone) !== yearIn(today, timeZone), locale);
  return `${date}, ${time}`;
}

const LOCAL_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(day: string): Date | null {
  const match = LOCAL_DAY.exec(day);
  if (!match) return null;
  const at = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(at.getTime()) ? null : at;
}

/**
 * A patient's local day ("YYYY-MM-DD") as "Today", "Yesterday", "Mon 3 Nov" or, in another year
 * than `today`, "3 Nov 2025". A malformed day is returned as it is.
 */
export function friendlyDay(localDay: string, today: string, locale?: string): string {
  const day = parseDay(localDay);
  const now = parseDay(today);
  if (!day || !now) return localDay;
  const word = relativeWord(Math.round((now.getTime() - day.getTime()) / 86_400_000));
  return word ?? dateLabel(day, "UTC", day.getUTCFullYear() !== now.getUTCFullYear(), locale);
}
