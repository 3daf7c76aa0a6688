/**
 * Issue 15: GET /progress flat as a patient's history grows. Each habit keeps where the walk of its
 * streak stopped (migration 0015, worker/db/habit-streaks.ts), and a read walks only the days since.
 * These tests hold the shortcut to the whole walk's answer: a checkpoint is saved once, moves
 * forward, goes when a completion or undo lands before it, is not used when the schedule or the
 * creation day changed, and is never saved from days read before a write that changed them.
 */
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { addDays } from "../../shared/domain/local-day";
import { database } from "../../worker/db/client";
import { dayRulesQuery, habitsQuery, settleStreaks } from "../../worker/db/habit-streaks";
import { call, fastPatient, fastSession, json } from "./helpers";

type Streak = { habitId: string; current: number; best: number };
type Progress = { streaks: Streak[] };

/** A Friday; its ISO week starts 2026-11-16, so a checkpoint goes to the Monday before, 2026-11-09. */
const TODAY = "2026-11-20";
const CHECKPOINT = "2026-11-09";
const NOON = (day: string) => Date.parse(`${day}T12:00:00Z`);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.parse(`${TODAY}T15:00:00Z`));
});
afterEach(() => vi.useRealTimers());

/**
 * A UTC patient with a daily habit created 130 days ago and completions (straight in D1, as a
 * long history would be) on the day offsets from today given: by default a 50-day run long ago
 * (−120…−71) and a 40-day run ending yesterday (−40…−1), so the best streak is 50, the current 40.
 */
