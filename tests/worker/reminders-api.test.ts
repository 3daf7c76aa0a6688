/**
 * A patient's reminder settings (issue 17, item 4): GET and PUT /notifications/reminders —
 * opt-in defaults, validation with stable codes, ownership of habit ids, patients only.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createUserAndLogin, errorOf, json, patientWithHabit, register } from "./helpers";
import { putReminders } from "./reminders-helpers";

const REMINDERS = "/api/v1/notifications/reminders";
const valid = { checkin: { enabled: true, minute: 19 * 60 + 30 }, quietHours: { startMinute: 1320, endMinute: 420 } };

describe("reminder settings", () => {
  it("are all off until the patient turns them on", async () => {
    const p = await register();
    const res = await call(REMINDERS, { token: p.accessToken });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ checkin: { enabled: false, minute: 1200 }, quietHours: null, habits: [] });
  });

  it("saves the check-in, quiet hours and habit reminders, and reads them back; saving is audited", async () => {
    const p = await patientWithHabit();
    const body = { ...valid, habits: [{ habitId: p.habitId, minute: 480 }] };
    const res = await putReminders(p.accessToken, body);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual(body);
    expect(await json(await call(REMINDERS, { token: p.accessToken }))).toEqual(body);
    const events = await env.DB.prepare("SELECT action FROM audit_events WHERE user_id = ? AND action = ?")
      .bind(p.user.id, "notifications.reminders")
      .all();
    expect(events.results).toHaveLength(1);

    // Dropping a habit from the list removes its reminder; turning quiet hours off clears them.
    const off = { checkin: { enabled: false, minute: 600 }, quietHours: null, habits: [] };
    expect(await json(await putReminders(p.accessToken, off))).toEqual(off);
    const rows = await env.DB.prepare("SELECT * FROM habit_reminders WHERE user_id = ?").bind(p.user.id).all();
    expect(rows.results).toEqual([]);
  });

  it.each([
    [
      "a minute past the end of the day",
      { ...valid, habits: [], checkin: { enabled: true, minute: 1440 } },
      "checkin.minute",
    ],
    ["a negative minute", { ...valid, habits: [], checkin: { enabled: true, minute: -1 } }, "checkin.minute"],
    ["a fractional minute", { ...valid, habits: [], checkin: { enabled: true, minute: 60.5 } }, "checkin.minute"],
    [
      "empty quiet hours",
      { ...valid, habits: [], quietHours: { startMinute: 60, endMinute: 60 } },
      "quietHours.endMinute",
    ],
    ["a missing field", { checkin: valid.checkin, habits: [] }, "quietHours"],
    ["an unknown field", { ...valid, habits: [], email: true }, "email"],
    ["a habit id that is not an id", { ...valid, habits: [{ habitId: "water", minute: 5 }] }, "habits.0.habitId"],
  ])("refuse %s with VALIDATION_FAILED", async (_, body, path) => {
    const p = await register();
    const res = await putReminders(p.accessToken, body);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.fields?.map((f) => f.path)).toContain(path);
  });

  it("refuse two reminders for one habit, and more than 50", async () => {
    const p = await patientWithHabit();
    const twice = await putReminders(p.accessToken, {
      ...valid,
      habits: [
        { habitId: p.habitId, minute: 1 },
        { habitId: p.habitId, minute: 2 },
      ],
    });
    expect(twice.status).toBe(400);
    expect((await errorOf(twice)).fields?.map((f) => f.path)).toEqual(["habits"]);
    const many = Array.from({ length: 51 }, (_, i) => ({ habitId: crypto.randomUUID(), minute: i }));
    const tooMany = await putReminders(p.accessToken, { ...valid, habits: many });
    expect(tooMany.status).toBe(400);
    expect((await errorOf(tooMany)).code).toBe("VALIDATION_FAILED");
  });

  it("refuse another patient's habit, an unknown one and an archived one with REMINDER_HABIT_INVALID, saving nothing", async () => {
    const mine = await patientWithHabit();
    const theirs = await patientWithHabit();
    const archived = await call("/api/v1/habits", {
      token: mine.accessToken,
      body: { name: "Old", difficulty: "easy", schedule: { type: "daily", perDay: 1 } },
    });
    const archivedId = (await json<{ habit: { id: string } }>(archived)).habit.id;
    expect((await call(`/api/v1/habits/${archivedId}`, { method: "DELETE", token: mine.accessToken })).status).toBe(
      200,
    );

    const res = await putReminders(mine.accessToken, {
      ...valid,
      habits: [
        { habitId: mine.habitId, minute: 480 },
        { habitId: theirs.habitId, minute: 480 },
        { habitId: crypto.randomUUID(), minute: 480 },
        { habitId: archivedId, minute: 480 },
      ],
    });
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe("REMINDER_HABIT_INVALID");
    expect(error.fields?.map((f) => f.path)).toEqual(["habits.1.habitId", "habits.2.habitId", "habits.3.habitId"]);
    expect(await json(await call(REMINDERS, { token: mine.accessToken }))).toEqual({
      checkin: { enabled: false, minute: 1200 },
      quietHours: null,
      habits: [],
    });
  });

  it("are for patients: staff and admins are refused, and signing in is required", async () => {
    for (const role of ["therapist", "clinician", "admin"] as const) {
      const staff = await createUserAndLogin(role);
      const read = await call(REMINDERS, { token: staff.accessToken });
      expect(read.status).toBe(403);
      expect((await errorOf(read)).code).toBe("FORBIDDEN");
      const write = await putReminders(staff.accessToken, { ...valid, habits: [] });
      expect(write.status).toBe(403);
    }
    const anonymous = await call(REMINDERS);
    expect(anonymous.status).toBe(401);
  });
});
