import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { creditDay, sameCreditDay } from "./credit-day";
import { localDay } from "./local-day";

const ZONES = [
  "UTC",
  "Europe/London",
  "America/New_York",
  "America/Los_Angeles",
  "Pacific/Kiritimati",
  "Pacific/Pago_Pago",
  "Asia/Kolkata",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
] as const;
const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe("sameCreditDay", () => {
  it("joins a check-in in London with one a minute later where it is already tomorrow", () => {
    const london = creditDay(at("2026-11-20T15:58:00Z"), "Europe/London", 4);
    const kiritimati = creditDay(at("2026-11-20T15:59:00Z"), "Pacific/Kiritimati", 4);
    expect(london.localDay).toBe("2026-11-20");
    expect(kiritimati.localDay).toBe("2026-11-21");
    expect(sameCreditDay(london, kiritimati)).toBe(true);
    expect(sameCreditDay(kiritimati, london)).toBe(true);
  });

  it("separates the last minute of a day from the first of the next in one zone", () => {
    const before = creditDay(at("2026-11-21T03:59:00Z"), "Europe/London", 4);
    const after = creditDay(at("2026-11-21T04:00:00Z"), "Europe/London", 4);
    expect(sameCreditDay(before, after)).toBe(false);
    expect(before.dayEndsAt).toBe(at("2026-11-21T04:00:00Z"));
  });

  it("in one zone is exactly 'the same local day' (the old rule), DST changes included", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }),
        fc.integer({ min: -72 * HOUR, max: 72 * HOUR }),
        (zone, hour, t, dt) => {
          const a = creditDay(t, zone, hour);
          const b = creditDay(t + dt, zone, hour);
          expect(sameCreditDay(a, b)).toBe(a.localDay === b.localDay);
        },
      ),
    );
  });

  it("however the zone flips, events an hour apart or less and on days that overlap in time are never on two credited days while the first day lasts", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }),
        fc.integer({ min: 0, max: HOUR }),
        (zoneA, zoneB, t, dt) => {
          const a = creditDay(t, zoneA, 4);
          const b = creditDay(t + dt, zoneB, 4);
          // Still inside a's day where a was credited: whatever b's zone says, it is a's day.
          if (t + dt < a.dayEndsAt) expect(sameCreditDay(a, b)).toBe(true);
          // And a's day really is the local day of every instant before its end, in a's zone.
          expect(localDay(a.dayEndsAt - 1, zoneA, 4)).toBe(a.localDay);
          expect(localDay(a.dayEndsAt, zoneA, 4)).not.toBe(a.localDay);
        },
      ),
    );
  });

  it("never rewards a check-in while a rewarded day lasts, whatever zones a patient flips between", () => {
    // A patient checks in every 10 minutes for a day and a half, picking any zone each time; a
    // check-in is rewarded only when it shares a credited day with no rewarded one (the rule the
    // server applies). Each rewarded check-in comes after the day of the one before it ended, in
    // the zone that day was credited in, and no local day is rewarded twice.
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }),
        fc.array(fc.constantFrom(...ZONES), { minLength: 216, maxLength: 216 }),
        (start, zones) => {
          const rewarded: ReturnType<typeof creditDay>[] = [];
          zones.forEach((zone, i) => {
            const event = creditDay(start + i * 10 * 60_000, zone, 4);
            if (!rewarded.some((r) => sameCreditDay(r, event))) rewarded.push(event);
          });
          for (let i = 1; i < rewarded.length; i++) {
            expect(rewarded[i]?.at).toBeGreaterThanOrEqual(rewarded[i - 1]?.dayEndsAt ?? Number.NaN);
          }
          expect(new Set(rewarded.map((r) => r.localDay)).size).toBe(rewarded.length);
        },
      ),
      { numRuns: 20 },
    );
  });
});
