import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { PatientSummary } from "../../shared/schemas/staff";
import type { SyncChange } from "../../shared/schemas/sync";
import {
  assign,
  call,
  createUserAndLogin,
  errorOf,
  isoIn,
  json,
  patientWithHabit,
  register,
  unassign,
} from "./helpers";

async function careTeam() {
  const patient = await patientWithHabit();
  const clinician = await createUserAndLogin("clinician");
  const therapist = await createUserAndLogin("therapist");
  await assign(clinician.user.id, patient.user.id);
  await assign(therapist.user.id, patient.user.id);
  return { patient, clinician, therapist };
}

describe("staff views", () => {
  it("list only assigned patients, with mood average, trend, adherence and open flags", async () => {
    const { patient, clinician } = await careTeam();
    const stranger = await register();
    for (const [mood, daysAgo] of [
      [8, 1],
      [6, 2],
      [3, 9],
    ] as const) {
      await env.DB.prepare(
        "INSERT INTO moods (user_id, id, at, local_day, mood, sleep_quality, tags, created_at) VALUES (?, ?, ?, '2026-01-01', ?, 5, '[]', 0)",
      )
        .bind(patient.user.id, crypto.randomUUID(), Date.now() - daysAgo * 86_400_000, mood)
        .run();
    }
    await call("/api/v1/moods", { token: patient.accessToken, body: { mood: 2, sleepQuality: 3 } });
    await call(`/api/v1/habits/${patient.habitId}/completions`, { token: patient.accessToken, body: {} });
    const res = await call("/api/v1/staff/patients", { token: clinician.accessToken });
    const { items } = await json<{ items: PatientSummary[] }>(res);
    expect(items.map((p) => p.id)).toEqual([patient.user.id]);
    expect(items.map((p) => p.id)).not.toContain(stranger.user.id);
    expect(items[0]).toMatchObject({ moodAverage7d: 5.33, moodTrend: 2.33, openFlags: 1 });
    // The habit was made today and 1 of its 3 is done: an unfinished day is not held against the
    // patient (shared/domain/adherence.ts, as on their Spirit screen), so nothing is asked yet. This
    // test used to expect 1/21, the staff view's own rule that counted a whole week for a new habit.
    expect(items[0]?.adherence7d).toBeNull();
    expect(items[0]?.lastSyncAt).not.toBeNull();
  });

  it("give clinicians the timeline; therapists get the summary but not the timeline (404)", async () => {
    const { patient, clinician, therapist } = await careTeam();
    await call("/api/v1/moods", {
      token: patient.accessToken,
      body: { mood: 7, sleepQuality: 6, at: isoIn(-3600_000) },
    });
    await call("/api/v1/assessments", {
      token: patient.accessToken,
      body: { instrument: "GAD-7", answers: [1, 1, 1, 1, 1, 1, 1] },
    });
    const res = await call(`/api/v1/staff/patients/${patient.user.id}`, { token: clinician.accessToken });
    expect(res.status).toBe(200);
    const body = await json<{ timeline: { items: { kind: string }[] }; habits: unknown[] }>(res);
    expect(body.timeline.items.map((e) => e.kind).sort()).toEqual(["assessment", "mood"]);
    expect(body.habits).toHaveLength(1);
    expect((await call(`/api/v1/staff/patients/${patient.user.id}`, { token: therapist.accessToken })).status).toBe(
      404,
    );
    const summary = await call(`/api/v1/staff/patients/${patient.user.id}/summary`, { token: therapist.accessToken });
    expect(summary.status).toBe(200);
  });

  it("lose access the moment the assignment is removed", async () => {
    const { patient, clinician } = await careTeam();
    expect((await call(`/api/v1/staff/patients/${patient.user.id}`, { token: clinician.accessToken })).status).toBe(
      200,
    );
    await unassign(clinician.user.id, patient.user.id);
    const res = await call(`/api/v1/staff/patients/${patient.user.id}`, { token: clinician.accessToken });
    expect(res.status).toBe(404);
    expect(
      (await json<{ items: unknown[] }>(await call("/api/v1/staff/patients", { token: clinician.accessToken }))).items,
    ).toEqual([]);
  });

  it("acknowledge a risk flag (clinicians); it stays unresolved in the list until resolved", async () => {
    const { patient, clinician, therapist } = await careTeam();
    await call("/api/v1/moods", { token: patient.accessToken, body: { mood: 2, sleepQuality: 2 } });
    const flag = await env.DB.prepare("SELECT id FROM risk_flags WHERE user_id = ?")
      .bind(patient.user.id)
      .first<{ id: string }>();
    const path = `/api/v1/staff/patients/${patient.user.id}/flags/${flag?.id}/acknowledge`;
    const timelineFlag = async () =>
      (
        await json<{ timeline: { items: { kind: string; status?: string; acknowledged?: unknown }[] } }>(
          await call(`/api/v1/staff/patients/${patient.user.id}`, { token: clinician.accessToken }),
        )
      ).timeline.items.find((e) => e.kind === "riskFlag");
    const summary = async () =>
      (await json<{ items: PatientSummary[] }>(await call("/api/v1/staff/patients", { token: clinician.accessToken })))
        .items[0];
    // JSON null and an object, not SQLite's 0/1.
    expect(await timelineFlag()).toMatchObject({ status: "open", acknowledged: null });
    expect((await call(path, { method: "POST", token: therapist.accessToken })).status).toBe(404);
    const res = await call(path, { method: "POST", token: clinician.accessToken });
    expect(res.status).toBe(200);
    expect(await timelineFlag()).toMatchObject({
      status: "acknowledged",
      acknowledged: { by: { id: clinician.user.id }, note: null },
    });
    expect(await summary()).toMatchObject({ openFlags: 1, unacknowledgedFlags: 0, highestOpenFlag: "low" });
    const resolve = path.replace(/acknowledge$/, "resolve");
    expect((await call(resolve, { token: clinician.accessToken, body: { note: "Better at follow-up" } })).status).toBe(
      200,
    );
    expect(await summary()).toMatchObject({ openFlags: 0, highestOpenFlag: null });
  });

  it("assign a quest that reaches the patient through sync, and edit the safety plan (clinicians)", async () => {
    const { patient, clinician, therapist } = await careTeam();
    const quest = await call(`/api/v1/staff/patients/${patient.user.id}/quests`, {
      token: therapist.accessToken,
      body: { title: "Call a friend this week", difficulty: "medium" },
    });
    expect(quest.status).toBe(201);
    const pull = await json<{ changes: SyncChange[] }>(await call("/api/v1/sync/pull", { token: patient.accessToken }));
    expect(pull.changes.find((c) => c.entity === "quest")?.data).toMatchObject({ title: "Call a friend this week" });
    const plan = {
      warningSigns: ["Not sleeping"],
      copingSteps: [],
      peopleAndPlaces: [],
      professionals: [],
      safeEnvironment: [],
    };
    const byTherapist = await call(`/api/v1/staff/patients/${patient.user.id}/safety-plan`, {
      method: "PUT",
      token: therapist.accessToken,
      body: plan,
    });
    expect(byTherapist.status).toBe(404);
    const res = await call(`/api/v1/staff/patients/${patient.user.id}/safety-plan`, {
      method: "PUT",
      token: clinician.accessToken,
      body: plan,
    });
    expect(res.status).toBe(200);
    const mine = await json<{ safetyPlan: { warningSigns: string[]; updatedBy: string } }>(
      await call("/api/v1/safety-plan", { token: patient.accessToken }),
    );
    expect(mine.safetyPlan).toMatchObject({ warningSigns: ["Not sleeping"], updatedBy: clinician.user.id });
  });
});

