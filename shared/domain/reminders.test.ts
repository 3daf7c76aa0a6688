import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, localDay } from "./local-day";
import {
  habitDoneFor,
  inQuietHours,
  MINUTES_PER_DAY,
  type QuietHours,
  REMINDER_WINDOW_MS,
  reminderDue,
  reminderInstant,
  wallClockInstant,
  wallMinuteOfDay,
} from "./reminders";

const utc = (iso: string) => Date.parse(iso);
const LONDON = "Europe/London";
const NEW_YORK = "America/New_York";
const MINUTE = 60_000;
const HOUR = 3_600_000;

const ZONES = [
  "UTC",
  LONDON,
  NEW_YORK,
  "Australia/Sydney",
  "Australia/Lord_Howe", // a 30-minute DST shift
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Pacific/Chatham",
  "America/Santiago",
  "America/St_Johns",
  "Pacific/Kiritimati",
  "Europe/Berlin",
];
const zoneArb = fc.constantFrom(...ZONES);
const minuteArb = fc.integer({ min: 0, max: MINUTES_PER_DAY - 1 });
const hourArb = fc.integer({ min: 0, max: 23 });
const instantArb = fc.integer({ min: utc("2024-01-01T00:00:00Z"), max: utc("2030-12-31T00:00:00Z") });
const quietArb = fc.option(fc.record({ startMinute: minuteArb, endMinute: minuteArb }), { nil: null });

const base = { quiet: null, lastDay: null, done: false } as const;

