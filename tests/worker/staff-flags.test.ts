/**
 * Risk flags as staff handle them (issue 12, item 4): the patient list triaged by the highest
 * open level, each flag's level, source, category and status with who, when and a note, and the
 * workflow open → acknowledged → resolved. Flags are written straight into D1 here, in exactly
 * the shape the check-ins and `risk.flag` commands store, to set up each level and status.
 */
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import type { Context } from "hono";
import { describe, expect, it } from "vitest";
import type { CssrsCategory, FlagLevel, FlagSource, FlagStatus } from "../../shared/domain/risk-flags";
import { FLAG_NOTE_MAX } from "../../shared/domain/risk-flags";
import type { FlagView, PatientSummary } from "../../shared/schemas/staff";
import type { AppEnv } from "../../worker/app-env";
import { database } from "../../worker/db/client";
import { riskFlags } from "../../worker/db/schema";
import { auditStatementIf } from "../../worker/lib/audit";
import { assign, call, createUserAndLogin, errorOf, json, type Registered, register } from "./helpers";

const HOUR = 3_600_000;

async function named(name: string): Promise<Registered> {
  const p = await register();
  await env.DB.prepare("UPDATE users SET display_name = ? WHERE id = ?").bind(name, p.user.id).run();
  return p;
}

interface FlagSeed {
  level: FlagLevel;
  source?: FlagSource;
  category?: CssrsCategory | null;
  status?: FlagStatus;
  hoursAgo?: number;
}

