import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CheckInRecord,
  compareMood,
  type DayMood,
  habitPattern,
  MIN_PATTERN_DAYS,
  monthSummaries,
  moodDays,
  moodLevel,
  moodLevelRange,
  sleepHoursPattern,
  sleepQualityPattern,
  yearInPixels,
} from "./insights";
import { addDays } from "./local-day";

const checkIn = (localDay: string, mood: number, extra: Partial<CheckInRecord> = {}): CheckInRecord => ({
  localDay,
  mood,
  sleepQuality: 5,
  ...extra,
});

/** `n` consecutive days from `from`, each with one check-in of `mood`. */
const run = (from: string, n: number, mood: number, extra: Partial<CheckInRecord> = {}) =>
  Array.from({ length: n }, (_, i) => checkIn(addDays(from, i), mood, extra));

describe("moodDays", () => {
  it("folds a day's check-ins into one entry with their averages", () => {
    expect(
      moodDays([
        checkIn("2026-03-01", 4, { sleepQuality: 6, sleepHours: 6 }),
        checkIn("2026-03-01", 7, { sleepQuality: 8, sleepHours: null }),
        checkIn("2026-02-28", 9),
      ]),
    ).toEqual([
      { localDay: "2026-02-28", mood: 9, sleepQuality: 5, sleepHours: null, checkIns: 1 },
      { localDay: "2026-03-01", mood: 5.5, sleepQuality: 7, sleepHours: 6, checkIns: 2 },
    ]);
  });

  it("leaves out malformed days and moods that are not numbers", () => {
    expect(moodDays([checkIn("2026-02-30", 5), checkIn("", 5), checkIn("2026-03-01", Number.NaN)])).toEqual([]);
  });

  it("does not change its input", () => {
    const input = [checkIn("2026-03-02", 3), checkIn("2026-03-01", 8)];
    const copy = structuredClone(input);
    moodDays(input);
    expect(input).toEqual(copy);
  });
});

describe("moodLevel", () => {
  it("puts each pair of scores in one colour band", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(moodLevel)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it("rounds an average first, clamps the scale and gives no colour to a non-number", () => {
    expect(moodLevel(6.5)).toBe(4);
    expect(moodLevel(6.4)).toBe(3);
    expect(moodLevel(0)).toBe(1);
    expect(moodLevel(14)).toBe(5);
    expect(moodLevel(Number.NaN)).toBe(0);
  });

  it("agrees with the legend's ranges", () => {
    for (let level = 1; level <= 5; level++) {
      const [low, high] = moodLevelRange(level);
      expect(moodLevel(low)).toBe(level);
      expect(moodLevel(high)).toBe(level);
    }
  });
});

describe("yearInPixels", () => {
  it("draws the twelve months ending with today's, days to come left out", () => {
    const months = yearInPixels([], "2026-11-15");
    expect(months.map((m) => m.month)).toEqual([
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
    ]);
    expect(months[0]?.days).toHaveLength(31);
    expect(months[2]?.days).toHaveLength(28);
    expect(months[11]?.days.at(-1)?.localDay).toBe("2026-11-15");
    expect(months[11]?.days).toHaveLength(15);
  });

  it("puts the 1st under its weekday, Monday first", () => {
    const [november] = yearInPixels([], "2026-11-15", 1);
    expect(november?.lead).toBe(6); // 1 November 2026 is a Sunday
    const [june] = yearInPixels([], "2026-06-03", 1);
    expect(june?.lead).toBe(0); // 1 June 2026 is a Monday
  });

  it("colours a day by its average mood and leaves a day without check-ins blank", () => {
    const days = moodDays([checkIn("2026-11-02", 9), checkIn("2026-11-02", 4), checkIn("2026-11-03", 2)]);
    const [november] = yearInPixels(days, "2026-11-04", 1);
    expect(november?.days).toEqual([
      { localDay: "2026-11-01", mood: null, checkIns: 0, level: 0 },
      { localDay: "2026-11-02", mood: 6.5, checkIns: 2, level: 4 },
      { localDay: "2026-11-03", mood: 2, checkIns: 1, level: 1 },
      { localDay: "2026-11-04", mood: null, checkIns: 0, level: 0 },
    ]);
  });

  it("crosses a year end and a leap February", () => {
    const months = yearInPixels([], "2028-03-01", 3);
    expect(months.map((m) => m.month)).toEqual(["2028-01", "2028-02", "2028-03"]);
    expect(months[1]?.days).toHaveLength(29);
  });

  it("gives nothing for a malformed today or month count", () => {
    expect(yearInPixels([], "2026-13-01")).toEqual([]);
    expect(yearInPixels([], "2026-11-15", 0)).toEqual([]);
  });

  it("draws every day of the window exactly once, whatever the day", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2001-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }), (d) => {
        const today = d.toISOString().slice(0, 10);
        const months = yearInPixels([], today);
        const days = months.flatMap((m) => m.days.map((p) => p.localDay));
        expect(new Set(days).size).toBe(days.length);
        expect(days.at(-1)).toBe(today);
        for (let i = 1; i < days.length; i++) expect(addDays(days[i - 1] ?? "", 1)).toBe(days[i]);
        expect(days[0]?.endsWith("-01")).toBe(true);
      }),
    );
  });
});

