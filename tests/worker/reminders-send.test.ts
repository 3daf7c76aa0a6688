/**
 * The reminder sweep (issue 17, item 4), run with an injected clock: a check-in reminder reaches
 * the patient's devices (a local push service stand-in speaking RFC 8030/8291/8292) at the local
 * time they chose, across a DST change; once per local day; not after the day's check-in; not in
 * quiet hours; not without opt-in or a subscription; habit reminders likewise.
 */
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { NOTIFICATION_TEXTS } from "../../shared/domain/notification-texts";
import { runReminders } from "../../worker/notify/reminders";
import { createSubscriber, receivedBy } from "../support/push-service-client";
import { call, json, type Registered, register } from "./helpers";
import { putReminders } from "./reminders-helpers";

const PUSH = inject("pushServiceUrl");
const utc = (iso: string) => Date.parse(iso);

/** A London patient (day from 04:00) with one subscribed device; returns its subscriber id. */
async function londonPatient(): Promise<Registered & { device: string }> {
  const r = await register();
  const profile = await call("/api/v1/me", {
    method: "PATCH",
    token: r.accessToken,
    body: { timezone: "Europe/London", dayStartHour: 4 },
  });
  expect(profile.status).toBe(200);
  return { ...r, device: await subscribe(r.accessToken) };
}

async function subscribe(token: string): Promise<string> {
  const sub = await createSubscriber(PUSH);
  const res = await call("/api/v1/push/subscription", {
    method: "PUT",
    token,
    body: { endpoint: sub.endpoint, keys: sub.keys },
  });
  expect(res.status).toBe(201);
  return sub.id;
}

/** The notifications a device received (decrypted by the stand-in). */
async function received(device: string) {
  const report = await receivedBy(PUSH, device);
  expect(report.rejected).toEqual([]);
  return report.received.map((r) => r.payload as { title: string; body: string; url: string; tag: string });
}

const checkinAt = (minute: number, quietHours: { startMinute: number; endMinute: number } | null = null) => ({
  checkin: { enabled: true, minute },
  quietHours,
  habits: [],
});

