/**
 * Issue 11, defects 2 and 3. The client-time window governs rewards, never whether a patient's
 * words are kept: a write from a clock that runs fast, or replayed after more than 72 hours
 * offline, is applied (late, earning nothing, with a warning) and its risk signal still reaches
 * staff. A push the database could not run answers a retryable failure and records nothing.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SyncPullResponse, SyncPushResponse, SyncResult } from "../../shared/schemas/sync";
import { assign, call, createUserAndLogin, errorOf, fastPatient, json } from "./helpers";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const push = (token: string, operations: unknown[]) =>
  call("/api/v1/sync/push", { token, body: { clientId: "phone", operations } });
const op = (type: string, payload: Record<string, unknown>, atMs: number) => ({
  opId: crypto.randomUUID(),
  type,
  at: new Date(atMs).toISOString(),
  payload,
});
const resultOf = (r: SyncResult | undefined) => (r && "result" in r ? (r.result as Record<string, unknown>) : {});
const progressOf = async (token: string) =>
  json<{ xp: number; coins: number }>(await call("/api/v1/progress", { token }));

async function patientWithTherapist() {
  const p = await fastPatient();
  const therapist = await createUserAndLogin("therapist");
  await assign(therapist.user.id, p.userId);
  return { ...p, therapist };
}

async function flagsOf(userId: string) {
  const { results } = await env.DB.prepare("SELECT source FROM risk_flags WHERE user_id = ? ORDER BY created_at")
    .bind(userId)
    .all<{ source: string }>();
  return results.map((r) => r.source);
}

describe("a write outside the client-time window", () => {
  it("from a clock 10 minutes fast keeps the message, mood note, quest and completion, earns nothing, and says so", async () => {
    const p = await patientWithTherapist();
    const fast = Date.now() + 10 * MINUTE;
    const habitId = crypto.randomUUID();
    const questId = crypto.randomUUID();
    const moodId = crypto.randomUUID();
    const ops = [
      op(
        "habit.create",
        { id: habitId, name: "Walk", difficulty: "easy", schedule: { type: "daily", perDay: 1 } },
        fast,
      ),
      op("habit.complete", { habitId, completionId: crypto.randomUUID() }, fast),
      op("mood.log", { id: moodId, mood: 6, sleepQuality: 5, note: "Long day but OK" }, fast),
      op("quest.create", { id: questId, title: "Call my sister", difficulty: "easy" }, fast),
      op("quest.update", { questId, status: "done" }, fast),
      op("message.send", { recipientId: p.therapist.user.id, body: "See you Thursday" }, fast),
    ];
    const before = Date.now();
    const res = await push(p.accessToken, ops);
    expect(res.status).toBe(200);
    const body = await json<SyncPushResponse>(res);
    expect(body.results.map((r) => r.status)).toEqual(ops.map(() => "applied"));
    for (const r of body.results) {
      expect(resultOf(r).warning).toMatchObject({ code: "CLIENT_TIME_OUT_OF_WINDOW" });
    }
    // A time from the future is taken as the time of receipt.
    const mood = resultOf(body.results[2]).mood as { at: string; note: string };
    expect(mood.note).toBe("Long day but OK");
    expect(Date.parse(mood.at)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(mood.at)).toBeLessThanOrEqual(Date.now());
    expect(resultOf(body.results[1]).completion).toMatchObject({ habitId, late: true });
    // No XP, no coins, no streak credit.
    expect(await progressOf(p.accessToken)).toMatchObject({ xp: 0, coins: 0 });
    const habits = await json<{ items: { id: string; today: number; streak: { current: number } }[] }>(
      await call("/api/v1/habits", { token: p.accessToken }),
    );
    expect(habits.items.find((h) => h.id === habitId)).toMatchObject({ today: 1, streak: { current: 0 } });
    // Everything is on the server, for this device's pull and the care team.
    const pull = await json<SyncPullResponse>(await call("/api/v1/sync/pull", { token: p.accessToken }));
    expect(pull.changes.map((c) => c.entity)).toEqual(
      expect.arrayContaining(["habit", "completion", "mood", "quest", "message"]),
    );
    const inbox = await json<{ items: { body: string }[] }>(
      await call(`/api/v1/messages/with/${p.userId}`, { token: p.therapist.accessToken }),
    );
    expect(JSON.stringify(inbox)).toContain("See you Thursday");
  });

  it("replayed after 4 days offline keeps the low mood and the PHQ-9 item 9 answer, and raises both flags", async () => {
    const p = await fastPatient();
    const fourDaysAgo = Date.now() - 96 * HOUR;
    const res = await push(p.accessToken, [
      op("mood.log", { mood: 2, sleepQuality: 3, note: "Really low" }, fourDaysAgo),
      op("assessment.submit", { instrument: "PHQ-9", answers: [1, 1, 1, 1, 1, 1, 1, 1, 2] }, fourDaysAgo + HOUR),
    ]);
    const { results } = await json<SyncPushResponse>(res);
    expect(results.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect(resultOf(results[0]).safety).toMatchObject({ flagRaised: true });
    expect(resultOf(results[1]).safety).toMatchObject({ flagRaised: true });
    expect(await flagsOf(p.userId)).toEqual(["low_mood", "phq9_item9"]);
    // Kept when it happened (the chart shows the day it was felt), earning nothing.
    expect(Date.parse((resultOf(results[0]).mood as { at: string }).at)).toBe(fourDaysAgo);
    expect(await progressOf(p.accessToken)).toMatchObject({ xp: 0, coins: 0 });
  });

  it("still earns in the window: 71 hours ago counts on its day with its XP", async () => {
    const p = await fastPatient();
    const { results } = await json<SyncPushResponse>(
      await push(p.accessToken, [op("mood.log", { mood: 7, sleepQuality: 7 }, Date.now() - 71 * HOUR)]),
    );
    expect(resultOf(results[0]).warning).toBeUndefined();
    expect(await progressOf(p.accessToken)).toMatchObject({ xp: 5, coins: 5 });
  });

  it("states the server's time on push and pull", async () => {
    const p = await fastPatient();
    const before = Date.now();
    const pushed = await json<SyncPushResponse>(await push(p.accessToken, []));
    const pulled = await json<SyncPullResponse>(await call("/api/v1/sync/pull", { token: p.accessToken }));
    for (const t of [pushed.serverTime, pulled.serverTime]) {
      expect(Date.parse(t)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(t)).toBeLessThanOrEqual(Date.now());
    }
  });
});

describe("a push the database cannot run", () => {
  it("answers 503 DATABASE_UNAVAILABLE with Retry-After, records nothing, and applies the same opIds once the database is back", async () => {
    const p = await fastPatient();
    const ops = [
      op("mood.log", { mood: 7, sleepQuality: 6, note: "kept" }, Date.now() - MINUTE),
      op("mood.log", { mood: 5, sleepQuality: 6 }, Date.now() - MINUTE),
    ];
    // A real D1 failure: every write to the op records aborts while the trigger exists.
    await env.DB.prepare(
      `CREATE TRIGGER ops_fail_${p.userId.replaceAll("-", "")} BEFORE INSERT ON ops WHEN NEW.user_id = '${p.userId}'
       BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`,
    ).run();
    const failed = await push(p.accessToken, ops);
    expect(failed.status).toBe(503);
    expect(failed.headers.get("Retry-After")).toBe("5");
    expect((await errorOf(failed)).code).toBe("DATABASE_UNAVAILABLE");
    const moods = () => env.DB.prepare("SELECT count(*) AS n FROM moods WHERE user_id = ?").bind(p.userId).first("n");
    expect(await moods()).toBe(0);
    await env.DB.prepare(`DROP TRIGGER ops_fail_${p.userId.replaceAll("-", "")}`).run();
    const retried = await json<SyncPushResponse>(await push(p.accessToken, ops));
    expect(retried.results.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect(await moods()).toBe(2);
  });
});
