/**
 * The device's decision on a tap of a habit's Done (issue 11, defect 14): a completion the
 * server would refuse by the shared rules (the day's target met, another live completion less
 * than a minute away) is not sent, so a double tap never leaves a refusal beside the saved one.
 */
import { describe, expect, it } from "vitest";
import { MIN_COMPLETION_SPACING_MS } from "../../../shared/domain/completion-policy";
import { completionNeed } from "./habit-days";

const NOW = Date.parse("2026-03-02T12:00:00Z");
const DAY = "2026-03-02";
const onceADay = { id: "h1", schedule: { type: "daily", perDay: 1 } } as const;
const twiceADay = { id: "h2", schedule: { type: "daily", perDay: 2 } } as const;
const weekly = { id: "h3", schedule: { type: "weekly", timesPerWeek: 4 } } as const;

function done(habitId: string, msAgo: number, extra: Partial<{ undone: boolean; localDay: string }> = {}) {
  return {
    habitId,
    at: new Date(NOW - msAgo).toISOString(),
    localDay: DAY,
    undone: false,
    rejected: null,
    ...extra,
  };
}

describe("completionNeed", () => {
  it("sends the first completion of the day", () => {
    expect(completionNeed(onceADay, [], DAY, NOW)).toEqual({ send: true });
  });

  it("does not send one the day's target no longer needs, pending ones counted", () => {
    expect(completionNeed(onceADay, [done("h1", 3600_000)], DAY, NOW)).toEqual({ send: false, why: "target-met" });
    expect(completionNeed(weekly, [done("h3", 3600_000)], DAY, NOW)).toEqual({ send: false, why: "target-met" });
    expect(completionNeed(twiceADay, [done("h2", 7200_000), done("h2", 3600_000)], DAY, NOW)).toEqual({
      send: false,
      why: "target-met",
    });
  });

  it("does not send one within a minute of another live completion (the second half of a double tap)", () => {
    expect(completionNeed(twiceADay, [done("h2", 200)], DAY, NOW)).toEqual({ send: false, why: "too-soon" });
    expect(completionNeed(twiceADay, [done("h2", MIN_COMPLETION_SPACING_MS - 1)], DAY, NOW)).toEqual({
      send: false,
      why: "too-soon",
    });
    expect(completionNeed(twiceADay, [done("h2", MIN_COMPLETION_SPACING_MS)], DAY, NOW)).toEqual({ send: true });
  });

  it("ignores undone and refused completions, other habits and other days", () => {
    const others = [
      done("h1", 100, { undone: true }),
      { ...done("h1", 100), rejected: { code: "COMPLETION_TOO_SOON", message: "too soon" } },
      done("h2", 100),
      done("h1", 86_400_000, { localDay: "2026-03-01" }),
    ];
    expect(completionNeed(onceADay, others, DAY, NOW)).toEqual({ send: true });
  });
});