describe("the reminder sweep", () => {
  it("sends the check-in reminder at 20:00 London time on both sides of the March DST change, once a day", async () => {
    const p = await londonPatient();
    expect((await putReminders(p.accessToken, checkinAt(20 * 60))).status).toBe(200);

    // Saturday 28 March 2026 (GMT): 20:00 local is 20:00 UTC.
    await runReminders(env, utc("2026-03-28T19:59:00Z"));
    expect(await received(p.device)).toEqual([]);
    await runReminders(env, utc("2026-03-28T20:00:00Z"));
    const first = await received(p.device);
    expect(first).toEqual([
      { title: "Haven", body: NOTIFICATION_TEXTS["checkin-reminder"].body, url: "/", tag: "haven-checkin-reminder" },
    ]);
    // A later sweep the same evening sends nothing more.
    await runReminders(env, utc("2026-03-28T20:01:00Z"));
    await runReminders(env, utc("2026-03-28T22:30:00Z"));
    expect(await received(p.device)).toHaveLength(1);

    // Sunday 29 March (BST from 01:00 UTC): 20:00 local is 19:00 UTC; 19:00 UTC on Saturday was not.
    await runReminders(env, utc("2026-03-29T18:59:00Z"));
    expect(await received(p.device)).toHaveLength(1);
    await runReminders(env, utc("2026-03-29T19:00:00Z"));
    expect(await received(p.device)).toHaveLength(2);
    await runReminders(env, utc("2026-03-29T20:00:00Z"));
    expect(await received(p.device)).toHaveLength(2);
    const row = await env.DB.prepare("SELECT checkin_last_day FROM reminder_prefs WHERE user_id = ?")
      .bind(p.user.id)
      .first<{ checkin_last_day: string }>();
    expect(row?.checkin_last_day).toBe("2026-03-29");
  });

  it("sends a reminder in the repeated hour of the October change once, at its first occurrence", async () => {
    const p = await londonPatient();
    await call("/api/v1/me", { method: "PATCH", token: p.accessToken, body: { dayStartHour: 0 } });
    await putReminders(p.accessToken, checkinAt(90)); // 01:30, which 25 October 2026 has twice
    await runReminders(env, utc("2026-10-25T00:29:00Z"));
    expect(await received(p.device)).toHaveLength(0);
    await runReminders(env, utc("2026-10-25T00:30:00Z")); // 01:30 BST
    expect(await received(p.device)).toHaveLength(1);
    await runReminders(env, utc("2026-10-25T01:30:00Z")); // 01:30 GMT, the second time
    expect(await received(p.device)).toHaveLength(1);
  });

  it("sends late within the window after a missed sweep, but never the next morning for yesterday", async () => {
    const p = await londonPatient();
    await putReminders(p.accessToken, checkinAt(22 * 60));
    await runReminders(env, utc("2026-06-10T23:30:00Z")); // 00:30 BST: 2½ hours late, same local day
    expect(await received(p.device)).toHaveLength(1);
    const q = await londonPatient();
    await putReminders(q.accessToken, checkinAt(21 * 60));
    await runReminders(env, utc("2026-06-11T08:00:00Z")); // the next morning
    expect(await received(q.device)).toHaveLength(0);
  });

  it("sends nothing once the day's check-in is done", async () => {
    const p = await londonPatient();
    await putReminders(p.accessToken, checkinAt(20 * 60));
    // Checked in at 09:00 BST on 10 June 2026 (a past instant: kept, earning nothing, on that local day).
    const mood = await call("/api/v1/moods", {
      token: p.accessToken,
      body: { mood: 6, sleepQuality: 5, at: "2026-06-10T08:00:00.000Z" },
    });
    expect([201, 422]).toContain(mood.status);
    await runReminders(env, utc("2026-06-10T19:00:00Z"));
    expect(await received(p.device)).toHaveLength(0);
    // The next day, without a check-in, it goes out.
    await runReminders(env, utc("2026-06-11T19:00:00Z"));
    expect(await received(p.device)).toHaveLength(1);
  });

  it("waits out quiet hours, and sends nothing without opt-in or to others' devices", async () => {
    const p = await londonPatient();
    await putReminders(p.accessToken, checkinAt(20 * 60, { startMinute: 19 * 60, endMinute: 21 * 60 }));
    const off = await londonPatient();
    await putReminders(off.accessToken, { ...checkinAt(20 * 60), checkin: { enabled: false, minute: 20 * 60 } });
    const never = await londonPatient(); // subscribed, never set anything

    await runReminders(env, utc("2026-07-01T19:00:00Z")); // 20:00 BST, in quiet hours
    await runReminders(env, utc("2026-07-01T19:59:00Z"));
    expect(await received(p.device)).toHaveLength(0);
    await runReminders(env, utc("2026-07-01T20:00:00Z")); // 21:00: quiet hours over
    expect(await received(p.device)).toHaveLength(1);
    expect(await received(off.device)).toHaveLength(0);
    expect(await received(never.device)).toHaveLength(0);
  });

  it("does not claim the day for a patient without a subscription (they get the in-app nudge instead)", async () => {
    const p = await register();
    await call("/api/v1/me", { method: "PATCH", token: p.accessToken, body: { timezone: "Europe/London" } });
    await putReminders(p.accessToken, checkinAt(20 * 60));
    await runReminders(env, utc("2026-07-02T19:00:00Z"));
    const row = await env.DB.prepare("SELECT checkin_last_day FROM reminder_prefs WHERE user_id = ?")
      .bind(p.user.id)
      .first<{ checkin_last_day: string | null }>();
    expect(row?.checkin_last_day).toBeNull();
  });

  it("sends a habit reminder with the catalogue text, not once the habit is done for the day", async () => {
    const p = await londonPatient();
    const created = await call("/api/v1/habits", {
      token: p.accessToken,
      body: { name: "Evening walk", difficulty: "easy", schedule: { type: "daily", perDay: 1 } },
    });
    const habitId = (await json<{ habit: { id: string } }>(created)).habit.id;
    // Its creation time is now; completions are stored by their own local day, so a past one is fine.
    expect(
      (
        await putReminders(p.accessToken, {
          checkin: { enabled: false, minute: 1200 },
          quietHours: null,
          habits: [{ habitId, minute: 18 * 60 }],
        })
      ).status,
    ).toBe(200);
    await runReminders(env, utc("2026-08-03T17:00:00Z")); // 18:00 BST
    const got = await received(p.device);
    expect(got).toEqual([
      { title: "Haven", body: NOTIFICATION_TEXTS["habit-reminder"].body, url: "/habits", tag: "haven-habit-reminder" },
    ]);
    expect(JSON.stringify(got)).not.toContain("Evening walk");
    await env.DB.prepare(
      "INSERT INTO habit_completions (user_id, id, habit_id, at, local_day, xp, coins, created_at) VALUES (?, ?, ?, ?, '2026-08-04', 0, 0, ?)",
    )
      .bind(p.user.id, crypto.randomUUID(), habitId, utc("2026-08-04T08:00:00Z"), Date.now())
      .run();
    await runReminders(env, utc("2026-08-04T17:00:00Z"));
    expect(await received(p.device)).toHaveLength(1);
    await runReminders(env, utc("2026-08-05T17:00:00Z"));
    expect(await received(p.device)).toHaveLength(2);
  });

  it("reminds only active patients", async () => {
    const p = await londonPatient();
    await putReminders(p.accessToken, checkinAt(20 * 60));
    await env.DB.prepare("UPDATE users SET status = 'disabled' WHERE id = ?").bind(p.user.id).run();
    await runReminders(env, utc("2026-09-01T19:00:00Z"));
    expect(await received(p.device)).toHaveLength(0);
  });
});
