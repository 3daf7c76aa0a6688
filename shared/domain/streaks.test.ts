import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Schedule } from "./completion-policy";
import { addDays, type LocalDay, weekStart } from "./local-day";
import { checkpointFits, habitStreak, type StreakCheckpoint, streakCheckpoint } from "./streaks";

const DAILY: Schedule = { type: "daily", perDay: 1 };
const THRICE_WEEKLY: Schedule = { type: "weekly", timesPerWeek: 3 };
/** 2026-03-02 is a Monday. */
const MONDAY = "2026-03-02";
const counts = (days: LocalDay[], count = 1) => new Map(days.map((d) => [d, count]));
const from = (start: LocalDay, offsets: number[]) => offsets.map((o) => addDays(start, o));

describe("habitStreak for a daily habit", () => {
  it("counts consecutive days ending today", () => {
    const streak = habitStreak(DAILY, counts(from(MONDAY, [0, 1, 2, 3])), MONDAY, addDays(MONDAY, 3));
    expect(streak).toEqual({ current: 4, best: 4 });
  });

  it("keeps yesterday's streak while today has not met its target yet", () => {
    const streak = habitStreak(DAILY, counts(from(MONDAY, [0, 1, 2])), MONDAY, addDays(MONDAY, 3));
    expect(streak).toEqual({ current: 3, best: 3 });
  });

  it("drops the current streak to 0 once a whole day is missed, and remembers the best", () => {
    const streak = habitStreak(DAILY, counts(from(MONDAY, [0, 1, 2])), MONDAY, addDays(MONDAY, 4));
    expect(streak).toEqual({ current: 0, best: 3 });
  });

  it("breaks a run at a gap and starts counting again after it", () => {
    const streak = habitStreak(DAILY, counts(from(MONDAY, [0, 1, 2, 4, 5])), MONDAY, addDays(MONDAY, 5));
    expect(streak).toEqual({ current: 2, best: 3 });
  });

  it("counts a day only when it reaches the per-day target", () => {
    const twice: Schedule = { type: "daily", perDay: 2 };
    const map = new Map([
      [MONDAY, 2],
      [addDays(MONDAY, 1), 1],
      [addDays(MONDAY, 2), 2],
      [addDays(MONDAY, 3), 3],
    ]);
    expect(habitStreak(twice, map, MONDAY, addDays(MONDAY, 3))).toEqual({ current: 2, best: 2 });
  });

  it("runs across a month end and a leap day", () => {
    const days = from("2028-02-27", [0, 1, 2, 3]); // 27, 28, 29 February, 1 March
    expect(habitStreak(DAILY, counts(days), "2028-02-01", "2028-03-01")).toEqual({ current: 4, best: 4 });
  });

  it("ignores days before the habit was created and after today", () => {
    const days = from(MONDAY, [-2, -1, 0, 1, 5]);
    expect(habitStreak(DAILY, counts(days), MONDAY, addDays(MONDAY, 2))).toEqual({ current: 2, best: 2 });
  });

  it("ignores malformed days and NaN or zero counts", () => {
    const map = new Map([
      [MONDAY, 1],
      ["2026-02-30", 1],
      [addDays(MONDAY, 1), Number.NaN],
      [addDays(MONDAY, 2), 0],
    ]);
    expect(habitStreak(DAILY, map, MONDAY, addDays(MONDAY, 2))).toEqual({ current: 0, best: 1 });
  });

  it("answers no streak for a today before the creation day or a malformed day", () => {
    const map = counts([MONDAY]);
    expect(habitStreak(DAILY, map, MONDAY, addDays(MONDAY, -1))).toEqual({ current: 0, best: 0 });
    expect(habitStreak(DAILY, map, "not a day", MONDAY)).toEqual({ current: 0, best: 0 });
    expect(habitStreak(DAILY, map, MONDAY, "")).toEqual({ current: 0, best: 0 });
  });

  it("does not mutate the counts", () => {
    const map = counts(from(MONDAY, [0, 1]));
    const copy = new Map(map);
    habitStreak(DAILY, map, MONDAY, addDays(MONDAY, 1));
    expect(map).toEqual(copy);
  });
});

