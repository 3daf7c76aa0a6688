/**
 * Patients' opt-in reminders (issue 17, item 4): the daily check-in and per-habit reminders at a
 * local time, in the patient's zone and day-start rule (shared/domain/reminders.ts decides when).
 *
 * The Cron Trigger's sweep (runReminders) pushes a due reminder to patients with a push
 * subscription, with the catalogue's fixed text (never health content, never guilt). Patients
 * without one get the same reminders as in-app nudges when they open the app (dueNudges, read by
 * GET /notifications/summary), which ignore whether a push went out.
 *
 * At most once a day: the sweep claims the local day (a conditional update) *before* sending, so
 * two overlapping sweeps cannot both send, and a crash between the claim and the push loses that
 * day's reminder rather than ever sending it twice.
 */
import { addDays, weekStart } from "../../shared/domain/local-day";
import { habitDoneFor, reminderDue } from "../../shared/domain/reminders";
import type { Nudge } from "../../shared/schemas/notifications";
import { type Database, database } from "../db/client";
import {
  type CheckinReminderRow,
  checkedIn,
  claimCheckinDay,
  claimHabitDay,
  type HabitReminderRow,
  habitCountsBetween,
  remindersOf,
  subscribedCheckinReminders,
  subscribedHabitReminders,
} from "../db/reminders";
import { pushToUsers } from "./web-push";

/** Where a reminder's notification opens: Today for the check-in, the habits screen for a habit. */
export const CHECKIN_URL = "/";
export const HABIT_URL = "/habits";

/** How long after its time an in-app nudge still shows: the rest of the local day. */
const NUDGE_WINDOW_MS = 24 * 3_600_000;

function quietOf(r: Pick<CheckinReminderRow, "quietStartMinute" | "quietEndMinute">) {
  return r.quietStartMinute !== null && r.quietEndMinute !== null
    ? { startMinute: r.quietStartMinute, endMinute: r.quietEndMinute }
    : null;
}

/** Whether a habit needs nothing more on `day` (its schedule's rule over its week's completions). */
async function habitDone(db: Database, r: HabitReminderRow, day: string): Promise<boolean> {
  const monday = weekStart(day);
  const counts = await habitCountsBetween(db, r.userId, r.habitId, monday, addDays(monday, 6));
  const schedule =
    r.scheduleType === "daily"
      ? ({ type: "daily", perDay: r.scheduleTarget } as const)
      : ({ type: "weekly", timesPerWeek: r.scheduleTarget } as const);
  return habitDoneFor(schedule, counts, day);
}

/** The rule for one reminder row at `now`, before knowing whether the thing is done. */
function dueBeforeDone(r: CheckinReminderRow, now: number, options: { ignoreSent?: boolean; windowMs?: number } = {}) {
  return reminderDue({
    now,
    timeZone: r.timezone,
    dayStartHour: r.dayStartHour,
    minute: r.minute,
    // An in-app nudge is seen when the patient opens the app themselves: quiet hours are for pushes.
    quiet: options.ignoreSent ? null : quietOf(r),
    lastDay: options.ignoreSent ? null : r.lastDay,
    done: false,
    windowMs: options.windowMs,
  });
}

export interface ReminderSweep {
  checkins: number;
  habits: number;
}

/**
 * Sends every due reminder of active patients who have a push subscription, once per local day,
 * not once the check-in (or habit) is done, not in quiet hours. Returns how many went out.
 */
export async function runReminders(env: Env, now: number): Promise<ReminderSweep> {
  const db = database(env.DB);
  const sent: ReminderSweep = { checkins: 0, habits: 0 };
  const [checkins, habitRows] = await Promise.all([subscribedCheckinReminders(db), subscribedHabitReminders(db)]);

  for (const r of checkins) {
    const { due, day } = dueBeforeDone(r, now);
    if (!due || (await checkedIn(db, r.userId, day, now))) continue;
    if (!(await claimCheckinDay(db, r.userId, day))) continue;
    await pushToUsers(env, [r.userId], "checkin-reminder", CHECKIN_URL, now).catch((e) =>
      console.error("check-in reminder push failed", e),
    );
    sent.checkins++;
  }

  for (const r of habitRows) {
    const { due, day } = dueBeforeDone(r, now);
    if (!due || (await habitDone(db, r, day))) continue;
    if (!(await claimHabitDay(db, r.userId, r.habitId, day))) continue;
    await pushToUsers(env, [r.userId], "habit-reminder", HABIT_URL, now).catch((e) =>
      console.error("habit reminder push failed", e),
    );
    sent.habits++;
  }
  return sent;
}

/**
 * A patient's reminders due now as in-app nudges: by the same rule, from the reminder's time to
 * the end of the local day, whether or not a push went out, and none once the check-in (or the
 * habit) is done. Names are the patient's own habit names, shown only inside the app.
 */
export async function dueNudges(db: Database, userId: string, now: number): Promise<Nudge[]> {
  const { checkin, habits } = await remindersOf(db, userId);
  const nudges: Nudge[] = [];
  if (checkin) {
    const { due, day } = dueBeforeDone(checkin, now, { ignoreSent: true, windowMs: NUDGE_WINDOW_MS });
    if (due && !(await checkedIn(db, userId, day, now))) nudges.push({ kind: "checkin" });
  }
  for (const r of habits) {
    const { due, day } = dueBeforeDone(r, now, { ignoreSent: true, windowMs: NUDGE_WINDOW_MS });
    if (due && !(await habitDone(db, r, day))) nudges.push({ kind: "habit", habitId: r.habitId, name: r.name });
  }
  return nudges;
}
