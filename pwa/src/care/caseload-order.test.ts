import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PatientSummary } from "../../../shared/schemas/staff";
import { type SortKey, sortCaseload } from "./caseload-order";

const level = fc.constantFrom("high", "medium", "low", null);
const patient = fc
  .record({
    id: fc.uuid(),
    displayName: fc.string({ minLength: 1, maxLength: 12 }),
    lastSyncAt: fc.option(fc.integer({ min: 1e12, max: 2e12 }).map((ms) => new Date(ms).toISOString())),
    moodAverage7d: fc.option(fc.double({ min: 1, max: 10, noNaN: true })),
    adherence7d: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
    highestOpenFlag: level,
    openFlags: fc.integer({ min: 0, max: 5 }),
  })
  .map(
    (p) =>
      ({
        ...p,
        openFlags: p.highestOpenFlag ? Math.max(1, p.openFlags) : 0,
        moodTrend: null,
        moodDaily7d: [null, null, null, null, null, null, null],
        openFlagsByLevel: { high: 0, medium: 0, low: 0 },
        unacknowledgedFlags: 0,
      }) as PatientSummary,
  );
const key = fc.constantFrom<SortKey>("name", "lastSync", "mood", "adherence", "flags");
const order = fc.constantFrom<"ascending" | "descending">("ascending", "descending");

describe("the caseload's order", () => {
  it("keeps everyone with a high flag on top, whatever the column and direction, and loses no one", () => {
    fc.assert(
      fc.property(fc.array(patient, { maxLength: 30 }), key, order, (items, k, o) => {
        const sorted = sortCaseload(items, k, o);
        expect(sorted.map((p) => p.id).sort()).toEqual(items.map((p) => p.id).sort());
        const firstOther = sorted.findIndex((p) => p.highestOpenFlag !== "high");
        if (firstOther >= 0) expect(sorted.slice(firstOther).some((p) => p.highestOpenFlag === "high")).toBe(false);
      }),
    );
  });

  it("sorts by the column, nulls last in both directions", () => {
    fc.assert(
      fc.property(fc.array(patient, { maxLength: 30 }), order, (items, o) => {
        const rest = sortCaseload(items, "mood", o).filter((p) => p.highestOpenFlag !== "high");
        const values = rest.map((p) => p.moodAverage7d);
        const firstNull = values.indexOf(null);
        if (firstNull >= 0) expect(values.slice(firstNull).every((v) => v === null)).toBe(true);
        const known = values.filter((v): v is number => v !== null);
        for (let i = 1; i < known.length; i++) {
          if (o === "ascending") expect(known[i]).toBeGreaterThanOrEqual(known[i - 1] as number);
          else expect(known[i]).toBeLessThanOrEqual(known[i - 1] as number);
        }
      }),
    );
  });

  it("puts the most urgent flags first when the flags column sorts descending", () => {
    const at = (name: string, highest: PatientSummary["highestOpenFlag"], openFlags: number) =>
      ({
        id: name,
        displayName: name,
        highestOpenFlag: highest,
        openFlags,
      }) as PatientSummary;
    const items = [at("none", null, 0), at("low", "low", 1), at("medium", "medium", 1), at("lows", "low", 3)];
    expect(sortCaseload(items, "flags", "descending").map((p) => p.id)).toEqual(["medium", "lows", "low", "none"]);
    expect(sortCaseload(items, "flags", "ascending").map((p) => p.id)).toEqual(["none", "low", "lows", "medium"]);
  });
});
