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
/**
 * Codes checked with one mfaToken at most: after this many failures the token is locked (sign in
 * again). A correct code spends the token, so it is single-use either way.
 */
export const MFA_TOKEN_MAX_ATTEMPTS = 10;
/** A refresh token family dies after 7 days without use... */
export const REFRESH_IDLE_SECONDS = 7 * 24 * 60 * 60;
/** ...and 30 days after sign-in whatever happens; rotation never extends this. */
export const REFRESH_ABSOLUTE_SECONDS = 30 * 24 * 60 * 60;
/**
 * A spent refresh token presented again within this many seconds of its first use — its answer
 * was lost to a reload or a dropped connection, or two tabs refreshed at once — gets a sibling
 * token in the same family instead of tripping reuse detection and signing the user out
 * everywhere (supabase/auth-js#213). The window is never extended; later reuse revokes the
 * whole family. 30 s, the most issue 11 allows: a phone whose refresh answer was lost to a
 * dropping connection often needs more than a few seconds to get back, and a shorter window
 * would sign that patient out; a thief gets no more than a sibling within the same 30 s.
 */
export const REFRESH_GRACE_SECONDS = 30;

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

/**
 * Fixed-window rate limits. Those that guard a secret (a password, a second factor) are counted
 * atomically in a Durable Object (worker/durable/attempt-counter.ts); only the quotas listed in
 * KV_RATE_LIMITS stay in KV, which can let a parallel burst through (docs/security.md "Security baseline").
 */
export const RATE_LIMITS = {
  loginPerAccount: { limit: 5, windowSeconds: 60 },
  loginPerIp: { limit: 30, windowSeconds: 60 },
  twoFactorPerUser: { limit: 10, windowSeconds: 60 },
  /** DELETE /me re-checks the password (and the second factor): no password oracle, no scrypt flood. */
  deleteAccountPerUser: { limit: 5, windowSeconds: 60 },
  registerPerIp: { limit: 5, windowSeconds: 60 * 60 },
  /**
   * Email confirmation codes a user may have sent (a new code, or a change of address) per hour:
   * bounds the mail one account can cause, and the guesses at codes (5 per code) to 25 an hour.
   */
  emailVerificationSendPerUser: { limit: 5, windowSeconds: 60 * 60 },
  syncPushPerUser: { limit: 60, windowSeconds: 60 },
  companionChatPerUser: { limit: 30, windowSeconds: 60 },
  /**
   * "Forgot password" requests (POST /auth/password-reset/request), per address asked about
   * (counted by the email's audit hash, so unknown addresses are limited alike) and per client
   * address: each sends an email, so nobody can flood an inbox or the provider.
   */
  passwordResetRequestPerAccount: { limit: 5, windowSeconds: 60 * 60 },
  passwordResetRequestPerIp: { limit: 20, windowSeconds: 60 * 60 },
} as const satisfies Record<string, RateLimitRule>;

export type RateLimitName = keyof typeof RATE_LIMITS;

/**
 * The limits that guard no secret — quotas on work a signed-in user asks for — and may stay in
 * KV (eventually consistent, so a burst can briefly exceed them). Every other limit, including
 * any added later, is counted in the Durable Object.
 */
export const KV_RATE_LIMITS: readonly RateLimitName[] = ["syncPushPerUser", "companionChatPerUser"];

/** At most this many operations in one sync push; more is refused whole (nothing applied). */
export const SYNC_PUSH_MAX_OPERATIONS = 100;
/** Sync pulls page the change log in bigger pages than ordinary lists: a phone catching up after days offline. */
export const SYNC_PULL_LIMIT_DEFAULT = 500;
export const SYNC_PULL_LIMIT_MAX = 1000;

/** A companion chat message: 1–10,000 characters (PRODUCT.md, "Input limits"). */
export const COMPANION_TEXT_MAX = 10_000;
/**
 * What the model is sent at most, in approximate tokens (characters / 4): the system prompt, the
 * new message, and as many of the most recent turns as still fit.
 */
export const COMPANION_HISTORY_TOKEN_BUDGET = 3_000;
/** Characters per token, for the approximation above (English prose averages about four). */
export const COMPANION_CHARS_PER_TOKEN = 4;
/** The longest reply asked of the model, in its own tokens (`max_tokens`). */
export const COMPANION_REPLY_MAX_TOKENS = 1_024;
/** Turns read from D1 before the budget is applied (a cap on work, far above what fits). */
export const COMPANION_HISTORY_READ_MAX = 200;
/** The provider must answer and start streaming within this time (connect + first token)... */
export const COMPANION_FIRST_TOKEN_TIMEOUT_MS = 20_000;
/** ...and finish the whole reply within this one. */
export const COMPANION_OVERALL_TIMEOUT_MS = 90_000;
/** Attempts in all (the first plus retries) on 429 and 5xx, only before the first token. */
export const COMPANION_MAX_ATTEMPTS = 3;
/** Exponential backoff between attempts: base × 2^(attempt − 1), with jitter... */
export const COMPANION_BACKOFF_BASE_MS = 250;
/** ...and never longer than this, even when the provider's Retry-After asks for more. */
export const COMPANION_BACKOFF_MAX_MS = 5_000;

/**
 * The companion's safety second opinion (a model asked to classify the patient's last turns) must
 * answer within this time; after it the rule check's answer stands alone.
 */
export const COMPANION_SAFETY_TIMEOUT_MS = 4_000;

/** How long a password-reset code sent by email ("forgot password") stays valid: 30 minutes. */
export const PASSWORD_RESET_EMAIL_TTL_MS = 30 * 60 * 1000;

/** A journal entry's fields (thought record): each at most this many characters. */
export const JOURNAL_FIELD_MAX = 4_000;
