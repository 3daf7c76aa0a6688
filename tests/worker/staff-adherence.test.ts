/**
 * Issue 14 (item 3): staff see the adherence the patient sees. The staff patient list and the
 * clinician's patient view used their own arithmetic (completions ÷ target × days, over UTC
 * milliseconds, today's unfinished target held against the patient, a habit created yesterday
 * asked for a whole week); now both use shared/domain/adherence.ts, as the PWA's Spirit screen does.
 * The expected figures are computed here with that same shared rule from the rows the test wrote.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type Adherence, combinedAdherence, habitAdherence, rollingAdherence } from "../../shared/domain/adherence";
import { addDays, type LocalDay, localDay, localDayStart } from "../../shared/domain/local-day";
import type { PatientSummary, PatientViewResponse } from "../../shared/schemas/staff";
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

  it("gives the list's figure and the patient view's combined and daily figures from the same rule, on whole local days", async () => {
    const patient = await register();
    const clinician = await createUserAndLogin("clinician");
    await assign(clinician.user.id, patient.user.id);
    const { timezone, dayStartHour } = patient.user;
    const now = Date.now();
    const today = localDay(now, timezone, dayStartHour);

    // A daily habit and a weekly one made three weeks ago, and one archived (left out of both figures).
    const daily = await habit(patient.accessToken, { type: "daily", perDay: 1 });
    const weekly = await habit(patient.accessToken, { type: "weekly", timesPerWeek: 2 });
    const gone = await habit(patient.accessToken, { type: "daily", perDay: 1 });
    const createdAt = now - 21 * DAY;
    await env.DB.prepare("UPDATE habits SET created_at = ? WHERE id IN (?, ?, ?)")
      .bind(createdAt, daily, weekly, gone)
      .run();
    // Completions on local days (at the day's first minute: the first day's counts even though the
    // range's instant would cut it), from 12 days ago to today.
    const done: [string, number][] = [
      [daily, 12],
      [daily, 8],
      [daily, 6],
      [daily, 5],
      [daily, 3],
      [daily, 1],
      [daily, 0],
      [weekly, 9],
      [weekly, 6],
      [weekly, 2],
      [gone, 4],
    ];
    const rows: { habitId: string; day: LocalDay }[] = [];
    for (const [habitId, daysAgo] of done) {
      const day = addDays(today, -daysAgo);
      const at = localDayStart(day, timezone, dayStartHour) + 60_000;
      rows.push({ habitId, day });
      await env.DB.prepare(
        "INSERT INTO habit_completions (user_id, id, habit_id, at, local_day, xp, coins, undone_at, created_at, late) VALUES (?, ?, ?, ?, ?, 0, 0, NULL, ?, 0)",
      )
        .bind(patient.user.id, crypto.randomUUID(), habitId, at, day, at)
        .run();
    }
    const archive = await call(`/api/v1/habits/${gone}`, { token: patient.accessToken, method: "DELETE" });
    expect(archive.status, await archive.clone().text()).toBeLessThan(300);

    // The rule applied to the raw completions.
    const counts = (habitId: string) => {
      const map = new Map<LocalDay, number>();
      for (const r of rows) if (r.habitId === habitId) map.set(r.day, (map.get(r.day) ?? 0) + 1);
      return map;
    };
    const created = localDay(createdAt, timezone, dayStartHour);
    const live = [
      { schedule: { type: "daily", perDay: 1 } as const, createdDay: created, countsByDay: counts(daily) },
      { schedule: { type: "weekly", timesPerWeek: 2 } as const, createdDay: created, countsByDay: counts(weekly) },
    ];
    const over = (from: LocalDay) =>
      round(
        combinedAdherence(live.map((h) => habitAdherence(h.schedule, h.countsByDay, h.createdDay, from, today))).share,
      );

    const list = await json<{ items: PatientSummary[] }>(
      await call("/api/v1/staff/patients", { token: clinician.accessToken }),
    );
    const listed = list.items.find((p) => p.id === patient.user.id)?.adherence7d;
    expect(listed).toBe(over(addDays(today, -6)));
    expect(listed).not.toBeNull();

    const view = (days: number) =>
      call(`/api/v1/staff/patients/${patient.user.id}?days=${days}`, { token: clinician.accessToken }).then((r) =>
        json<PatientViewResponse>(r),
      );
    const week = await view(7);
    // The same figure for the same patient and range, and the week's last day says it too.
    expect(week.adherence).toBe(listed);
    expect(week.days.map((d) => d.day)).toEqual(Array.from({ length: 7 }, (_, i) => addDays(today, i - 6)));
    expect(week.days.at(-1)?.adherence7d).toBe(listed);
    expect(week.habits.find((h) => h.id === daily)?.completions).toBe(5);

    // Thirty days: the combined figure over 30 days, and each day's figure the rule's 7 days up to it.
    const month = await view(30);
    expect(month.adherence).toBe(over(addDays(today, -29)));
    expect(month.days).toHaveLength(30);
    expect(month.days.map((d) => d.adherence7d)).toEqual(
      month.days.map((d) => round(rollingAdherence(live, [d.day], today)[0] ?? null)),
    );
    // Every share is the one the list would have shown that day; before the habits, nothing was asked.
    expect(month.days[0]?.adherence7d).toBeNull();

    // Asking for both a number of days and a range is refused, with the unified error.
    const both = await call(
      `/api/v1/staff/patients/${patient.user.id}?days=7&from=${encodeURIComponent(new Date(now - DAY).toISOString())}`,
      { token: clinician.accessToken },
    );
    expect(both.status).toBe(400);
    expect((await json<{ error: { code: string } }>(both)).error.code).toBe("VALIDATION_FAILED");
  });
});
