import { describe, expect, it } from "vitest";
import { COMPANION_BACKOFF_BASE_MS, COMPANION_BACKOFF_MAX_MS } from "../../shared/limits";
import { backoffMs, retryAfterMs } from "./backoff";

describe("retryAfterMs", () => {
  it("reads delay-seconds and HTTP dates, and nothing else", () => {
    const now = Date.parse("2026-11-20T10:00:00Z");
    expect(retryAfterMs("3", now)).toBe(3000);
    expect(retryAfterMs("Fri, 20 Nov 2026 10:00:07 GMT", now)).toBe(7000);
    expect(retryAfterMs("Fri, 20 Nov 2026 09:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs("-5", now)).toBeUndefined();
  });
});

describe("backoffMs", () => {
  it("doubles from the base with each attempt, jittered between half and all of it", () => {
    expect(backoffMs(1, undefined, () => 1)).toBe(COMPANION_BACKOFF_BASE_MS);
    expect(backoffMs(2, undefined, () => 1)).toBe(COMPANION_BACKOFF_BASE_MS * 2);
    expect(backoffMs(3, undefined, () => 0)).toBe(COMPANION_BACKOFF_BASE_MS * 2);
  });

  it("honours Retry-After, but never beyond the cap", () => {
    expect(backoffMs(1, 1000, () => 0)).toBe(1000);
    expect(backoffMs(1, 60_000, () => 0)).toBe(COMPANION_BACKOFF_MAX_MS);
  });

  it("never exceeds the cap, however many attempts", () => {
    expect(backoffMs(30, undefined, () => 1)).toBe(COMPANION_BACKOFF_MAX_MS);
  });
});
