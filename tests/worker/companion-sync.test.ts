/**
 * The companion's offline side through the outbox: `journal.write` (the thought record, a private
 * journal entry) and `risk.flag` (a crisis the device detected offline reaches staff at the next
 * sync, once, however often it is replayed).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CRISIS_RESOURCES } from "../../shared/domain/risk";
import { JOURNAL_FIELD_MAX } from "../../shared/limits";
import type { PatientSummary } from "../../shared/schemas/staff";
import type { SyncChange, SyncResult } from "../../shared/schemas/sync";
import { assign, call, createUserAndLogin, isoIn, json, register } from "./helpers";

const push = async (token: string, operations: unknown[]) => {
  const res = await call("/api/v1/sync/push", { token, body: { clientId: "phone", operations } });
  expect(res.status).toBe(200);
  return (await json<{ results: SyncResult[] }>(res)).results;
};
const op = (type: string, payload: Record<string, unknown>, at = isoIn(-1000)) => ({
  opId: crypto.randomUUID(),
  type,
  at,
  payload,
});
const pull = async (token: string) =>
  (await json<{ changes: SyncChange[] }>(await call("/api/v1/sync/pull", { token }))).changes;

const record = {
  situation: "Team meeting",
  thoughts: "Everyone thinks I'm useless",
  feelings: "Anxious 70%",
  evidenceFor: "Nobody answered my question",
  evidenceAgainst: "My manager thanked me yesterday",
  balancedThought: "People were busy; one silence is not a verdict",
};

async function flagsOf(userId: string) {
  const { results } = await env.DB.prepare("SELECT id, source, created_at FROM risk_flags WHERE user_id = ?")
    .bind(userId)
    .all<{ id: string; source: string; created_at: number }>();
  return results;
}

describe("journal.write", () => {
  it("stores a thought record and syncs it to my other devices as the journal entity", async () => {
    const p = await register();
    const id = crypto.randomUUID();
    const [result] = await push(p.accessToken, [op("journal.write", { id, kind: "thought_record", entry: record })]);
    expect(result).toMatchObject({
      status: "applied",
      result: { entry: { id, kind: "thought_record", entry: record } },
    });
    const change = (await pull(p.accessToken)).find((c) => c.entity === "journal");
    expect(change).toMatchObject({ id, op: "upsert", data: { id, entry: record } });
  });

  it("rewrites the entry under the same id (an edit), and answers a replayed opId as a duplicate", async () => {
    const p = await register();
    const id = crypto.randomUUID();
    const first = op("journal.write", { id, kind: "thought_record", entry: record });
    const edit = op("journal.write", { id, kind: "thought_record", entry: { ...record, feelings: "Anxious 40%" } });
    const results = await push(p.accessToken, [first, edit, first]);
    expect(results.map((r) => r.status)).toEqual(["applied", "applied", "duplicate"]);
    const rows = await env.DB.prepare("SELECT entry FROM journal_entries WHERE user_id = ?")
      .bind(p.user.id)
      .all<{ entry: string }>();
    expect(rows.results.map((r) => JSON.parse(r.entry).feelings)).toEqual(["Anxious 40%"]);
  });

  it("rejects an entry with a field over the limit, an unknown kind or an unknown field", async () => {
    const p = await register();
    const id = crypto.randomUUID();
    const results = await push(p.accessToken, [
      op("journal.write", {
        id,
        kind: "thought_record",
        entry: { ...record, thoughts: "x".repeat(JOURNAL_FIELD_MAX + 1) },
      }),
      op("journal.write", { id, kind: "gratitude", entry: record }),
      op("journal.write", { id, kind: "thought_record", entry: { ...record, mood: 3 } }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(results.every((r) => "error" in r && r.error.code === "VALIDATION_FAILED")).toBe(true);
  });

  it("is private: the patient's clinician sees nothing of it", async () => {
    const p = await register();
    const clinician = await createUserAndLogin("clinician");
    await assign(clinician.user.id, p.user.id);
    await push(p.accessToken, [
      op("journal.write", { id: crypto.randomUUID(), kind: "thought_record", entry: record }),
    ]);
    for (const path of [`/api/v1/staff/patients/${p.user.id}`, `/api/v1/staff/patients/${p.user.id}/summary`]) {
      const res = await call(path, { token: clinician.accessToken });
      expect(res.status).toBe(200);
      expect(await res.text()).not.toContain(record.thoughts);
    }
    const fhir = await call(`/api/v1/staff/patients/${p.user.id}/fhir`, { token: clinician.accessToken });
    expect(await fhir.text()).not.toContain(record.thoughts);
  });
});

describe("risk.flag", () => {
  it("raises one flag for the assigned staff with an audit event, and answers with the crisis resources", async () => {
    const p = await register();
    const clinician = await createUserAndLogin("clinician");
    await assign(clinician.user.id, p.user.id);
    const id = crypto.randomUUID();
    const at = isoIn(-30 * 60_000);
    const [result] = await push(p.accessToken, [op("risk.flag", { id, source: "companion", level: "high", at })]);
    expect(result).toMatchObject({
      status: "applied",
      result: { flag: { id, source: "companion", level: "high", at }, safety: { resources: CRISIS_RESOURCES.GB } },
    });
    expect(await flagsOf(p.user.id)).toEqual([{ id, source: "companion", created_at: Date.parse(at) }]);
    const { items } = await json<{ items: PatientSummary[] }>(
      await call("/api/v1/staff/patients", { token: clinician.accessToken }),
    );
    expect(items.find((i) => i.id === p.user.id)?.openFlags).toBe(1);
    const dashboard = await call(`/api/v1/staff/patients/${p.user.id}`, { token: clinician.accessToken });
    expect(await dashboard.text()).toContain(id);
    const audit = await env.DB.prepare(
      "SELECT target FROM audit_events WHERE user_id = ? AND action = 'companion.risk'",
    )
      .bind(p.user.id)
      .all();
    expect(audit.results).toEqual([{ target: id }]);
  });

  it("is idempotent by id: a replayed opId is a duplicate, a new opId for the same flag raises nothing more", async () => {
    const p = await register();
    const id = crypto.randomUUID();
    const payload = { id, source: "companion", level: "high", at: isoIn(-60_000) };
    const first = op("risk.flag", payload);
    expect((await push(p.accessToken, [first, first])).map((r) => r.status)).toEqual(["applied", "duplicate"]);
    // A second tab, or the outbox after a lost answer, sends the same flag under a new opId.
    const again = await push(p.accessToken, [op("risk.flag", payload), op("risk.flag", payload)]);
    expect(again.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect(await flagsOf(p.user.id)).toHaveLength(1);
    const audit = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_events WHERE user_id = ? AND action = 'companion.risk'",
    )
      .bind(p.user.id)
      .first<{ n: number }>();
    expect(audit?.n).toBe(1);
  });

  it("reaches staff even after days offline, as the late writes beside it are kept (earning nothing)", async () => {
    const p = await register();
    const fiveDaysAgo = isoIn(-5 * 86_400_000);
    const results = await push(p.accessToken, [
      op("risk.flag", { id: crypto.randomUUID(), source: "companion", level: "high", at: fiveDaysAgo }, fiveDaysAgo),
      op("mood.log", { mood: 5, sleepQuality: 5 }, fiveDaysAgo),
    ]);
    expect(results.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect(results[1]).toMatchObject({ result: { warning: { code: "CLIENT_TIME_OUT_OF_WINDOW" } } });
    expect((await flagsOf(p.user.id))[0]?.created_at).toBe(Date.parse(fiveDaysAgo));
  });

  it("takes the operation's time when the payload has none, and a medium level too", async () => {
    const p = await register();
    const at = isoIn(-2 * 3_600_000);
    const id = crypto.randomUUID();
    const [result] = await push(p.accessToken, [op("risk.flag", { id, source: "companion", level: "medium" }, at)]);
    expect(result).toMatchObject({ status: "applied", result: { flag: { id, level: "medium", at } } });
    expect(await flagsOf(p.user.id)).toEqual([{ id, source: "companion", created_at: Date.parse(at) }]);
    const [low] = await push(p.accessToken, [
      op("risk.flag", { id: crypto.randomUUID(), source: "companion", level: "low" }),
    ]);
    expect(low).toMatchObject({ status: "rejected", error: { code: "VALIDATION_FAILED" } });
  });

  it("carries no text: a payload with any other field is rejected", async () => {
    const p = await register();
    const [result] = await push(p.accessToken, [
      op("risk.flag", { id: crypto.randomUUID(), source: "companion", level: "high", at: isoIn(0), text: "help" }),
    ]);
    expect(result).toMatchObject({ status: "rejected", error: { code: "VALIDATION_FAILED" } });
    expect(await flagsOf(p.user.id)).toEqual([]);
  });
});