describe("habitStreak for a weekly habit", () => {
  const monWedFri = (weeks: number) =>
    Array.from({ length: weeks }, (_, w) =>
      from(
        MONDAY,
        [0, 2, 4].map((d) => d + 7 * w),
      ),
    ).flat();

  it("counts Monday, Wednesday and Friday of three weeks of a 3×/week habit as 9", () => {
    const streak = habitStreak(THRICE_WEEKLY, counts(monWedFri(3)), MONDAY, addDays(MONDAY, 20));
    expect(streak).toEqual({ current: 9, best: 9 });
  });

  it("breaks at a finished week with only 2 of its 3 days", () => {
    const days = [...monWedFri(2), ...from(MONDAY, [14, 16]), ...from(MONDAY, [21, 23, 25])];
    const streak = habitStreak(THRICE_WEEKLY, counts(days), MONDAY, addDays(MONDAY, 27));
    expect(streak).toEqual({ current: 3, best: 6 });
  });

  it("breaks at a finished week with no completions at all", () => {
    const days = [...monWedFri(1), ...from(MONDAY, [14, 16, 18])];
    expect(habitStreak(THRICE_WEEKLY, counts(days), MONDAY, addDays(MONDAY, 20))).toEqual({ current: 3, best: 3 });
  });

  it("lets the in-progress week with 1 day so far extend the streak instead of breaking it", () => {
    const days = [...monWedFri(2), addDays(MONDAY, 14)];
    const streak = habitStreak(THRICE_WEEKLY, counts(days), MONDAY, addDays(MONDAY, 15));
    expect(streak).toEqual({ current: 7, best: 7 });
  });

  it("keeps the streak through an in-progress week with nothing yet", () => {
    expect(habitStreak(THRICE_WEEKLY, counts(monWedFri(2)), MONDAY, addDays(MONDAY, 14))).toEqual({
      current: 6,
      best: 6,
    });
  });

  it("does not break on the days off inside a week, whichever days those are", () => {
    const days = from(MONDAY, [4, 5, 6, 7, 8, 9]); // Fri–Sun, then Mon–Wed
    expect(habitStreak(THRICE_WEEKLY, counts(days), MONDAY, addDays(MONDAY, 13))).toEqual({ current: 6, best: 6 });
  });

  it("asks a creation week that started on Saturday for only the 2 days it had", () => {
    const saturday = addDays(MONDAY, 5);
    const days = from(MONDAY, [5, 6, 7, 9, 11]);
    expect(habitStreak(THRICE_WEEKLY, counts(days), saturday, addDays(MONDAY, 13))).toEqual({ current: 5, best: 5 });
  });

  it("counts each day once however many times it was completed", () => {
    expect(habitStreak(THRICE_WEEKLY, counts(monWedFri(1), 4), MONDAY, addDays(MONDAY, 6))).toEqual({
      current: 3,
      best: 3,
    });
  });
});

const schedules = fc.oneof(
  fc.integer({ min: 1, max: 3 }).map((perDay): Schedule => ({ type: "daily", perDay })),
  fc.integer({ min: 1, max: 7 }).map((timesPerWeek): Schedule => ({ type: "weekly", timesPerWeek })),
);
const history = fc.array(fc.tuple(fc.integer({ min: -5, max: 70 }), fc.integer({ min: 0, max: 4 })), {
  maxLength: 60,
});
const toMap = (created: LocalDay, entries: [number, number][]) =>
  new Map(entries.map(([offset, count]) => [addDays(created, offset), count]));

describe("habitStreak properties", () => {
  it("never reports a current streak above the best one", () => {
    fc.assert(
      fc.property(schedules, history, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 70 }), (s, h, c, t) => {
        const created = addDays(MONDAY, c);
        const streak = habitStreak(s, toMap(created, h), created, addDays(created, t));
        expect(streak.best).toBeGreaterThanOrEqual(streak.current);
        expect(streak.current).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("never lowers the best streak when a completion is added", () => {
    fc.assert(
      fc.property(
        schedules,
        history,
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 70 }),
        fc.integer({ min: -5, max: 75 }),
        (s, h, c, t, extra) => {
          const created = addDays(MONDAY, c);
          const today = addDays(created, t);
          const before = toMap(created, h);
          const after = new Map(before);
          const day = addDays(created, extra);
          after.set(day, (after.get(day) ?? 0) + 1);
          expect(habitStreak(s, after, created, today).best).toBeGreaterThanOrEqual(
            habitStreak(s, before, created, today).best,
          );
        },
      ),
    );
  });

  it("never counts more days than met their target", () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 70 }), (h, t) => {
        const map = toMap(MONDAY, h);
        const today = addDays(MONDAY, t);
        const met = [...map].filter(([d, n]) => n >= 1 && d >= MONDAY && d <= today).length;
        expect(habitStreak({ type: "daily", perDay: 1 }, map, MONDAY, today).best).toBeLessThanOrEqual(met);
        expect(habitStreak(THRICE_WEEKLY, map, MONDAY, today).best).toBeLessThanOrEqual(met);
      }),
    );
  });
});

