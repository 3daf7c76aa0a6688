/**
 * Insights on Spirit (issue 19, item 5): a "year in pixels" mood calendar and simple, honest
 * patterns between mood and habits or sleep, computed on the device from the patient's own
 * check-ins. Everything works on local days (the patient's, with their day-start hour), never on
 * UTC dates, and a day with several check-ins counts once, by its average.
 *
 * The patterns are comparisons, not causes: they say what the numbers were on two kinds of day,
 * and only when each kind has enough days ({@link MIN_PATTERN_DAYS}) for the averages to mean much.
 */
import { addDays, daysBetween, type LocalDay } from "./local-day";

/** A check-in as the insights read it: its local day, mood 1–10, sleep quality 0–10, optional hours and tags. */
export interface CheckInRecord {
  localDay: LocalDay;
  mood: number;
  sleepQuality: number;
  sleepHours?: number | null;
  tags?: readonly string[];
}

/** One local day's check-ins, averaged; `sleepHours` is null when no check-in that day gave hours. */
export interface DayMood {
  localDay: LocalDay;
  mood: number;
  sleepQuality: number | null;
  sleepHours: number | null;
  checkIns: number;
}

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;

/** Whether `day` is a real calendar day (addDays answers "" for a malformed one). */
const isDay = (day: LocalDay): boolean => day !== "" && addDays(day, 0) === day;

/**
 * The check-ins folded into one entry per local day (the mean of that day's moods, sleep
 * qualities and given sleep hours), oldest first. Check-ins with a malformed day or a mood that
 * is not a finite number are left out, so a corrupt cache row cannot skew a month.
 *
 * @example
 * moodDays([{ localDay: "2026-03-01", mood: 4, sleepQuality: 6 }, { localDay: "2026-03-01", mood: 7, sleepQuality: 8 }])
 * // [{ localDay: "2026-03-01", mood: 5.5, sleepQuality: 7, sleepHours: null, checkIns: 2 }]
 */
export function moodDays(checkIns: readonly CheckInRecord[]): DayMood[] {
  const byDay = new Map<LocalDay, { moods: number[]; sleep: number[]; hours: number[] }>();
  for (const c of checkIns) {
    if (!isDay(c.localDay) || !Number.isFinite(c.mood)) continue;
    const entry = byDay.get(c.localDay) ?? { moods: [], sleep: [], hours: [] };
    entry.moods.push(c.mood);
    if (Number.isFinite(c.sleepQuality)) entry.sleep.push(c.sleepQuality);
    if (typeof c.sleepHours === "number" && Number.isFinite(c.sleepHours)) entry.hours.push(c.sleepHours);
    byDay.set(c.localDay, entry);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([localDay, e]) => ({
      localDay,
      mood: mean(e.moods) ?? 0,
      sleepQuality: mean(e.sleep),
      sleepHours: mean(e.hours),
      checkIns: e.moods.length,
    }));
}

/** How many colours the calendar uses: mood 1–2, 3–4, 5–6, 7–8 and 9–10. */
export const MOOD_LEVELS = 5;

/**
 * The colour band (1–{@link MOOD_LEVELS}) of a day's mood on the 1–10 scale: 1–2 → 1, 3–4 → 2,
 * 5–6 → 3, 7–8 → 4, 9–10 → 5. An average is rounded first (6.5 → 7 → 4); values outside the scale
 * are clamped, and a value that is not a number gives 0 (no colour).
 *
 * @example
 * moodLevel(6.4) // 3
 */
export function moodLevel(mood: number): number {
  if (!Number.isFinite(mood)) return 0;
  const score = Math.min(10, Math.max(1, Math.round(mood)));
  return Math.ceil(score / 2);
}

/** The moods a {@link moodLevel} band covers, for the legend: band 3 → [5, 6]. */
export function moodLevelRange(level: number): [number, number] {
  return [level * 2 - 1, level * 2];
}

/** One square of the calendar: the day, its average mood (null with no check-in) and its colour band (0 for none). */
export interface PixelDay {
  localDay: LocalDay;
  mood: number | null;
  checkIns: number;
  level: number;
}

/** One month of the calendar, "YYYY-MM"; `lead` blank cells before the 1st put it under its weekday (Monday first). */
export interface PixelMonth {
  month: string;
  lead: number;
  days: PixelDay[];
}

/**
 * The "year in pixels": the `months` calendar months ending with today's, each with its days up
 * to today (days to come are not drawn), coloured by that local day's average mood. Days are
 * the patient's local days, as the check-ins carry them. A malformed today gives [].
 *
 * @example
 * yearInPixels(moodDays(checkIns), "2026-11-15", 12).map((m) => m.month) // ["2025-12", …, "2026-11"]
 */
