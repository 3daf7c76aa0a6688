import { afterEach, describe, expect, it } from "vitest";
import { clockOffsetFrom, shiftClock, shiftedDate } from "./shifted-date";

const HOUR = 3_600_000;

describe("shiftedDate", () => {
  it("moves only now: Date.now(), new Date() and Date() run the offset away from the real clock", () => {
    const Shifted = shiftedDate(Date, -5 * HOUR);
    const real = Date.now();
    expect(Shifted.now() - real).toBeGreaterThan(-5 * HOUR - 1_000);
    expect(Shifted.now() - real).toBeLessThanOrEqual(-5 * HOUR + 1_000);
    expect(Math.abs(new Shifted().getTime() - Shifted.now())).toBeLessThan(1_000);
    expect(Date.parse((Shifted as unknown as () => string)())).toBeLessThan(real - 4 * HOUR);
  });

  it("leaves dates built from a value, Date.parse, Date.UTC and instanceof as they are", () => {
    const Shifted = shiftedDate(Date, 7 * HOUR);
    expect(new Shifted(0).toISOString()).toBe("1970-01-01T00:00:00.000Z");
    expect(new Shifted("2026-11-15T00:05:00Z").getTime()).toBe(Date.parse("2026-11-15T00:05:00Z"));
    expect(Shifted.UTC(2026, 10, 15)).toBe(Date.UTC(2026, 10, 15));
    expect(new Date() instanceof Shifted).toBe(true);
    expect(new Shifted() instanceof Date).toBe(true);
  });

  it("refuses an offset that is not a finite number", () => {
    expect(() => shiftedDate(Date, Number.NaN)).toThrow(/finite/);
  });
});

describe("shiftClock", () => {
  afterEach(() => shiftClock(0));

  it("replaces an earlier shift instead of adding to it, and 0 gives the real clock back", () => {
    const real = Date.now();
    shiftClock(2 * HOUR);
    shiftClock(2 * HOUR);
    expect(Date.now() - real).toBeLessThan(2 * HOUR + 1_000);
    expect(Date.now() - real).toBeGreaterThanOrEqual(2 * HOUR);
    shiftClock(0);
    expect(Math.abs(Date.now() - real)).toBeLessThan(1_000);
  });
});

describe("clockOffsetFrom (HAVEN_CLOCK)", () => {
  const realNow = Date.parse("2026-12-04T01:30:00Z");

  it("is 0 when unset or empty", () => {
    expect(clockOffsetFrom(undefined, realNow)).toBe(0);
    expect(clockOffsetFrom(" ", realNow)).toBe(0);
  });

  it("is the distance from the real clock to an instant with a zone", () => {
    expect(clockOffsetFrom("2026-12-04T00:30:00Z", realNow)).toBe(-HOUR);
    expect(clockOffsetFrom("2026-12-04T03:30:00+01:00", realNow)).toBe(HOUR);
  });

  it("refuses a time without a zone, and text that is not a time, rather than run at the real hour", () => {
    expect(() => clockOffsetFrom("2026-12-04T00:30:00", realNow)).toThrow(/HAVEN_CLOCK/);
    expect(() => clockOffsetFrom("tomorrow 9am", realNow)).toThrow(/HAVEN_CLOCK/);
  });
});
