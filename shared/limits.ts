/**
 * Every number Haven enforces, named and in one place (PRODUCT.md "Input limits and rate
 * limits" and the account rules of issue 2). Tests import these rather than repeating them.
 */

/** Largest accepted request body, in bytes; larger (declared or streamed) gets 413. */
export const BODY_LIMIT_BYTES = 64 * 1024;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
export const DISPLAY_NAME_MAX_LENGTH = 80;
export const EMAIL_MAX_LENGTH = 254;

/** Access tokens (JWT) live 15 minutes. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** The short-lived token between a correct password and the second factor. */
export const MFA_TOKEN_TTL_SECONDS = 5 * 60;
/** A refresh token family dies after 7 days without use... */
export const REFRESH_IDLE_SECONDS = 7 * 24 * 60 * 60;
/** ...and 30 days after sign-in whatever happens; rotation never extends this. */
export const REFRESH_ABSOLUTE_SECONDS = 30 * 24 * 60 * 60;
/**
 * Two tabs refreshing with the same token at once: the second, arriving within this many
 * seconds of the first, gets 409 REFRESH_CONFLICT (retry with the rotated cookie) instead of
 * tripping reuse detection and signing the user out everywhere (supabase/auth-js#213).
 * Later reuse revokes the whole family.
 */
export const REFRESH_GRACE_SECONDS = 10;

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes from one step before or after the current one are accepted (clock skew). */
export const TOTP_WINDOW_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;

/** Paged lists: `?limit=` defaults to this and may not exceed PAGE_LIMIT_MAX. */
export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 100;

export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

/** Rate limits kept in KV (coarse; README.md explains the consistency caveat). */
export const RATE_LIMITS = {
  loginPerAccount: { limit: 5, windowSeconds: 60 },
  loginPerIp: { limit: 30, windowSeconds: 60 },
  twoFactorPerUser: { limit: 10, windowSeconds: 60 },
  registerPerIp: { limit: 5, windowSeconds: 60 * 60 },
  syncPushPerUser: { limit: 60, windowSeconds: 60 },
} as const satisfies Record<string, RateLimitRule>;

export type RateLimitName = keyof typeof RATE_LIMITS;

/** At most this many operations in one sync push; more is refused whole (nothing applied). */
export const SYNC_PUSH_MAX_OPERATIONS = 100;
/** Sync pulls page the change log in bigger pages than ordinary lists: a phone catching up after days offline. */
export const SYNC_PULL_LIMIT_DEFAULT = 500;
export const SYNC_PULL_LIMIT_MAX = 1000;
