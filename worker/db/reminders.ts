/**
 * Patients' reminders (issue 17, item 4): their settings, what the scheduled sweep reads
 * (enabled reminders of active patients with a push subscription, whether the day's check-in or
 * habit is done), and the claim of a day before a reminder is sent.
 */
import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { ReminderSettings } from "../../shared/schemas/notifications";
import type { Database } from "./client";
import { habitCompletions, habitReminders, habits, moods, pushSubscriptions, reminderPrefs, users } from "./schema";

/** What a patient has not set up yet: everything off, the check-in at 20:00, no quiet hours. */
export const DEFAULT_REMINDERS: ReminderSettings = {
  checkin: { enabled: false, minute: 1200 },
  quietHours: null,
  habits: [],
};

type PrefsRow = typeof reminderPrefs.$inferSelect;

function quietOf(p: Pick<PrefsRow, "quietStartMinute" | "quietEndMinute"> | null | undefined) {
  return p && p.quietStartMinute !== null && p.quietEndMinute !== null
    ? { startMinute: p.quietStartMinute, endMinute: p.quietEndMinute }
    : null;
}

/** A patient's reminder settings as the API shows them (defaults when never saved). */
export async function reminderSettingsOf(db: Database, userId: string): Promise<ReminderSettings> {
  const [prefs, list] = await db.batch([
    db.select().from(reminderPrefs).where(eq(reminderPrefs.userId, userId)),
    db
      .select({ habitId: habitReminders.habitId, minute: habitReminders.minute })
      .from(habitReminders)
      .innerJoin(habits, and(eq(habits.userId, habitReminders.userId), eq(habits.id, habitReminders.habitId)))
      .where(and(eq(habitReminders.userId, userId), isNull(habits.archivedAt)))
      .orderBy(asc(habits.createdAt), asc(habits.id)),
  ]);
  const p = prefs[0];
  if (!p && list.length === 0) return DEFAULT_REMINDERS;
  return {
    checkin: { enabled: p?.checkinEnabled ?? false, minute: p?.checkinMinute ?? 1200 },
    quietHours: quietOf(p),
    habits: list,
  };
}

/** Which of these habit ids are the patient's own habits that are not archived. */
export async function ownCurrentHabitIds(db: Database, userId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: habits.id })
    .from(habits)
    .where(and(eq(habits.userId, userId), isNull(habits.archivedAt), inArray(habits.id, [...ids])))
    .all();
  return new Set(rows.map((r) => r.id));
}

/**
 * Replaces a patient's reminder settings: the statements for one batch. The days already sent are
 * kept (changing a time never sends a second reminder the same day); habit reminders no longer
 * listed are removed.
 */
export function saveReminderStatements(db: Database, userId: string, s: ReminderSettings, now: number) {
  const prefs = {
    checkinEnabled: s.checkin.enabled,
    checkinMinute: s.checkin.minute,
    quietStartMinute: s.quietHours?.startMinute ?? null,
    quietEndMinute: s.quietHours?.endMinute ?? null,
    updatedAt: now,
  };
  const kept = s.habits.map((h) => h.habitId);
  const statements: BatchItem<"sqlite">[] = [
    db
      .insert(reminderPrefs)
      .values({ userId, ...prefs })
      .onConflictDoUpdate({ target: reminderPrefs.userId, set: prefs }),
    db
      .delete(habitReminders)
      .where(
        and(
          eq(habitReminders.userId, userId),
          sql`${habitReminders.habitId} NOT IN (SELECT value FROM json_each(${JSON.stringify(kept)}))`,
        ),
      ),
    ...s.habits.map((h) =>
      db
        .insert(habitReminders)
        .values({ userId, habitId: h.habitId, minute: h.minute, updatedAt: now })
        .onConflictDoUpdate({
          target: [habitReminders.userId, habitReminders.habitId],
          set: { minute: h.minute, updatedAt: now },
        }),
    ),
  ];
  return statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];
}

/** Active patients only: a disabled account or a staff member is never reminded. */
const activePatient = and(eq(users.role, "patient"), eq(users.status, "active"));
/** The patient has at least one push subscription (the others get the in-app nudge instead). */
const subscribed = sql`EXISTS (SELECT 1 FROM ${pushSubscriptions} WHERE ${pushSubscriptions.userId} = ${users.id})`;

export interface CheckinReminderRow {
  userId: string;
  timezone: string;
  dayStartHour: number;
  minute: number;
  quietStartMinute: number | null;
  quietEndMinute: number | null;
  lastDay: string | null;
}

/** Enabled check-in reminders of active, subscribed patients (the sweep's input). */
export function subscribedCheckinReminders(db: Database): Promise<CheckinReminderRow[]> {
  return db
    .select({
      userId: users.id,
      timezone: users.timezone,
      dayStartHour: users.dayStartHour,
      minute: reminderPrefs.checkinMinute,
      quietStartMinute: reminderPrefs.quietStartMinute,
      quietEndMinute: reminderPrefs.quietEndMinute,
      lastDay: reminderPrefs.checkinLastDay,
    })
    .from(reminderPrefs)
    .innerJoin(users, eq(users.id, reminderPrefs.userId))
    .where(and(eq(reminderPrefs.checkinEnabled, true), activePatient, subscribed))
    .all();
}

