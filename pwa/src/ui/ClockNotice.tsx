import { CLOCK_WARN_MS, type ClockMeasurement } from "../data/clock";
import { useMeta } from "../data/meta";

/** "3 days", "10 minutes": how far off, in the largest whole unit. */
function howFar(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

/**
 * What to tell the patient when their device's clock is wrong (as the server's stated time
 * measured it), or null. Haven corrects its own times for it, so nothing is filed on the wrong
 * day; the note is so the patient can fix the clock for everything else. Shown in the status line.
 */
export function useClockNotice(): string | null {
  const clock = useMeta<ClockMeasurement>("clock");
  if (!clock || Math.abs(clock.skewMs) < CLOCK_WARN_MS) return null;
  // skew = server − device: positive means the device is behind.
  const direction = clock.skewMs > 0 ? "behind" : "ahead";
  return `This device's clock is about ${howFar(clock.skewMs)} ${direction}. Haven uses the correct time for your check-ins and habits; you may want to fix the clock in your device's settings.`;
}
