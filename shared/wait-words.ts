/**
 * How long to wait, in words a person reads at a glance, for the "too many attempts" answers
 * (a 429 carries `Retry-After`): "Try again in 2 minutes." rather than "try again later".
 * Always rounded up, so nobody is told a wait that turns out too short.
 */

/** "30 seconds", "1 minute", "2 minutes", "1 hour", "3 hours", "2 days"; null for no usable wait. */
export function waitInWords(seconds: number): string | null {
  if (!Number.isFinite(seconds) || seconds <= 0) return null;
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (seconds < 60) return plural(Math.ceil(seconds), "second");
  if (seconds < 3600) return plural(Math.ceil(seconds / 60), "minute");
  if (seconds < 86_400) return plural(Math.ceil(seconds / 3600), "hour");
  return plural(Math.ceil(seconds / 86_400), "day");
}

/** The message for a refused attempt: with the wait when it is known. */
export function tooManyAttempts(seconds: number | null): string {
  const wait = seconds === null ? null : waitInWords(seconds);
  return wait ? `Too many attempts. Try again in ${wait}.` : "Too many attempts. Try again in a little while.";
}

/**
 * Seconds from a `Retry-After` header (RFC 9110 §10.2.3: delay-seconds or an HTTP date, against
 * `now`); null when it is missing or not readable.
 */
export function retryAfterSeconds(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  if (!/[a-z]/i.test(text) || Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
