import { z } from "zod";
import { MINUTES_PER_DAY } from "../domain/reminders";

/** The most habit reminders a patient keeps (one per habit; more habits than this is unusual). */
export const MAX_HABIT_REMINDERS = 50;

/** A local minute of the day: 0 (00:00) to 1439 (23:59). */
export const minuteOfDay = z
  .number()
  .int("A time is a whole minute of the day.")
  .min(0, "A time lies between 00:00 and 23:59.")
  .max(MINUTES_PER_DAY - 1, "A time lies between 00:00 and 23:59.");

/** Quiet hours: no reminder from `startMinute` until `endMinute` (wrapping midnight when start > end). */
export const quietHoursSchema = z
  .strictObject({ startMinute: minuteOfDay, endMinute: minuteOfDay })
  .refine((q) => q.startMinute !== q.endMinute, {
    message: "Quiet hours start and end at different times.",
    path: ["endMinute"],
  });

/** A reminder for one of my habits at a local minute of the day. */
export const habitReminderSchema = z.strictObject({ habitId: z.uuid(), minute: minuteOfDay });

/**
 * `GET` and `PUT /notifications/reminders`: a patient's reminders, all opt-in. The check-in
 * reminder's time is kept while it is off; quiet hours null means none; one reminder per habit.
 */
export const reminderSettingsSchema = z.strictObject({
  checkin: z.strictObject({ enabled: z.boolean(), minute: minuteOfDay }),
  quietHours: quietHoursSchema.nullable(),
  habits: z
    .array(habitReminderSchema)
    .max(MAX_HABIT_REMINDERS, `At most ${MAX_HABIT_REMINDERS} habit reminders.`)
    .refine((list) => new Set(list.map((h) => h.habitId)).size === list.length, {
      message: "One reminder per habit.",
    }),
});
export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;

/** An in-app nudge: a reminder due now (shown on open when no push reached the device). */
export const nudgeSchema = z.strictObject({
  kind: z.enum(["checkin", "habit"]),
  habitId: z.uuid().optional(),
  name: z.string().optional(),
});
export type Nudge = z.infer<typeof nudgeSchema>;

/**
 * `GET /notifications/summary`: my unread messages, a patient's due nudges, and for care staff
 * the unresolved flags of their assigned patients (the risk inbox's count).
 */
export const notificationSummarySchema = z.strictObject({
  unreadMessages: z.number().int().min(0),
  nudges: z.array(nudgeSchema),
  openFlags: z.strictObject({ high: z.number().int().min(0), medium: z.number().int().min(0) }).optional(),
});
export type NotificationSummary = z.infer<typeof notificationSummarySchema>;
