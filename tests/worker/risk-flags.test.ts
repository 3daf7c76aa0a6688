/**
 * Risk flags as they are raised (issue 12, items 4 and 5): the SOS ("Alert my care team") through
 * the outbox, never held back by a rate limit; the level and category each rule stores; and
 * migration 0009's backfill of flags raised before flags had levels.
 */
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RATE_LIMITS } from "../../shared/limits";
import type { FlagView, PatientSummary } from "../../shared/schemas/staff";
import type { SyncResult } from "../../shared/schemas/sync";
import { assign, call, createUserAndLogin, errorOf, isoIn, json, register } from "./helpers";

const op = (type: string, payload: Record<string, unknown>, at = isoIn(-1000)) => ({
  opId: crypto.randomUUID(),
  type,
  at,
  payload,
});
const pushRaw = (token: string, operations: unknown[]) =>
  call("/api/v1/sync/push", { token, body: { clientId: "phone", operations } });
const push = async (token: string, operations: unknown[]) => {
  const res = await pushRaw(token, operations);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await json<{ results: SyncResult[] }>(res)).results;
};

async function flagRows(userId: string) {
  const { results } = await env.DB.prepare(
    "SELECT id, source, level, category, status FROM risk_flags WHERE user_id = ? ORDER BY created_at",
  )
    .bind(userId)
    .all<{ id: string; source: string; level: string; category: string | null; status: string }>();
  return results;
}

const auditCount = async (userId: string, action: string) =>
  (
    await env.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE user_id = ? AND action = ?")
      .bind(userId, action)
      .first<{ n: number }>()
  )?.n ?? 0;

