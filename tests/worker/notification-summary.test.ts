/**
 * GET /notifications/summary (issue 17, item 2): the navigation's badges — my unread messages,
 * a patient's reminders due now as in-app nudges, and a clinician's or therapist's unresolved flags.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { NotificationSummary } from "../../shared/schemas/notifications";
import { assign, call, createUserAndLogin, isoIn, json, register } from "./helpers";
import { localMinuteNow, noonPatient, putReminders, summaryOf } from "./reminders-helpers";

const send = async (token: string, recipientId: string, body: string) => {
  const res = await call("/api/v1/messages", { token, body: { recipientId, body } });
  expect(res.status).toBe(201);
  return (await json<{ message: { id: string } }>(res)).message.id;
};

async function seedFlag(patientId: string, level: string, status: string): Promise<void> {
  await env.DB.prepare(
    "INSERT INTO risk_flags (user_id, id, source, level, created_at, status) VALUES (?, ?, 'companion', ?, ?, ?)",
  )
    .bind(patientId, crypto.randomUUID(), level, Date.now(), status)
    .run();
}

describe("the notification summary", () => {
  it("counts messages to me that I have neither read nor deleted", async () => {
    const patient = await register();
    const therapist = await createUserAndLogin("therapist");
    await assign(therapist.user.id, patient.user.id);
    expect(await summaryOf(patient.accessToken)).toEqual({ unreadMessages: 0, nudges: [] });

    const first = await send(therapist.accessToken, patient.user.id, "Hello");
    const second = await send(therapist.accessToken, patient.user.id, "How are you?");
    await send(therapist.accessToken, patient.user.id, "Talk soon");
    await send(patient.accessToken, therapist.user.id, "Hi!"); // mine, not to me
    expect((await summaryOf(patient.accessToken)).unreadMessages).toBe(3);
    expect((await summaryOf(therapist.accessToken)).unreadMessages).toBe(1);

    expect((await call(`/api/v1/messages/${first}/read`, { method: "POST", token: patient.accessToken })).status).toBe(
      200,
    );
    expect((await call(`/api/v1/messages/${second}`, { method: "DELETE", token: patient.accessToken })).status).toBe(
      204,
    );
    expect((await summaryOf(patient.accessToken)).unreadMessages).toBe(1);
  });

  it("gives care staff the unresolved flags of their assigned patients by level, and nobody else any", async () => {
    const clinician = await createUserAndLogin("clinician");
    const [mine, other] = await Promise.all([register(), register()]);
    if (!mine || !other) throw new Error("patients");
    await assign(clinician.user.id, mine.user.id);
    await seedFlag(mine.user.id, "high", "open");
    await seedFlag(mine.user.id, "high", "acknowledged");
    await seedFlag(mine.user.id, "high", "resolved");
    await seedFlag(mine.user.id, "medium", "open");
    await seedFlag(mine.user.id, "low", "open");
    await seedFlag(other.user.id, "high", "open");
    const summary = await summaryOf<NotificationSummary>(clinician.accessToken);
    expect(summary).toEqual({ unreadMessages: 0, nudges: [], openFlags: { high: 2, medium: 1 } });
    // The same set the risk inbox lists.
    const inbox = await json<{ items: { level: string }[] }>(
      await call("/api/v1/staff/flags", { token: clinician.accessToken }),
    );
    expect(inbox.items.filter((f) => f.level === "high")).toHaveLength(2);

    const admin = await createUserAndLogin("admin");
    expect(await summaryOf(admin.accessToken)).toEqual({ unreadMessages: 0, nudges: [] });
    expect(await summaryOf(mine.accessToken)).toEqual({ unreadMessages: 0, nudges: [] });
    expect((await call("/api/v1/notifications/summary")).status).toBe(401);
  });

  it("nudges a patient for a check-in reminder whose time has come, until they check in", async () => {
    const p = await noonPatient();
    const now = localMinuteNow(p.offsetHours);
    // Later today: not yet.
    await putReminders(p.accessToken, { checkin: { enabled: true, minute: now + 30 }, quietHours: null, habits: [] });
    expect((await summaryOf(p.accessToken)).nudges).toEqual([]);
    // A few minutes ago: due (quiet hours are for pushes, not for the app the patient opened).
    await putReminders(p.accessToken, {
      checkin: { enabled: true, minute: now - 5 },
      quietHours: { startMinute: now - 60, endMinute: now + 60 },
      habits: [],
    });
    expect((await summaryOf(p.accessToken)).nudges).toEqual([{ kind: "checkin" }]);
    // Turned off: none.
    await putReminders(p.accessToken, { checkin: { enabled: false, minute: now - 5 }, quietHours: null, habits: [] });
    expect((await summaryOf(p.accessToken)).nudges).toEqual([]);
    await putReminders(p.accessToken, { checkin: { enabled: true, minute: now - 5 }, quietHours: null, habits: [] });
    // Checked in today: gone.
    const mood = await call("/api/v1/moods", {
      token: p.accessToken,
      body: { mood: 7, sleepQuality: 6, at: isoIn(-1000) },
    });
    expect(mood.status).toBe(201);
    expect((await summaryOf(p.accessToken)).nudges).toEqual([]);
  });

  it("nudges for a habit reminder with the habit's name, until the habit is done for the day", async () => {
    const p = await noonPatient();
    const now = localMinuteNow(p.offsetHours);
    const created = await call("/api/v1/habits", {
      token: p.accessToken,
      body: { name: "Stretch", difficulty: "easy", schedule: { type: "daily", perDay: 1 } },
    });
    const habitId = (await json<{ habit: { id: string } }>(created)).habit.id;
    await putReminders(p.accessToken, {
      checkin: { enabled: false, minute: 1200 },
      quietHours: null,
      habits: [{ habitId, minute: now - 10 }],
    });
    expect((await summaryOf(p.accessToken)).nudges).toEqual([{ kind: "habit", habitId, name: "Stretch" }]);
    const done = await call(`/api/v1/habits/${habitId}/completions`, { token: p.accessToken, body: {} });
    expect(done.status).toBe(201);
    expect((await summaryOf(p.accessToken)).nudges).toEqual([]);
  });
});
