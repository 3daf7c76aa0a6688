import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CLIENT_TIME_FUTURE_MS,
  CLIENT_TIME_PAST_MS,
  type CompletionContext,
  clientTimeOk,
  decideCompletion,
  MIN_COMPLETION_SPACING_MS,
  moodXp,
  perDayTarget,
  questCompletionXp,
  type Schedule,
} from "./completion-policy";
import type { Difficulty } from "./progression";

const NOW = Date.parse("2026-06-10T12:00:00Z");
const HOUR = 3600_000;
const DAILY: Schedule = { type: "daily", perDay: 1 };

const ctx = (overrides: Partial<CompletionContext> = {}): CompletionContext => ({
  difficulty: "easy",
  schedule: DAILY,
  atMs: NOW,
  nowMs: NOW,
  completionsOnDay: 0,
  otherCompletionTimesMs: [],
  habitXpOnDay: 0,
  ...overrides,
});

describe("constants", () => {
  it("allow 72 hours back, 5 minutes ahead and 60 seconds between completions", () => {
    expect([CLIENT_TIME_PAST_MS, CLIENT_TIME_FUTURE_MS, MIN_COMPLETION_SPACING_MS]).toEqual([
      259_200_000, 300_000, 60_000,
    ]);
  });
});

describe("perDayTarget", () => {
  it("is perDay for a daily habit and 1 for a weekly one", () => {
    expect(perDayTarget({ type: "daily", perDay: 3 })).toBe(3);
    expect(perDayTarget({ type: "weekly", timesPerWeek: 5 })).toBe(1);
  });

  it("treats a corrupt daily target as 1 and floors fractions", () => {
    for (const perDay of [0, -2, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(perDayTarget({ type: "daily", perDay })).toBe(1);
    }
    expect(perDayTarget({ type: "daily", perDay: 2.9 })).toBe(2);
  });
});

describe("clientTimeOk", () => {
  it("accepts a client time exactly 72 hours ago and rejects one 72 hours and 1 ms ago", () => {
    expect(clientTimeOk(NOW - 72 * HOUR, NOW)).toBe(true);
    expect(clientTimeOk(NOW - 72 * HOUR - 1, NOW)).toBe(false);
  });

  it("accepts a client time exactly 5 minutes ahead and rejects one 5 minutes and 1 ms ahead", () => {
    expect(clientTimeOk(NOW + 5 * 60_000, NOW)).toBe(true);
    expect(clientTimeOk(NOW + 5 * 60_000 + 1, NOW)).toBe(false);
  });

  it("rejects NaN times", () => {
    expect(clientTimeOk(Number.NaN, NOW)).toBe(false);
    expect(clientTimeOk(NOW, Number.NaN)).toBe(false);
  });
});

describe("decideCompletion", () => {
  it("awards the difficulty's XP and 5 coins to a first completion", () => {
    expect(decideCompletion(ctx({ difficulty: "medium" }))).toEqual({ ok: true, xp: 15, coins: 5 });
  });

  it("keeps a completion whose client time lies outside the window, late and earning nothing, even at the cap", () => {
    const late = { ok: true, xp: 0, coins: 0, late: true };
    expect(decideCompletion(ctx({ atMs: NOW - 72 * HOUR - 1, habitXpOnDay: 1000 }))).toEqual(late);
    expect(decideCompletion(ctx({ atMs: NOW + 5 * 60_000 + 1 }))).toEqual(late);
  });

  it("still applies the per-day target and spacing to a late completion", () => {
    const at = NOW - 80 * HOUR;
    expect(decideCompletion(ctx({ atMs: at, completionsOnDay: 1 }))).toEqual({
      ok: false,
      code: "HABIT_DAILY_TARGET_MET",
    });
    expect(decideCompletion(ctx({ atMs: at, otherCompletionTimesMs: [at + 10_000] }))).toEqual({
      ok: false,
      code: "COMPLETION_TOO_SOON",
    });
  });

  it("accepts an offline replay exactly 72 hours old", () => {
    expect(decideCompletion(ctx({ atMs: NOW - 72 * HOUR })).ok).toBe(true);
  });

  it("rejects a completion on a day already at target, before checking spacing or the cap", () => {
    const full = ctx({ schedule: { type: "daily", perDay: 2 }, completionsOnDay: 2, otherCompletionTimesMs: [NOW] });
    expect(decideCompletion({ ...full, habitXpOnDay: 1000 })).toEqual({ ok: false, code: "HABIT_DAILY_TARGET_MET" });
    expect(decideCompletion({ ...full, completionsOnDay: 1, otherCompletionTimesMs: [NOW - HOUR] }).ok).toBe(true);
  });

  it("counts a weekly habit at most once a day", () => {
    const weekly = ctx({ schedule: { type: "weekly", timesPerWeek: 7 }, completionsOnDay: 1 });
    expect(decideCompletion(weekly)).toEqual({ ok: false, code: "HABIT_DAILY_TARGET_MET" });
  });

  it("rejects a completion 59 999 ms after or before another and accepts one 60 000 ms away", () => {
    const twice = ctx({ schedule: { type: "daily", perDay: 3 }, completionsOnDay: 1 });
    const near = (other: number) => decideCompletion({ ...twice, otherCompletionTimesMs: [other] });
    expect(near(NOW - 59_999)).toEqual({ ok: false, code: "COMPLETION_TOO_SOON" });
    expect(near(NOW + 59_999)).toEqual({ ok: false, code: "COMPLETION_TOO_SOON" });
    expect(near(NOW)).toEqual({ ok: false, code: "COMPLETION_TOO_SOON" });
    expect(near(NOW - 60_000).ok).toBe(true);
    expect(near(NOW + 60_000).ok).toBe(true);
  });

  it("checks spacing against completions on other days too", () => {
    // 23:59:30 and 00:00:10 may fall on different local days; they are still 40 s apart.
    const otherDay = ctx({ completionsOnDay: 0, otherCompletionTimesMs: [NOW - 40_000] });
    expect(decideCompletion(otherDay)).toEqual({ ok: false, code: "COMPLETION_TOO_SOON" });
  });

  it("gives a hard habit only the 10 XP left under the cap at 990, with the full 5 coins", () => {
    expect(decideCompletion(ctx({ difficulty: "hard", habitXpOnDay: 990 }))).toEqual({ ok: true, xp: 10, coins: 5 });
  });

  it("rejects a completion once the day's habit XP has reached the cap", () => {
    expect(decideCompletion(ctx({ habitXpOnDay: 1000 }))).toEqual({ ok: false, code: "DAILY_XP_CAP_REACHED" });
    expect(decideCompletion(ctx({ habitXpOnDay: 1010 }))).toEqual({ ok: false, code: "DAILY_XP_CAP_REACHED" });
  });

  it("fails closed on NaN counts", () => {
    expect(decideCompletion(ctx({ completionsOnDay: Number.NaN })).ok).toBe(false);
    expect(decideCompletion(ctx({ habitXpOnDay: Number.NaN })).ok).toBe(false);
  });

  it("never awards more than the difficulty's XP, nor pushes the day past the cap", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Difficulty>("easy", "medium", "hard"),
        fc.integer({ min: -50, max: 1100 }),
        (difficulty, habitXpOnDay) => {
          const decision = decideCompletion(ctx({ difficulty, habitXpOnDay }));
          if (!decision.ok) return;
          expect(decision.xp).toBeGreaterThan(0);
          expect(decision.xp).toBeLessThanOrEqual({ easy: 10, medium: 15, hard: 20 }[difficulty]);
          expect(Math.max(0, habitXpOnDay) + decision.xp).toBeLessThanOrEqual(1000);
          expect(decision.coins).toBe(5);
        },
      ),
    );
  });

  it("does not mutate its context", () => {
    const context = ctx({ otherCompletionTimesMs: [NOW - HOUR] });
    const copy = structuredClone(context);
    decideCompletion(context);
    expect(context).toEqual(copy);
  });
});

describe("questCompletionXp", () => {
  it("awards a quest's XP and 5 coins once, and nothing once already awarded", () => {
    expect(questCompletionXp("easy", false)).toEqual({ xp: 50, coins: 5 });
    expect(questCompletionXp("medium", false)).toEqual({ xp: 100, coins: 5 });
    expect(questCompletionXp("hard", false)).toEqual({ xp: 200, coins: 5 });
    expect(questCompletionXp("hard", true)).toEqual({ xp: 0, coins: 0 });
  });
});

describe("moodXp", () => {
  it("awards 5 XP and 5 coins for the first check-in of the local day and nothing for later ones", () => {
    expect(moodXp(true)).toEqual({ xp: 5, coins: 5 });
    expect(moodXp(false)).toEqual({ xp: 0, coins: 0 });
  });
});
