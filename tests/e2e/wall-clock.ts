/**
 * The tests' own reading of a patient's wall clock, with Intl, independent of the shared
 * localDay() the product uses: which date and hour it is in a zone, and so which local day
 * (day start 04:00, as every seeded account has).
 */
const DAY_START_HOUR = 4;

/** The wall-clock date ("YYYY-MM-DD") and hour (0–23) at `ms` in `timeZone`. */
export function wallClock(ms: number, timeZone: string): { date: string; hour: number } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    hourCycle: "h23",
  }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { date: `${part("year")}-${part("month")}-${part("day")}`, hour: Number(part("hour")) % 24 };
}

/** The local day `ms` belongs to: the wall-clock date, or the date before until 04:00. */
export function expectedDay(ms: number, timeZone: string): string {
  const { date, hour } = wallClock(ms, timeZone);
  if (hour >= DAY_START_HOUR) return date;
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
