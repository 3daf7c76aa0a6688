import { useEffect, useState } from "preact/hooks";
import { localDay } from "../../../shared/domain/local-day";
import type { PublicUser } from "../../../shared/schemas/auth";
import { clock } from "./sync";

/** How often an open screen looks at the clock for a new local day. */
const CHECK_EVERY_MS = 30_000;

/**
 * The user's local day now ("today" in their time zone, starting at their day-start hour), kept
 * current while the app stays open: a patient who opens Haven at 03:55 and looks again at 04:05
 * sees the new day's habits, not yesterday's ticks. Timers sleep with the phone and a wall clock
 * can jump (travel, a corrected clock), so the day is re-read on an interval and whenever the
 * app comes back into view, rather than trusting one long timer to fire at the boundary.
 */
export function useLocalDay(user: Pick<PublicUser, "timezone" | "dayStartHour">): string {
  // The clock corrected by the server's stated time: a phone days behind still sees the right day.
  const read = () => localDay(clock.now(), user.timezone, user.dayStartHour);
  const [today, setToday] = useState(read);
  useEffect(() => {
    const check = () => setToday(read());
    check();
    const interval = setInterval(check, CHECK_EVERY_MS);
    document.addEventListener("visibilitychange", check);
    window.addEventListener("focus", check);
    return () => {
      clearInterval(interval);
      document.removeEventListener("visibilitychange", check);
      window.removeEventListener("focus", check);
    };
  }, [user.timezone, user.dayStartHour]);
  return today;
}
