import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RATE_LIMITS } from "../../shared/limits";
import type { SyncChange, SyncResult } from "../../shared/schemas/sync";
import { call, errorOf, fastPatient, isoIn, json, login, register } from "./helpers";

type Pull = { changes: SyncChange[]; cursor: string; hasMore: boolean };
type Push = { results: SyncResult[] };

const push = (token: string, operations: unknown[], clientId = "device-1") =>
  call("/api/v1/sync/push", { token, body: { clientId, operations } });
const op = (type: string, payload: Record<string, unknown>, at = isoIn(-1000)) => ({
  opId: crypto.randomUUID(),
  type,
  at,
  payload,
});
const pull = async (token: string, query = ""): Promise<Pull> => {
  const res = await call(`/api/v1/sync/pull${query}`, { token });
  expect(res.status).toBe(200);
  return json<Pull>(res);
};
const progressOf = async (token: string) =>
  json<{ xp: number; coins: number }>(await call("/api/v1/progress", { token }));
const mood = (id = crypto.randomUUID()) => op("mood.log", { id, mood: 7, sleepQuality: 6 });

afterEach(() => {
  vi.useRealTimers();
});

describe("POST /api/v1/sync/push, beyond the basics", () => {
  it("applies an opId sent in two concurrent pushes once: one applied, the other a duplicate with the same result", async () => {
    const p = await fastPatient();
    const same = mood();
    const [r1, r2] = await Promise.all([push(p.accessToken, [same], "phone"), push(p.accessToken, [same], "tablet")]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    const a = (await json<Push>(r1)).results[0];
    const b = (await json<Push>(r2)).results[0];
    expect([a?.status, b?.status].sort()).toEqual(["applied", "duplicate"]);
    expect(a && "result" in a && a.result).toBeTruthy();
    expect(b && "result" in b ? b.result : undefined).toEqual(a && "result" in a ? a.result : "missing");
    expect(await progressOf(p.accessToken)).toMatchObject({ xp: 5, coins: 5 });
    const moods = await json<{ items: unknown[] }>(await call("/api/v1/moods", { token: p.accessToken }));
    expect(moods.items).toHaveLength(1);
  });

  it("rejects with NOT_FOUND an operation that depends on an earlier one of the same push that was rejected, and still applies a later independent one", async () => {
    const p = await fastPatient();
    const habitId = crypto.randomUUID();
    const ops = [
      op("habit.create", { id: habitId, name: "Run", difficulty: "easy", schedule: { type: "daily", perDay: 11 } }),
      op("habit.complete", { habitId }),
      mood(),
    ];
    const { results } = await json<Push>(await push(p.accessToken, ops));
    expect(results.map((r) => [r.opId, r.status])).toEqual([
      [ops[0]?.opId, "rejected"],
      [ops[1]?.opId, "rejected"],
      [ops[2]?.opId, "applied"],
    ]);
    expect(results[0]).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    expect(results[1]).toMatchObject({ error: { code: "NOT_FOUND" } });
    expect(await progressOf(p.accessToken)).toMatchObject({ xp: 5, coins: 5 });
    const habits = await json<{ items: unknown[] }>(await call("/api/v1/habits", { token: p.accessToken }));
    expect(habits.items).toEqual([]);
  });

  it("answers an opId first sent by REST as a duplicate carrying the REST answer", async () => {
    const p = await fastPatient();
    const opId = crypto.randomUUID();
    const rest = await call("/api/v1/moods", { token: p.accessToken, body: { opId, mood: 8, sleepQuality: 7 } });
    expect(rest.status).toBe(201);
    const restBody = await json(rest);
    const { results } = await json<Push>(
      await push(p.accessToken, [{ opId, type: "mood.log", at: isoIn(-1000), payload: { mood: 8, sleepQuality: 7 } }]),
    );
    expect(results).toEqual([{ opId, status: "duplicate", result: restBody }]);
    expect(await progressOf(p.accessToken)).toMatchObject({ xp: 5, coins: 5 });
  });

  it("refuses a push with an opId that is not a UUID with 400, applying none of its operations", async () => {
    const p = await fastPatient();
    const res = await push(p.accessToken, [mood(), { ...mood(), opId: "not-a-uuid" }]);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("VALIDATION_FAILED");
    expect(await progressOf(p.accessToken)).toMatchObject({ xp: 0 });
    expect((await pull(p.accessToken)).changes).toEqual([]);
  });

  it("refuses the 61st push of a user within a minute with 429 RATE_LIMITED and Retry-After", async () => {
    // Fixed one-minute windows: freeze Date (the Worker runs in this isolate) one second into a minute.
    vi.useFakeTimers({ toFake: ["Date"] });
    const minute = 60_000;
    vi.setSystemTime(Math.floor(Date.now() / minute) * minute + minute + 1000);
    const p = await fastPatient();
    expect(RATE_LIMITS.syncPushPerUser.limit).toBe(60);
    for (let i = 0; i < 60; i++) expect((await push(p.accessToken, [])).status).toBe(200);
    const res = await push(p.accessToken, []);
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toBe("59");
    expect((await errorOf(res)).code).toBe("RATE_LIMITED");
    // Another user is not affected by this one's limit.
    const other = await fastPatient();
    expect((await push(other.accessToken, [])).status).toBe(200);
  });
});

describe("GET /api/v1/sync/pull, beyond the basics", () => {
  it("shows a REST write from one device in another device's pull after that device's cursor", async () => {
    const a = await register();
    const b = await login(a.email, a.password);
    expect(b.accessToken).not.toBe(a.accessToken);
    const before = await pull(b.accessToken);
    const res = await call("/api/v1/moods", { token: a.accessToken, body: { mood: 6, sleepQuality: 5 } });
    expect(res.status).toBe(201);
    const { mood: created } = await json<{ mood: { id: string } }>(res);
    const after = await pull(b.accessToken, `?cursor=${encodeURIComponent(before.cursor)}`);
    expect(after.changes.filter((c) => c.entity === "mood")).toEqual([
      expect.objectContaining({ id: created.id, op: "upsert", data: expect.objectContaining({ mood: 6 }) }),
    ]);
    expect(Math.min(...after.changes.map((c) => c.seq))).toBeGreaterThan(
      Math.max(0, ...before.changes.map((c) => c.seq)),
    );
  });

  it("gives a user who has done nothing no changes, hasMore false, and a cursor that pulls nothing again", async () => {
    const p = await fastPatient();
    const first = await pull(p.accessToken);
    expect(first).toMatchObject({ changes: [], hasMore: false });
    const again = await pull(p.accessToken, `?cursor=${encodeURIComponent(first.cursor)}`);
    expect(again).toMatchObject({ changes: [], hasMore: false });
  });

  it("refuses a limit above 1000 with 400 and accepts 1000", async () => {
    const p = await fastPatient();
    const res = await call("/api/v1/sync/pull?limit=1001", { token: p.accessToken });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("VALIDATION_FAILED");
    expect((await call("/api/v1/sync/pull?limit=1000", { token: p.accessToken })).status).toBe(200);
  });

  it("carries an undone completion as a completion tombstone", async () => {
    const p = await fastPatient();
    const habitId = crypto.randomUUID();
    const completionId = crypto.randomUUID();
    await push(p.accessToken, [
      op("habit.create", { id: habitId, name: "Walk", difficulty: "easy", schedule: { type: "daily", perDay: 2 } }),
      op("habit.complete", { habitId, completionId }),
    ]);
    const before = await pull(p.accessToken);
    expect(before.changes.filter((c) => c.entity === "completion")).toEqual([
      expect.objectContaining({ id: completionId, op: "upsert" }),
    ]);
    const { results } = await json<Push>(
      await push(p.accessToken, [op("habit.uncomplete", { habitId, completionId })]),
    );
    expect(results[0]?.status).toBe("applied");
    const after = await pull(p.accessToken, `?cursor=${encodeURIComponent(before.cursor)}`);
    const tombstone = after.changes.find((c) => c.entity === "completion");
    expect(tombstone).toMatchObject({ id: completionId, op: "delete" });
    expect(tombstone).not.toHaveProperty("data");
    expect(after.changes.find((c) => c.entity === "progress")).toMatchObject({ data: { xp: 0, coins: 0 } });
  });

  it("carries the progress snapshot as entity progress, id me, with the XP after an XP-earning operation", async () => {
    const p = await fastPatient();
    const questId = crypto.randomUUID();
    await push(p.accessToken, [
      op("quest.create", { id: questId, title: "Call a friend", difficulty: "medium" }),
      op("quest.setStatus", { questId, status: "done" }),
      mood(),
    ]);
    const { changes } = await pull(p.accessToken);
    const snapshots = changes.filter((c) => c.entity === "progress");
    expect(snapshots).toEqual([
      expect.objectContaining({ id: "me", op: "upsert", data: expect.objectContaining({ xp: 105, coins: 10 }) }),
    ]);
    expect(changes.find((c) => c.entity === "quest")).toMatchObject({
      id: questId,
      data: { status: "done", xpAwarded: true },
    });
  });

  it("carries the pet as entity pet after adoption", async () => {
    const p = await fastPatient();
    const { results } = await json<Push>(
      await push(p.accessToken, [op("pet.adopt", { name: "Miso", species: "fox" })]),
    );
    expect(results[0]?.status).toBe("applied");
    const { changes } = await pull(p.accessToken);
    expect(changes.filter((c) => c.entity === "pet")).toEqual([
      expect.objectContaining({
        id: "me",
        op: "upsert",
        data: expect.objectContaining({ name: "Miso", species: "fox" }),
      }),
    ]);
  });

  it("never shows one user's changes in another user's pull, with both users active", async () => {
    const a = await fastPatient();
    const b = await fastPatient();
    const aMoods = [mood(), mood()];
    const bMoods = [mood()];
    const habitA = crypto.randomUUID();
    await Promise.all([
      push(a.accessToken, [
        ...aMoods,
        op("habit.create", { id: habitA, name: "A", difficulty: "easy", schedule: { type: "daily", perDay: 1 } }),
      ]),
      push(b.accessToken, bMoods),
    ]);
    const pullA = await pull(a.accessToken);
    const pullB = await pull(b.accessToken);
    const ids = (p: Pull, entity: string) =>
      p.changes
        .filter((c) => c.entity === entity)
        .map((c) => c.id)
        .sort();
    expect(ids(pullA, "mood")).toEqual(aMoods.map((m) => m.payload.id as string).sort());
    expect(ids(pullB, "mood")).toEqual(bMoods.map((m) => m.payload.id as string).sort());
    expect(ids(pullA, "habit")).toEqual([habitA]);
    expect(ids(pullB, "habit")).toEqual([]);
    // Every row B pulled is B's own in the log itself, not only by entity id.
    const seqs = pullB.changes.map((c) => c.seq);
    const { results } = await env.DB.prepare(
      `SELECT DISTINCT user_id FROM changes WHERE seq IN (${seqs.map(() => "?").join(",")})`,
    )
      .bind(...seqs)
      .all<{ user_id: string }>();
    expect(results.map((r) => r.user_id)).toEqual([b.userId]);
  });
});