async function patientWithHistory(offsets = [...range(-120, -71), ...range(-40, -1)]) {
  const p = await fastPatient();
  const res = await call("/api/v1/habits", {
    token: p.accessToken,
    body: { name: "Walk", difficulty: "easy", schedule: { type: "daily", perDay: 1 } },
  });
  const habitId = (await json<{ habit: { id: string } }>(res)).habit.id;
  await env.DB.prepare("UPDATE habits SET created_at = ? WHERE user_id = ? AND id = ?")
    .bind(NOON(addDays(TODAY, -130)), p.userId, habitId)
    .run();
  const ids = new Map<number, string>();
  await env.DB.batch(
    offsets.map((o) => {
      const day = addDays(TODAY, o);
      const id = crypto.randomUUID();
      ids.set(o, id);
      return env.DB.prepare(
        `INSERT INTO habit_completions (user_id, id, habit_id, at, local_day, xp, coins, created_at, day_ends_at)
         VALUES (?, ?, ?, ?, ?, 10, 5, ?, ?)`,
      ).bind(p.userId, id, habitId, NOON(day), day, NOON(day), NOON(addDays(day, 1)) - 12 * 3_600_000);
    }),
  );
  return { ...p, habitId, completionIds: ids };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

async function streaks(token: string): Promise<Streak[]> {
  const res = await call("/api/v1/progress", { token });
  expect(res.status).toBe(200);
  return (await json<Progress>(res)).streaks.map(({ habitId, current, best }) => ({ habitId, current, best }));
}

async function stored(userId: string, habitId: string) {
  return env.DB.prepare("SELECT streak_through, streak_state, streak_version FROM habits WHERE user_id = ? AND id = ?")
    .bind(userId, habitId)
    .first<{ streak_through: string | null; streak_state: string | null; streak_version: number }>();
}

/** The answer with every checkpoint thrown away: the walk over the whole history. */
async function wholeWalk(userId: string, token: string): Promise<Streak[]> {
  await env.DB.prepare("UPDATE habits SET streak_through = NULL, streak_state = NULL WHERE user_id = ?")
    .bind(userId)
    .run();
  return streaks(token);
}

describe("streak checkpoints (GET /progress)", () => {
  it("saves a checkpoint on the first read and answers the same from it", async () => {
    const p = await patientWithHistory();
    expect(await stored(p.userId, p.habitId)).toMatchObject({ streak_through: null });
    const first = await streaks(p.accessToken);
    expect(first).toEqual([{ habitId: p.habitId, current: 40, best: 50 }]);
    const row = await stored(p.userId, p.habitId);
    expect(row?.streak_through).toBe(CHECKPOINT);
    expect(JSON.parse(row?.streak_state ?? "null")).toMatchObject({ through: CHECKPOINT, best: 50, run: 29 });
    expect(await streaks(p.accessToken)).toEqual(first);
    // GET /habits reads through the same checkpoint.
    const habits = await json<{ items: { id: string; streak: { current: number; best: number } }[] }>(
      await call("/api/v1/habits", { token: p.accessToken }),
    );
    expect(habits.items[0]?.streak).toEqual({ current: 40, best: 50 });
  });

  it("reads only the days from the checkpoint on", async () => {
    const p = await patientWithHistory();
    await streaks(p.accessToken);
    const db = database(env.DB);
    const [rows] = await db.batch([habitsQuery(db, p.userId)]);
    const days = (rows[0]?.days ?? "").split(",").map((entry) => entry.split(":")[0]);
    expect(days.length).toBeGreaterThan(0);
    expect(days.every((d) => d !== undefined && d >= CHECKPOINT)).toBe(true);
    expect(days.length).toBe(11); // 2026-11-09 … 2026-11-19
  });

  it("moves the checkpoint forward, walking only the weeks since", async () => {
    const p = await patientWithHistory();
    await streaks(p.accessToken);
    // Three weeks on, with every day since done: the checkpoint is two weeks behind and moves.
    vi.setSystemTime(Date.parse("2026-12-11T15:00:00Z"));
    await env.DB.batch(
      range(0, 20).map((o) => {
        const day = addDays(TODAY, o);
        return env.DB.prepare(
          `INSERT INTO habit_completions (user_id, id, habit_id, at, local_day, xp, coins, created_at)
           VALUES (?, ?, ?, ?, ?, 10, 5, ?)`,
        ).bind(p.userId, crypto.randomUUID(), p.habitId, NOON(day), day, NOON(day));
      }),
    );
    const token = await fastSession(p.userId); // the first sign-in's token has long expired
    const moved = await streaks(token);
    expect(moved).toEqual([{ habitId: p.habitId, current: 61, best: 61 }]);
    expect((await stored(p.userId, p.habitId))?.streak_through).toBe("2026-11-30");
    expect(await wholeWalk(p.userId, token)).toEqual(moved);
  });

  it("drops the checkpoint when an undo lands before it, so the best streak falls", async () => {
    const p = await patientWithHistory();
    await streaks(p.accessToken);
    const old = p.completionIds.get(-95);
    const undo = await call(`/api/v1/habits/${p.habitId}/completions/${old}`, {
      method: "DELETE",
      token: p.accessToken,
    });
    expect(undo.status).toBe(200);
    expect((await stored(p.userId, p.habitId))?.streak_through).toBeNull();
    // The 50-day run is now 25 and 24 days: the best is the current 40.
    expect(await streaks(p.accessToken)).toEqual([{ habitId: p.habitId, current: 40, best: 40 }]);
    expect((await stored(p.userId, p.habitId))?.streak_through).toBe(CHECKPOINT);
  });

  it("keeps the checkpoint through a completion after it, and counts the completion", async () => {
    const p = await patientWithHistory();
    await streaks(p.accessToken);
    const before = await stored(p.userId, p.habitId);
    const done = await call(`/api/v1/habits/${p.habitId}/completions`, {
      token: p.accessToken,
      body: { at: new Date().toISOString() },
    });
    expect(done.status).toBe(201);
    const after = await stored(p.userId, p.habitId);
    expect(after?.streak_through).toBe(CHECKPOINT);
    expect(after?.streak_version).toBe((before?.streak_version ?? 0) + 1);
    expect(await streaks(p.accessToken)).toEqual([{ habitId: p.habitId, current: 41, best: 50 }]);
  });

  it("drops the checkpoint when a completion lands before it (sent weeks late), and stays right", async () => {
    const p = await patientWithHistory();
    await streaks(p.accessToken);
    const late = await call(`/api/v1/habits/${p.habitId}/completions`, {
      token: p.accessToken,
      body: { at: new Date(NOON(addDays(TODAY, -50))).toISOString() },
    });
    expect(late.status).toBe(201);
    expect(await json<{ completion: { localDay: string; late: boolean } }>(late)).toMatchObject({
      completion: { localDay: addDays(TODAY, -50), late: true },
    });
    expect((await stored(p.userId, p.habitId))?.streak_through).toBeNull();
    // Late completions earn no streak credit: the answer is as before, walked again.
    const after = await streaks(p.accessToken);
    expect(after).toEqual([{ habitId: p.habitId, current: 40, best: 50 }]);
    expect(await wholeWalk(p.userId, p.accessToken)).toEqual(after);
  });

  it("does not use a checkpoint walked with another schedule: the whole history is read", async () => {
    const p = await patientWithHistory([...range(-120, -71).filter((o) => o % 7 !== 0), ...range(-40, -1)]);
    await streaks(p.accessToken);
    const edit = await call(`/api/v1/habits/${p.habitId}`, {
      method: "PATCH",
      token: p.accessToken,
      body: { schedule: { type: "weekly", timesPerWeek: 3 } },
    });
    expect(edit.status).toBe(200);
    const weekly = await streaks(p.accessToken);
    expect(JSON.parse((await stored(p.userId, p.habitId))?.streak_state ?? "null")).toMatchObject({
      schedule: "weekly:3",
    });
    expect(await wholeWalk(p.userId, p.accessToken)).toEqual(weekly);
    // Daily, the old run is broken every seventh day (best 40); weekly, its weeks hold.
    expect(weekly[0]?.best).toBeGreaterThan(40);
  });

  it("does not use a checkpoint walked from another creation day (a new time zone)", async () => {
    const p = await patientWithHistory([-129, -128, ...range(-40, -1)]);
    await env.DB.prepare("UPDATE habits SET created_at = ? WHERE user_id = ? AND id = ?")
      .bind(Date.parse(`${addDays(TODAY, -130)}T23:00:00Z`), p.userId, p.habitId)
      .run();
    await streaks(p.accessToken);
    const created = JSON.parse((await stored(p.userId, p.habitId))?.streak_state ?? "null").createdDay;
    const moved = await call("/api/v1/me", {
      method: "PATCH",
      token: p.accessToken,
      body: { timezone: "Pacific/Kiritimati" },
    });
    expect(moved.status).toBe(200);
    const there = await streaks(p.accessToken);
    const state = JSON.parse((await stored(p.userId, p.habitId))?.streak_state ?? "null");
    expect(state.createdDay).not.toBe(created);
    expect(await wholeWalk(p.userId, p.accessToken)).toEqual(there);
  });

  it("never saves a checkpoint walked from days read before a completion changed them", async () => {
    const p = await patientWithHistory();
    const db = database(env.DB);
    const [rules, rows] = await db.batch([dayRulesQuery(db, p.userId), habitsQuery(db, p.userId)]);
    const done = await call(`/api/v1/habits/${p.habitId}/completions`, {
      token: p.accessToken,
      body: { at: new Date().toISOString() },
    });
    expect(done.status).toBe(201);
    // The walk from the stale rows still answers, but its checkpoint is not saved.
    await settleStreaks(db, p.userId, rules[0], rows, Date.now());
    expect((await stored(p.userId, p.habitId))?.streak_through).toBeNull();
    // From fresh rows it is.
    const [freshRules, freshRows] = await db.batch([dayRulesQuery(db, p.userId), habitsQuery(db, p.userId)]);
    await settleStreaks(db, p.userId, freshRules[0], freshRows, Date.now());
    expect((await stored(p.userId, p.habitId))?.streak_through).toBe(CHECKPOINT);
  });

  it("walks the whole history again when a stored checkpoint cannot be read", async () => {
    const p = await patientWithHistory();
    await streaks(p.accessToken);
    await env.DB.prepare("UPDATE habits SET streak_state = '{not json' WHERE user_id = ?").bind(p.userId).run();
    expect(await streaks(p.accessToken)).toEqual([{ habitId: p.habitId, current: 40, best: 50 }]);
    expect(JSON.parse((await stored(p.userId, p.habitId))?.streak_state ?? "null")).toMatchObject({ best: 50 });
  });
});