describe("the SOS: risk.flag with source sos", () => {
  it("raises a high flag with no category, audited as patient.sos, and answers with the flag so the device can show it delivered", async () => {
    const p = await register();
    const clinician = await createUserAndLogin("clinician");
    await assign(clinician.user.id, p.user.id);
    const id = crypto.randomUUID();
    const at = isoIn(-5 * 60_000);
    const [result] = await push(p.accessToken, [op("risk.flag", { id, source: "sos", at })]);
    expect(result).toMatchObject({
      status: "applied",
      result: { flag: { id, source: "sos", level: "high", category: null, at } },
    });
    expect(await flagRows(p.user.id)).toEqual([{ id, source: "sos", level: "high", category: null, status: "open" }]);
    expect(await auditCount(p.user.id, "patient.sos")).toBe(1);
    expect(await auditCount(p.user.id, "companion.risk")).toBe(0);
    const { items } = await json<{ items: PatientSummary[] }>(
      await call("/api/v1/staff/patients", { token: clinician.accessToken }),
    );
    expect(items.find((i) => i.id === p.user.id)).toMatchObject({ highestOpenFlag: "high", unacknowledgedFlags: 1 });
    const flags = await json<{ items: FlagView[] }>(
      await call(`/api/v1/staff/patients/${p.user.id}/flags`, { token: clinician.accessToken }),
    );
    expect(flags.items).toEqual([expect.objectContaining({ id, source: "sos", level: "high", status: "open" })]);
  });

  it("is idempotent by id: replayed under a new opId it answers the same flag and raises nothing more", async () => {
    const p = await register();
    const id = crypto.randomUUID();
    const payload = { id, source: "sos", at: isoIn(-60_000) };
    const [first] = await push(p.accessToken, [op("risk.flag", payload)]);
    const again = await push(p.accessToken, [op("risk.flag", payload), op("risk.flag", payload)]);
    expect(again.map((r) => r.status)).toEqual(["applied", "applied"]);
    for (const r of again)
      expect(r).toMatchObject({ result: { flag: (first as { result: { flag: unknown } }).result.flag } });
    expect(await flagRows(p.user.id)).toHaveLength(1);
    expect(await auditCount(p.user.id, "patient.sos")).toBe(1);
  });

  it("is always high and carries nothing else: a lower level, a category or any text is refused", async () => {
    const p = await register();
    const results = await push(p.accessToken, [
      op("risk.flag", { id: crypto.randomUUID(), source: "sos", level: "medium" }),
      op("risk.flag", { id: crypto.randomUUID(), source: "sos", category: "plan" }),
      op("risk.flag", { id: crypto.randomUUID(), source: "sos", text: "help me" }),
      op("risk.flag", { id: crypto.randomUUID(), source: "low_mood" }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected", "rejected"]);
    expect(await flagRows(p.user.id)).toEqual([]);
    // An explicit "high" is accepted.
    const [ok] = await push(p.accessToken, [
      op("risk.flag", { id: crypto.randomUUID(), source: "sos", level: "high" }),
    ]);
    expect(ok?.status).toBe("applied");
  });

  it("keeps the companion's flags as they were: their level and category, audited as companion.risk", async () => {
    const p = await register();
    const id = crypto.randomUUID();
    const [result] = await push(p.accessToken, [
      op("risk.flag", { id, source: "companion", level: "high", category: "preparation" }),
    ]);
    expect(result).toMatchObject({
      result: { flag: { id, source: "companion", level: "high", category: "preparation" } },
    });
    expect(await flagRows(p.user.id)).toEqual([
      { id, source: "companion", level: "high", category: "preparation", status: "open" },
    ]);
    expect(await auditCount(p.user.id, "companion.risk")).toBe(1);
    expect(await auditCount(p.user.id, "patient.sos")).toBe(0);
  });
});

describe("a crisis flag and the sync push rate limit", () => {
  // Freeze the clock at the start of a minute, as rate-limit.test.ts does, so the window cannot
  // turn over in the middle of a test's burst.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Math.floor(Date.now() / 60_000) * 60_000 + 60_000 + 1000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function exhaustPushLimit(token: string) {
    for (let i = 0; i < RATE_LIMITS.syncPushPerUser.limit; i++) await push(token, []);
    const refused = await pushRaw(token, [op("mood.log", { mood: 6, sleepQuality: 6 })]);
    expect(refused.status).toBe(429);
    expect((await errorOf(refused)).code).toBe("RATE_LIMITED");
  }

  it("delivers an SOS and a companion flag pushed after the limit is reached; the other writes wait (failed, retryable)", async () => {
    const p = await register();
    await exhaustPushLimit(p.accessToken);
    const sos = crypto.randomUUID();
    const companion = crypto.randomUUID();
    const mood = op("mood.log", { mood: 6, sleepQuality: 6 });
    const res = await pushRaw(p.accessToken, [
      mood,
      op("risk.flag", { id: sos, source: "sos" }),
      op("risk.flag", { id: companion, source: "companion", level: "medium", category: "hopelessness" }),
    ]);
    expect(res.status).toBe(200);
    // One second into the (frozen) window: the rest may be sent again in 59 seconds.
    expect(res.headers.get("Retry-After")).toBe("59");
    const { results } = await json<{ results: SyncResult[] }>(res);
    expect(results.map((r) => r.status)).toEqual(["failed", "applied", "applied"]);
    expect(results[0]).toMatchObject({ opId: mood.opId, error: { code: "RATE_LIMITED" } });
    expect(results[1]).toMatchObject({ result: { flag: { id: sos, level: "high" } } });
    expect((await flagRows(p.user.id)).map((f) => f.id).sort()).toEqual([sos, companion].sort());
    // The mood was not written, and it is not recorded as seen: sent again later, it runs.
    const moods = await env.DB.prepare("SELECT count(*) AS n FROM moods WHERE user_id = ?")
      .bind(p.user.id)
      .first<{ n: number }>();
    expect(moods?.n).toBe(0);
    vi.setSystemTime(Date.now() + 60_000);
    const [later] = await push(p.accessToken, [mood]);
    expect(later?.status).toBe("applied");
  });

  it("does not open the limit to anything else: a push without a valid flag is still refused whole", async () => {
    const p = await register();
    await exhaustPushLimit(p.accessToken);
    // An invalid flag (it would be rejected anyway) does not carry the rest past the limit.
    const res = await pushRaw(p.accessToken, [
      op("risk.flag", { id: crypto.randomUUID(), source: "companion", level: "low" }),
      op("mood.log", { mood: 6, sleepQuality: 6 }),
    ]);
    expect(res.status).toBe(429);
    expect(await flagRows(p.user.id)).toEqual([]);
    const block = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_events WHERE user_id = ? AND action = 'rate_limit.block' AND target = 'syncPushPerUser'",
    )
      .bind(p.user.id)
      .first<{ n: number }>();
    expect(block?.n).toBe(2);
  });
});

describe("the level and category each check-in rule stores", () => {
  it("a low mood: a low flag with no category, and the answer's safety.flag says so", async () => {
    const p = await register();
    const res = await call("/api/v1/moods", { token: p.accessToken, body: { mood: 2, sleepQuality: 4 } });
    expect(res.status).toBe(201);
    const { safety } = await json<{ safety: { flag: { id: string } } }>(res);
    expect(safety.flag).toEqual({ id: expect.any(String), source: "low_mood", level: "low", category: null });
    expect(await flagRows(p.user.id)).toEqual([
      { id: safety.flag.id, source: "low_mood", level: "low", category: null, status: "open" },
    ]);
  });

  it("PHQ-9 item 9: a medium flag, wish-to-be-dead, and the answer's safety.flag says so", async () => {
    const p = await register();
    const res = await call("/api/v1/assessments", {
      token: p.accessToken,
      body: { instrument: "PHQ-9", answers: [1, 1, 1, 1, 1, 1, 1, 1, 1] },
    });
    expect(res.status).toBe(201);
    const { safety } = await json<{ safety: { flag: { id: string } } }>(res);
    expect(safety.flag).toEqual({
      id: expect.any(String),
      source: "phq9_item9",
      level: "medium",
      category: "wish-to-be-dead",
    });
    expect(await flagRows(p.user.id)).toEqual([
      { id: safety.flag.id, source: "phq9_item9", level: "medium", category: "wish-to-be-dead", status: "open" },
    ]);
  });
});

describe("migration 0009's backfill", () => {
  it("gives flags raised before it the level their rule raises now, and keeps acknowledgements", async () => {
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0009_"));
    expect(migration?.queries.length).toBeGreaterThan(0);
    // The pre-0009 table, under another name, with rows of every old shape; then 0009 run on it.
    const table = "risk_flags_before_0009";
    const onCopy = (q: string) =>
      q.replaceAll("`risk_flags_status`", "`risk_flags_before_0009_status`").replaceAll("`risk_flags`", `\`${table}\``);
    await env.DB.prepare(`DROP TABLE IF EXISTS ${table}`).run();
    await env.DB.prepare(
      `CREATE TABLE ${table} (user_id text NOT NULL, id text NOT NULL, source text NOT NULL, ref_id text,
         created_at integer NOT NULL, acknowledged_at integer, acknowledged_by text, PRIMARY KEY (user_id, id))`,
    ).run();
    const rows: [string, string, number | null][] = [
      ["phq", "phq9_item9", null],
      ["mood", "low_mood", null],
      ["companion", "companion", null],
      ["seen", "companion", 1_700_000_000_000],
    ];
    for (const [id, source, ack] of rows) {
      await env.DB.prepare(
        `INSERT INTO ${table} (user_id, id, source, created_at, acknowledged_at, acknowledged_by) VALUES ('u', ?, ?, 1, ?, ?)`,
      )
        .bind(id, source, ack, ack === null ? null : "staff")
        .run();
    }
    for (const query of migration?.queries ?? []) await env.DB.prepare(onCopy(query)).run();
    const { results } = await env.DB.prepare(
      `SELECT id, level, category, status, acknowledged_at, acknowledged_note, resolved_at FROM ${table} ORDER BY id`,
    ).all();
    expect(results).toEqual([
      {
        id: "companion",
        level: "high",
        category: null,
        status: "open",
        acknowledged_at: null,
        acknowledged_note: null,
        resolved_at: null,
      },
      {
        id: "mood",
        level: "low",
        category: null,
        status: "open",
        acknowledged_at: null,
        acknowledged_note: null,
        resolved_at: null,
      },
      {
        id: "phq",
        level: "medium",
        category: "wish-to-be-dead",
        status: "open",
        acknowledged_at: null,
        acknowledged_note: null,
        resolved_at: null,
      },
      {
        id: "seen",
        level: "high",
        category: null,
        status: "acknowledged",
        acknowledged_at: 1_700_000_000_000,
        acknowledged_note: null,
        resolved_at: null,
      },
    ]);
    await env.DB.prepare(`DROP TABLE ${table}`).run();
  });
});
