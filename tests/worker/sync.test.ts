import { describe, expect, it } from "vitest";
import type { SyncChange, SyncResult } from "../../shared/schemas/sync";
import { call, errorOf, isoIn, json, register } from "./helpers";

type Pull = { changes: SyncChange[]; cursor: string; hasMore: boolean };

const push = (token: string, operations: unknown[]) =>
  call("/api/v1/sync/push", { token, body: { clientId: "device-1", operations } });
const op = (type: string, payload: Record<string, unknown>, at = isoIn(-1000)) => ({
  opId: crypto.randomUUID(),
  type,
  at,
  payload,
});

describe("POST /api/v1/sync/push", () => {
  it("applies operations in order, one result each, and one may depend on an earlier one", async () => {
    const p = await register();
    const habitId = crypto.randomUUID();
    const ops = [
      op("habit.create", { id: habitId, name: "Stretch", difficulty: "easy", schedule: { type: "daily", perDay: 2 } }),
      op("mood.log", { mood: 7, sleepQuality: 6 }),
      op("habit.complete", { habitId }),
    ];
    const res = await push(p.accessToken, ops);
    expect(res.status).toBe(200);
    const { results } = await json<{ results: SyncResult[] }>(res);
    expect(results.map((r) => [r.opId, r.status])).toEqual(ops.map((o) => [o.opId, "applied"]));
    expect(await json(await call("/api/v1/progress", { token: p.accessToken }))).toMatchObject({ xp: 15, coins: 10 });
  });

  it("rejects one bad operation without blocking the rest, and answers a repeat as a duplicate", async () => {
    const p = await register();
    const good = op("mood.log", { mood: 6, sleepQuality: 6 });
    const res = await push(p.accessToken, [
      op("xp.grant", { xp: 1_000_000 }),
      op("mood.log", { mood: 42, sleepQuality: 6 }),
      good,
      good,
    ]);
    const { results } = await json<{ results: SyncResult[] }>(res);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "applied", "duplicate"]);
    expect(results[0]).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    expect(await json(await call("/api/v1/progress", { token: p.accessToken }))).toMatchObject({ xp: 5, coins: 5 });
  });

  it("refuses 101 operations whole with 400 and applies none of them", async () => {
    const p = await register();
    const ops = Array.from({ length: 101 }, () => op("mood.log", { mood: 5, sleepQuality: 5 }));
    const res = await push(p.accessToken, ops);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("VALIDATION_FAILED");
    expect(await json(await call("/api/v1/progress", { token: p.accessToken }))).toMatchObject({ xp: 0 });
  });
});

describe("GET /api/v1/sync/pull", () => {
  it("returns every change from the start, pages with hasMore, and shows tombstones", async () => {
    const p = await register();
    const habitId = crypto.randomUUID();
    await push(p.accessToken, [
      op("habit.create", { id: habitId, name: "Read", difficulty: "medium", schedule: { type: "daily", perDay: 1 } }),
    ]);
    await call(`/api/v1/habits/${habitId}`, { method: "DELETE", token: p.accessToken });
    const all = await json<Pull>(await call("/api/v1/sync/pull", { token: p.accessToken }));
    expect(all.hasMore).toBe(false);
    expect(all.changes.map((c) => [c.entity, c.op])).toEqual([
      ["habit", "upsert"],
      ["habit", "delete"],
    ]);
    const first = await json<Pull>(await call("/api/v1/sync/pull?limit=1", { token: p.accessToken }));
    expect(first.hasMore).toBe(true);
    const next = await json<Pull>(
      await call(`/api/v1/sync/pull?limit=1&cursor=${first.cursor}`, { token: p.accessToken }),
    );
    expect(next.changes.map((c) => c.seq)).toEqual([all.changes[1]?.seq]);
    const none = await json<Pull>(await call(`/api/v1/sync/pull?cursor=${all.cursor}`, { token: p.accessToken }));
    expect(none).toMatchObject({ changes: [], hasMore: false, cursor: all.cursor });
  });

  it("refuses a forged cursor and another user's cursor with 400 INVALID_CURSOR", async () => {
    const a = await register();
    const b = await register();
    await push(a.accessToken, [op("mood.log", { mood: 5, sleepQuality: 5 })]);
    const pullA = await json<Pull>(await call("/api/v1/sync/pull", { token: a.accessToken }));
    for (const cursor of [pullA.cursor, "0.AAAAAAAAAAAAAAAAAAAAAA", "garbage", `${pullA.cursor}x`]) {
      const res = await call(`/api/v1/sync/pull?cursor=${encodeURIComponent(cursor)}`, { token: b.accessToken });
      expect(res.status, cursor).toBe(400);
      expect((await errorOf(res)).code).toBe("INVALID_CURSOR");
    }
    const pullB = await json<Pull>(await call("/api/v1/sync/pull", { token: b.accessToken }));
    expect(pullB.changes).toEqual([]);
  });
});
