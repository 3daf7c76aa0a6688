import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  DEFAULT_DAY_START_HOUR,
  daysBetween,
  localDay,
  localDayStart,
  rememberedLocalDay,
  weekStart,
} from "./local-day";

const utc = (iso: string) => Date.parse(iso);
const LONDON = "Europe/London";
const NEW_YORK = "America/New_York";
const dayArb = fc
  .date({ min: new Date("0001-01-08T00:00:00Z"), max: new Date("9999-12-24T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe("localDay", () => {
  it("starts the day at 04:00 by default", () => {
    expect(DEFAULT_DAY_START_HOUR).toBe(4);
  });

  it("keeps 03:59 on the previous day and starts the new day at 04:00 local time", () => {
    expect(localDay(utc("2026-01-15T03:59:59.999Z"), LONDON, 4)).toBe("2026-01-14");
    expect(localDay(utc("2026-01-15T04:00:00.000Z"), LONDON, 4)).toBe("2026-01-15");
  });

  it("starts the day when London clocks read 04:00 on the spring-forward day (29 March 2026)", () => {
    // Clocks jump from 01:00 GMT to 02:00 BST at 01:00 UTC, so 04:00 BST is 03:00 UTC.
    expect(localDay(utc("2026-03-29T02:59:59.999Z"), LONDON, 4)).toBe("2026-03-28");
    expect(localDay(utc("2026-03-29T03:00:00.000Z"), LONDON, 4)).toBe("2026-03-29");
  });

  it("starts the day when London clocks read 04:00 on the fall-back day (25 October 2026)", () => {
    // Clocks fall back from 02:00 BST to 01:00 GMT at 01:00 UTC, so 04:00 GMT is 04:00 UTC.
    expect(localDay(utc("2026-10-25T03:59:59.999Z"), LONDON, 4)).toBe("2026-10-24");
    expect(localDay(utc("2026-10-25T04:00:00.000Z"), LONDON, 4)).toBe("2026-10-25");
  });

  it("gives the 24 October 2026 local day 25 hours, because the clocks fall back inside it", () => {
    expect(localDay(utc("2026-10-24T02:59:59.999Z"), LONDON, 4)).toBe("2026-10-23");
    expect(localDay(utc("2026-10-24T03:00:00.000Z"), LONDON, 4)).toBe("2026-10-24");
    expect(localDay(utc("2026-10-25T03:59:59.999Z"), LONDON, 4)).toBe("2026-10-24");
  });

  it("follows London midnight across both 2026 DST changes with a day start of 0", () => {
    expect(localDay(utc("2026-03-28T23:59:59.999Z"), LONDON, 0)).toBe("2026-03-28");
    expect(localDay(utc("2026-03-29T00:00:00.000Z"), LONDON, 0)).toBe("2026-03-29");
    expect(localDay(utc("2026-03-29T22:59:59.999Z"), LONDON, 0)).toBe("2026-03-29");
    expect(localDay(utc("2026-03-29T23:00:00.000Z"), LONDON, 0)).toBe("2026-03-30");
    // Midnight BST on 25 October is 23:00 UTC on the 24th.
    expect(localDay(utc("2026-10-24T22:59:59.999Z"), LONDON, 0)).toBe("2026-10-24");
    expect(localDay(utc("2026-10-24T23:00:00.000Z"), LONDON, 0)).toBe("2026-10-25");
    expect(localDay(utc("2026-10-25T23:59:59.999Z"), LONDON, 0)).toBe("2026-10-25");
  });

  it("follows New York's wall clock in winter and summer", () => {
    expect(localDay(utc("2026-01-15T08:59:59.999Z"), NEW_YORK, 4)).toBe("2026-01-14"); // 03:59 EST
    expect(localDay(utc("2026-01-15T09:00:00.000Z"), NEW_YORK, 4)).toBe("2026-01-15"); // 04:00 EST
    expect(localDay(utc("2026-07-15T07:59:59.999Z"), NEW_YORK, 4)).toBe("2026-07-14"); // 03:59 EDT
    expect(localDay(utc("2026-07-15T08:00:00.000Z"), NEW_YORK, 4)).toBe("2026-07-15"); // 04:00 EDT
  });

  it("starts the day at the first moment after a day-start hour the clocks skip (New York, 8 March 2026)", () => {
    // 01:59:59 EST is followed by 03:00 EDT; a 02:00 day start begins at 03:00 EDT (07:00 UTC).
    expect(localDay(utc("2026-03-08T06:59:59.999Z"), NEW_YORK, 2)).toBe("2026-03-07");
    expect(localDay(utc("2026-03-08T07:00:00.000Z"), NEW_YORK, 2)).toBe("2026-03-08");
  });

  it("keeps both passes of a repeated hour on one day (New York, 1 November 2026, day start 1)", () => {
    expect(localDay(utc("2026-11-01T04:59:59.999Z"), NEW_YORK, 1)).toBe("2026-10-31"); // 00:59 EDT
    expect(localDay(utc("2026-11-01T05:00:00.000Z"), NEW_YORK, 1)).toBe("2026-11-01"); // 01:00 EDT
    expect(localDay(utc("2026-11-01T06:30:00.000Z"), NEW_YORK, 1)).toBe("2026-11-01"); // 01:30 EST
  });

  it("gives a travelling user the day of the zone they are in: one instant, two zones, two days", () => {
    const instant = utc("2026-06-10T03:30:00Z");
    expect(localDay(instant, LONDON, 4)).toBe("2026-06-10"); // 04:30 BST on 10 June
    expect(localDay(instant, NEW_YORK, 4)).toBe("2026-06-09"); // 23:30 EDT on 9 June
    expect(localDay(instant, "Asia/Tokyo", 4)).toBe("2026-06-10"); // 12:30 JST on 10 June
  });

  it("puts 23:30 and 00:30 the next calendar day (both before 04:00) in London on the same local day", () => {
    const evening = localDay(utc("2026-06-10T22:30:00Z"), LONDON, 4); // 23:30 BST on 10 June
    const afterMidnight = localDay(utc("2026-06-10T23:30:00Z"), LONDON, 4); // 00:30 BST on 11 June
    expect(evening).toBe("2026-06-10");
    expect(afterMidnight).toBe(evening);
  });

  it("equals the plain calendar date in the zone when the day starts at 0", () => {
    fc.assert(
      fc.property(fc.integer({ min: utc("1970-01-01T00:00:00Z"), max: utc("2100-01-01T00:00:00Z") }), (instant) => {
        expect(localDay(instant, "UTC", 0)).toBe(new Date(instant).toISOString().slice(0, 10));
        const parts = new Intl.DateTimeFormat("en-CA", { timeZone: LONDON, dateStyle: "short" }).format(instant);
        expect(localDay(instant, LONDON, 0)).toBe(parts);
      }),
    );
  });

  it("follows Asia/Kolkata's +05:30 offset", () => {
    expect(localDay(utc("2026-07-01T18:29:59.999Z"), "Asia/Kolkata", 0)).toBe("2026-07-01");
    expect(localDay(utc("2026-07-01T18:30:00.000Z"), "Asia/Kolkata", 0)).toBe("2026-07-02");
    expect(localDay(utc("2026-07-01T22:29:59.999Z"), "Asia/Kolkata", 4)).toBe("2026-07-01");
    expect(localDay(utc("2026-07-01T22:30:00.000Z"), "Asia/Kolkata", 4)).toBe("2026-07-02");
  });

  it("follows Pacific/Chatham's +12:45 offset", () => {
    expect(localDay(utc("2026-07-01T11:14:59.999Z"), "Pacific/Chatham", 0)).toBe("2026-07-01");
    expect(localDay(utc("2026-07-01T11:15:00.000Z"), "Pacific/Chatham", 0)).toBe("2026-07-02");
    expect(localDay(utc("2026-07-01T15:14:59.999Z"), "Pacific/Chatham", 4)).toBe("2026-07-01");
    expect(localDay(utc("2026-07-01T15:15:00.000Z"), "Pacific/Chatham", 4)).toBe("2026-07-02");
  });

  it("never moves backwards as time passes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: utc("2000-01-01T00:00:00Z"), max: utc("2060-01-01T00:00:00Z") }),
        fc.integer({ min: 0, max: 3 * 86_400_000 }),
        fc.constantFrom(LONDON, NEW_YORK, "Asia/Kolkata", "Pacific/Chatham", "Australia/Lord_Howe"),
        fc.integer({ min: 0, max: 23 }),
        (instant, delta, zone, hour) => {
          expect(
            daysBetween(localDay(instant, zone, hour), localDay(instant + delta, zone, hour)),
          ).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it.each([
    ["an unknown time zone", 0, "Mars/Olympus", 4],
    ["a NaN instant", Number.NaN, LONDON, 4],
    ["an infinite instant", Number.POSITIVE_INFINITY, LONDON, 4],
    ["an instant beyond the Date range", 9e15, LONDON, 4],
    ["a day-start hour of 24", 0, LONDON, 24],
    ["a negative day-start hour", 0, LONDON, -1],
    ["a fractional day-start hour", 0, LONDON, 4.5],
  ])("answers the empty string for %s", (_label, instant, zone, hour) => {
    expect(localDay(instant, zone, hour)).toBe("");
  });

  it("answers the empty string for instants before year 1", () => {
    expect(localDay(utc("0001-01-01T03:00:00Z"), "UTC", 4)).toBe("");
    expect(localDay(utc("0001-01-01T04:00:00Z"), "UTC", 4)).toBe("0001-01-01");
  });
});

describe("addDays", () => {
  it.each([
    ["2026-01-31", 1, "2026-02-01"],
    ["2026-02-28", 1, "2026-03-01"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2028-02-29", 1, "2028-03-01"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2027-01-01", -1, "2026-12-31"],
    ["2000-02-28", 1, "2000-02-29"],
    ["2100-02-28", 1, "2100-03-01"],
    ["2026-03-10", 0, "2026-03-10"],
    ["2026-03-10", 365, "2027-03-10"],
    ["0050-06-01", 1, "0050-06-02"],
  ])("moves %s by %i days to %s", (day, days, expected) => {
    expect(addDays(day, days)).toBe(expected);
  });

  it.each([
    ["a malformed day", "2026-3-1", 1],
    ["an impossible date", "2026-02-30", 1],
    ["month 13", "2026-13-01", 1],
    ["a fractional count", "2026-03-01", 1.5],
    ["a NaN count", "2026-03-01", Number.NaN],
    ["a result before year 1", "0001-01-01", -1],
    ["a result after year 9999", "9999-12-31", 1],
    ["the invalid day", "", 1],
  ])("answers the empty string for %s", (_label, day, days) => {
    expect(addDays(day, days)).toBe("");
  });

  it("is undone by daysBetween, and by adding the opposite count", () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: -3000, max: 3000 }), (day, days) => {
        const later = addDays(day, days);
        fc.pre(later !== "");
        expect(daysBetween(day, later)).toBe(days);
        expect(addDays(later, -days)).toBe(day);
      }),
    );
  });
});

