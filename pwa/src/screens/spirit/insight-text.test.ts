import { describe, expect, it } from "vitest";
import type { MoodPattern } from "../../../../shared/domain/insights";
import { habitWords, monthName, monthSentence, pixelTitle, sleepHoursWords, sleepQualityWords } from "./insight-text";

const pattern = (yes: number, no: number, yesDays = 12, noDays = 20): MoodPattern => ({
  yes: { days: yesDays, averageMood: yes },
  no: { days: noDays, averageMood: no },
  difference: yes - no,
});

describe("insight words", () => {
  it("names a month, with its year when asked", () => {
    expect(monthName("2026-11", true, "long", "en-GB")).toBe("November 2026");
    expect(monthName("2026-11", false, "short", "en-GB")).toBe("Nov");
    expect(monthName("nonsense", true)).toBe("nonsense");
  });

  it("says a month's check-ins, days, average mood and most used tag", () => {
    expect(
      monthSentence({ month: "2026-11", checkIns: 18, days: 17, averageMood: 6.24, topTag: "calm" }, "en-GB"),
    ).toBe("November 2026: 18 check-ins on 17 days, average mood 6.2, most used tag: calm.");
    expect(monthSentence({ month: "2026-10", checkIns: 1, days: 1, averageMood: 5, topTag: null }, "en-GB")).toBe(
      "October 2026: 1 check-in on 1 day, average mood 5.0.",
    );
    expect(monthSentence({ month: "2026-09", checkIns: 0, days: 0, averageMood: null, topTag: null }, "en-GB")).toBe(
      "September 2026: no check-ins.",
    );
  });

  it("titles a square with its day and mood", () => {
    expect(pixelTitle("Yesterday", 6.5, 2)).toBe("Yesterday: mood 6.5 (2 check-ins)");
    expect(pixelTitle("Mon 3 Nov", 7, 1)).toBe("Mon 3 Nov: mood 7");
    expect(pixelTitle("Today", null, 0)).toBe("Today: no check-in");
  });

  it("says a habit pattern's numbers and a tendency, never a cause", () => {
    const words = habitWords("Walk", pattern(6.8, 5.1));
    expect(words.numbers).toBe(
      "On days you did “Walk”, your mood averaged 6.8; on other days, 5.1 (12 days and 20 days).",
    );
    expect(words.tendency).toBe("Your mood has tended to be higher on days with it.");
    expect(habitWords("Walk", pattern(5, 6)).tendency).toBe("Your mood has tended to be lower on days with it.");
    expect(habitWords("Walk", pattern(6.2, 6)).tendency).toBe("Your mood has been about the same either way.");
    for (const w of [words, habitWords("Walk", pattern(5, 6))])
      expect(`${w.numbers} ${w.tendency}`).not.toMatch(/because|makes|causes|should/i);
  });

  it("says the sleep patterns in nights", () => {
    expect(sleepHoursWords(7, pattern(7, 5, 9, 1)).numbers).toBe(
      "After nights of 7 hours’ sleep or more, your mood averaged 7.0; after shorter nights, 5.0 (9 nights and 1 night).",
    );
    expect(sleepQualityWords(7, pattern(7.14, 5, 8, 13)).numbers).toBe(
      "After nights you rated 7 or more, your mood averaged 7.1; after nights rated lower, 5.0 (8 nights and 13 nights).",
    );
  });
});