export function yearInPixels(days: readonly DayMood[], today: LocalDay, months = 12): PixelMonth[] {
  if (!isDay(today) || !Number.isSafeInteger(months) || months < 1) return [];
  const byDay = new Map(days.map((d) => [d.localDay, d]));
  const result: PixelMonth[] = [];
  const [year, month] = today.split("-").map(Number) as [number, number];
  for (let back = months - 1; back >= 0; back--) {
    const index = year * 12 + (month - 1) - back;
    const y = Math.floor(index / 12);
    const m = (index % 12) + 1;
    if (y < 1) continue;
    const first = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-01`;
    const cells: PixelDay[] = [];
    for (let day = first; isDay(day) && day.slice(0, 7) === first.slice(0, 7); day = addDays(day, 1)) {
      if (daysBetween(day, today) < 0) break;
      const found = byDay.get(day);
      cells.push({
        localDay: day,
        mood: found ? found.mood : null,
        checkIns: found ? found.checkIns : 0,
        level: found ? moodLevel(found.mood) : 0,
      });
    }
    // 0001-01-01 was a Monday; the weekday of any day follows from the days since.
    const lead = (((daysBetween("0001-01-01", first) % 7) + 7) % 7) as number;
    result.push({ month: first.slice(0, 7), lead, days: cells });
  }
  return result;
}

/** A month in words for the calendar's text alternative. */
export interface MonthSummary {
  month: string;
  /** Check-ins that month (several on one day all count). */
  checkIns: number;
  /** Days with at least one check-in. */
  days: number;
  /** The mean of the days' average moods, or null with no check-in. */
  averageMood: number | null;
  /** The tag used most that month (ties go to the one used first), or null with none. */
  topTag: string | null;
}

/**
 * What each of `months` ("YYYY-MM") held: check-ins, days, average mood (each day counted once,
 * by its average, as the calendar colours it) and the most used tag.
 *
 * @example
 * monthSummaries(checkIns, ["2026-11"]) // [{ month: "2026-11", checkIns: 18, days: 17, averageMood: 6.2, topTag: "calm" }]
 */
export function monthSummaries(checkIns: readonly CheckInRecord[], months: readonly string[]): MonthSummary[] {
  const days = moodDays(checkIns);
  return months.map((month) => {
    const inMonth = checkIns.filter(
      (c) => c.localDay.slice(0, 7) === month && isDay(c.localDay) && Number.isFinite(c.mood),
    );
    const dayMoods = days.filter((d) => d.localDay.slice(0, 7) === month).map((d) => d.mood);
    const tagCounts = new Map<string, number>();
    for (const c of inMonth) for (const tag of new Set(c.tags ?? [])) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
    let topTag: string | null = null;
    let best = 0;
    for (const [tag, count] of tagCounts) {
      if (count > best) {
        topTag = tag;
        best = count;
      }
    }
    return { month, checkIns: inMonth.length, days: dayMoods.length, averageMood: mean(dayMoods), topTag };
  });
}

/**
 * The fewest days each side of a comparison needs before a pattern is shown: below it, an
 * average says more about one odd day than about the patient.
 */
export const MIN_PATTERN_DAYS = 5;

/** One side of a comparison: how many days, and their mood averaged (each day once). */
export interface PatternSide {
  days: number;
  averageMood: number;
}

/** Mood on two kinds of day: `yes` (did the habit, slept enough…) and `no` (the other days). */
export interface MoodPattern {
  yes: PatternSide;
  no: PatternSide;
  /** yes.averageMood − no.averageMood. */
  difference: number;
}

/**
 * Mood on the days `sort` says yes to against the days it says no to; a day it answers null
 * for is left out. Null (no pattern) unless both sides have at least `minDays` days.
 *
 * @example
 * compareMood(days, (d) => (d.sleepHours === null ? null : d.sleepHours >= 7))
 */
export function compareMood(
  days: readonly DayMood[],
  sort: (day: DayMood) => boolean | null,
  minDays = MIN_PATTERN_DAYS,
): MoodPattern | null {
  const yes: number[] = [];
  const no: number[] = [];
  const seen = new Set<LocalDay>();
  for (const day of days) {
    if (seen.has(day.localDay) || !Number.isFinite(day.mood)) continue;
    seen.add(day.localDay);
    const answer = sort(day);
    if (answer === true) yes.push(day.mood);
    else if (answer === false) no.push(day.mood);
  }
  const yesMood = mean(yes);
  const noMood = mean(no);
  if (yes.length < Math.max(1, minDays) || no.length < Math.max(1, minDays) || yesMood === null || noMood === null)
    return null;
  return {
    yes: { days: yes.length, averageMood: yesMood },
    no: { days: no.length, averageMood: noMood },
    difference: yesMood - noMood,
  };
}

/**
 * Mood on finished days a habit was done against finished days it was not, from the habit's
 * first day (`since`, the day it was created: days before it existed are not "other days") up to
 * but not including `today`, which is still under way.
 *
 * @example
 * habitPattern(moodDays(checkIns), new Set(["2026-11-02", …]), "2026-10-01", "2026-11-15")
 * // { yes: { days: 12, averageMood: 6.8 }, no: { days: 20, averageMood: 5.1 }, difference: 1.7 }
 */
export function habitPattern(
  days: readonly DayMood[],
  doneDays: ReadonlySet<LocalDay>,
  since: LocalDay,
  today: LocalDay,
  minDays = MIN_PATTERN_DAYS,
): MoodPattern | null {
  return compareMood(
    days,
    (d) =>
      daysBetween(since, d.localDay) >= 0 && daysBetween(d.localDay, today) > 0 ? doneDays.has(d.localDay) : null,
    minDays,
  );
}

/**
 * Mood after nights of at least `hours` hours' sleep against shorter ones, on days whose
 * check-ins gave sleep hours (a check-in's sleep is the night before it).
 *
 * @example
 * sleepHoursPattern(moodDays(checkIns), 7)
 */
export function sleepHoursPattern(days: readonly DayMood[], hours = 7, minDays = MIN_PATTERN_DAYS) {
  return compareMood(days, (d) => (d.sleepHours === null ? null : d.sleepHours >= hours), minDays);
}

/**
 * Mood after nights rated at least `quality` (0–10) against nights rated lower.
 *
 * @example
 * sleepQualityPattern(moodDays(checkIns), 7)
 */
export function sleepQualityPattern(days: readonly DayMood[], quality = 7, minDays = MIN_PATTERN_DAYS) {
  return compareMood(days, (d) => (d.sleepQuality === null ? null : d.sleepQuality >= quality), minDays);
}
