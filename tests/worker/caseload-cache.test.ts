/**
 * The caseload's kept figures (worker/db/summary-cache.ts, issue 15): reused while the patient has
 * not written, recomputed at once when they do (the summary_version triggers, migrations/0016),
 * and never kept for flags or names.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PatientSummary } from "../../shared/schemas/staff";
import { keptFiguresStand, SUMMARY_MAX_AGE_MS, summaryCache } from "../../worker/db/summary-cache";
import { assign, call, createUserAndLogin, fastSession, json, patientWithHabit } from "./helpers";

afterEach(() => {
  vi.useRealTimers();
});

async function careTeam() {
  const patient = await patientWithHabit();
  const clinician = await createUserAndLogin("clinician");
  await assign(clinician.user.id, patient.user.id);
  return { patient, clinician };
}

async function caseload(token: string): Promise<PatientSummary | undefined> {
  const res = await call("/api/v1/staff/patients", { token });
  expect(res.status).toBe(200);
  return (await json<{ items: PatientSummary[] }>(res)).items[0];
}

const version = async (userId: string) =>
  (await env.DB.prepare("SELECT summary_version AS v FROM users WHERE id = ?").bind(userId).first<{ v: number }>())?.v;

/** A mood written straight into D1, as an earlier day's check-in. */
function insertMood(userId: string, mood: number, at = Date.now() - 86_400_000) {
  return env.DB.prepare(
    "INSERT INTO moods (user_id, id, at, local_day, mood, sleep_quality, tags, created_at) VALUES (?, ?, ?, '2026-01-01', ?, 5, '[]', 0)",
  ).bind(userId, crypto.randomUUID(), at, mood);
}

/** A whole-hour zone (Etc/GMT±N, UTC−12 to UTC+14) whose local hour is now `hour`. */
function zoneAtLocalHour(hour: number): string {
  let offset = (((hour - new Date().getUTCHours()) % 24) + 24) % 24;
  if (offset > 14) offset -= 24;
  // Etc/GMT names count the other way: Etc/GMT-8 is UTC+8.
  return offset === 0 ? "Etc/UTC" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
}

