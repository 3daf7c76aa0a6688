/**
 * Helpers for the reminder tests: a patient whose local clock reads about noon right now (a
 * fixed-offset Etc/GMT zone), so a reminder "a few minutes ago" is always on today's local day.
 */
import { call, json, type Registered, register } from "./helpers";

/** The Etc/GMT zone whose local time is closest to 12:00 at `now` (Etc/GMT-5 is UTC+5). */
export function noonZone(now = Date.now()): { timezone: string; offsetHours: number } {
  const utcHour = new Date(now).getUTCHours();
  const offsetHours = 12 - utcHour; // −11 … +12
  const timezone = offsetHours === 0 ? "Etc/GMT" : `Etc/GMT${offsetHours > 0 ? "-" : "+"}${Math.abs(offsetHours)}`;
  return { timezone, offsetHours };
}

/** The local minute of the day at `now` in a zone `offsetHours` ahead of UTC. */
export function localMinuteNow(offsetHours: number, now = Date.now()): number {
  const d = new Date(now + offsetHours * 3_600_000);
  return d.getUTCHours() * 60 + d.getUTCMinutes();
}

/** A registered patient in a zone where it is about noon, with a day starting at 04:00. */
export async function noonPatient(): Promise<Registered & { offsetHours: number }> {
  const r = await register();
  const { timezone, offsetHours } = noonZone();
  const res = await call("/api/v1/me", { method: "PATCH", token: r.accessToken, body: { timezone, dayStartHour: 4 } });
  if (res.status !== 200) throw new Error(`profile update failed: ${res.status} ${await res.text()}`);
  return { ...r, offsetHours };
}

export function putReminders(token: string, body: unknown): Promise<Response> {
  return call("/api/v1/notifications/reminders", { method: "PUT", token, body });
}

export async function summaryOf<T = { unreadMessages: number; nudges: unknown[]; openFlags?: unknown }>(
  token: string,
): Promise<T> {
  const res = await call("/api/v1/notifications/summary", { token });
  if (res.status !== 200) throw new Error(`summary failed: ${res.status} ${await res.text()}`);
  return json<T>(res);
}
