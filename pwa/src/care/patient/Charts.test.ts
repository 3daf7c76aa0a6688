import { describe, expect, it } from "vitest";
import type { PatientDay } from "../../../../shared/schemas/staff";
import { describeSeries } from "./Charts";

const day = (d: string, mood: number | null): PatientDay => ({ day: d, mood, sleep: null, adherence7d: null });

describe("the dashboard's charts in words", () => {
  it("gives the average, the lowest and highest, and how many days had a figure", () => {
    const days = [day("2026-03-01", 4), day("2026-03-02", null), day("2026-03-03", 7.5)];
    expect(describeSeries("Mood", days, (d) => d.mood, String)).toBe(
      "Mood over the last 3 days: average 5.75, from 4 to 7.5, across 2 days with a figure.",
    );
    expect(describeSeries("Sleep quality", days, (d) => d.sleep, String)).toBe(
      "Sleep quality over the last 3 days: nothing recorded.",
    );
  });
});
