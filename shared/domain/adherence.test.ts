import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adherenceThrough, combinedAdherence, habitAdherence, rollingAdherence } from "./adherence";
import type { Schedule } from "./completion-policy";
import { addDays, daysBetween, type LocalDay } from "./local-day";

const DAILY: Schedule = { type: "daily", perDay: 1 };
const THRICE_DAILY: Schedule = { type: "daily", perDay: 3 };
const THRICE_WEEKLY: Schedule = { type: "weekly", timesPerWeek: 3 };
/** 2026-03-02 is a Monday. */
const MONDAY = "2026-03-02";
const on = (start: LocalDay, offsets: number[], count = 1) => new Map(offsets.map((o) => [addDays(start, o), count]));

describe("habitAdherence for a daily habit", () => {
  it("is the share of days that met the target", () => {
    const result = habitAdherence(DAILY, on(MONDAY, [0, 1, 3]), MONDAY, MONDAY, addDays(MONDAY, 4));
    expect(result).toEqual({ met: 3, scheduled: 4, share: 0.75 });
  });

  it("does not hold today against the patient until its target is met", () => {
    expect(habitAdherence(DAILY, on(MONDAY, [0, 1]), MONDAY, MONDAY, addDays(MONDAY, 2))).toEqual({
      met: 2,
      scheduled: 2,
      share: 1,
    });
    expect(habitAdherence(DAILY, on(MONDAY, [0, 1, 2]), MONDAY, MONDAY, addDays(MONDAY, 2))).toEqual({
      met: 3,
      scheduled: 3,
      share: 1,
    });
  });

  it("counts part of a day's target, and never more than the target", () => {
    const counts = new Map([
      [MONDAY, 2],
      [addDays(MONDAY, 1), 5],
    ]);
    expect(habitAdherence(THRICE_DAILY, counts, MONDAY, MONDAY, addDays(MONDAY, 2))).toEqual({
      met: 5,
      scheduled: 6,
      share: 5 / 6,
    });
  });

  it("starts at the habit's creation when that is later than the window's start", () => {
    const created = addDays(MONDAY, 5);
    const result = habitAdherence(DAILY, on(created, [0, 1]), created, MONDAY, addDays(created, 2));
    expect(result).toEqual({ met: 2, scheduled: 2, share: 1 });
  });

  it("ignores completions before the window and after today", () => {
    const counts = on(MONDAY, [-3, -1, 0, 5]);
    expect(habitAdherence(DAILY, counts, addDays(MONDAY, -10), MONDAY, addDays(MONDAY, 2))).toEqual({
      met: 1,
      scheduled: 2,
      share: 0.5,
    });
  });

  it("has nothing to say on the day a habit is created, before it is done", () => {
    expect(habitAdherence(DAILY, new Map(), MONDAY, MONDAY, MONDAY)).toEqual({ met: 0, scheduled: 0, share: null });
  });

  it("treats NaN, negative and fractional counts as what can really have happened", () => {
    const counts = new Map([
      [MONDAY, Number.NaN],
      [addDays(MONDAY, 1), -2],
      [addDays(MONDAY, 2), 1.7],
    ]);
    expect(habitAdherence(DAILY, counts, MONDAY, MONDAY, addDays(MONDAY, 3))).toEqual({
      met: 1,
      scheduled: 3,
      share: 1 / 3,
    });
  });
});