describe("monthSummaries", () => {
  it("counts check-ins and days, averages by day and finds the most used tag", () => {
    const checkIns = [
      checkIn("2026-11-01", 4, { tags: ["calm", "work"] }),
      checkIn("2026-11-01", 8, { tags: ["work"] }),
      checkIn("2026-11-02", 9, { tags: ["calm", "calm"] }),
      checkIn("2026-11-03", 3, { tags: ["work"] }),
      checkIn("2026-10-31", 1, { tags: ["tired"] }),
    ];
    expect(monthSummaries(checkIns, ["2026-11", "2026-09"])).toEqual([
      { month: "2026-11", checkIns: 4, days: 3, averageMood: 6, topTag: "work" },
      { month: "2026-09", checkIns: 0, days: 0, averageMood: null, topTag: null },
    ]);
  });

  it("gives a tie to the tag used first", () => {
    const checkIns = [checkIn("2026-11-01", 5, { tags: ["calm"] }), checkIn("2026-11-02", 5, { tags: ["tired"] })];
    expect(monthSummaries(checkIns, ["2026-11"])[0]?.topTag).toBe("calm");
  });
});

describe("patterns", () => {
  const walkDays = run("2026-10-01", 6, 8).map((c) => c.localDay);
  const days = moodDays([...run("2026-10-01", 6, 8), ...run("2026-10-07", 5, 5), checkIn("2026-10-07", 7)]);

  it("compares mood on days a habit was done with the other days, each day once", () => {
    expect(habitPattern(days, new Set(walkDays), "2026-10-01", "2026-11-01")).toEqual({
      yes: { days: 6, averageMood: 8 },
      // 7 October's two check-ins (5 and 7) count once, as 6.
      no: { days: 5, averageMood: 5.2 },
      difference: 8 - 5.2,
    });
  });

  it("shows no pattern until each side has enough days", () => {
    expect(habitPattern(days, new Set(walkDays.slice(0, 4)), "2026-10-01", "2026-11-01")).toBeNull();
    const fewer = moodDays(run("2026-10-01", MIN_PATTERN_DAYS * 2 - 1, 6));
    expect(habitPattern(fewer, new Set(walkDays.slice(0, MIN_PATTERN_DAYS)), "2026-10-01", "2026-11-01")).toBeNull();
  });

  it("leaves out days before the habit existed, and today, which is not over", () => {
    // From 3 October, with today 10 October: 3–6 (done) and 7–9 (not) remain.
    const pattern = habitPattern(days, new Set(walkDays), "2026-10-03", "2026-10-10", 3);
    expect(pattern?.yes.days).toBe(4);
    expect(pattern?.no.days).toBe(3);
  });

  it("compares mood after long and short nights, on days that gave hours", () => {
    const nights = moodDays([
      ...run("2026-10-01", 5, 7, { sleepHours: 8 }),
      ...run("2026-10-06", 5, 5, { sleepHours: 6 }),
      ...run("2026-10-11", 5, 1, { sleepHours: null }),
    ]);
    expect(sleepHoursPattern(nights, 7)).toEqual({
      yes: { days: 5, averageMood: 7 },
      no: { days: 5, averageMood: 5 },
      difference: 2,
    });
  });

  it("compares mood after well-rated and poorly rated nights", () => {
    const nights = moodDays([
      ...run("2026-10-01", 5, 4, { sleepQuality: 7 }),
      ...run("2026-10-06", 6, 6, { sleepQuality: 3 }),
    ]);
    expect(sleepQualityPattern(nights, 7)).toEqual({
      yes: { days: 5, averageMood: 4 },
      no: { days: 6, averageMood: 6 },
      difference: -2,
    });
  });

  const checkIns = fc.array(
    fc.record({
      localDay: fc.integer({ min: 0, max: 60 }).map((n) => addDays("2026-09-01", n)),
      mood: fc.integer({ min: 1, max: 10 }),
      sleepQuality: fc.integer({ min: 0, max: 10 }),
    }),
    { maxLength: 120 },
  );
  const doneDays = fc.uniqueArray(
    fc.integer({ min: 0, max: 60 }).map((n) => addDays("2026-09-01", n)),
    { maxLength: 61 },
  );

  it("keeps both averages within the moods given", () => {
    fc.assert(
      fc.property(checkIns, doneDays, (records, done) => {
        const pattern = habitPattern(moodDays(records), new Set(done), "2026-09-01", "2026-12-01", 1);
        if (!pattern) return;
        const moods = records.map((r) => r.mood);
        for (const side of [pattern.yes, pattern.no]) {
          expect(side.averageMood).toBeGreaterThanOrEqual(Math.min(...moods));
          expect(side.averageMood).toBeLessThanOrEqual(Math.max(...moods));
        }
      }),
    );
  });

  it("splits every day with a check-in to exactly one side, and swapping the days swaps the sides", () => {
    fc.assert(
      fc.property(checkIns, doneDays, (records, done) => {
        const days = moodDays(records);
        const doneSet = new Set(done);
        const others = new Set(days.map((d) => d.localDay).filter((d) => !doneSet.has(d)));
        const pattern = habitPattern(days, doneSet, "2026-09-01", "2026-12-01", 1);
        const swapped = habitPattern(days, others, "2026-09-01", "2026-12-01", 1);
        if (!pattern || !swapped) {
          expect(pattern).toBe(swapped);
          return;
        }
        expect(pattern.yes.days + pattern.no.days).toBe(new Set(records.map((r) => r.localDay)).size);
        expect(swapped.yes).toEqual(pattern.no);
        expect(swapped.no).toEqual(pattern.yes);
      }),
    );
  });

  it("shows no pattern while either side has fewer days than the threshold", () => {
    fc.assert(
      fc.property(checkIns, doneDays, fc.integer({ min: 1, max: 10 }), (records, done, minDays) => {
        const days = moodDays(records);
        const doneSet = new Set(done);
        const yes = days.filter((d) => doneSet.has(d.localDay)).length;
        const pattern = habitPattern(days, doneSet, "2026-09-01", "2026-12-01", minDays);
        expect(pattern !== null).toBe(yes >= minDays && days.length - yes >= minDays);
      }),
    );
  });

  it("counts a local day once however many check-ins it has", () => {
    fc.assert(
      fc.property(checkIns, doneDays, (records, done) => {
        const doubled = [...records, ...records];
        const once = habitPattern(moodDays(records), new Set(done), "2026-09-01", "2026-12-01", 1);
        const twice = habitPattern(moodDays(doubled), new Set(done), "2026-09-01", "2026-12-01", 1);
        if (!once || !twice) {
          expect(twice).toBe(once);
          return;
        }
        expect(twice.yes.days).toBe(once.yes.days);
        expect(twice.no.days).toBe(once.no.days);
        expect(twice.difference).toBeCloseTo(once.difference);
      }),
    );
  });

  it("skips repeated days even when handed entries that were not folded", () => {
    const repeated: DayMood[] = [
      { localDay: "2026-10-01", mood: 9, sleepQuality: null, sleepHours: null, checkIns: 1 },
      { localDay: "2026-10-01", mood: 1, sleepQuality: null, sleepHours: null, checkIns: 1 },
      { localDay: "2026-10-02", mood: 3, sleepQuality: null, sleepHours: null, checkIns: 1 },
    ];
    expect(compareMood(repeated, (d) => d.localDay === "2026-10-01", 1)).toEqual({
      yes: { days: 1, averageMood: 9 },
      no: { days: 1, averageMood: 3 },
      difference: 6,
    });
  });
});
