/**
 * The words Spirit's insights use: months, squares and patterns said plainly, with their numbers,
 * and never as causes ("tended to be higher on days…", not "walking lifts your mood").
 */
import type { MonthSummary, MoodPattern } from "../../../../shared/domain/insights";

/** A mood average to one decimal ("6.2"), or "—" when there is none. */
export const oneDecimal = (v: number | null): string => (v === null ? "—" : v.toFixed(1));

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "2026-11" as "November 2026" (or "Nov" in the short style without the year), in the device's
 * locale. A month is a calendar label, so it is formatted in UTC, never shifted by a zone.
 */
export function monthName(month: string, withYear: boolean, style: "long" | "short" = "long", locale?: string): string {
  const at = Date.parse(`${month}-01T00:00:00Z`);
  if (Number.isNaN(at)) return month;
  const key = `${locale ?? ""}|${style}|${withYear}`;
  let format = monthFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      month: style,
      ...(withYear ? { year: "numeric" } : {}),
      timeZone: "UTC",
    });
    monthFormats.set(key, format);
  }
  return format.format(at);
}

/**
 * A month's text alternative: "November 2026: 18 check-ins on 17 days, average mood 6.2, most
 * used tag: calm." or "November 2026: no check-ins."
 */
export function monthSentence(s: MonthSummary, locale?: string): string {
  const name = monthName(s.month, true, "long", locale);
  if (s.checkIns === 0) return `${name}: no check-ins.`;
  const tag = s.topTag ? `, most used tag: ${s.topTag}` : "";
  return `${name}: ${plural(s.checkIns, "check-in")} on ${plural(s.days, "day")}, average mood ${oneDecimal(s.averageMood)}${tag}.`;
}

/** A square's title: "Yesterday: mood 6.5 (2 check-ins)" or "Mon 3 Nov: no check-in". */
export function pixelTitle(day: string, mood: number | null, checkIns: number): string {
  if (mood === null) return `${day}: no check-in`;
  const shown = Number.isInteger(mood) ? String(mood) : mood.toFixed(1);
  return `${day}: mood ${shown}${checkIns > 1 ? ` (${checkIns} check-ins)` : ""}`;
}

/** How far apart two averages must be before the words call one higher (on a 1–10 scale). */
const NOTICEABLE = 0.5;

/** The pattern in one line, without a cause: higher, lower or about the same. */
function tendency(p: MoodPattern, those: string): string {
  if (p.difference >= NOTICEABLE) return `Your mood has tended to be higher ${those}.`;
  if (p.difference <= -NOTICEABLE) return `Your mood has tended to be lower ${those}.`;
  return `Your mood has been about the same either way.`;
}

/** What a pattern card says: the numbers, then the tendency. */
export interface PatternWords {
  numbers: string;
  tendency: string;
}

/**
 * "On days you did “Walk”, your mood averaged 6.8; on other days, 5.1 (12 days and 20 days)."
 */
export function habitWords(habit: string, p: MoodPattern): PatternWords {
  return {
    numbers: `On days you did “${habit}”, your mood averaged ${oneDecimal(p.yes.averageMood)}; on other days, ${oneDecimal(p.no.averageMood)} (${plural(p.yes.days, "day")} and ${plural(p.no.days, "day")}).`,
    tendency: tendency(p, "on days with it"),
  };
}

/** "After nights of 7 hours' sleep or more, your mood averaged 6.8; after shorter nights, 5.1 (9 nights and 12 nights)." */
export function sleepHoursWords(hours: number, p: MoodPattern): PatternWords {
  return {
    numbers: `After nights of ${hours} hours’ sleep or more, your mood averaged ${oneDecimal(p.yes.averageMood)}; after shorter nights, ${oneDecimal(p.no.averageMood)} (${plural(p.yes.days, "night")} and ${plural(p.no.days, "night")}).`,
    tendency: tendency(p, "after longer nights"),
  };
}

/** "After nights you rated 7 or more, your mood averaged 7.1; after nights rated lower, 5.0 (8 nights and 13 nights)." */
export function sleepQualityWords(quality: number, p: MoodPattern): PatternWords {
  return {
    numbers: `After nights you rated ${quality} or more, your mood averaged ${oneDecimal(p.yes.averageMood)}; after nights rated lower, ${oneDecimal(p.no.averageMood)} (${plural(p.yes.days, "night")} and ${plural(p.no.days, "night")}).`,
    tendency: tendency(p, "after nights you rated well"),
  };
}
