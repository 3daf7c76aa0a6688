import { describe, expect, it } from "vitest";
import { REFRESH_IDLE_SECONDS } from "../../../shared/limits";
import { BACKGROUND_RELOCK_MS, mayResumeOffline, relockOnReturn, validPin } from "./rules";

const DAY = 24 * 60 * 60 * 1000;
const now = Date.UTC(2026, 11, 4, 12);

describe("offline resume cap", () => {
  it("opens on the cached data within the refresh token's idle lifetime", () => {
    expect(mayResumeOffline(now - 6 * DAY, now)).toBe(true);
    expect(mayResumeOffline(now - REFRESH_IDLE_SECONDS * 1000, now)).toBe(true);
  });
  it("does not after it: the server would refuse the session anyway", () => {
    expect(mayResumeOffline(now - REFRESH_IDLE_SECONDS * 1000 - 1, now)).toBe(false);
    expect(mayResumeOffline(now - 30 * DAY, now)).toBe(false);
  });
  it("fails closed without a recorded contact or when the clock was turned back", () => {
    expect(mayResumeOffline(null, now)).toBe(false);
    expect(mayResumeOffline(now + 60 * 60 * 1000, now)).toBe(false);
    // a few minutes of clock correction is not a turned-back clock
    expect(mayResumeOffline(now + 60 * 1000, now)).toBe(true);
  });
});

describe("local unlock", () => {
  it("asks again after 5 minutes in the background, not before", () => {
    expect(relockOnReturn(now - BACKGROUND_RELOCK_MS + 1, now)).toBe(false);
    expect(relockOnReturn(now - BACKGROUND_RELOCK_MS, now)).toBe(true);
    expect(relockOnReturn(null, now)).toBe(false);
    expect(relockOnReturn(now + 60_000, now)).toBe(true); // clock turned back: ask
  });
  it("takes 4 to 8 digits", () => {
    expect(validPin("123")).toBe(false);
    expect(validPin("1234")).toBe(true);
    expect(validPin("12345678")).toBe(true);
    expect(validPin("123456789")).toBe(false);
    expect(validPin("12a4")).toBe(false);
    expect(validPin("١٢٣٤")).toBe(false);
  });
});
