import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { executeCommands } from "../../worker/commands/execute";
import { HANDLERS } from "../../worker/commands/registry";
import type { CommandResult } from "../../worker/commands/types";
import type { UserCommands } from "../../worker/durable/user-commands";
import { call, dayStartAwayFromNow, json, patientWithHabit } from "./helpers";

describe("the user's Durable Object", () => {
  it("after a crash between the write and the reply, a retry gets the first answer and nothing is applied twice", async () => {
    const p = await patientWithHabit();
    const opId = crypto.randomUUID();
    const stub = env.USER_COMMANDS.get(env.USER_COMMANDS.idFromName(p.user.id));
    // Apply the command inside the object and drop the reply on the floor, as a crash would.
    await runInDurableObject(stub, async (_instance: UserCommands) => {
      await executeCommands(
        env,
        {
          userId: p.user.id,
          actor: { userId: p.user.id, role: "patient", requestId: crypto.randomUUID(), ipHash: null },
          commands: [{ opId, type: "habit.complete", at: Date.now(), payload: { habitId: p.habitId } }],
        },
        Math.random,
      );
    });
    const retry = await call(`/api/v1/habits/${p.habitId}/completions`, { token: p.accessToken, body: { opId } });
    expect(retry.status).toBe(201);
    expect(retry.headers.get("Idempotent-Replay")).toBe("true");
    const progress = await json(await call("/api/v1/progress", { token: p.accessToken }));
    expect(progress).toMatchObject({ xp: 10, coins: 5 });
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM habit_completions WHERE user_id = ?")
      .bind(p.user.id)
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });

  it("writes nothing at all when the batch fails, so the same opId can be retried and applies once", async () => {
    const p = await patientWithHabit();
    // Make the ledger insert — the middle of the command's batch — fail for this user only.
    const trigger = `fail_rewards_${p.user.id.replaceAll("-", "")}`;
    await env.DB.prepare(
      `CREATE TRIGGER ${trigger} BEFORE INSERT ON rewards WHEN NEW.user_id = '${p.user.id}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
    ).run();
    const opId = crypto.randomUUID();
    const failed = await call(`/api/v1/habits/${p.habitId}/completions`, { token: p.accessToken, body: { opId } });
    // Retryable, and said so: 503, not a refusal.
    expect(failed.status).toBe(503);
    expect((await json<{ error: { code: string } }>(failed)).error.code).toBe("DATABASE_UNAVAILABLE");
    const count = async (table: string) =>
      (
        await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE user_id = ?`)
          .bind(p.user.id)
          .first<{ n: number }>()
      )?.n;
    expect(await count("habit_completions")).toBe(0);
    expect(await count("ops")).toBe(1); // only the habit.create from the set-up
    await env.DB.prepare(`DROP TRIGGER ${trigger}`).run();
    const retry = await call(`/api/v1/habits/${p.habitId}/completions`, { token: p.accessToken, body: { opId } });
    expect(retry.status).toBe(201);
    expect(retry.headers.get("Idempotent-Replay")).toBeNull();
    expect(await count("habit_completions")).toBe(1);
    expect(await json(await call("/api/v1/progress", { token: p.accessToken }))).toMatchObject({ xp: 10, coins: 5 });
  });

  it("runs one user's commands one at a time: concurrent calls never see each other's half-written state", async () => {
    const p = await patientWithHabit({ schedule: { type: "daily", perDay: 1 } });
    await dayStartAwayFromNow(p.accessToken);
    const stub = env.USER_COMMANDS.get(env.USER_COMMANDS.idFromName(p.user.id));
    const actor = { userId: p.user.id, role: "patient" as const, requestId: crypto.randomUUID(), ipHash: null };
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        stub.execute({
          userId: p.user.id,
          actor,
          commands: [
            {
              opId: crypto.randomUUID(),
              type: "habit.complete",
              at: Date.now() - i * 120_000,
              payload: { habitId: p.habitId },
            },
          ],
        }),
      ),
    );
    // RPC's type mapping loses the union here; the values are plain CommandResult objects.
    const statuses = (results as unknown as CommandResult[][]).map((r) => r[0]?.status);
    expect(statuses.filter((s) => s === "applied")).toHaveLength(1);
    expect(statuses.filter((s) => s === "rejected")).toHaveLength(11);
  });

  it("a handler that throws answers `failed` for its operation and the ones after it (they wait, in order), records none of them, and a retry runs them", async () => {
    const p = await patientWithHabit();
    const spy = vi.spyOn(HANDLERS, "mood.log").mockImplementation(() => {
      throw new Error("a bug in the handler");
    });
    const operation = (type: string, payload: Record<string, unknown>) => ({
      opId: crypto.randomUUID(),
      type,
      at: new Date().toISOString(),
      payload,
    });
    const before = operation("habit.create", {
      name: "Before the bug",
      difficulty: "easy",
      schedule: { type: "daily", perDay: 1 },
    });
    const moodOp = operation("mood.log", { mood: 6, sleepQuality: 6 });
    const after = operation("habit.create", {
      name: "After the bug",
      difficulty: "easy",
      schedule: { type: "daily", perDay: 1 },
    });
    try {
      const res = await call("/api/v1/sync/push", {
        token: p.accessToken,
        body: { clientId: "c", operations: [before, moodOp, after] },
      });
      const { results } = await json<{ results: { status: string; error?: { code: string } }[] }>(res);
      expect(results.map((r) => r.status)).toEqual(["applied", "failed", "failed"]);
      expect(results[1]?.error?.code).toBe("INTERNAL");
    } finally {
      spy.mockRestore();
    }
    const retry = await call("/api/v1/sync/push", {
      token: p.accessToken,
      body: { clientId: "c", operations: [moodOp, after] },
    });
    expect((await json<{ results: { status: string }[] }>(retry)).results.map((r) => r.status)).toEqual([
      "applied",
      "applied",
    ]);
  });
});
