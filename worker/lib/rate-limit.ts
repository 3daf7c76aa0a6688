import type { Context } from "hono";
import { ApiError } from "../../shared/errors";
import { KV_RATE_LIMITS, RATE_LIMITS, type RateLimitName } from "../../shared/limits";
import { tooManyAttempts } from "../../shared/wait-words";
import type { AppEnv } from "../app-env";
import { audit } from "./audit";

/** KV refuses an expiration sooner than 60 s. */
const KV_MIN_TTL_SECONDS = 60;

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the window resets (for Retry-After). */
  retryAfter: number;
}

/**
 * Counts one attempt against a fixed-window limit. A limit that guards a secret is counted in
 * its AttemptCounter Durable Object (`<name>:<key>`), which decides and counts in one step, so a
 * parallel burst gets exactly `limit` through; the quotas in KV_RATE_LIMITS use the KV counter.
 */
export function hitRateLimit(
  env: Pick<Env, "RATE_LIMIT" | "ATTEMPT_COUNTER">,
  name: RateLimitName,
  key: string,
  nowMs = Date.now(),
): Promise<RateLimitResult> {
  if (KV_RATE_LIMITS.includes(name)) return hitKvRateLimit(env.RATE_LIMIT, name, key, nowMs);
  return env.ATTEMPT_COUNTER.get(env.ATTEMPT_COUNTER.idFromName(`${name}:${key}`)).hit(name, nowMs);
}

/** The attempt counter of one MFA-step token (by its jti): locked after its attempts, spent once verified. */
export function mfaTokenCounter(env: Pick<Env, "ATTEMPT_COUNTER">, tokenId: string) {
  return env.ATTEMPT_COUNTER.get(env.ATTEMPT_COUNTER.idFromName(`mfaToken:${tokenId}`));
}

/**
 * A fixed-window counter in KV: `rl:<name>:<key>:<window start>`. It reads, then writes, and KV
 * is eventually consistent (about 60 s across locations), so parallel requests can all pass:
 * only for quotas that guard no secret (KV_RATE_LIMITS; docs/security.md "Security baseline").
 */
async function hitKvRateLimit(
  kv: KVNamespace,
  name: RateLimitName,
  key: string,
  nowMs: number,
): Promise<RateLimitResult> {
  const { limit, windowSeconds } = RATE_LIMITS[name];
  const now = Math.floor(nowMs / 1000);
  const windowStart = now - (now % windowSeconds);
  const retryAfter = Math.max(1, windowStart + windowSeconds - now);
  const kvKey = `rl:${name}:${key}:${windowStart}`;
  const count = Number((await kv.get(kvKey)) ?? "0");
  if (count >= limit) return { allowed: false, retryAfter };
  await kv.put(kvKey, String(count + 1), {
    expirationTtl: Math.max(KV_MIN_TTL_SECONDS, windowSeconds + KV_MIN_TTL_SECONDS),
  });
  return { allowed: true, retryAfter };
}

/**
 * Counts one attempt against a limit; over it, writes a `rate_limit.block` audit event. For the
 * callers that still serve part of a refused request (sync push: a crisis flag is never
 * rate-limited); the rest use enforceRateLimit.
 */
export async function checkRateLimit(
  c: Context<AppEnv>,
  name: RateLimitName,
  key: string,
  who: { userId?: string | null } = {},
): Promise<RateLimitResult> {
  const result = await hitRateLimit(c.env, name, key);
  if (result.allowed) return result;
  await audit(c, {
    action: "rate_limit.block",
    outcome: "blocked",
    userId: who.userId ?? null,
    target: name,
    errorCode: "RATE_LIMITED",
  });
  return result;
}

/** 429 RATE_LIMITED with Retry-After, for a limit checkRateLimit refused. */
export function rateLimited(result: RateLimitResult): ApiError {
  return new ApiError("RATE_LIMITED", {
    message: tooManyAttempts(result.retryAfter),
    headers: { "Retry-After": String(result.retryAfter) },
  });
}

/**
 * Counts one attempt against a limit; over it, writes a `rate_limit.block` audit event and
 * throws 429 RATE_LIMITED with Retry-After.
 */
export async function enforceRateLimit(
  c: Context<AppEnv>,
  name: RateLimitName,
  key: string,
  who: { userId?: string | null } = {},
): Promise<void> {
  const result = await checkRateLimit(c, name, key, who);
  if (!result.allowed) throw rateLimited(result);
}