export interface HabitReminderRow extends CheckinReminderRow {
  habitId: string;
  name: string;
  scheduleType: "daily" | "weekly";
  scheduleTarget: number;
}

function habitReminderQuery(db: Database) {
  return db
    .select({
      userId: users.id,
      timezone: users.timezone,
      dayStartHour: users.dayStartHour,
      minute: habitReminders.minute,
      quietStartMinute: reminderPrefs.quietStartMinute,
      quietEndMinute: reminderPrefs.quietEndMinute,
      lastDay: habitReminders.lastDay,
      habitId: habitReminders.habitId,
      name: habits.name,
      scheduleType: habits.scheduleType,
      scheduleTarget: habits.scheduleTarget,
    })
    .from(habitReminders)
    .innerJoin(users, eq(users.id, habitReminders.userId))
    .innerJoin(habits, and(eq(habits.userId, habitReminders.userId), eq(habits.id, habitReminders.habitId)))
    .leftJoin(reminderPrefs, eq(reminderPrefs.userId, habitReminders.userId));
}

/** Habit reminders (current habits) of active, subscribed patients (the sweep's input). */
export function subscribedHabitReminders(db: Database): Promise<HabitReminderRow[]> {
  return habitReminderQuery(db)
    .where(and(isNull(habits.archivedAt), activePatient, subscribed))
    .all();
}

/** One patient's reminders with their zone: the in-app nudges' input (subscribed or not). */
export async function remindersOf(db: Database, userId: string) {
  const [checkin, habitRows] = await db.batch([
    db
      .select({
        userId: users.id,
        timezone: users.timezone,
        dayStartHour: users.dayStartHour,
        enabled: reminderPrefs.checkinEnabled,
        minute: reminderPrefs.checkinMinute,
        quietStartMinute: reminderPrefs.quietStartMinute,
        quietEndMinute: reminderPrefs.quietEndMinute,
        lastDay: reminderPrefs.checkinLastDay,
      })
      .from(reminderPrefs)
      .innerJoin(users, eq(users.id, reminderPrefs.userId))
      .where(and(eq(reminderPrefs.userId, userId), activePatient)),
    habitReminderQuery(db).where(and(eq(habitReminders.userId, userId), isNull(habits.archivedAt), activePatient)),
  ]);
  return { checkin: checkin[0]?.enabled ? checkin[0] : null, habits: habitRows };
}

/**
 * Whether the patient checked in (a mood) on the local day `day`, or has a check-in whose own
 * local day has not ended yet at `now` (after a change of zone, that one counts for today too).
 */
export async function checkedIn(db: Database, userId: string, day: string, now: number): Promise<boolean> {
  const row = await db
    .select({ one: sql<number>`1` })
    .from(moods)
    .where(and(eq(moods.userId, userId), or(eq(moods.localDay, day), gte(moods.dayEndsAt, now + 1))))
    .limit(1)
    .get();
  return row !== undefined;
}

/** Live (not undone) completions of one habit per local day, from `fromDay` to `toDay`. */
export async function habitCountsBetween(
  db: Database,
  userId: string,
  habitId: string,
  fromDay: string,
  toDay: string,
): Promise<Map<string, number>> {
  const rows = await db
    .select({ day: habitCompletions.localDay, n: sql<number>`count(*)` })
    .from(habitCompletions)
    .where(
      and(
        eq(habitCompletions.userId, userId),
        eq(habitCompletions.habitId, habitId),
        isNull(habitCompletions.undoneAt),
        gte(habitCompletions.localDay, fromDay),
        lte(habitCompletions.localDay, toDay),
      ),
    )
    .groupBy(habitCompletions.localDay)
    .all();
  return new Map(rows.map((r) => [r.day, Number(r.n)]));
}

/**
 * Claims the check-in reminder of local day `day` for sending: true for exactly one caller, and
 * only while it is enabled and not yet sent for that day or a later one.
 */
export async function claimCheckinDay(db: Database, userId: string, day: string): Promise<boolean> {
  const rows = await db
    .update(reminderPrefs)
    .set({ checkinLastDay: day })
    .where(
      and(
        eq(reminderPrefs.userId, userId),
        eq(reminderPrefs.checkinEnabled, true),
        or(isNull(reminderPrefs.checkinLastDay), sql`${reminderPrefs.checkinLastDay} < ${day}`),
      ),
    )
    .returning({ userId: reminderPrefs.userId });
  return rows.length === 1;
}

/** Claims a habit reminder's local day for sending: true for exactly one caller. */
export async function claimHabitDay(db: Database, userId: string, habitId: string, day: string): Promise<boolean> {
  const rows = await db
    .update(habitReminders)
    .set({ lastDay: day })
    .where(
      and(
        eq(habitReminders.userId, userId),
        eq(habitReminders.habitId, habitId),
        or(isNull(habitReminders.lastDay), sql`${habitReminders.lastDay} < ${day}`),
      ),
    )
    .returning({ userId: habitReminders.userId });
  return rows.length === 1;
}
