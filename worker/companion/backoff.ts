import { COMPANION_BACKOFF_BASE_MS, COMPANION_BACKOFF_MAX_MS } from "../../shared/limits";

/**
 * A `Retry-After` header in milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable; never negative.
 */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date always ends in "GMT" (IMF-fixdate and the obsolete forms alike).
  const date = value.endsWith("GMT") ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long to wait before attempt `attempt + 1` after `attempt` failed (attempt counts from 1):
 * the provider's Retry-After when it sent one, otherwise base × 2^(attempt − 1) with jitter
 * (between half and all of it, so many clients do not retry in step) — capped either way, so
 * one slow provider cannot hold a request for long.
 *
 * @example backoffMs(1, undefined, () => 1) // 250
 * @example backoffMs(2, 60_000, Math.random) // 5000: the cap, not a minute
 */
export function backoffMs(attempt: number, retryAfter: number | undefined, random: () => number): number {
  if (retryAfter !== undefined) return Math.min(retryAfter, COMPANION_BACKOFF_MAX_MS);
  const full = Math.min(COMPANION_BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1), COMPANION_BACKOFF_MAX_MS);
  return Math.round(full * (0.5 + random() / 2));
}