describe("daysBetween", () => {
  it("counts whole days across month and year ends, negative when going back", () => {
    expect(daysBetween("2026-02-27", "2026-03-01")).toBe(2);
    expect(daysBetween("2028-02-27", "2028-03-01")).toBe(3);
    expect(daysBetween("2026-12-31", "2026-01-01")).toBe(-364);
  });

  it("answers NaN when either day is malformed", () => {
    expect(daysBetween("2026-02-30", "2026-03-01")).toBeNaN();
    expect(daysBetween("2026-03-01", "tomorrow")).toBeNaN();
  });

  it("finds the day it was given with addDays", () => {
    fc.assert(
      fc.property(dayArb, dayArb, (from, to) => {
        expect(addDays(from, daysBetween(from, to))).toBe(to);
      }),
    );
  });
});

describe("weekStart", () => {
  it.each([
    ["2026-03-23", "2026-03-23"], // Monday
    ["2026-03-29", "2026-03-23"], // Sunday
    ["2026-01-01", "2025-12-29"], // Thursday, week across the year end
    ["2028-03-01", "2028-02-28"], // Wednesday after a leap day
  ])("puts %s in the week starting %s", (day, monday) => {
    expect(weekStart(day)).toBe(monday);
  });

  it("answers the empty string for a malformed day", () => {
    expect(weekStart("2026-W13")).toBe("");
  });

  it("is a Monday on or before the day, less than 7 days before it", () => {
    fc.assert(
      fc.property(dayArb, (day) => {
        const monday = weekStart(day);
        expect(new Date(`${monday}T00:00:00Z`).getUTCDay()).toBe(1);
        expect(daysBetween(monday, day)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(day, addDays(monday, 7))).toBeGreaterThan(0);
      }),
    );
  });
});

