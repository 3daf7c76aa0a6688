import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RATE_LIMITS } from "../../shared/limits";
import { signMfaToken } from "../../worker/auth/tokens";
import { hitRateLimit } from "../../worker/lib/rate-limit";
import { call, errorOf, PASSWORD, randomIp, register, uniqueEmail } from "./helpers";

async function blockedEvents(target: string): Promise<number> {
  const row = await env.DB.prepare(
    "SELECT count(*) AS n FROM audit_events WHERE action = 'rate_limit.block' AND target = ? AND outcome = 'blocked'",
  )
    .bind(target)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe("rate limits (fixed windows)", () => {
  // The windows are fixed on the clock: freeze Date (the Worker runs in this isolate) at the
  // start of a window, so a minute or hour boundary cannot fall inside a test's burst.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const hour = 3600_000;
    vi.setSystemTime(Math.floor(Date.now() / hour) * hour + hour + 1000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("allows exactly the limit inside a window, then refuses until the next window", async () => {
    const key = crypto.randomUUID();
    const t0 = Date.UTC(2026, 10, 22, 10, 0, 0);
    for (let i = 0; i < RATE_LIMITS.loginPerAccount.limit; i++) {
      expect((await hitRateLimit(env, "loginPerAccount", key, t0 + i * 1000)).allowed).toBe(true);
    }
    const blocked = await hitRateLimit(env, "loginPerAccount", key, t0 + 20_000);
    expect(blocked).toEqual({ allowed: false, retryAfter: 40 });
    expect((await hitRateLimit(env, "loginPerAccount", key, t0 + 60_000)).allowed).toBe(true);
  });

  it("blocks the 6th login attempt on one account within a minute, from any address, with 429 and Retry-After", async () => {
    const r = await register();
    for (let i = 0; i < 5; i++) {
      const res = await call("/api/v1/auth/login", { body: { email: r.email, password: "wrong password!!" } });
      expect(res.status).toBe(401);
    }
    const before = await blockedEvents("loginPerAccount");
    const sixth = await call("/api/v1/auth/login", { body: { email: r.email, password: PASSWORD } });
    expect(sixth.status).toBe(429);
    // One second into the (frozen) window: 59 seconds until it resets.
    expect(sixth.headers.get("Retry-After")).toBe("59");
    expect((await errorOf(sixth)).code).toBe("RATE_LIMITED");
    expect(await blockedEvents("loginPerAccount")).toBe(before + 1);
  });

  it("blocks the 31st login from one address within a minute, whichever accounts it tries", async () => {
    const ip = randomIp();
    for (let i = 0; i < 30; i++) {
      const res = await call("/api/v1/auth/login", { ip, body: { email: uniqueEmail(), password: PASSWORD } });
      expect(res.status).toBe(401);
    }
    const res = await call("/api/v1/auth/login", { ip, body: { email: uniqueEmail(), password: PASSWORD } });
    expect(res.status).toBe(429);
    const other = await call("/api/v1/auth/login", { body: { email: uniqueEmail(), password: PASSWORD } });
    expect(other.status).toBe(401);
  });

  it("allows 5 registrations per address per hour", async () => {
    const ip = randomIp();
    const body = () => ({ email: uniqueEmail(), password: PASSWORD, displayName: "R", timezone: "UTC" });
    for (let i = 0; i < 5; i++) expect((await call("/api/v1/auth/register", { ip, body: body() })).status).toBe(201);
    const sixth = await call("/api/v1/auth/register", { ip, body: body() });
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get("Retry-After")).toBe("3599");
  });

  it("allows 10 second-factor attempts per user per minute", async () => {
    const r = await register();
    const mfaToken = await signMfaToken(env.JWT_SECRET, r.user.id);
    for (let i = 0; i < 10; i++) {
      const res = await call("/api/v1/auth/2fa/verify", { body: { mfaToken, code: "000000" } });
      expect(res.status).not.toBe(429);
    }
    const res = await call("/api/v1/auth/2fa/verify", { body: { mfaToken, code: "000000" } });
    expect(res.status).toBe(429);
    const row = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_events WHERE action = 'rate_limit.block' AND user_id = ? AND target = 'twoFactorPerUser'",
    )
      .bind(r.user.id)
      .first<{ n: number }>();
    expect(row?.n).toBe(1);
  });
});
