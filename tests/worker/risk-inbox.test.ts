/**
 * The care team app's risk inbox (issue 16, item 3): GET /staff/flags lists every unresolved flag
 * across the caller's caseload, most urgent first (high before medium before low, open before
 * acknowledged, newest first), each with whose it is; never another caseload's, never a resolved
 * flag, never for a patient or an admin. And the caseload's daily mood series (item 2's sparkline).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEFAULT_DAY_START_HOUR, localDay } from "../../shared/domain/local-day";
import type { FlagInboxItem, PatientSummary } from "../../shared/schemas/staff";
import { assign, call, createUserAndLogin, json, register } from "./helpers";

const HOUR = 3_600_000;

async function seedFlag(patientId: string, level: string, status: string, hoursAgo: number): Promise<string> {
  const id = crypto.randomUUID();
  const at = Date.now() - hoursAgo * HOUR;
  await env.DB.prepare(
    `INSERT INTO risk_flags (user_id, id, source, level, category, created_at, status, acknowledged_at, acknowledged_by)
     VALUES (?, ?, 'companion', ?, 'plan', ?, ?, ?, ?)`,
  )
    .bind(patientId, id, level, at, status, status === "open" ? null : at + 1000, status === "open" ? null : patientId)
    .run();
  return id;
}

const inbox = async (token: string) => {
  const res = await call("/api/v1/staff/flags", { token });
  expect(res.status).toBe(200);
  return (await json<{ items: FlagInboxItem[] }>(res)).items;
};

describe("the risk inbox", () => {
  it("lists every unresolved flag of my patients only, in triage order, each with its patient", async () => {
    const clinician = await createUserAndLogin("clinician");
    const therapist = await createUserAndLogin("therapist");
    const [ann, bea, other] = await Promise.all([register(), register(), register()]);
    if (!ann || !bea || !other) throw new Error("patients");
    for (const p of [ann, bea]) await assign(clinician.user.id, p.user.id);
    await assign(therapist.user.id, ann.user.id);
    const lowNew = await seedFlag(ann.user.id, "low", "open", 1);
    const highOld = await seedFlag(bea.user.id, "high", "open", 30);
    const highAcked = await seedFlag(ann.user.id, "high", "acknowledged", 2);
    const mediumNew = await seedFlag(bea.user.id, "medium", "open", 0.5);
    const highNew = await seedFlag(ann.user.id, "high", "open", 3);
    await seedFlag(ann.user.id, "high", "resolved", 1); // resolved: not in the inbox
    await seedFlag(other.user.id, "high", "open", 1); // not my patient

    const items = await inbox(clinician.accessToken);
    expect(items.map((f) => f.id)).toEqual([highNew, highOld, highAcked, mediumNew, lowNew]);
    expect(items[1]).toMatchObject({
      level: "high",
      status: "open",
      source: "companion",
      category: "plan",
      patient: { id: bea.user.id, displayName: bea.user.displayName },
    });
    // A therapist sees their own caseload's flags (Ann's), not the clinician's other patient's.
    expect((await inbox(therapist.accessToken)).map((f) => f.patient.id)).toEqual([
      ann.user.id,
      ann.user.id,
      ann.user.id,
    ]);
    // Unassigned: the patient's flags leave the inbox at once.
    await env.DB.prepare("DELETE FROM assignments WHERE staff_id = ? AND patient_id = ?")
      .bind(clinician.user.id, bea.user.id)
      .run();
    expect((await inbox(clinician.accessToken)).map((f) => f.id)).toEqual([highNew, highAcked, lowNew]);
  });

  it("is staff only: a patient and an admin get 403", async () => {
    const patient = await register();
    const admin = await createUserAndLogin("admin");
    for (const token of [patient.accessToken, admin.accessToken]) {
      expect((await call("/api/v1/staff/flags", { token })).status).toBe(403);
    }
  });
});

describe("the caseload's mood week", () => {
  it("gives the last 7 local days' averages, oldest first, null where there was no check-in", async () => {
    const clinician = await createUserAndLogin("clinician");
    const patient = await register();
    await assign(clinician.user.id, patient.user.id);
    // Today twice (2 and 6 → 4) and three days ago once (7); a check-in 10 days ago is outside the week.
    for (const [mood, daysAgo] of [
      [2, 0],
      [6, 0],
      [7, 3],
      [9, 10],
    ] as const) {
      const at = Date.now() - daysAgo * 86_400_000;
      const res = await call("/api/v1/moods", {
        token: patient.accessToken,
        body: daysAgo === 0 ? { mood, sleepQuality: 5 } : { mood, sleepQuality: 5, at: new Date(at).toISOString() },
      });
      // Older than the 72-hour window: written straight to D1, on the local day the API would give
      // it (the patient's zone and default day start), so the test holds at any hour.
      if (res.status !== 201) {
        const day = localDay(at, "Europe/London", DEFAULT_DAY_START_HOUR);
        await env.DB.prepare(
          "INSERT INTO moods (user_id, id, at, local_day, mood, sleep_quality, tags, created_at) VALUES (?, ?, ?, ?, ?, 5, '[]', 0)",
        )
          .bind(patient.user.id, crypto.randomUUID(), at, day, mood)
          .run();
      }
    }
    const res = await call("/api/v1/staff/patients", { token: clinician.accessToken });
    const [summary] = (await json<{ items: PatientSummary[] }>(res)).items;
    expect(summary?.moodDaily7d).toHaveLength(7);
    expect(summary?.moodDaily7d[6]).toBe(4);
    expect(summary?.moodDaily7d.filter((m) => m !== null)).toEqual([7, 4]);
    expect(summary?.moodDaily7d[3]).toBe(7);
  });
});
