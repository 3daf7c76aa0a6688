import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RATE_LIMITS } from "../../shared/limits";

const MFA_TOKEN_MAX_ATTEMPTS = 10;

import { totpStep } from "../../worker/auth/totp";
import { call, codeAt, errorOf, PASSWORD, patientWithTwoFactor, randomIp, register, uniqueEmail } from "./helpers";

/**
 * Issue 13, item 1: the limits that guard a secret must hold under a burst of parallel requests
 * (the KV counter was read, then written, so a burst was evaluated whole), and issue 13, item 12:
 * an mfaToken is spent by its first successful verify and locked after its attempts run out.
 */

/** Statuses of a burst, counted: `{ 401: 5, 429: 35 }`. */
function tally(responses: Response[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const res of responses) counts[res.status] = (counts[res.status] ?? 0) + 1;
  return counts;
}

async function mfaTokenFor(email: string): Promise<string> {
  const res = await call("/api/v1/auth/login", { body: { email, password: PASSWORD } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { mfaToken: string }).mfaToken;
}

/**
 * Moves the frozen clock a minute on: a fresh per-user 2FA window (enrolment's confirmation
 * counts against the same limit), still inside an mfaToken's five minutes.
 */
const nextMinute = () => vi.setSystemTime(Date.now() + 60_000);

const verify = (mfaToken: string, code: string, ip?: string) =>
  call("/api/v1/auth/2fa/verify", { body: { mfaToken, code }, ip });

describe("limits that guard a secret hold under parallel bursts", () => {
  // Fixed windows: freeze Date a second into a fresh hour (and a few seconds into a TOTP step),
  // so no window boundary falls inside a burst.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const hour = 3600_000;
    vi.setSystemTime(Math.floor(Date.now() / hour) * hour + hour + 5_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("40 simultaneous logins against one account: exactly 5 evaluated, and the right password among the rest refused", async () => {
    const r = await register();
    const { limit } = RATE_LIMITS.loginPerAccount;
    const burst = await Promise.all([
      ...Array.from({ length: 39 }, () => call("/api/v1/auth/login", { body: { email: r.email, password: "wrong!" } })),
      call("/api/v1/auth/login", { body: { email: r.email, password: PASSWORD } }),
    ]);
    const counts = tally(burst);
    expect((counts[401] ?? 0) + (counts[200] ?? 0)).toBe(limit);
    expect(counts[429]).toBe(40 - limit);
    // Over the limit the right password is refused like any other attempt.
    const after = await call("/api/v1/auth/login", { body: { email: r.email, password: PASSWORD } });
    expect(after.status).toBe(429);
  });

  it("40 simultaneous logins from one address: exactly 30 evaluated", async () => {
    const ip = randomIp();
    const burst = await Promise.all(
      Array.from({ length: 40 }, () =>
        call("/api/v1/auth/login", { ip, body: { email: uniqueEmail(), password: PASSWORD } }),
      ),
    );
    expect(tally(burst)).toEqual({ 401: RATE_LIMITS.loginPerIp.limit, 429: 40 - RATE_LIMITS.loginPerIp.limit });
  });

  it("12 simultaneous registrations from one address: exactly 5 evaluated", async () => {
    const ip = randomIp();
    const burst = await Promise.all(
      Array.from({ length: 12 }, () =>
        call("/api/v1/auth/register", {
          ip,
          body: { email: uniqueEmail(), password: PASSWORD, displayName: "R", timezone: "UTC" },
        }),
      ),
    );
    expect(tally(burst)).toEqual({ 201: RATE_LIMITS.registerPerIp.limit, 429: 12 - RATE_LIMITS.registerPerIp.limit });
  });

  it("60 simultaneous 2FA guesses with one mfaToken: exactly 10 checked, and the right code among the rest refused", async () => {
    const u = await patientWithTwoFactor();
    nextMinute();
    const mfaToken = await mfaTokenFor(u.email);
    const good = await codeAt(u.secret);
    const wrong = good === "000000" ? "111111" : "000000";
    const burst = await Promise.all([
      ...Array.from({ length: 59 }, () => verify(mfaToken, wrong)),
      verify(mfaToken, good),
    ]);
    const codes = await Promise.all(burst.map(async (res) => (res.status === 200 ? "OK" : (await errorOf(res)).code)));
    const evaluated = codes.filter((code) => code === "MFA_CODE_INVALID" || code === "OK").length;
    expect(evaluated).toBe(RATE_LIMITS.twoFactorPerUser.limit);
    expect(codes.filter((code) => code === "OK").length).toBeLessThanOrEqual(1);
  });

  it("2FA guesses spread over several mfaTokens of one user: still exactly 10 checked per user", async () => {
    const u = await patientWithTwoFactor();
    nextMinute();
    const tokens = await Promise.all(Array.from({ length: 4 }, () => mfaTokenFor(u.email)));
    const burst = await Promise.all(tokens.flatMap((t) => Array.from({ length: 6 }, () => verify(t, "000000"))));
    const codes = await Promise.all(burst.map(async (res) => (await errorOf(res)).code));
    expect(codes.filter((code) => code === "MFA_CODE_INVALID").length).toBe(RATE_LIMITS.twoFactorPerUser.limit);
  });
});

describe("an mfaToken's life (issue 13, items 1 and 12)", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime((totpStep(Date.now()) + 1) * 30_000 + 5_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is spent by a successful verify: a second use, even with another valid code, fails with MFA_TOKEN_INVALID", async () => {
    const u = await patientWithTwoFactor();
    const mfaToken = await mfaTokenFor(u.email);
    expect((await verify(mfaToken, await codeAt(u.secret))).status).toBe(200);
    const again = await verify(mfaToken, u.recoveryCodes[0] ?? "");
    expect(again.status).toBe(401);
    expect((await errorOf(again)).code).toBe("MFA_TOKEN_INVALID");
    // The recovery code was not spent by the refused attempt.
    const fresh = await mfaTokenFor(u.email);
    expect((await verify(fresh, u.recoveryCodes[0] ?? "")).status).toBe(200);
  });

  it("two simultaneous verifies with one token and two valid codes: one session at most", async () => {
    const u = await patientWithTwoFactor();
    const mfaToken = await mfaTokenFor(u.email);
    const [a, b] = await Promise.all([
      verify(mfaToken, u.recoveryCodes[1] ?? ""),
      verify(mfaToken, u.recoveryCodes[2] ?? ""),
    ]);
    expect([a?.status, b?.status].filter((s) => s === 200)).toHaveLength(1);
  });

  it("is locked after 10 failed codes: the right code then fails with MFA_TOKEN_INVALID, even in a later minute", async () => {
    const u = await patientWithTwoFactor();
    nextMinute();
    const mfaToken = await mfaTokenFor(u.email);
    const good = await codeAt(u.secret);
    const wrong = good === "000000" ? "111111" : "000000";
    for (let i = 0; i < MFA_TOKEN_MAX_ATTEMPTS; i++) {
      expect((await errorOf(await verify(mfaToken, wrong))).code).toBe("MFA_CODE_INVALID");
    }
    // A minute later the per-user window has reset, but the token stays locked for good.
    nextMinute();
    const locked = await verify(mfaToken, await codeAt(u.secret));
    expect(locked.status).toBe(401);
    expect((await errorOf(locked)).code).toBe("MFA_TOKEN_INVALID");
    // A fresh sign-in still works.
    expect((await verify(await mfaTokenFor(u.email), await codeAt(u.secret))).status).toBe(200);
  });

  it("counts the attempts in the token's store (a Durable Object), not in KV", async () => {
    const u = await patientWithTwoFactor();
    const mfaToken = await mfaTokenFor(u.email);
    await verify(mfaToken, "000000");
    const keys = await env.RATE_LIMIT.list({ prefix: "rl:twoFactorPerUser:" });
    expect(keys.keys.filter((k) => k.name.includes(u.user.id))).toEqual([]);
  });
});
