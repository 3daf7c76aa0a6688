import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HANDLERS } from "../../worker/commands/registry";
import type { CommandContext, CommandResult } from "../../worker/commands/types";
import { call, errorOf, fastPatient, fastSession, json } from "./helpers";

/**
 * Issue 15: calls that wait for a user's Durable Object while another runs are run together as
 * one group (worker/durable/user-commands.ts, commands/execute.ts executeCalls): one state load
 * and one write batch. Each call must still answer exactly as if it had run alone, after the
 * ones before it.
 */
const mood = (n = 6) => ({ opId: crypto.randomUUID(), mood: n, sleepQuality: 6 });

async function count(table: string, userId: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE user_id = ?`)
    .bind(userId)
    .first<{ n: number }>();
  return row?.n ?? -1;
}

/** A handler bug: a mood of 1 leaves the shared state half-changed (1000 XP) and throws. */
function breakMoodOne(): void {
  const original = HANDLERS["mood.log"];
  vi.spyOn(HANDLERS, "mood.log").mockImplementation((ctx: CommandContext, payload, command) => {
    if ((payload as { mood: number }).mood === 1) {
      ctx.state.totals.xp += 1000;
      throw new Error("a bug in the handler");
    }
    return original(ctx, payload, command);
  });
}

/** Sends one mood straight to the user's object (no route, no grouping by the API) and returns its result. */
function moodSender(userId: string): (n: number) => Promise<CommandResult | undefined> {
  const stub = env.USER_COMMANDS.get(env.USER_COMMANDS.idFromName(userId));
  const actor = { userId, role: "patient" as const, requestId: crypto.randomUUID(), ipHash: null };
  return async (n) =>
    (
      (await stub.execute({
        userId,
        actor,
        commands: [
          { opId: crypto.randomUUID(), type: "mood.log", at: Date.now(), payload: { mood: n, sleepQuality: 6 } },
        ],
      })) as unknown as CommandResult[]
    )[0];
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("calls to one user's object, grouped while they wait", () => {
  it("concurrent writes from several devices are grouped, each applied once, and exactly one earns the day's first check-in", async () => {
    const p = await fastPatient();
    const devices = [p.accessToken, ...(await Promise.all([1, 2, 3].map(() => fastSession(p.userId))))];
    const original = HANDLERS["mood.log"];
    const states = new Set<unknown>();
    vi.spyOn(HANDLERS, "mood.log").mockImplementation((ctx: CommandContext, payload, command) => {
      states.add(ctx.state);
      return original(ctx, payload, command);
    });
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call("/api/v1/moods", { token: devices[i % devices.length] ?? "", body: mood() }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(12).fill(201));
    const bodies = await Promise.all(responses.map((r) => json<{ progress: { delta: { xp: number } } }>(r)));
    // The first check-in of the day earns; the other eleven, decided after it in the same state, do not.
    expect(bodies.filter((b) => b.progress.delta.xp > 0)).toHaveLength(1);
    expect(await count("moods", p.userId)).toBe(12);
    expect(await count("ops", p.userId)).toBe(12);
    // Twelve calls were decided against fewer state loads than calls: they were grouped.
    expect(states.size).toBeLessThan(12);
  });

  it("a signed-out device in a group is refused and writes nothing; the others in the group apply", async () => {
    const p = await fastPatient();
    const other = await fastSession(p.userId);
    expect((await call("/api/v1/auth/logout", { method: "POST", token: other })).status).toBe(204);
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call("/api/v1/moods", { token: i % 2 ? other : p.accessToken, body: mood() }),
      ),
    );
    for (const [i, res] of responses.entries()) {
      if (i % 2) expect((await errorOf(res)).code).toBe("DEVICE_SIGNED_OUT");
      else expect(res.status).toBe(201);
    }
    expect(await count("moods", p.userId)).toBe(4);
  });

  it("a checked call acts only on its caller's own data: another user's object refuses it and writes nothing", async () => {
    const a = await fastPatient();
    const b = await fastPatient();
    const sid = JSON.parse(atob(a.accessToken.split(".")[1] ?? "")).sid as string;
    const stub = env.USER_COMMANDS.get(env.USER_COMMANDS.idFromName(b.userId));
    const outcome = (await stub.executeChecked({
      userId: b.userId,
      session: {
        claims: { userId: a.userId, role: "patient", sessionId: sid },
        method: "POST",
        path: "/api/v1/moods",
        roles: ["patient"],
      },
      requestId: crypto.randomUUID(),
      ipHash: null,
      commands: [
        { opId: crypto.randomUUID(), type: "mood.log", at: Date.now(), payload: { mood: 6, sleepQuality: 6 } },
      ],
    })) as unknown as { ok: boolean; code?: string };
    expect(outcome).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await count("moods", b.userId)).toBe(0);
  });

  it("a call whose handler throws fails alone: the calls grouped after it run from a fresh load and apply", async () => {
    const p = await fastPatient();
    breakMoodOne();
    // Straight to the object, all at once: the first runs alone, the other three wait and form a group.
    const send = moodSender(p.userId);
    const results = await Promise.all([send(6), send(7), send(1), send(8)]);
    expect(results.map((r) => r?.status)).toEqual(["applied", "applied", "failed", "applied"]);
    // Nobody was decided against the broken call's half-change.
    for (const r of results) {
      if (r && "body" in r) expect((r.body.progress as { xp: number }).xp).toBeLessThan(1000);
    }
    expect(await count("moods", p.userId)).toBe(3);
  });

  it("keeps nothing a throwing handler half-changed, even when its call is the last or the only one", async () => {
    const p = await fastPatient();
    breakMoodOne();
    const xpOf = (r: CommandResult | undefined) => (r && "body" in r ? (r.body.progress as { xp: number }).xp : NaN);
    const send = moodSender(p.userId);
    // One at a time: the object keeps the state each write left; the broken call is alone.
    expect((await send(6))?.status).toBe("applied");
    expect((await send(1))?.status).toBe("failed");
    const after = await send(8);
    expect(after?.status).toBe("applied");
    expect(xpOf(after)).toBeLessThan(1000);
    // The broken call last in a group: the next call still sees only what was written.
    const [, last] = await Promise.all([send(7), send(6), send(1)]);
    expect(last?.status).toBe("applied");
    const next = await send(9);
    expect(xpOf(next)).toBeLessThan(1000);
    expect(await count("moods", p.userId)).toBe(5);
  });

  it("a group whose write batch fails is run again call by call: only the failing call fails", async () => {
    const p = await fastPatient();
    // Journal entries fail for this user; moods do not.
    const trigger = `fail_journal_${p.userId.replaceAll("-", "")}`;
    await env.DB.prepare(
      `CREATE TRIGGER ${trigger} BEFORE INSERT ON journal_entries WHEN NEW.user_id = '${p.userId}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
    ).run();
    try {
      const push = (operations: unknown[]) =>
        call("/api/v1/sync/push", { token: p.accessToken, body: { clientId: "c", operations } });
      const op = (type: string, payload: unknown) => ({
        opId: crypto.randomUUID(),
        type,
        at: new Date().toISOString(),
        payload,
      });
      const responses = await Promise.all([
        push([op("mood.log", { mood: 6, sleepQuality: 6 })]),
        push([
          op("journal.write", {
            id: crypto.randomUUID(),
            kind: "thought_record",
            entry: {
              situation: "kept?",
              thoughts: "",
              feelings: "",
              evidenceFor: "",
              evidenceAgainst: "",
              balancedThought: "",
            },
          }),
        ]),
        push([op("mood.log", { mood: 7, sleepQuality: 6 })]),
        push([op("mood.log", { mood: 8, sleepQuality: 6 })]),
      ]);
      expect(responses.map((r) => r.status)).toEqual([200, 503, 200, 200]);
      expect(await count("moods", p.userId)).toBe(3);
      expect(await count("journal_entries", p.userId)).toBe(0);
    } finally {
      await env.DB.prepare(`DROP TRIGGER ${trigger}`).run();
    }
  });
});