describe("habitAdherence for a weekly habit", () => {
  it("asks N days of every whole week", () => {
    // Two whole weeks (Mon 2 – Sun 15 March): 3 days done in the first, 1 in the second; today is Monday 16.
    const counts = on(MONDAY, [0, 2, 4, 8]);
    const result = habitAdherence(THRICE_WEEKLY, counts, MONDAY, MONDAY, addDays(MONDAY, 14));
    expect(result).toEqual({ met: 4, scheduled: 6, share: 4 / 6 });
  });

  it("never counts more than N days in a week", () => {
    const counts = on(MONDAY, [0, 1, 2, 3, 4, 5, 6]);
    expect(habitAdherence(THRICE_WEEKLY, counts, MONDAY, MONDAY, addDays(MONDAY, 7))).toEqual({
      met: 3,
      scheduled: 3,
      share: 1,
    });
  });

  it("counts only what is already done in the unfinished current week", () => {
    const today = addDays(MONDAY, 9); // Wednesday of the second week
    expect(habitAdherence(THRICE_WEEKLY, on(MONDAY, [0, 1, 2]), MONDAY, MONDAY, today).share).toBe(1);
    expect(habitAdherence(THRICE_WEEKLY, on(MONDAY, [0, 1, 2, 7]), MONDAY, MONDAY, today)).toEqual({
      met: 4,
      scheduled: 4,
      share: 1,
    });
  });

  it("asks a week cut short by the window only its share of N", () => {
    // The window starts on Friday 6 March: that week has 3 days in it, so it asks 3 × 3 / 7.
    const from = addDays(MONDAY, 4);
    const result = habitAdherence(THRICE_WEEKLY, on(MONDAY, [0, 1, 5]), MONDAY, from, addDays(MONDAY, 7));
    expect(result.scheduled).toBeCloseTo(9 / 7);
    expect(result.met).toBe(1);
  });

  it("treats a corrupt times-per-week as once a week and more than 7 as 7", () => {
    const counts = on(MONDAY, [0]);
    const today = addDays(MONDAY, 7);
    expect(habitAdherence({ type: "weekly", timesPerWeek: Number.NaN }, counts, MONDAY, MONDAY, today).share).toBe(1);
    expect(habitAdherence({ type: "weekly", timesPerWeek: 12 }, counts, MONDAY, MONDAY, today)).toEqual({
      met: 1,
      scheduled: 7,
      share: 1 / 7,
    });
  });
});

describe("habitAdherence with bad input", () => {
  it("gives nothing for malformed days or a today before the start", () => {
    const none = { met: 0, scheduled: 0, share: null };
    expect(habitAdherence(DAILY, new Map(), "2026-02-30", MONDAY, addDays(MONDAY, 3))).toEqual(none);
    expect(habitAdherence(DAILY, new Map(), MONDAY, "", addDays(MONDAY, 3))).toEqual(none);
    expect(habitAdherence(DAILY, new Map(), MONDAY, MONDAY, "soon")).toEqual(none);
    expect(habitAdherence(DAILY, new Map(), MONDAY, MONDAY, addDays(MONDAY, -1))).toEqual(none);
  });

  it("keeps the share between 0 and 1 whatever the counts", () => {
    const counts = new Map([
      [MONDAY, 1e9],
      [addDays(MONDAY, 1), 0],
    ]);
    const { share } = habitAdherence(THRICE_DAILY, counts, MONDAY, MONDAY, addDays(MONDAY, 2));
    expect(share).toBe(0.5);
  });
});

describe("combinedAdherence", () => {
  it("is everything met over everything asked, and null when nothing was asked", () => {
    expect(
      combinedAdherence([
        { met: 2, scheduled: 4, share: 0.5 },
        { met: 1, scheduled: 1, share: 1 },
        { met: 0, scheduled: 0, share: null },
      ]),
    ).toEqual({ met: 3, scheduled: 5, share: 0.6 });
    expect(combinedAdherence([]).share).toBeNull();
    expect(combinedAdherence([{ met: 0, scheduled: 0, share: null }]).share).toBeNull();
  });
});

