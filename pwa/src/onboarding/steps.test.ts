import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { minuteOfDay, nextStep, previousStep, progressLabel, STEPS } from "./steps";

describe("the first-run flow's steps", () => {
  it("has five steps, in the order the issue lists them", () => {
    expect(STEPS).toEqual(["about", "crisis", "companion", "habit", "reminder"]);
  });

  it("labels progress from 1 to 5", () => {
    expect(STEPS.map(progressLabel)).toEqual([
      "Step 1 of 5",
      "Step 2 of 5",
      "Step 3 of 5",
      "Step 4 of 5",
      "Step 5 of 5",
    ]);
  });

  it("walks forward to the end (then null) and back to the start (then null)", () => {
    expect(nextStep("about")).toBe("crisis");
    expect(nextStep("reminder")).toBeNull();
    expect(previousStep("crisis")).toBe("about");
    expect(previousStep("about")).toBeNull();
  });

  it("Back undoes Next on every step but the last", () => {
    for (const step of STEPS) {
      const next = nextStep(step);
      if (next) expect(previousStep(next)).toBe(step);
    }
  });
});

describe("minuteOfDay", () => {
  it("reads a time input's value", () => {
    expect(minuteOfDay("00:00")).toBe(0);
    expect(minuteOfDay("08:30")).toBe(510);
    expect(minuteOfDay("23:59")).toBe(1439);
  });

  it("refuses what is not a time of day", () => {
    for (const t of ["", "24:00", "8:30", "12:60", "noon"]) expect(minuteOfDay(t)).toBeNull();
  });

  it("round-trips every minute of the day", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1439 }), (minute) => {
        const text = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
        expect(minuteOfDay(text)).toBe(minute);
      }),
    );
  });
});
