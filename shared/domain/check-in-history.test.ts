import { describe, expect, it } from "vitest";
import { dailyAverages, HISTORY_RANGES, inLastDays, lastDays, summariseScores } from "./check-in-history";

describe("lastDays", () => {
  it("lists the window's days oldest first, ending today", () => {
    expect(lastDays("2026-03-02", 3)).toEqual(["2026-02-28", "2026-03-01", "2026-03-02"]);
  });

  it("gives exactly as many days as each offered range asks", () => {
    for (const range of HISTORY_RANGES) {
      const days = lastDays("2026-03-02", range);
      expect(days).toHaveLength(range);
      expect(new Set(days).size).toBe(range);
      expect(days.at(-1)).toBe("2026-03-02");
    }
  });

  it("crosses a leap day and a year end", () => {
    expect(lastDays("2028-03-01", 2)).toEqual(["2028-02-29", "2028-03-01"]);
    expect(lastDays("2027-01-01", 2)).toEqual(["2026-12-31", "2027-01-01"]);
  });

  it("gives no days for a malformed today or a count that is not a whole number of at least 1", () => {
    expect(lastDays("2026-02-30", 7)).toEqual([]);
    expect(lastDays("", 7)).toEqual([]);
    expect(lastDays("2026-03-02", 0)).toEqual([]);
    expect(lastDays("2026-03-02", -3)).toEqual([]);
    expect(lastDays("2026-03-02", 2.5)).toEqual([]);
    expect(lastDays("2026-03-02", Number.NaN)).toEqual([]);
  });

  it("stops at the first representable day instead of inventing days before it", () => {
    expect(lastDays("0001-01-02", 5)).toEqual(["0001-01-01", "0001-01-02"]);
  });
});

describe("inLastDays", () => {
  it("includes today and the oldest day of the window, and nothing outside it", () => {
    expect(inLastDays("2026-03-02", "2026-03-02", 7)).toBe(true);
    expect(inLastDays("2026-02-24", "2026-03-02", 7)).toBe(true);
    expect(inLastDays("2026-02-23", "2026-03-02", 7)).toBe(false);
    expect(inLastDays("2026-03-03", "2026-03-02", 7)).toBe(false);
  });

  it("agrees with lastDays on every day around the window", () => {
    const window = new Set(lastDays("2026-03-02", 30));
    for (const day of lastDays("2026-03-10", 60)) expect(inLastDays(day, "2026-03-02", 30)).toBe(window.has(day));
  });

  it("says no for malformed days", () => {
    expect(inLastDays("2026-13-01", "2026-03-02", 7)).toBe(false);
    expect(inLastDays("2026-03-01", "nonsense", 7)).toBe(false);
  });
});

describe("summariseScores", () => {
  it("gives the count, the mean, the lowest and the highest", () => {
    expect(summariseScores([6, 9, 3])).toEqual({ count: 3, average: 6, min: 3, max: 9 });
    expect(summariseScores([7, 6])).toEqual({ count: 2, average: 6.5, min: 6, max: 7 });
  });

  it("answers nulls, not NaN, when there are no scores", () => {
    expect(summariseScores([])).toEqual({ count: 0, average: null, min: null, max: null });
  });

  it("leaves out values that are not finite numbers", () => {
    expect(summariseScores([5, Number.NaN, Number.POSITIVE_INFINITY, 7])).toEqual({
      count: 2,
      average: 6,
      min: 5,
      max: 7,
    });
    expect(summariseScores([Number.NaN])).toEqual({ count: 0, average: null, min: null, max: null });
  });

  it("does not change its input", () => {
    const scores = [3, 1, 2];
    summariseScores(scores);
    expect(scores).toEqual([3, 1, 2]);
  });
});

describe("dailyAverages", () => {
  const days = ["2026-03-01", "2026-03-02", "2026-03-03"];

  it("averages each day's values and leaves days without any as null", () => {
    const entries = [
      { localDay: "2026-03-01", value: 4 },
      { localDay: "2026-03-01", value: 7 },
      { localDay: "2026-03-03", value: 8 },
    ];
    expect(dailyAverages(entries, days)).toEqual([5.5, null, 8]);
  });

  it("ignores entries on days outside the window", () => {
    expect(dailyAverages([{ localDay: "2026-02-28", value: 9 }], days)).toEqual([null, null, null]);
  });

  it("gives an empty list for an empty window", () => {
    expect(dailyAverages([{ localDay: "2026-03-01", value: 9 }], [])).toEqual([]);
  });
});
