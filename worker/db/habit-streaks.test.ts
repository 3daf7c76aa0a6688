import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unpackDays } from "./habit-streaks";

/** The plain reading of a packed string: what unpackDays must agree with on well-formed input. */
function bySplitting(days: string) {
  const counts = new Map<string, number>();
  const credited = new Map<string, number>();
  for (const entry of days === "" ? [] : days.split(",")) {
    const [day = "", n = "0", c = "0"] = entry.split(":");
    counts.set(day, Number(n));
    credited.set(day, Number(c));
  }
  return { counts, credited };
}

const day = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const entry = fc.tuple(day, fc.nat(50), fc.nat(50)).map(([d, n, c]) => `${d}:${n}:${c}`);

describe("unpackDays (the packed completion days of a habit)", () => {
  it("reads every well-formed packed string as splitting it does (20,000 runs)", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), (entries) => {
        const packed = entries.join(",");
        expect(unpackDays(packed)).toEqual(bySplitting(packed));
      }),
      { numRuns: 20_000 },
    );
  });

  it("never throws on malformed input, and keeps only whole entries", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (packed) => {
        const { counts, credited } = unpackDays(packed);
        expect([...counts.keys()]).toEqual([...credited.keys()]);
      }),
    );
    expect(unpackDays("2026-01-01:2:1,2026-01-02:1")).toEqual({
      counts: new Map([["2026-01-01", 2]]),
      credited: new Map([["2026-01-01", 1]]),
    });
  });
});