async function seedFlag(patientId: string, seed: FlagSeed): Promise<string> {
  const id = crypto.randomUUID();
  const status = seed.status ?? "open";
  const at = Date.now() - (seed.hoursAgo ?? 1) * HOUR;
  await env.DB.prepare(
    `INSERT INTO risk_flags (user_id, id, source, level, category, created_at, status,
       acknowledged_at, acknowledged_by, resolved_at, resolved_by, resolved_note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(
      patientId,
      id,
      seed.source ?? "companion",
      seed.level,
      seed.category ?? null,
      at,
      status,
      status === "open" ? null : at + 1000,
      status === "open" ? null : patientId,
      status === "resolved" ? at + 2000 : null,
      status === "resolved" ? patientId : null,
      status === "resolved" ? "Seen in clinic" : null,
    )
    .run();
  return id;
}

async function careTeam() {
  const patient = await register();
  const clinician = await createUserAndLogin("clinician");
  const therapist = await createUserAndLogin("therapist");
  await assign(clinician.user.id, patient.user.id);
  await assign(therapist.user.id, patient.user.id);
  return { patient, clinician, therapist };
}

const list = async (token: string, query = "") =>
  (await json<{ items: PatientSummary[] }>(await call(`/api/v1/staff/patients${query}`, { token }))).items;

const flagsOf = async (token: string, patientId: string) => {
  const res = await call(`/api/v1/staff/patients/${patientId}/flags`, { token });
  expect(res.status).toBe(200);
  return (await json<{ items: FlagView[] }>(res)).items;
};

const row = (patientId: string, flagId: string) =>
  env.DB.prepare("SELECT * FROM risk_flags WHERE user_id = ? AND id = ?").bind(patientId, flagId).first();

const auditOf = async (action: string, target: string) =>
  (
    await env.DB.prepare("SELECT user_id, target, outcome FROM audit_events WHERE action = ? AND target = ?")
      .bind(action, target)
      .all()
  ).results;

describe("the staff patient list, triaged by risk", () => {
  it("counts each patient's unresolved flags by level, names the highest, and lists high, then medium, then low", async () => {
    const clinician = await createUserAndLogin("clinician");
    const [ann, bea, cal, dee] = await Promise.all(["Ann", "Bea", "Cal", "Dee"].map(named));
    if (!ann || !bea || !cal || !dee) throw new Error("patients");
    for (const p of [ann, bea, cal, dee]) await assign(clinician.user.id, p.user.id);
    await seedFlag(ann.user.id, { level: "low", source: "low_mood" });
    await seedFlag(ann.user.id, { level: "high", status: "resolved" }); // resolved: no longer counts
    await seedFlag(cal.user.id, { level: "medium", source: "phq9_item9", category: "wish-to-be-dead" });
    await seedFlag(cal.user.id, { level: "medium", status: "acknowledged" }); // acknowledged: still unresolved
    await seedFlag(dee.user.id, { level: "high", status: "acknowledged", category: "plan" });
    await seedFlag(dee.user.id, { level: "low", source: "low_mood" });

    const items = await list(clinician.accessToken);
    expect(items.map((p) => p.displayName)).toEqual(["Dee", "Cal", "Ann", "Bea"]);
    const by = new Map(items.map((p) => [p.displayName, p]));
    expect(by.get("Dee")).toMatchObject({
      openFlags: 2,
      unacknowledgedFlags: 1,
      openFlagsByLevel: { high: 1, medium: 0, low: 1 },
      highestOpenFlag: "high",
    });
    expect(by.get("Cal")).toMatchObject({
      openFlags: 2,
      unacknowledgedFlags: 1,
      openFlagsByLevel: { high: 0, medium: 2, low: 0 },
      highestOpenFlag: "medium",
    });
    expect(by.get("Ann")).toMatchObject({
      openFlags: 1,
      openFlagsByLevel: { high: 0, medium: 0, low: 1 },
      highestOpenFlag: "low",
    });
    expect(by.get("Bea")).toMatchObject({
      openFlags: 0,
      unacknowledgedFlags: 0,
      openFlagsByLevel: { high: 0, medium: 0, low: 0 },
      highestOpenFlag: null,
    });
  });

  it("keeps the flag triage first under every sort and search, the chosen order within each level", async () => {
    const clinician = await createUserAndLogin("clinician");
    const [amy, ben, cat, dan] = await Promise.all(["Amy", "Ben", "Cat", "Dan"].map(named));
    if (!amy || !ben || !cat || !dan) throw new Error("patients");
    for (const p of [amy, ben, cat, dan]) await assign(clinician.user.id, p.user.id);
    // Two patients with a high flag (Dan has more flags), two with a low one.
    await seedFlag(dan.user.id, { level: "high" });
    await seedFlag(dan.user.id, { level: "medium" });
    await seedFlag(ben.user.id, { level: "high" });
    await seedFlag(amy.user.id, { level: "low" });
    await seedFlag(cat.user.id, { level: "low" });
    await seedFlag(cat.user.id, { level: "low" });
    // Many low flags never outrank one high flag.
    for (let i = 0; i < 4; i++) await seedFlag(amy.user.id, { level: "low" });

    const names = async (query: string) => (await list(clinician.accessToken, query)).map((p) => p.displayName);
    expect(await names("?sort=name")).toEqual(["Ben", "Dan", "Amy", "Cat"]);
    expect(await names("?sort=openFlags")).toEqual(["Dan", "Ben", "Amy", "Cat"]);
    for (const sort of ["lastSync", "moodAverage"]) {
      const order = await names(`?sort=${sort}`);
      expect(order.slice(0, 2).sort(), sort).toEqual(["Ben", "Dan"]);
      expect(order.slice(2).sort(), sort).toEqual(["Amy", "Cat"]);
    }
    expect(await names("?q=a")).toEqual(["Dan", "Amy", "Cat"]);
    expect(await names("?q=CAT")).toEqual(["Cat"]);
    const bad = await call("/api/v1/staff/patients?sort=level", { token: clinician.accessToken });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe("VALIDATION_FAILED");
  });
});

describe("a patient's flags for staff", () => {
  it("list every flag with level, source, category, status and who/when/note, in triage order", async () => {
    const { patient, clinician } = await careTeam();
    const lowNew = await seedFlag(patient.user.id, { level: "low", source: "low_mood", hoursAgo: 1 });
    const highOld = await seedFlag(patient.user.id, { level: "high", category: "preparation", hoursAgo: 50 });
    const mediumAck = await seedFlag(patient.user.id, {
      level: "medium",
      source: "phq9_item9",
      category: "wish-to-be-dead",
      status: "acknowledged",
      hoursAgo: 3,
    });
    const highResolved = await seedFlag(patient.user.id, { level: "high", status: "resolved", hoursAgo: 2 });
    const sos = await seedFlag(patient.user.id, { level: "high", source: "sos", hoursAgo: 5 });

    const items = await flagsOf(clinician.accessToken, patient.user.id);
    expect(items.map((f) => f.id)).toEqual([sos, highOld, mediumAck, lowNew, highResolved]);
    expect(items[1]).toEqual({
      id: highOld,
      level: "high",
      source: "companion",
      category: "preparation",
      status: "open",
      createdAt: expect.any(String),
      acknowledged: null,
      resolved: null,
    });
    expect(items[0]).toMatchObject({ source: "sos", category: null, level: "high" });
    const resolved = items[4];
    expect(resolved).toMatchObject({
      status: "resolved",
      acknowledged: { by: { id: patient.user.id }, note: null },
      resolved: { by: { id: patient.user.id }, note: "Seen in clinic" },
    });
    expect(Date.parse(resolved?.resolved?.at ?? "")).toBeGreaterThan(Date.parse(resolved?.createdAt ?? ""));
  });

  it("carry the same fields in the dashboard's timeline, where a flag keeps its place in time", async () => {
    const { patient, clinician } = await careTeam();
    const id = await seedFlag(patient.user.id, {
      level: "medium",
      source: "phq9_item9",
      category: "wish-to-be-dead",
      status: "acknowledged",
    });
    const res = await call(`/api/v1/staff/patients/${patient.user.id}`, { token: clinician.accessToken });
    const { timeline } = await json<{ timeline: { items: Record<string, unknown>[] } }>(res);
    const [item] = timeline.items.filter((i) => i.kind === "riskFlag");
    const [flag] = await flagsOf(clinician.accessToken, patient.user.id);
    expect(item).toEqual({ kind: "riskFlag", at: flag?.createdAt, ...flag });
    expect(item).toMatchObject({ id, level: "medium", category: "wish-to-be-dead", status: "acknowledged" });
  });

  it("are the assigned clinician's only: a therapist, an unassigned clinician and another patient get 404", async () => {
    const { patient, therapist } = await careTeam();
    const stranger = await createUserAndLogin("clinician");
    await seedFlag(patient.user.id, { level: "high" });
    for (const token of [therapist.accessToken, stranger.accessToken]) {
      const res = await call(`/api/v1/staff/patients/${patient.user.id}/flags`, { token });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('"level"');
    }
    expect((await call(`/api/v1/staff/patients/${patient.user.id}/flags`, { token: patient.accessToken })).status).toBe(
      403,
    );
  });
});

describe("acknowledging and resolving a flag", () => {
  it("acknowledges with an optional note, once: again is a no-op that keeps the first who, when and note", async () => {
    const { patient, clinician } = await careTeam();
    const flagId = await seedFlag(patient.user.id, { level: "high", category: "imminence" });
    const path = `/api/v1/staff/patients/${patient.user.id}/flags/${flagId}/acknowledge`;
    const first = await call(path, { token: clinician.accessToken, body: { note: "Called her; safe at home" } });
    expect(first.status).toBe(200);
    const { flag } = await json<{ flag: FlagView }>(first);
    expect(flag).toMatchObject({
      id: flagId,
      level: "high",
      category: "imminence",
      status: "acknowledged",
      acknowledged: {
        by: { id: clinician.user.id, displayName: clinician.user.displayName },
        note: "Called her; safe at home",
      },
      resolved: null,
    });
    const again = await call(path, { method: "POST", token: clinician.accessToken });
    expect(again.status).toBe(200);
    expect((await json<{ flag: FlagView }>(again)).flag).toEqual(flag);
    expect(await row(patient.user.id, flagId)).toMatchObject({
      status: "acknowledged",
      acknowledged_by: clinician.user.id,
      acknowledged_note: "Called her; safe at home",
      acknowledged_at: Date.parse(flag.acknowledged?.at ?? ""),
    });
    // One audit event, naming the flag and never the note.
    expect(await auditOf("staff.flag.acknowledge", `${patient.user.id}/${flagId}`)).toEqual([
      { user_id: clinician.user.id, target: `${patient.user.id}/${flagId}`, outcome: "success" },
    ]);
    const notes = await env.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE target LIKE ? OR action LIKE ?")
      .bind("%safe at home%", "%safe at home%")
      .first<{ n: number }>();
    expect(notes?.n).toBe(0);
    // Acknowledged is still unresolved: the list keeps counting it, no longer as unacknowledged.
    const [summary] = await list(clinician.accessToken);
    expect(summary).toMatchObject({ openFlags: 1, unacknowledgedFlags: 0, highestOpenFlag: "high" });
  });

  it("resolves an acknowledged flag with a required note, keeping the acknowledgement as it was", async () => {
    const { patient, clinician } = await careTeam();
    const other = await createUserAndLogin("clinician");
    await assign(other.user.id, patient.user.id);
    const flagId = await seedFlag(patient.user.id, { level: "medium" });
    const base = `/api/v1/staff/patients/${patient.user.id}/flags/${flagId}`;
    await call(`${base}/acknowledge`, { method: "POST", token: clinician.accessToken });
    const res = await call(`${base}/resolve`, { token: other.accessToken, body: { note: "Reviewed at the visit" } });
    expect(res.status).toBe(200);
    const { flag } = await json<{ flag: FlagView }>(res);
    expect(flag).toMatchObject({
      status: "resolved",
      acknowledged: { by: { id: clinician.user.id }, note: null },
      resolved: { by: { id: other.user.id }, note: "Reviewed at the visit" },
    });
    expect(await auditOf("staff.flag.resolve", `${patient.user.id}/${flagId}`)).toEqual([
      { user_id: other.user.id, target: `${patient.user.id}/${flagId}`, outcome: "success" },
    ]);
    const [summary] = await list(clinician.accessToken);
    expect(summary).toMatchObject({ openFlags: 0, highestOpenFlag: null });
  });

  it("resolving an open flag records the acknowledgement too, by the same person at the same time", async () => {
    const { patient, clinician } = await careTeam();
    const flagId = await seedFlag(patient.user.id, { level: "low", source: "low_mood" });
    const res = await call(`/api/v1/staff/patients/${patient.user.id}/flags/${flagId}/resolve`, {
      token: clinician.accessToken,
      body: { note: "Mood back up at follow-up" },
    });
    expect(res.status).toBe(200);
    const { flag } = await json<{ flag: FlagView }>(res);
    expect(flag.status).toBe("resolved");
    expect(flag.acknowledged?.by?.id).toBe(clinician.user.id);
    expect(flag.acknowledged?.at).toBe(flag.resolved?.at);
    expect(await row(patient.user.id, flagId)).toMatchObject({
      status: "resolved",
      acknowledged_by: clinician.user.id,
      resolved_by: clinician.user.id,
      resolved_note: "Mood back up at follow-up",
    });
  });

  it("answers 409 FLAG_RESOLVED to any action on a resolved flag, and writes nothing", async () => {
    const { patient, clinician } = await careTeam();
    const flagId = await seedFlag(patient.user.id, { level: "high", status: "resolved" });
    const base = `/api/v1/staff/patients/${patient.user.id}/flags/${flagId}`;
    const before = await row(patient.user.id, flagId);
    for (const [action, body] of [
      ["resolve", { note: "Again" }],
      ["acknowledge", { note: "Late" }],
      ["acknowledge", undefined],
    ] as const) {
      const res = await call(`${base}/${action}`, { method: "POST", token: clinician.accessToken, body });
      expect(res.status, action).toBe(409);
      expect((await errorOf(res)).code).toBe("FLAG_RESOLVED");
    }
    expect(await row(patient.user.id, flagId)).toEqual(before);
    expect(await auditOf("staff.flag.resolve", `${patient.user.id}/${flagId}`)).toEqual([]);
    expect(await auditOf("staff.flag.acknowledge", `${patient.user.id}/${flagId}`)).toEqual([]);
  });

  it("refuses a missing, blank, too long or unexpected note with the unified error, and writes nothing", async () => {
    const { patient, clinician } = await careTeam();
    const flagId = await seedFlag(patient.user.id, { level: "high" });
    const base = `/api/v1/staff/patients/${patient.user.id}/flags/${flagId}`;
    const cases: [string, unknown, string][] = [
      ["resolve", {}, "note"],
      ["resolve", undefined, "note"],
      ["resolve", { note: "   " }, "note"],
      ["resolve", { note: "x".repeat(FLAG_NOTE_MAX + 1) }, "note"],
      ["resolve", { note: 42 }, "note"],
      ["resolve", { note: "ok", status: "resolved" }, "status"],
      ["acknowledge", { note: "" }, "note"],
      ["acknowledge", { note: "x".repeat(FLAG_NOTE_MAX + 1) }, "note"],
      ["acknowledge", { acknowledgedBy: patient.user.id }, "acknowledgedBy"],
    ];
    for (const [action, body, field] of cases) {
      const res = await call(`${base}/${action}`, { method: "POST", token: clinician.accessToken, body });
      expect(res.status, `${action} ${JSON.stringify(body)?.slice(0, 40)}`).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(error.fields?.map((f) => f.path)).toEqual([field]);
    }
    const malformed = await call(`${base}/resolve`, { token: clinician.accessToken, body: "{not json" });
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).code).toBe("MALFORMED_JSON");
    expect(await row(patient.user.id, flagId)).toMatchObject({ status: "open", acknowledged_at: null });
    // The longest note is accepted.
    const longest = await call(`${base}/resolve`, {
      token: clinician.accessToken,
      body: { note: "x".repeat(FLAG_NOTE_MAX) },
    });
    expect(longest.status).toBe(200);
  });

  it("is the assigned clinician's only, like acknowledging: 404 for a therapist, another clinician, an unknown flag", async () => {
    const { patient, therapist, clinician } = await careTeam();
    const stranger = await createUserAndLogin("clinician");
    const flagId = await seedFlag(patient.user.id, { level: "high" });
    const otherPatient = await register();
    await assign(clinician.user.id, otherPatient.user.id);
    const base = `/api/v1/staff/patients/${patient.user.id}/flags`;
    const body = { note: "Resolved" };
    for (const token of [therapist.accessToken, stranger.accessToken]) {
      expect((await call(`${base}/${flagId}/resolve`, { token, body })).status).toBe(404);
    }
    // The flag through another of the clinician's patients is not found either.
    const crossed = `/api/v1/staff/patients/${otherPatient.user.id}/flags/${flagId}/resolve`;
    expect((await call(crossed, { token: clinician.accessToken, body })).status).toBe(404);
    expect((await call(`${base}/${crypto.randomUUID()}/resolve`, { token: clinician.accessToken, body })).status).toBe(
      404,
    );
    expect((await call(`${base}/not-a-uuid/resolve`, { token: clinician.accessToken, body })).status).toBe(400);
    expect(await row(patient.user.id, flagId)).toMatchObject({ status: "open" });
  });
});

describe("the guarded audit event of a flag's step", () => {
  it("is written only while its condition holds, in the same batch as the write it describes", async () => {
    const { patient } = await careTeam();
    const flagId = await seedFlag(patient.user.id, { level: "high" });
    const db = database(env.DB);
    const requestId = crypto.randomUUID();
    const c = { env, get: (key: string) => (key === "requestId" ? requestId : null) } as unknown as Context<AppEnv>;
    const guard = (status: FlagStatus) =>
      sql`EXISTS (SELECT 1 FROM ${riskFlags} WHERE ${riskFlags.userId} = ${patient.user.id} AND ${riskFlags.id} = ${flagId} AND ${riskFlags.status} = ${status})`;
    // As a request that read "open" while another one had already acknowledged the flag.
    await env.DB.prepare("UPDATE risk_flags SET status = 'acknowledged' WHERE id = ?").bind(flagId).run();
    await db.batch([
      auditStatementIf(c, { action: "test.guard", outcome: "success", target: "stale" }, guard("open")),
      auditStatementIf(c, { action: "test.guard", outcome: "success", target: "current" }, guard("acknowledged")),
    ]);
    const { results } = await env.DB.prepare(
      "SELECT target, request_id, user_id FROM audit_events WHERE action = 'test.guard'",
    ).all();
    expect(results).toEqual([{ target: "current", request_id: requestId, user_id: null }]);
  });
});
