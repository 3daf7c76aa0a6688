import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isIanaTimeZone } from "./timezone";

describe("isIanaTimeZone", () => {
  it.each(["Europe/London", "America/New_York", "UTC", "Asia/Kolkata", "America/Argentina/Buenos_Aires"])(
    "accepts the IANA zone %s",
    (zone) => {
      expect(isIanaTimeZone(zone)).toBe(true);
    },
  );

  it.each([
    ["the empty string", ""],
    ["a UTC offset", "+01:00"],
    ["a negative UTC offset", "-05:00"],
    ["an unknown zone", "Mars/Olympus"],
    ["a zone followed by injected text", "Europe/London; drop"],
    ["a relative path", "../etc"],
    ["a zone with a trailing slash", "Europe/London/"],
    ["a zone with surrounding spaces", " Europe/London "],
  ])("refuses %s", (_label, zone) => {
    expect(isIanaTimeZone(zone)).toBe(false);
  });

  it("refuses a 65-character string even if it were a plausible name", () => {
    expect(isIanaTimeZone(`Europe/${"a".repeat(58)}`)).toBe(false);
    expect(`Europe/${"a".repeat(58)}`).toHaveLength(65);
  });

  it("refuses every string longer than 64 characters", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 65, maxLength: 200 }), (s) => {
        expect(isIanaTimeZone(s)).toBe(false);
      }),
    );
  });

  it("refuses every string containing a character outside letters, digits, _, +, - and /", () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(" ", ":", ";", ".", "\\", "\n", "'", "\0"), fc.string(), (a, bad, b) => {
        expect(isIanaTimeZone(`Europe/London${a}${bad}${b}`)).toBe(false);
      }),
    );
  });
});