describe("clinical notes", () => {
  it("clinicians write, read, edit and delete their own notes; 1–50,000 characters", async () => {
    const { patient, clinician } = await careTeam();
    const base = `/api/v1/staff/patients/${patient.user.id}/notes`;
    const created = await call(base, { token: clinician.accessToken, body: { body: "Reports better sleep." } });
    expect(created.status).toBe(201);
    const { note } = await json<{ note: { id: string; authorName: string | null } }>(created);
    expect(note.authorName).toBe(clinician.user.displayName);
    expect((await call(base, { token: clinician.accessToken, body: { body: "" } })).status).toBe(400);
    expect((await call(base, { token: clinician.accessToken, body: { body: "x".repeat(50_001) } })).status).toBe(400);
    expect((await call(base, { token: clinician.accessToken, body: { body: "x".repeat(50_000) } })).status).toBe(201);
    const edit = await call(`/api/v1/staff/notes/${note.id}`, {
      method: "PATCH",
      token: clinician.accessToken,
      body: { body: "Reports much better sleep." },
    });
    expect(edit.status).toBe(200);
    const list = await json<{ items: { body: string }[] }>(await call(base, { token: clinician.accessToken }));
    expect(list.items.map((n) => n.body)).toContain("Reports much better sleep.");
    expect(
      (await call(`/api/v1/staff/notes/${note.id}`, { method: "DELETE", token: clinician.accessToken })).status,
    ).toBe(204);
  });

  it("are never visible to the patient, therapists or admins; another clinician on the patient reads them with their author, and cannot edit them", async () => {
    const { patient, clinician, therapist } = await careTeam();
    const base = `/api/v1/staff/patients/${patient.user.id}/notes`;
    const { note } = await json<{ note: { id: string } }>(
      await call(base, { token: clinician.accessToken, body: { body: "Private observation" } }),
    );
    const colleague = await createUserAndLogin("clinician");
    await assign(colleague.user.id, patient.user.id);
    const admin = await createUserAndLogin("admin");
    expect((await call(base, { token: therapist.accessToken })).status).toBe(404);
    expect((await call(base, { token: patient.accessToken })).status).toBe(403);
    expect((await call(base, { token: admin.accessToken })).status).toBe(403);
    const edit = await call(`/api/v1/staff/notes/${note.id}`, {
      method: "PATCH",
      token: colleague.accessToken,
      body: { body: "Changed" },
    });
    expect(edit.status).toBe(404);
    expect(
      (await call(`/api/v1/staff/notes/${note.id}`, { method: "DELETE", token: therapist.accessToken })).status,
    ).toBe(404);
    // A colleague on the same patient reads it (not edits it), with who wrote it.
    const seen = await json<{ items: { id: string; authorId: string; authorName: string | null }[] }>(
      await call(base, { token: colleague.accessToken }),
    );
    expect(seen.items.find((n) => n.id === note.id)).toMatchObject({
      authorId: clinician.user.id,
      authorName: clinician.user.displayName,
    });
    const pull = await json<{ changes: SyncChange[] }>(await call("/api/v1/sync/pull", { token: patient.accessToken }));
    expect(JSON.stringify(pull)).not.toContain("Private observation");
    const error = await errorOf(await call(base, { token: patient.accessToken }));
    expect(error.code).toBe("FORBIDDEN");
  });
});