describe("habitAdherence for a daily habit, against a day-by-day walk", () => {
  /** The rule as written in words: look up every day from the start to today (the reference model). */
  function walk(
    target: number,
    counts: ReadonlyMap<LocalDay, number>,
    created: LocalDay,
    from: LocalDay,
    today: LocalDay,
  ) {
    const start = daysBetween(from, created) > 0 ? created : from;
    const span = daysBetween(start, today);
    if (!(span >= 0)) return { met: 0, scheduled: 0, share: null };
    let met = 0;
    let scheduled = 0;
    for (let offset = 0; offset <= span; offset++) {
      const raw = counts.get(addDays(start, offset)) ?? 0;
      const count = Number.isFinite(raw) && raw > 0 ? Math.floor(raw) : 0;
      if (offset === span && count < target) continue;
      scheduled += target;
      met += Math.min(count, target);
    }
    return { met, scheduled, share: scheduled > 0 ? met / scheduled : null };
  }

  it("gives the same figures for any counts, creation day, window and today", () => {
    const day = fc.integer({ min: -40, max: 40 }).map((o) => addDays(MONDAY, o));
    const count = fc.oneof(fc.integer({ min: -2, max: 6 }), fc.double({ min: -1, max: 7 }), fc.constant(Number.NaN));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.tuple(fc.oneof(day, fc.constant("not a day")), count), { maxLength: 30 }),
        day,
        day,
        day,
        (perDay, entries, created, from, today) => {
          const counts = new Map(entries);
          expect(habitAdherence({ type: "daily", perDay }, counts, created, from, today)).toEqual(
            walk(perDay, counts, created, from, today),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("adherenceThrough: a window that ends before today", () => {
  it("counts a finished last day in full, met or not", () => {
    const counts = on(MONDAY, [0, 2]);
    // 4 March (offset 2) is over by 5 March; 3 March was missed.
    expect(adherenceThrough(DAILY, counts, MONDAY, MONDAY, addDays(MONDAY, 2), addDays(MONDAY, 3))).toEqual({
      met: 2,
      scheduled: 3,
      share: 2 / 3,
    });
    // The same window's last day missed: held against the patient, as it is over.
    expect(adherenceThrough(DAILY, on(MONDAY, [0]), MONDAY, MONDAY, addDays(MONDAY, 1), addDays(MONDAY, 3))).toEqual({
      met: 1,
      scheduled: 2,
      share: 0.5,
    });
  });

  it("is habitAdherence when the window ends today, and ends today when asked for later", () => {
    const counts = on(MONDAY, [0, 1, 4]);
    const today = addDays(MONDAY, 4);
    const expected = habitAdherence(THRICE_DAILY, counts, MONDAY, MONDAY, today);
    expect(adherenceThrough(THRICE_DAILY, counts, MONDAY, MONDAY, today, today)).toEqual(expected);
    expect(adherenceThrough(THRICE_DAILY, counts, MONDAY, MONDAY, addDays(today, 5), today)).toEqual(expected);
  });

  it("still counts only what is done of the week in progress", () => {
    // Today is Thursday; the window ends Tuesday, in the same unfinished week, with one day done.
    const today = addDays(MONDAY, 3);
    expect(adherenceThrough(THRICE_WEEKLY, on(MONDAY, [0]), MONDAY, MONDAY, addDays(MONDAY, 1), today)).toEqual({
      met: 1,
      scheduled: 1,
      share: 1,
    });
    // A finished week asks N, however it ended.
    const nextWeek = addDays(MONDAY, 10);
    expect(adherenceThrough(THRICE_WEEKLY, on(MONDAY, [0]), MONDAY, MONDAY, addDays(MONDAY, 6), nextWeek)).toEqual({
      met: 1,
      scheduled: 3,
      share: 1 / 3,
    });
  });

  it("asks nothing before the habit was made, or of a window before it", () => {
    const created = addDays(MONDAY, 5);
    expect(
      adherenceThrough(DAILY, new Map(), created, MONDAY, addDays(MONDAY, 3), addDays(MONDAY, 8)).share,
    ).toBeNull();
    expect(adherenceThrough(DAILY, new Map(), created, "not a day", created, created).share).toBeNull();
  });
});

describe("rollingAdherence", () => {
  it("is, for each day, the combined figure of the 7 days to it; the last is the caseload's figure today", () => {
    const today = addDays(MONDAY, 13);
    const habits = [
      { schedule: DAILY, createdDay: MONDAY, countsByDay: on(MONDAY, [0, 1, 2, 8, 9, 13]) },
      { schedule: THRICE_WEEKLY, createdDay: MONDAY, countsByDay: on(MONDAY, [3, 10]) },
    ];
    const days = [addDays(MONDAY, 6), addDays(MONDAY, 12), today];
    const shares = rollingAdherence(habits, days, today);
    for (const [i, day] of days.entries()) {
      const from = addDays(day, -6);
      expect(shares[i]).toBe(
        combinedAdherence(habits.map((h) => adherenceThrough(h.schedule, h.countsByDay, MONDAY, from, day, today)))
          .share,
      );
    }
    expect(shares[2]).toBe(
      combinedAdherence(habits.map((h) => habitAdherence(h.schedule, h.countsByDay, MONDAY, addDays(today, -6), today)))
        .share,
    );
    // Before any habit existed, nothing was asked.
    expect(rollingAdherence(habits, [addDays(MONDAY, -1)], today)).toEqual([null]);
  });
});