describe("localDayStart", () => {
  it("is 04:00 GMT in a London winter and 04:00 BST (03:00 UTC) in a London summer", () => {
    expect(localDayStart("2026-01-15", LONDON, 4)).toBe(utc("2026-01-15T04:00:00Z"));
    expect(localDayStart("2026-06-10", LONDON, 4)).toBe(utc("2026-06-10T03:00:00Z"));
  });

  it("makes the local day the clocks spring forward in 23 hours long and the one they fall back in 25", () => {
    const hours = (day: string) =>
      (localDayStart(addDays(day, 1), LONDON, 4) - localDayStart(day, LONDON, 4)) / 3_600_000;
    expect(hours("2026-03-28")).toBe(23);
    expect(hours("2026-10-24")).toBe(25);
    expect(hours("2026-11-14")).toBe(24);
  });

  it("starts a day whose start hour the clocks skip at the first moment after it (New York, 8 March 2026, day start 2)", () => {
    // 02:00 EST does not exist that night: clocks go from 01:59:59 EST to 03:00 EDT (07:00 UTC).
    expect(localDayStart("2026-03-08", NEW_YORK, 2)).toBe(utc("2026-03-08T07:00:00Z"));
  });

  it("answers NaN for a malformed day, an unknown zone or an hour outside 0–23", () => {
    expect(localDayStart("2026-02-30", LONDON, 4)).toBeNaN();
    expect(localDayStart("2026-02-01", "Mars/Olympus", 4)).toBeNaN();
    expect(localDayStart("2026-02-01", LONDON, 24)).toBeNaN();
  });

  it("is the inverse of localDay: its instant is on the day, the millisecond before on the day before", () => {
    const zones = [LONDON, NEW_YORK, "Asia/Kolkata", "Pacific/Chatham", "Australia/Lord_Howe", "UTC"];
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2060-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 23 }),
        (date, zone, hour) => {
          const day = date.toISOString().slice(0, 10);
          const start = localDayStart(day, zone, hour);
          expect(localDay(start, zone, hour)).toBe(day);
          expect(localDay(start - 1, zone, hour)).toBe(addDays(day, -1));
        },
      ),
    );
  });
});

