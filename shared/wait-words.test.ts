import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { retryAfterSeconds, tooManyAttempts, waitInWords } from "./wait-words";

describe("waitInWords", () => {
  it("says seconds, minutes, hours and days, singular and plural", () => {
    expect(waitInWords(1)).toBe("1 second");
    expect(waitInWords(30)).toBe("30 seconds");
    expect(waitInWords(60)).toBe("1 minute");
    expect(waitInWords(120)).toBe("2 minutes");
    expect(waitInWords(3600)).toBe("1 hour");
    expect(waitInWords(3 * 3600)).toBe("3 hours");
    expect(waitInWords(86_400)).toBe("1 day");
    expect(waitInWords(2 * 86_400)).toBe("2 days");
  });

  it("rounds up, so the wait said is never shorter than the real one", () => {
    expect(waitInWords(0.2)).toBe("1 second");
    expect(waitInWords(61)).toBe("2 minutes");
    expect(waitInWords(899)).toBe("15 minutes");
    expect(waitInWords(3601)).toBe("2 hours");
  });

  it("has nothing to say for no wait, a negative one or a non-number", () => {
    for (const s of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) expect(waitInWords(s)).toBeNull();
  });

  it("never says less than the real wait, nor more than one unit beyond it", () => {
    const UNIT = { second: 1, minute: 60, hour: 3600, day: 86_400 } as const;
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 30 * 86_400, noNaN: true }), (seconds) => {
        const words = waitInWords(seconds) ?? "";
        const match = /^(\d+) (second|minute|hour|day)s?$/.exec(words);
        expect(match, words).not.toBeNull();
        const unit = UNIT[(match?.[2] ?? "second") as keyof typeof UNIT];
        const said = Number(match?.[1]) * unit;
        expect(said).toBeGreaterThanOrEqual(seconds);
        expect(said - seconds).toBeLessThan(unit);
        expect(words.startsWith("1 ") === !words.endsWith("s")).toBe(true);
      }),
    );
  });
});

describe("tooManyAttempts", () => {
  it("says the wait when it is known, and a gentle 'a little while' when not", () => {
    expect(tooManyAttempts(120)).toBe("Too many attempts. Try again in 2 minutes.");
    expect(tooManyAttempts(null)).toBe("Too many attempts. Try again in a little while.");
    expect(tooManyAttempts(0)).toBe("Too many attempts. Try again in a little while.");
  });
});

describe("retryAfterSeconds", () => {
  const now = Date.parse("2026-12-06T01:00:00Z");
  it("reads delay-seconds", () => {
    expect(retryAfterSeconds("120", now)).toBe(120);
    expect(retryAfterSeconds(" 5 ", now)).toBe(5);
  });
  it("reads an HTTP date against now, never below zero", () => {
    expect(retryAfterSeconds("Sun, 06 Dec 2026 01:02:00 GMT", now)).toBe(120);
    expect(retryAfterSeconds("Sun, 06 Dec 2026 00:59:00 GMT", now)).toBe(0);
  });
  it("is null when missing or unreadable", () => {
    expect(retryAfterSeconds(null, now)).toBeNull();
    expect(retryAfterSeconds("soon", now)).toBeNull();
    expect(retryAfterSeconds("-3", now)).toBeNull();
    expect(retryAfterSeconds("1.5", now)).toBeNull();
  });
});
