/**
 * Issue 14 (item 3): staff see the adherence the patient sees. The staff patient list and the
 * clinician's patient view used their own arithmetic (completions ÷ target × days, over UTC
 * milliseconds, today's unfinished target held against the patient, a habit created yesterday
 * asked for a whole week); now both use shared/domain/adherence.ts, as the PWA's Spirit screen does.
 * The expected figures are computed here with that same shared rule from the rows the test wrote.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type Adherence, combinedAdherence, habitAdherence } from "../../shared/domain/adherence";
import { addDays, type LocalDay, localDay } from "../../shared/domain/local-day";
import type { PatientSummary } from "../../shared/schemas/staff";
import { assign, call, createUserAndLogin, json, register } from "./helpers";

const DAY = 86_400_000;
const round = (share: number | null) => (share === null ? null : Math.round(share * 100) / 100);

async function habit(token: string, schedule: Record<string, unknown>): Promise<string> {
  const res = await call("/api/v1/habits", { token, body: { name: "Walk", difficulty: "easy", schedule } });
  expect(res.status).toBe(201);
  return (await json<{ habit: { id: string } }>(res)).habit.id;
}

describe("staff adherence is the patient's adherence (one shared rule)", () => {
  it("matches habitAdherence for habits of different ages and schedules, in the list and the patient view", async () => {
    const patient = await register();
    const clinician = await createUserAndLogin("clinician");
    await assign(clinician.user.id, patient.user.id);
    const { timezone, dayStartHour } = patient.user;
    const now = Date.now();
    const today = localDay(now, timezone, dayStartHour);

    // Three habits: daily ×2 made ten days ago, weekly ×3 made ten days ago, daily ×3 made today.
    const old = await habit(patient.accessToken, { type: "daily", perDay: 2 });
    const weekly = await habit(patient.accessToken, { type: "weekly", timesPerWeek: 3 });
    const fresh = await habit(patient.accessToken, { type: "daily", perDay: 3 });
    const createdAt = now - 10 * DAY;
    await env.DB.prepare("UPDATE habits SET created_at = ? WHERE id IN (?, ?)").bind(createdAt, old, weekly).run();

    // Completions on earlier local days (two on some, one on others), and one today for the fresh habit.
    const done: [string, number][] = [
      [old, 1],
      [old, 1],
      [old, 2],
      [old, 4],
      [old, 4],
      [old, 6],
      [weekly, 2],
      [weekly, 5],
      [fresh, 0],
    ];
    for (const [habitId, daysAgo] of done) {
      const at = now - daysAgo * DAY;
      await env.DB.prepare(
        "INSERT INTO habit_completions (user_id, id, habit_id, at, local_day, xp, coins, undone_at, created_at, late) VALUES (?, ?, ?, ?, ?, 0, 0, NULL, ?, 0)",
      )
        .bind(patient.user.id, crypto.randomUUID(), habitId, at, localDay(at, timezone, dayStartHour), at)
        .run();
    }

    // What the patient's Spirit screen computes from the same completions.
    const counts = (habitId: string) => {
      const map = new Map<LocalDay, number>();
      for (const [id, daysAgo] of done) {
        if (id !== habitId) continue;
        const day = localDay(now - daysAgo * DAY, timezone, dayStartHour);
        map.set(day, (map.get(day) ?? 0) + 1);
      }
      return map;
    };
    const oldCreated = localDay(createdAt, timezone, dayStartHour);
    const from7 = addDays(today, -6);
    const expected: Record<string, Adherence> = {
      [old]: habitAdherence({ type: "daily", perDay: 2 }, counts(old), oldCreated, from7, today),
      [weekly]: habitAdherence({ type: "weekly", timesPerWeek: 3 }, counts(weekly), oldCreated, from7, today),
      [fresh]: habitAdherence({ type: "daily", perDay: 3 }, counts(fresh), today, from7, today),
    };
    // The fresh habit's unfinished day is not held against the patient.
    expect(expected[fresh]?.share).toBeNull();

    const list = await json<{ items: PatientSummary[] }>(
      await call("/api/v1/staff/patients", { token: clinician.accessToken }),
    );
    const mine = list.items.find((p) => p.id === patient.user.id);
    expect(mine?.adherence7d).toBe(round(combinedAdherence(Object.values(expected)).share));

    // The clinician's view over the last 7 local days gives each habit the same share.
    const from = new Date(now - 6.5 * DAY).toISOString();
    const view = await json<{ habits: { id: string; adherence: number | null; completions: number }[] }>(
      await call(`/api/v1/staff/patients/${patient.user.id}?from=${encodeURIComponent(from)}`, {
        token: clinician.accessToken,
      }),
    );
    const fromDay = localDay(Date.parse(from), timezone, dayStartHour);
    for (const [habitId, schedule, created] of [
      [old, { type: "daily", perDay: 2 }, oldCreated],
      [weekly, { type: "weekly", timesPerWeek: 3 }, oldCreated],
      [fresh, { type: "daily", perDay: 3 }, today],
    ] as const) {
      const shown = view.habits.find((h) => h.id === habitId);
      expect(shown?.adherence, habitId).toBe(
        round(habitAdherence(schedule, counts(habitId), created, fromDay, today).share),
      );
    }
  });
});
