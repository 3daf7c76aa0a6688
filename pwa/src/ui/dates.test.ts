import { describe, expect, it } from "vitest";
import { friendlyDateTime, friendlyDay } from "./dates";

const LONDON = "Europe/London";
const at = (iso: string) => Date.parse(iso);

describe("friendlyDateTime", () => {
  it("says Today with the time, without seconds", () => {
    expect(friendlyDateTime("2026-11-15T23:34:56Z", LONDON, at("2026-11-15T23:50:00Z"), "en-GB")).toBe("Today, 23:34");
  });

  it("uses the locale's 12-hour clock where the locale has one", () => {
    expect(friendlyDateTime("2026-11-15T23:34:00Z", LONDON, at("2026-11-15T23:50:00Z"), "en-US")).toBe(
      "Today, 11:34 PM",
    );
  });

  it("says Yesterday for the calendar day before, even minutes ago across midnight", () => {
    expect(friendlyDateTime("2026-11-15T23:59:00Z", LONDON, at("2026-11-16T00:01:00Z"), "en-GB")).toBe(
      "Yesterday, 23:59",
    );
  });

  it("reads the day in the patient's zone, not UTC", () => {
    // 03:00 UTC on the 16th is still the evening of the 15th in New York.
    expect(friendlyDateTime("2026-11-16T03:00:00Z", "America/New_York", at("2026-11-16T04:00:00Z"), "en-US")).toBe(
      "Today, 10:00 PM",
    );
    expect(friendlyDateTime("2026-11-16T03:00:00Z", LONDON, at("2026-11-16T04:00:00Z"), "en-GB")).toBe("Today, 03:00");
  });

  it("gives the weekday and date for the last week", () => {
    expect(friendlyDateTime("2026-11-03T08:00:00Z", LONDON, at("2026-11-06T12:00:00Z"), "en-GB")).toBe(
      "Tue 3 Nov, 08:00",
    );
  });

  it("adds the year for another year than now", () => {
    expect(friendlyDateTime("2025-12-31T22:00:00Z", LONDON, at("2026-01-01T10:00:00Z"), "en-GB")).toBe(
      "Yesterday, 22:00",
    );
    expect(friendlyDateTime("2025-12-28T22:00:00Z", LONDON, at("2026-01-01T10:00:00Z"), "en-GB")).toBe(
      "28 Dec 2025, 22:00",
    );
  });

  it("keeps Yesterday right across the spring DST change (a 23-hour day)", () => {
    // London goes from 01:00 GMT to 02:00 BST on 29 March 2026.
    expect(friendlyDateTime("2026-03-28T23:30:00Z", LONDON, at("2026-03-29T22:30:00Z"), "en-GB")).toBe(
      "Yesterday, 23:30",
    );
    expect(friendlyDateTime("2026-03-29T01:30:00Z", LONDON, at("2026-03-29T22:30:00Z"), "en-GB")).toBe("Today, 02:30");
  });

  it("keeps Today right across the autumn DST change (a 25-hour day)", () => {
    // London goes back from 02:00 BST to 01:00 GMT on 25 October 2026.
    expect(friendlyDateTime("2026-10-24T23:10:00Z", LONDON, at("2026-10-25T23:50:00Z"), "en-GB")).toBe("Today, 00:10");
  });

  it("falls back to the device's zone for an unknown zone name", () => {
    expect(friendlyDateTime("2026-11-15T12:00:00Z", "Not/AZone", at("2026-11-15T12:30:00Z"), "en-GB")).toMatch(
      /^(Today|Yesterday|[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}), \d{2}:\d{2}$/,
    );
  });

  it("answers an invalid instant with an empty string", () => {
    expect(friendlyDateTime("not a date", LONDON, at("2026-11-15T12:30:00Z"), "en-GB")).toBe("");
  });
});

describe("friendlyDay", () => {
  it("says Today and Yesterday", () => {
    expect(friendlyDay("2026-11-15", "2026-11-15", "en-GB")).toBe("Today");
    expect(friendlyDay("2026-11-14", "2026-11-15", "en-GB")).toBe("Yesterday");
  });

  it("gives the weekday and date for older days in the same year", () => {
    expect(friendlyDay("2026-11-03", "2026-11-15", "en-GB")).toBe("Tue 3 Nov");
  });

  it("crosses a month and a year boundary", () => {
    expect(friendlyDay("2026-02-28", "2026-03-01", "en-GB")).toBe("Yesterday");
    expect(friendlyDay("2025-12-31", "2026-01-01", "en-GB")).toBe("Yesterday");
    expect(friendlyDay("2025-12-30", "2026-01-01", "en-GB")).toBe("30 Dec 2025");
  });

  it("is not moved by DST: days are calendar days", () => {
    expect(friendlyDay("2026-03-28", "2026-03-29", "en-GB")).toBe("Yesterday");
    expect(friendlyDay("2026-10-25", "2026-10-26", "en-GB")).toBe("Yesterday");
  });

  it("returns a malformed day as it is", () => {
    expect(friendlyDay("15/11/2026", "2026-11-15", "en-GB")).toBe("15/11/2026");
  });
});