describe("the caseload's kept figures", () => {
  it("are reused while the patient's version stands, and recomputed after the maximum age", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const { patient, clinician } = await careTeam();
    await insertMood(patient.user.id, 4).run();
    expect(await caseload(clinician.accessToken)).toMatchObject({ moodAverage7d: 4 });
    // A change that did not bump the version (written, then the version set back by hand) is not
    // seen: the figures are the kept ones. Real writes always bump it (the tests below).
    const before = await version(patient.user.id);
    await insertMood(patient.user.id, 8).run();
    await env.DB.prepare("UPDATE users SET summary_version = ? WHERE id = ?").bind(before, patient.user.id).run();
    expect(await caseload(clinician.accessToken)).toMatchObject({ moodAverage7d: 4 });
    vi.setSystemTime(Date.now() + SUMMARY_MAX_AGE_MS - 1_000);
    const late = await fastSession(clinician.user.id);
    expect(await caseload(late)).toMatchObject({ moodAverage7d: 4 });
    vi.setSystemTime(Date.now() + 1_000);
    expect(await caseload(await fastSession(clinician.user.id))).toMatchObject({ moodAverage7d: 6 });
  });

  it("are recomputed at once after each kind of write the summary reads", async () => {
    const { patient, clinician } = await careTeam();
    const token = patient.accessToken;
    expect(await caseload(clinician.accessToken)).toMatchObject({ moodAverage7d: null, adherence7d: null });

    // A mood through the API (an op record and a mood row).
    expect((await call("/api/v1/moods", { token, body: { mood: 6, sleepQuality: 5 } })).status).toBeLessThan(300);
    expect(await caseload(clinician.accessToken)).toMatchObject({ moodAverage7d: 6 });

    // A mood edited or removed straight in D1 (no op record).
    await env.DB.prepare("UPDATE moods SET mood = 9 WHERE user_id = ?").bind(patient.user.id).run();
    expect(await caseload(clinician.accessToken)).toMatchObject({ moodAverage7d: 9 });
    await env.DB.prepare("DELETE FROM moods WHERE user_id = ?").bind(patient.user.id).run();
    expect(await caseload(clinician.accessToken)).toMatchObject({ moodAverage7d: null });

    // A habit made days ago, completed yesterday: adherence appears; the completion undone, it goes.
    const weekAgo = Date.now() - 6 * 86_400_000;
    await env.DB.prepare("UPDATE habits SET created_at = ?, schedule_target = 1 WHERE id = ?")
      .bind(weekAgo, patient.habitId)
      .run();
    const withHabit = await caseload(clinician.accessToken);
    expect(withHabit?.adherence7d).toBe(0);
    const completion = crypto.randomUUID();
    const yesterday = Date.now() - 86_400_000;
    await env.DB.prepare(
      "INSERT INTO habit_completions (id, user_id, habit_id, at, local_day, xp, coins, created_at) VALUES (?, ?, ?, ?, ?, 0, 0, ?)",
    )
      .bind(
        completion,
        patient.user.id,
        patient.habitId,
        yesterday,
        new Date(yesterday).toISOString().slice(0, 10),
        yesterday,
      )
      .run();
    expect((await caseload(clinician.accessToken))?.adherence7d).toBeGreaterThan(0);
    await env.DB.prepare("UPDATE habit_completions SET undone_at = ? WHERE id = ?").bind(Date.now(), completion).run();
    expect((await caseload(clinician.accessToken))?.adherence7d).toBe(0);

    // The habit archived: nothing is asked any more.
    await env.DB.prepare("UPDATE habits SET archived_at = ? WHERE id = ?").bind(Date.now(), patient.habitId).run();
    expect((await caseload(clinician.accessToken))?.adherence7d).toBeNull();
  });

  it("are recomputed when the patient's time zone or day-start hour changes", async () => {
    const { patient, clinician } = await careTeam();
    await caseload(clinician.accessToken);
    const before = await version(patient.user.id);
    // A habit made an hour ago, in a zone where it is now just past midnight: made yesterday there,
    // so yesterday was asked of it (and not done); in a zone where it is mid-morning, made today.
    // The zones are chosen from the time the test runs (a fixed pair held only part of the day).
    const hourAgo = Date.now() - 3_600_000;
    await env.DB.prepare("UPDATE habits SET created_at = ?, schedule_target = 1 WHERE id = ?")
      .bind(hourAgo, patient.habitId)
      .run();
    await env.DB.prepare("UPDATE users SET timezone = ?, day_start_hour = 0 WHERE id = ?")
      .bind(zoneAtLocalHour(0), patient.user.id)
      .run();
    expect((await caseload(clinician.accessToken))?.adherence7d).toBe(0);
    const kept = await version(patient.user.id);
    await env.DB.prepare("UPDATE users SET timezone = ? WHERE id = ?").bind(zoneAtLocalHour(10), patient.user.id).run();
    // Not a version change (the users row is not one of the triggers' tables): the zone itself is checked.
    expect(await version(patient.user.id)).toBe(kept);
    expect(kept).toBeGreaterThan(before ?? 0);
    expect((await caseload(clinician.accessToken))?.adherence7d).toBeNull();
  });

  it("never keep flags or names: a new flag and a new name show at once", async () => {
    const { patient, clinician } = await careTeam();
    expect(await caseload(clinician.accessToken)).toMatchObject({ openFlags: 0, highestOpenFlag: null });
    await env.DB.prepare(
      "INSERT INTO risk_flags (id, user_id, level, source, status, created_at) VALUES (?, ?, 'high', 'sos', 'open', ?)",
    )
      .bind(crypto.randomUUID(), patient.user.id, Date.now())
      .run();
    await env.DB.prepare("UPDATE users SET display_name = 'Renamed' WHERE id = ?").bind(patient.user.id).run();
    expect(await caseload(clinician.accessToken)).toMatchObject({
      displayName: "Renamed",
      openFlags: 1,
      highestOpenFlag: "high",
      unacknowledgedFlags: 1,
    });
  });

  it("stand only for the same version, zone and day-start hour, within the age, and not from the future", () => {
    const basis = { version: 3, timezone: "Europe/London", dayStartHour: 4 };
    const kept = {
      ...basis,
      at: 1_000_000,
      figures: {
        lastSyncAt: null,
        moodAverage7d: 5,
        moodTrend: null,
        moodDaily7d: [null, null, null, null, null, null, 5],
        adherence7d: null,
      },
    };
    expect(keptFiguresStand(kept, basis, 1_000_000)).toBe(true);
    expect(keptFiguresStand(kept, basis, 1_000_000 + SUMMARY_MAX_AGE_MS - 1)).toBe(true);
    expect(keptFiguresStand(kept, basis, 1_000_000 + SUMMARY_MAX_AGE_MS)).toBe(false);
    expect(keptFiguresStand(kept, basis, 999_999)).toBe(false);
    expect(keptFiguresStand(kept, { ...basis, version: 4 }, 1_000_000)).toBe(false);
    expect(keptFiguresStand(kept, { ...basis, timezone: "UTC" }, 1_000_000)).toBe(false);
    expect(keptFiguresStand(kept, { ...basis, dayStartHour: 0 }, 1_000_000)).toBe(false);

    const cache = summaryCache(2);
    cache.set("a", basis, 0, kept.figures);
    cache.set("b", basis, 0, kept.figures);
    expect(cache.get("a", basis, 1)).toBe(kept.figures);
    cache.set("c", basis, 0, kept.figures); // full: all forgotten, then c kept
    expect(cache.get("a", basis, 1)).toBeUndefined();
    expect(cache.get("c", basis, 1)).toBe(kept.figures);
  });
});