describe("wallClockInstant", () => {
  it("finds an ordinary local time", () => {
    expect(wallClockInstant("2026-06-10", 20 * 60, LONDON)).toBe(utc("2026-06-10T19:00:00Z"));
    expect(wallClockInstant("2026-01-10", 8 * 60 + 30, NEW_YORK)).toBe(utc("2026-01-10T13:30:00Z"));
  });

  it("moves a minute the clocks skip to the end of the gap (London, 29 March 2026)", () => {
    // 01:00 GMT becomes 02:00 BST at 01:00 UTC: 01:30 never happens, 02:00 BST is the first moment after.
    expect(wallClockInstant("2026-03-29", 90, LONDON)).toBe(utc("2026-03-29T01:00:00Z"));
    expect(wallClockInstant("2026-03-29", 120, LONDON)).toBe(utc("2026-03-29T01:00:00Z"));
    expect(wallClockInstant("2026-03-29", 121, LONDON)).toBe(utc("2026-03-29T01:01:00Z"));
  });

  it("takes the first of a minute the clocks repeat (London, 25 October 2026)", () => {
    // 01:30 happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT).
    expect(wallClockInstant("2026-10-25", 90, LONDON)).toBe(utc("2026-10-25T00:30:00Z"));
  });

  it("handles New York's 2026 changes (8 March, 1 November)", () => {
    expect(wallClockInstant("2026-03-08", 150, NEW_YORK)).toBe(utc("2026-03-08T07:00:00Z")); // 02:30 skipped → 03:00 EDT
    expect(wallClockInstant("2026-11-01", 90, NEW_YORK)).toBe(utc("2026-11-01T05:30:00Z")); // first 01:30 (EDT)
  });

  it("is NaN for an unknown zone or a malformed date", () => {
    expect(wallClockInstant("2026-03-29", 90, "Mars/Olympus")).toBeNaN();
    expect(wallClockInstant("2026-02-30x", 90, LONDON)).toBeNaN();
  });

  it("reads the wanted minute at its instant, or lands just after a skipped one", () => {
    fc.assert(
      fc.property(zoneArb, instantArb, minuteArb, (zone, instant, minute) => {
        const date = new Date(instant).toISOString().slice(0, 10);
        const at = wallClockInstant(date, minute, zone);
        expect(Number.isFinite(at)).toBe(true);
        const read = wallMinuteOfDay(at, zone);
        if (read !== minute) {
          // Skipped: the moment before still read an earlier minute, within the gap's size.
          expect(wallMinuteOfDay(at - 1, zone)).not.toBe(minute);
          expect(Math.abs(read - minute) % MINUTES_PER_DAY).toBeLessThanOrEqual(60);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("inQuietHours", () => {
  it("covers [start, end), wraps midnight, and an empty range is none", () => {
    const night: QuietHours = { startMinute: 22 * 60, endMinute: 7 * 60 };
    expect(inQuietHours(22 * 60, night)).toBe(true);
    expect(inQuietHours(3 * 60, night)).toBe(true);
    expect(inQuietHours(7 * 60, night)).toBe(false);
    expect(inQuietHours(12 * 60, night)).toBe(false);
    const lunch: QuietHours = { startMinute: 12 * 60, endMinute: 13 * 60 };
    expect(inQuietHours(12 * 60 + 30, lunch)).toBe(true);
    expect(inQuietHours(13 * 60, lunch)).toBe(false);
    expect(inQuietHours(5, { startMinute: 5, endMinute: 5 })).toBe(false);
    expect(inQuietHours(5, null)).toBe(false);
  });
});

describe("reminderDue", () => {
  const at20 = { timeZone: LONDON, dayStartHour: 4, minute: 20 * 60, ...base };

  it("is due from the minute, for the window, and not before or after", () => {
    expect(reminderDue({ ...at20, now: utc("2026-06-10T18:59:59Z") })).toEqual({ due: false, day: "2026-06-10" });
    expect(reminderDue({ ...at20, now: utc("2026-06-10T19:00:00Z") })).toEqual({ due: true, day: "2026-06-10" });
    expect(reminderDue({ ...at20, now: utc("2026-06-10T21:59:59Z") }).due).toBe(true);
    expect(reminderDue({ ...at20, now: utc("2026-06-10T22:00:00Z") }).due).toBe(false);
  });

  it("is not due again on a day it went out, nor once done", () => {
    const now = utc("2026-06-10T19:05:00Z");
    expect(reminderDue({ ...at20, now, lastDay: "2026-06-10" }).due).toBe(false);
    expect(reminderDue({ ...at20, now, lastDay: "2026-06-11" }).due).toBe(false); // a later day (travel west)
    expect(reminderDue({ ...at20, now, lastDay: "2026-06-09" }).due).toBe(true);
    expect(reminderDue({ ...at20, now, done: true }).due).toBe(false);
  });

  it("waits for quiet hours to end, within the window", () => {
    const quiet = { startMinute: 19 * 60, endMinute: 20 * 60 + 30 };
    expect(reminderDue({ ...at20, quiet, now: utc("2026-06-10T19:10:00Z") }).due).toBe(false);
    expect(reminderDue({ ...at20, quiet, now: utc("2026-06-10T19:30:00Z") }).due).toBe(true);
  });

  it("puts a minute before the day start at the end of the local day", () => {
    // 02:00 with a 04:00 day start: the small hours of 11 June close 10 June.
    const r = { timeZone: LONDON, dayStartHour: 4, minute: 120, ...base };
    // 01:30 BST on the 10th is still the 9th's local day, and its 02:00 has not come yet.
    expect(reminderDue({ ...r, now: utc("2026-06-10T00:30:00Z") })).toEqual({ due: false, day: "2026-06-09" });
    expect(reminderDue({ ...r, now: utc("2026-06-11T01:00:00Z") })).toEqual({ due: true, day: "2026-06-10" });
    expect(reminderInstant("2026-06-10", 120, LONDON, 4)).toBe(utc("2026-06-11T01:00:00Z"));
  });

  it("never sends for yesterday the next morning: the window ends with the local day", () => {
    // 03:00 reminder, 04:00 day start: the window would run to 06:00, but at 04:00 it is a new day.
    const r = { timeZone: LONDON, dayStartHour: 4, minute: 180, ...base };
    expect(reminderDue({ ...r, now: utc("2026-06-11T02:59:00Z") })).toEqual({ due: true, day: "2026-06-10" });
    expect(reminderDue({ ...r, now: utc("2026-06-11T03:00:00Z") })).toEqual({ due: false, day: "2026-06-11" });
  });

  it("London spring forward (29 March 2026): a 01:30 reminder fires at 02:00 BST, once", () => {
    const r = { timeZone: LONDON, dayStartHour: 0, minute: 90, ...base };
    expect(reminderDue({ ...r, now: utc("2026-03-29T00:59:59Z") }).due).toBe(false);
    const first = reminderDue({ ...r, now: utc("2026-03-29T01:00:00Z") });
    expect(first).toEqual({ due: true, day: "2026-03-29" });
    expect(reminderDue({ ...r, lastDay: first.day, now: utc("2026-03-29T01:30:00Z") }).due).toBe(false);
  });

  it("London fall back (25 October 2026): a 01:30 reminder fires at the first 01:30, not at the second", () => {
    const r = { timeZone: LONDON, dayStartHour: 0, minute: 90, ...base };
    expect(reminderDue({ ...r, now: utc("2026-10-25T00:29:00Z") }).due).toBe(false);
    const first = reminderDue({ ...r, now: utc("2026-10-25T00:30:00Z") });
    expect(first).toEqual({ due: true, day: "2026-10-25" });
    // The second 01:30 (GMT) is an hour later: already sent.
    expect(reminderDue({ ...r, lastDay: first.day, now: utc("2026-10-25T01:30:00Z") }).due).toBe(false);
  });

  it("keeps the local time across a DST change: 20:00 in London is 19:00 UTC in summer, 20:00 UTC in winter", () => {
    const r = { timeZone: LONDON, dayStartHour: 4, minute: 20 * 60, ...base };
    expect(reminderDue({ ...r, now: utc("2026-03-28T19:30:00Z") }).due).toBe(false); // 19:30 GMT
    expect(reminderDue({ ...r, now: utc("2026-03-28T20:00:00Z") }).due).toBe(true);
    expect(reminderDue({ ...r, now: utc("2026-03-29T19:00:00Z") }).due).toBe(true); // 20:00 BST
    expect(reminderDue({ ...r, now: utc("2026-03-29T18:59:00Z") }).due).toBe(false);
  });

  it("New York spring forward (8 March 2026): 02:30 fires at 03:00 EDT", () => {
    const r = { timeZone: NEW_YORK, dayStartHour: 0, minute: 150, ...base };
    expect(reminderDue({ ...r, now: utc("2026-03-08T06:59:00Z") }).due).toBe(false);
    expect(reminderDue({ ...r, now: utc("2026-03-08T07:00:00Z") })).toEqual({ due: true, day: "2026-03-08" });
  });

  it("is never due for an unknown zone or a minute out of range", () => {
    const now = utc("2026-06-10T19:00:00Z");
    expect(reminderDue({ ...at20, now, timeZone: "Nowhere/Else" }).due).toBe(false);
    expect(reminderDue({ ...at20, now, minute: 1440 }).due).toBe(false);
    expect(reminderDue({ ...at20, now, minute: -1 }).due).toBe(false);
  });

  it("property: never when done, never in quiet hours, and its day is the local day", () => {
    fc.assert(
      fc.property(
        zoneArb,
        hourArb,
        minuteArb,
        instantArb,
        quietArb,
        fc.boolean(),
        (timeZone, dayStartHour, minute, now, quiet, done) => {
          const d = reminderDue({ now, timeZone, dayStartHour, minute, quiet, lastDay: null, done });
          expect(d.day).toBe(localDay(now, timeZone, dayStartHour));
          if (done) expect(d.due).toBe(false);
          if (d.due) expect(inQuietHours(wallMinuteOfDay(now, timeZone), quiet)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("property: fires at its moment for any zone, minute and day start, and stays due for the window within the day", () => {
    fc.assert(
      fc.property(zoneArb, hourArb, minuteArb, instantArb, (timeZone, dayStartHour, minute, instant) => {
        const day = localDay(instant, timeZone, dayStartHour);
        const at = reminderInstant(day, minute, timeZone, dayStartHour);
        expect(Number.isFinite(at)).toBe(true);
        const r = { timeZone, dayStartHour, minute, ...base };
        // At its moment it belongs to its day and is due; a moment before, not yet.
        expect(localDay(at, timeZone, dayStartHour)).toBe(day);
        expect(reminderDue({ ...r, now: at })).toEqual({ due: true, day });
        expect(reminderDue({ ...r, now: at - 1 }).due && localDay(at - 1, timeZone, dayStartHour) === day).toBe(false);
        // Still due at the window's last moment if that is still the same day; never after the window.
        const last = at + REMINDER_WINDOW_MS - 1;
        expect(reminderDue({ ...r, now: last }).due).toBe(localDay(last, timeZone, dayStartHour) === day);
        expect(reminderDue({ ...r, now: at + REMINDER_WINDOW_MS }).due).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("property: a sweep every few minutes sends at most once per local day and at most one a day, across DST", () => {
    fc.assert(
      fc.property(
        zoneArb,
        hourArb,
        minuteArb,
        quietArb,
        fc.constantFrom(utc("2026-03-27T00:00:00Z"), utc("2026-10-23T00:00:00Z"), utc("2026-03-06T00:00:00Z")),
        fc.integer({ min: 1, max: 20 }),
        (timeZone, dayStartHour, minute, quiet, start, stepMinutes) => {
          let lastDay: string | null = null;
          const sent = new Map<string, number>();
          for (let now = start; now < start + 4 * 24 * HOUR; now += stepMinutes * MINUTE) {
            const d = reminderDue({ now, timeZone, dayStartHour, minute, quiet, lastDay, done: false });
            if (d.due) {
              sent.set(d.day, (sent.get(d.day) ?? 0) + 1);
              lastDay = d.day;
            }
          }
          for (const count of sent.values()) expect(count).toBe(1);
          // Without quiet hours every full local day inside the sweep gets its reminder.
          if (quiet === null) {
            const firstFull = addDays(localDay(start, timeZone, dayStartHour), 1);
            for (let i = 0; i < 2; i++) expect(sent.get(addDays(firstFull, i))).toBe(1);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("habitDoneFor", () => {
  it("a daily habit is done at its per-day target", () => {
    const schedule = { type: "daily", perDay: 2 } as const;
    expect(habitDoneFor(schedule, new Map([["2026-03-02", 1]]), "2026-03-02")).toBe(false);
    expect(habitDoneFor(schedule, new Map([["2026-03-02", 2]]), "2026-03-02")).toBe(true);
    expect(habitDoneFor(schedule, new Map([["2026-03-01", 5]]), "2026-03-02")).toBe(false);
  });

  it("a weekly habit is done on a day it was done, or once its week has enough days", () => {
    const schedule = { type: "weekly", timesPerWeek: 2 } as const;
    // 2 March 2026 is a Monday.
    expect(habitDoneFor(schedule, new Map([["2026-03-02", 1]]), "2026-03-03")).toBe(false);
    expect(habitDoneFor(schedule, new Map([["2026-03-03", 1]]), "2026-03-03")).toBe(true);
    expect(
      habitDoneFor(
        schedule,
        new Map([
          ["2026-03-02", 1],
          ["2026-03-04", 1],
        ]),
        "2026-03-06",
      ),
    ).toBe(true);
    // Last week's days do not count for this week.
    expect(
      habitDoneFor(
        schedule,
        new Map([
          ["2026-02-27", 1],
          ["2026-02-28", 1],
        ]),
        "2026-03-02",
      ),
    ).toBe(false);
  });
});
