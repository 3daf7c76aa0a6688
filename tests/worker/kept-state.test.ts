import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type Call, type CallOutcome, executeCalls } from "../../worker/commands/execute";
import { StateMemory } from "../../worker/commands/kept-state";
import type { Command, CommandResult } from "../../worker/commands/types";
import { call, errorOf, fastPatient, fastSession, json } from "./helpers";

/**
 * Issue 15: the user's Durable Object keeps the state its last write left (worker/commands/
 * kept-state.ts), so the next write is one D1 round trip instead of two. Kept state must never
 * decide a write that commits against anything but D1's current state: every change made outside
 * the object bumps users.state_version by trigger (migrations/0023), and the write's batch starts
 * with a guard on it.
 *
 * These tests run the object's own function (executeCalls, with a memory of their own) over the
 * real D1 binding, counting its batches through a wrapper: the counts are the round trips.
 */
function countedEnv(): { env: Env; batches: () => number } {
  let batches = 0;
  const db = new Proxy(env.DB, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (key === "batch")
        return (...args: Parameters<D1Database["batch"]>) => {
          batches++;
          return target.batch(...args);
        };
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { env: Object.create(env, { DB: { value: db } }) as Env, batches: () => batches };
}

const sessionOf = (token: string) => JSON.parse(atob(token.split(".")[1] ?? "")).sid as string;

function checked(userId: string, token: string, commands: Command[]): Call {
  return {
    kind: "checked",
    input: {
      userId,
      session: {
        claims: { userId, role: "patient", sessionId: sessionOf(token) },
        method: "POST",
        path: "/api/v1/sync/push",
        roles: ["patient"],
      },
      requestId: crypto.randomUUID(),
      ipHash: null,
      commands,
    },
  };
}

const mood = (n = 6, extra: Record<string, unknown> = {}): Command => ({
  opId: crypto.randomUUID(),
  type: "mood.log",
  at: Date.now(),
  payload: { mood: n, sleepQuality: 6, ...extra },
});

/** The results of one checked call's outcome (it must have been let through). */
function resultsOf(outcome: CallOutcome | undefined): CommandResult[] {
  if (!outcome || Array.isArray(outcome) || !outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome)}`);
  return outcome.results;
}

const xpOf = (result: CommandResult | undefined) =>
  result && "body" in result ? (result.body.progress as { delta: { xp: number } }).delta.xp : Number.NaN;

async function count(sql: string, ...binds: unknown[]): Promise<number> {
  return (
    (
      await env.DB.prepare(sql)
        .bind(...binds)
        .first<{ n: number }>()
    )?.n ?? -1
  );
}

async function version(userId: string): Promise<number> {
  return count("SELECT state_version AS n FROM users WHERE id = ?", userId);
}

describe("the user's object keeps its state between writes", () => {
  it("the second write decides from kept state: one round trip, answered as a fresh load would", async () => {
    const p = await fastPatient();
    const memory = new StateMemory();
    const db = countedEnv();
    const first = await executeCalls(db.env, [checked(p.userId, p.accessToken, [mood()])], Math.random, memory);
    expect(db.batches()).toBe(2); // the load, then the write
    expect(xpOf(resultsOf(first[0])[0])).toBeGreaterThan(0);
    const second = await executeCalls(db.env, [checked(p.userId, p.accessToken, [mood()])], Math.random, memory);
    expect(db.batches()).toBe(3); // the write alone
    expect(resultsOf(second[0])[0]?.status).toBe("applied");
    // The day's first check-in was the first one: the kept state knew.
    expect(xpOf(resultsOf(second[0])[0])).toBe(0);
    expect(await count("SELECT count(*) AS n FROM moods WHERE user_id = ?", p.userId)).toBe(2);
    expect(await count("SELECT xp AS n FROM progress WHERE user_id = ?", p.userId)).toBe(xpOf(resultsOf(first[0])[0]));
  });

  it("a reward earned outside this object is seen: the write decided on the stale copy is not committed, nothing is paid twice", async () => {
    const p = await fastPatient();
    const memory = new StateMemory();
    const db = countedEnv();
    // Kept: a state with no check-in today.
    const habit: Command = {
      opId: crypto.randomUUID(),
      type: "habit.create",
      at: Date.now(),
      payload: { name: "Walk", difficulty: "easy", schedule: { type: "daily", perDay: 1 } },
    };
    resultsOf((await executeCalls(db.env, [checked(p.userId, p.accessToken, [habit])], Math.random, memory))[0]);
    // Meanwhile the day's first check-in lands by another way (another object's memory, as after a move).
    const elsewhere = await executeCalls(env, [checked(p.userId, p.accessToken, [mood()])], Math.random);
    expect(xpOf(resultsOf(elsewhere[0])[0])).toBeGreaterThan(0);
    const before = db.batches();
    const late = await executeCalls(db.env, [checked(p.userId, p.accessToken, [mood()])], Math.random, memory);
    // The kept copy said "first of the day"; the guard refused that batch, and a fresh load decided.
    expect(xpOf(resultsOf(late[0])[0])).toBe(0);
    expect(db.batches() - before).toBe(3); // the refused write, the load, the write
    expect(
      await count("SELECT count(*) AS n FROM rewards WHERE user_id = ? AND source = 'mood' AND xp > 0", p.userId),
    ).toBe(1);
    expect(await count("SELECT count(*) AS n FROM moods WHERE user_id = ?", p.userId)).toBe(2);
    expect(await count("SELECT count(*) AS n FROM ops WHERE user_id = ?", p.userId)).toBe(3);
  });

  // A change made outside the object after it kept the caller's session: refused at once, nothing written.
  const refusals: [string, string, string][] = [
    [
      "a session revoked",
      "UPDATE sessions SET revoked_at = 1, revoked_reason = 'logout' WHERE user_id = ?",
      "DEVICE_SIGNED_OUT",
    ],
    ["an account disabled", "UPDATE users SET status = 'disabled' WHERE id = ?", "ACCOUNT_DISABLED"],
    ["a session expired", "UPDATE sessions SET expires_at = 1 WHERE user_id = ?", "SESSION_REVOKED"],
  ];
  for (const [what, change, code] of refusals) {
    it(`${what} after the state was kept is refused at once (${code}), and nothing is written`, async () => {
      const p = await fastPatient();
      const memory = new StateMemory();
      resultsOf((await executeCalls(env, [checked(p.userId, p.accessToken, [mood()])], Math.random, memory))[0]);
      await env.DB.prepare(change).bind(p.userId).run();
      const [outcome] = await executeCalls(env, [checked(p.userId, p.accessToken, [mood()])], Math.random, memory);
      expect(outcome).toEqual({ ok: false, code });
      expect(await count("SELECT count(*) AS n FROM moods WHERE user_id = ?", p.userId)).toBe(1);
    });
  }

  it("a replayed opId answers with its first result, once; a mood id already taken is a conflict", async () => {
    const p = await fastPatient();
    const memory = new StateMemory();
    const first = mood(7, { id: crypto.randomUUID() });
    const [a] = await executeCalls(env, [checked(p.userId, p.accessToken, [first])], Math.random, memory);
    const [b] = await executeCalls(env, [checked(p.userId, p.accessToken, [first])], Math.random, memory);
    expect(resultsOf(b)[0]).toEqual({ ...resultsOf(a)[0], status: "duplicate" });
    // A new opId for the same client-chosen mood id: the table's key catches what kept state does not hold.
    const [c] = await executeCalls(
      env,
      [checked(p.userId, p.accessToken, [{ ...first, opId: crypto.randomUUID() }])],
      Math.random,
      memory,
    );
    expect(resultsOf(c)[0]).toMatchObject({ status: "rejected", error: { code: "ID_CONFLICT" } });
    expect(await count("SELECT count(*) AS n FROM moods WHERE user_id = ?", p.userId)).toBe(1);
    expect(await count("SELECT count(*) AS n FROM ops WHERE user_id = ?", p.userId)).toBe(2);
  });

  it("undoing a completion the kept window no longer holds loads it from D1", async () => {
    const p = await fastPatient();
    const memory = new StateMemory();
    const habitId = crypto.randomUUID();
    const completionId = crypto.randomUUID();
    const tenDaysAgo = Date.now() - 10 * 86_400_000;
    const setup: Command[] = [
      {
        opId: crypto.randomUUID(),
        type: "habit.create",
        at: tenDaysAgo,
        payload: { id: habitId, name: "Read", difficulty: "easy", schedule: { type: "daily", perDay: 1 } },
      },
      { opId: crypto.randomUUID(), type: "habit.complete", at: tenDaysAgo, payload: { habitId, completionId } },
    ];
    const [made] = await executeCalls(env, [checked(p.userId, p.accessToken, setup)], Math.random, memory);
    expect(resultsOf(made).map((r) => r.status)).toEqual(["applied", "applied"]);
    const undo: Command = {
      opId: crypto.randomUUID(),
      type: "habit.uncomplete",
      at: Date.now(),
      payload: { completionId, habitId },
    };
    const db = countedEnv();
    const [undone] = await executeCalls(db.env, [checked(p.userId, p.accessToken, [undo])], Math.random, memory);
    expect(db.batches()).toBe(2); // a load (the completion is outside the kept window), then the write
    expect(resultsOf(undone)[0]?.status).toBe("applied");
    expect(
      await count("SELECT count(*) AS n FROM habit_completions WHERE user_id = ? AND undone_at IS NOT NULL", p.userId),
    ).toBe(1);
  });

  it("a new device's session is read from D1, and both devices' sessions are kept after it", async () => {
    const p = await fastPatient();
    const other = await fastSession(p.userId);
    const memory = new StateMemory();
    const db = countedEnv();
    await executeCalls(db.env, [checked(p.userId, p.accessToken, [mood()])], Math.random, memory);
    await executeCalls(db.env, [checked(p.userId, other, [mood()])], Math.random, memory);
    expect(db.batches()).toBe(4); // the second device's session was unknown: load and write
    await executeCalls(db.env, [checked(p.userId, p.accessToken, [mood()])], Math.random, memory);
    await executeCalls(db.env, [checked(p.userId, other, [mood()])], Math.random, memory);
    expect(db.batches()).toBe(6); // each a single round trip now
  });
});

describe("users.state_version counts every change the kept state is read from (migration 0023)", () => {
  // One change per table, as any route or job outside the object might make it.
  const changes: [string, (userId: string) => string][] = [
    ["users: time zone", (u) => `UPDATE users SET timezone = 'Europe/Paris' WHERE id = '${u}'`],
    ["users: day start", (u) => `UPDATE users SET day_start_hour = 6 WHERE id = '${u}'`],
    ["users: role", (u) => `UPDATE users SET role = 'therapist' WHERE id = '${u}'`],
    ["users: status", (u) => `UPDATE users SET status = 'disabled' WHERE id = '${u}'`],
    ["users: 2FA", (u) => `UPDATE users SET totp_secret = 'x' WHERE id = '${u}'`],
    ["sessions: revoked", (u) => `UPDATE sessions SET revoked_at = 1 WHERE user_id = '${u}'`],
    ["sessions: expiry", (u) => `UPDATE sessions SET expires_at = 1 WHERE user_id = '${u}'`],
    ["sessions: deleted", (u) => `DELETE FROM sessions WHERE user_id = '${u}'`],
    ["progress", (u) => `UPDATE progress SET xp = xp + 1 WHERE user_id = '${u}'`],
    ["pets", (u) => `UPDATE pets SET hunger = 10 WHERE user_id = '${u}'`],
    ["habits", (u) => `UPDATE habits SET name = 'x' WHERE user_id = '${u}'`],
    ["quests", (u) => `DELETE FROM quests WHERE user_id = '${u}'`],
    ["assessments", (u) => `DELETE FROM assessments WHERE user_id = '${u}'`],
    ["habit_completions", (u) => `UPDATE habit_completions SET undone_at = 1 WHERE user_id = '${u}'`],
    ["moods", (u) => `DELETE FROM moods WHERE user_id = '${u}'`],
    ["rewards", (u) => `DELETE FROM rewards WHERE user_id = '${u}'`],
    ["safety_plans", (u) => `DELETE FROM safety_plans WHERE user_id = '${u}'`],
  ];

  /** A patient with a row in every table the kept state reads. */
  async function fullPatient() {
    const p = await fastPatient();
    const habitId = crypto.randomUUID();
    const commands: Command[] = [
      { opId: crypto.randomUUID(), type: "pet.adopt", at: Date.now(), payload: { species: "cat", name: "Miso" } },
      {
        opId: crypto.randomUUID(),
        type: "habit.create",
        at: Date.now(),
        payload: { id: habitId, name: "Walk", difficulty: "easy", schedule: { type: "daily", perDay: 1 } },
      },
      { opId: crypto.randomUUID(), type: "habit.complete", at: Date.now(), payload: { habitId } },
      {
        opId: crypto.randomUUID(),
        type: "quest.create",
        at: Date.now(),
        payload: { title: "Tidy a shelf", difficulty: "easy" },
      },
      {
        opId: crypto.randomUUID(),
        type: "assessment.submit",
        at: Date.now(),
        payload: { instrument: "GAD-7", answers: [0, 0, 0, 0, 0, 0, 0] },
      },
      mood(),
      {
        opId: crypto.randomUUID(),
        type: "safetyPlan.update",
        at: Date.now(),
        payload: { ops: [{ op: "add", section: "warningSigns", id: "a1", text: "Not sleeping" }] },
      },
    ];
    const results = resultsOf((await executeCalls(env, [checked(p.userId, p.accessToken, commands)], Math.random))[0]);
    expect(results.map((r) => r.status)).toEqual(Array(commands.length).fill("applied"));
    return p;
  }

  for (const [what, change] of changes) {
    it(`bumps on ${what}`, async () => {
      const p = await fullPatient();
      const before = await version(p.userId);
      const { meta } = await env.DB.prepare(change(p.userId)).run();
      expect(meta.changes).toBeGreaterThan(0);
      expect(await version(p.userId)).toBeGreaterThan(before);
    });
  }

  it("does not bump when a session is only used (a refresh), so a device's refresh keeps the state", async () => {
    const p = await fastPatient();
    const before = await version(p.userId);
    await env.DB.prepare("UPDATE sessions SET last_used_at = ? WHERE user_id = ?").bind(Date.now(), p.userId).run();
    expect(await version(p.userId)).toBe(before);
  });

  it("a stale guard aborts the whole batch: nothing of it is committed", async () => {
    const p = await fastPatient();
    const memory = new StateMemory();
    resultsOf((await executeCalls(env, [checked(p.userId, p.accessToken, [mood()])], Math.random, memory))[0]);
    const kept = memory.take([checked(p.userId, p.accessToken, [mood()])], Date.now());
    expect(kept?.version).toBe(await version(p.userId));
    await env.DB.prepare("UPDATE users SET timezone = 'Asia/Tokyo' WHERE id = ?").bind(p.userId).run();
    const { database } = await import("../../worker/db/client");
    const { stateVersionGuard } = await import("../../worker/db/state-version");
    const { moods } = await import("../../worker/db/schema");
    const d = database(env.DB);
    await expect(
      d.batch([
        stateVersionGuard(d, { userId: p.userId, version: kept?.version ?? -1 }),
        d.insert(moods).values({
          userId: p.userId,
          id: crypto.randomUUID(),
          at: Date.now(),
          localDay: "2026-12-06",
          mood: 5,
          sleepQuality: 5,
          tags: "[]",
          createdAt: Date.now(),
        }),
      ]),
    ).rejects.toThrow(/CHECK constraint failed/);
    expect(await count("SELECT count(*) AS n FROM moods WHERE user_id = ?", p.userId)).toBe(1);
  });
});

describe("through the Worker", () => {
  it("a signed-out device's next write is refused even though its object kept its session", async () => {
    const p = await fastPatient();
    const other = await fastSession(p.userId);
    for (const token of [p.accessToken, other, p.accessToken, other]) {
      expect(
        (await call("/api/v1/moods", { token, body: { opId: crypto.randomUUID(), mood: 6, sleepQuality: 6 } })).status,
      ).toBe(201);
    }
    expect((await call("/api/v1/auth/logout", { method: "POST", token: other })).status).toBe(204);
    const refused = await call("/api/v1/moods", {
      token: other,
      body: { opId: crypto.randomUUID(), mood: 6, sleepQuality: 6 },
    });
    expect((await errorOf(refused)).code).toBe("DEVICE_SIGNED_OUT");
    const still = await call("/api/v1/moods", {
      token: p.accessToken,
      body: { opId: crypto.randomUUID(), mood: 6, sleepQuality: 6 },
    });
    expect(still.status).toBe(201);
    expect((await json<{ progress: { xp: number } }>(still)).progress.xp).toBe(
      await count("SELECT xp AS n FROM progress WHERE user_id = ?", p.userId),
    );
  });
});