describe("a streak resumed from a checkpoint", () => {
  const since = (map: Map<LocalDay, number>, through: LocalDay) => new Map([...map].filter(([d]) => d >= through));

  it("answers exactly as the walk over the whole history, for any history and Monday", () => {
    fc.assert(
      fc.property(
        schedules,
        history,
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 70 }),
        fc.integer({ min: 1, max: 12 }),
        (s, h, c, t, weeks) => {
          const created = addDays(MONDAY, c);
          const today = addDays(created, t);
          const all = toMap(created, h);
          const through = addDays(weekStart(created), 7 * weeks);
          const checkpoint = streakCheckpoint(s, all, created, through);
          if (through > today) {
            // Not usable yet: a checkpoint after today is ignored, and the whole walk answers.
            if (checkpoint) expect(checkpointFits(checkpoint, s, created, today)).toBe(false);
            return;
          }
          expect(checkpoint).not.toBeNull();
          expect(habitStreak(s, since(all, through), created, today, checkpoint)).toEqual(
            habitStreak(s, all, created, today),
          );
        },
      ),
    );
  });

  it("moves forward from an earlier checkpoint to the same walk as from the start", () => {
    fc.assert(
      fc.property(
        schedules,
        history,
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 5 }),
        (s, h, c, first, more) => {
          const created = addDays(MONDAY, c);
          const all = toMap(created, h);
          const earlier = streakCheckpoint(s, all, created, addDays(weekStart(created), 7 * first));
          const through = addDays(weekStart(created), 7 * (first + more));
          const direct = streakCheckpoint(s, all, created, through);
          expect(streakCheckpoint(s, since(all, earlier?.through ?? ""), created, through, earlier)).toEqual(direct);
        },
      ),
    );
  });

  it("does not fit another schedule, creation day, a day that is not a Monday, or a later today", () => {
    const all = counts(from(MONDAY, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    const checkpoint = streakCheckpoint(DAILY, all, MONDAY, addDays(MONDAY, 7)) as StreakCheckpoint;
    const today = addDays(MONDAY, 10);
    expect(checkpointFits(checkpoint, DAILY, MONDAY, today)).toBe(true);
    expect(checkpointFits(checkpoint, { type: "daily", perDay: 2 }, MONDAY, today)).toBe(false);
    expect(checkpointFits(checkpoint, THRICE_WEEKLY, MONDAY, today)).toBe(false);
    expect(checkpointFits(checkpoint, DAILY, addDays(MONDAY, -1), today)).toBe(false);
    expect(checkpointFits(checkpoint, DAILY, MONDAY, addDays(MONDAY, 6))).toBe(false);
    expect(checkpointFits({ ...checkpoint, through: addDays(MONDAY, 8) }, DAILY, MONDAY, today)).toBe(false);
    expect(checkpointFits({ ...checkpoint, run: checkpoint.best + 1 }, DAILY, MONDAY, today)).toBe(false);
    expect(streakCheckpoint(DAILY, all, MONDAY, MONDAY)).toBeNull();
    expect(streakCheckpoint(DAILY, all, MONDAY, addDays(MONDAY, 8))).toBeNull();
    // Ignored when it does not fit: the counts given are walked from the creation day.
    const wrong = { ...checkpoint, best: 99, run: 5, schedule: "daily:2" };
    expect(habitStreak(DAILY, all, MONDAY, today, wrong)).toEqual(habitStreak(DAILY, all, MONDAY, today));
  });

  it("carries a run across the Monday it stops at", () => {
    const all = counts(from(MONDAY, [3, 4, 5, 6, 7, 8]));
    const checkpoint = streakCheckpoint(DAILY, all, MONDAY, addDays(MONDAY, 7));
    expect(checkpoint).toMatchObject({ best: 4, run: 4, last: 6 });
    expect(habitStreak(DAILY, since(all, addDays(MONDAY, 7)), MONDAY, addDays(MONDAY, 8), checkpoint)).toEqual({
      current: 6,
      best: 6,
    });
  });
});
