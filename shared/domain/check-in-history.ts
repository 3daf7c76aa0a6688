/**
 * Mood and sleep history over a window of the user's local days (PRODUCT.md "Spirit"): which days
 * a window holds, each day's average, and a summary a chart's text alternative can say aloud.
 */
import { addDays, daysBetween, type LocalDay } from "./local-day";

/**
 * The windows the history charts offer, in days.
 *
 * @example
 * HISTORY_RANGES[0] // 7
 */
export const HISTORY_RANGES = [7, 30, 90] as const;

/** One of {@link HISTORY_RANGES}. */
export type HistoryRange = (typeof HISTORY_RANGES)[number];

/**
 * The `count` local days ending with `today`, oldest first. A malformed day, or a count that is
 * not a whole number of at least 1, gives [].
 *
 * @example
 * lastDays("2026-03-02", 3) // ["2026-02-28", "2026-03-01", "2026-03-02"]
 */
export function lastDays(today: LocalDay, count: number): LocalDay[] {
  if (!Number.isSafeInteger(count) || count < 1 || addDays(today, 0) === "") return [];
  const days: LocalDay[] = [];
  for (let offset = count - 1; offset >= 0; offset--) {
    const day = addDays(today, -offset);
    if (day !== "") days.push(day);
  }
  return days;
}

/**
 * Whether `day` lies in the window of `count` days ending with `today` (both ends included).
 *
 * @example
 * inLastDays("2026-02-24", "2026-03-02", 7) // true
 * inLastDays("2026-02-23", "2026-03-02", 7) // false
 */
export function inLastDays(day: LocalDay, today: LocalDay, count: number): boolean {
  const back = daysBetween(day, today);
  return back >= 0 && back < count;
}

/** What a run of scores adds up to; every field is null when there are none. */
export interface ScoreSummary {
  count: number;
  average: number | null;
  min: number | null;
  max: number | null;
}

/**
 * Count, mean, lowest and highest of some scores. Values that are not finite numbers are left out,
 * so a corrupt cache row cannot turn the whole summary into NaN.
 *
 * @example
 * summariseScores([6, 9, 3]) // { count: 3, average: 6, min: 3, max: 9 }
 * summariseScores([]) // { count: 0, average: null, min: null, max: null }
 */
export function summariseScores(values: readonly number[]): ScoreSummary {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { count: 0, average: null, min: null, max: null };
  const sum = finite.reduce((total, v) => total + v, 0);
  return { count: finite.length, average: sum / finite.length, min: Math.min(...finite), max: Math.max(...finite) };
}

/**
 * The mean of each day's values, aligned with `days`: null for a day with none. Entries on days
 * outside `days` are ignored.
 *
 * @example
 * dailyAverages([{ localDay: "2026-03-01", value: 4 }, { localDay: "2026-03-01", value: 7 }], ["2026-03-01", "2026-03-02"])
 * // [5.5, null]
 */
export function dailyAverages(
  entries: readonly { localDay: LocalDay; value: number }[],
  days: readonly LocalDay[],
): (number | null)[] {
  const byDay = new Map<LocalDay, number[]>(days.map((d) => [d, []]));
  for (const entry of entries) byDay.get(entry.localDay)?.push(entry.value);
  return days.map((d) => summariseScores(byDay.get(d) ?? []).average);
}