describe("reading a day (arithmetic, no Date) against Date's calendar", () => {
  /** The reference: Date's proleptic Gregorian calendar, shifted 400 years past Date.UTC's 0–99 quirk. */
  function byDate(year: number, month: number, day: number): number {
    const index = Date.UTC(year + 400, month - 1, day) / 86_400_000 - 146_097;
    const check = new Date(index * 86_400_000);
    const valid = year >= 1 && year <= 9999 && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
    return valid ? index : Number.NaN;
  }
  const text = (n: number, width: number) => String(n).padStart(width, "0");

  it("gives every written date the day Date gives it, and NaN to what is not a date", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (year, month, day) => {
          const written = `${text(year, 4)}-${text(month, 2)}-${text(day, 2)}`;
          const expected = month >= 1 && month <= 12 && day >= 1 ? byDate(year, month, day) : Number.NaN;
          expect(daysBetween("1970-01-01", written)).toBe(expected);
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it("round-trips every day of years 0001 to 9999 through addDays", () => {
    fc.assert(
      fc.property(fc.integer({ min: -719_162, max: 2_932_896 }), (k) => {
        expect(daysBetween("1970-01-01", addDays("1970-01-01", k))).toBe(k);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe("rememberedLocalDay", () => {
  it("answers as localDay, asked once or again, in any zone and day-start hour", () => {
    const zones = ["UTC", "Europe/London", "Asia/Kolkata", "Pacific/Chatham", "America/Santiago", "Not/AZone"];
    fc.assert(
      fc.property(
        fc.integer({ min: utc("1990-01-01T00:00:00Z"), max: utc("2100-01-01T00:00:00Z") }),
        fc.constantFrom(...zones),
        fc.integer({ min: -1, max: 24 }),
        (instant, zone, hour) => {
          const expected = localDay(instant, zone, hour);
          expect(rememberedLocalDay(instant, zone, hour)).toBe(expected);
          expect(rememberedLocalDay(instant, zone, hour)).toBe(expected);
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
