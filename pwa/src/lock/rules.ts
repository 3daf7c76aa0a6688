import { REFRESH_IDLE_SECONDS } from "../../../shared/limits";

/**
 * The device's rules for showing cached health data (issue 13, item 7), pure and with the clock
 * passed in. Opening offline is allowed only as long as the server would still accept the
 * session: its refresh token dies after REFRESH_IDLE_SECONDS without use, so a device that has
 * not had an authenticated answer for longer shows the signed-out screen instead.
 */
export const OFFLINE_RESUME_MS = REFRESH_IDLE_SECONDS * 1000;
/** A clock this far behind the last server contact was turned back: the cap cannot be trusted. */
export const CLOCK_BACK_TOLERANCE_MS = 5 * 60 * 1000;
/** With an app PIN, returning after this long in the background asks for it again. */
export const BACKGROUND_RELOCK_MS = 5 * 60 * 1000;

/**
 * May the app open on its cached data without reaching the server? Only within the refresh
 * token's idle lifetime of the last authenticated answer; never without a recorded contact, or
 * when the clock now reads well before that contact (turned back to stretch the cap).
 */
export function mayResumeOffline(lastContactMs: number | null, nowMs: number): boolean {
  if (lastContactMs === null || !Number.isFinite(lastContactMs)) return false;
  if (nowMs < lastContactMs - CLOCK_BACK_TOLERANCE_MS) return false;
  return nowMs - lastContactMs <= OFFLINE_RESUME_MS;
}

/** Back from the background (hidden since `hiddenAtMs`): ask for the PIN again? */
export function relockOnReturn(hiddenAtMs: number | null, nowMs: number): boolean {
  if (hiddenAtMs === null) return false;
  if (nowMs < hiddenAtMs) return true;
  return nowMs - hiddenAtMs >= BACKGROUND_RELOCK_MS;
}

/** An app PIN is 4 to 8 ASCII digits. */
export function validPin(pin: string): boolean {
  return /^[0-9]{4,8}$/.test(pin);
}
