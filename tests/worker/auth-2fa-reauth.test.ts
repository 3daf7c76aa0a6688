/**
 * Issue 13, item 5 (first half): turning two-factor sign-in on or off takes fresh authentication.
 * An access token alone (a stolen one) can neither enrol an authenticator, confirm it, nor turn
 * 2FA off; a wrong password is refused and audited; a change ends every other session of the
 * user and keeps the one that made it. All three routes share the per-user 2FA limit.
 */
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RATE_LIMITS } from "../../shared/limits";
import { totpStep } from "../../worker/auth/totp";
import {
  call,
  codeAt,
  errorOf,
  login,
  PASSWORD,
  patientWithTwoFactor,
  type Registered,
  refresh,
  register,
  startOfAFullWindow,
} from "./helpers";

const enroll = (r: Registered, body?: unknown) =>
  call("/api/v1/auth/2fa/enroll", { method: "POST", token: r.accessToken, body });
const confirm = (r: Registered, body: unknown) => call("/api/v1/auth/2fa/confirm", { token: r.accessToken, body });
const disable = (r: Registered, body: unknown) => call("/api/v1/auth/2fa/disable", { token: r.accessToken, body });

async function userRow(userId: string) {
  return env.DB.prepare("SELECT totp_secret, totp_pending_secret FROM users WHERE id = ?")
    .bind(userId)
    .first<{ totp_secret: string | null; totp_pending_secret: string | null }>();
}

async function auditCount(userId: string, action: string, outcome: string, errorCode: string | null = null) {
  const row = await env.DB.prepare(
    "SELECT count(*) AS n FROM audit_events WHERE user_id = ? AND action = ? AND outcome = ? AND error_code IS ?",
  )
    .bind(userId, action, outcome, errorCode)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** The owner enrols with the password; the secret their authenticator now holds. */
async function enrolWithPassword(r: Registered): Promise<string> {
  const res = await enroll(r, { password: PASSWORD });
  expect(res.status).toBe(200);
  return ((await res.json()) as { secret: string }).secret;
}

describe("2FA set-up and removal need fresh authentication", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime((totpStep(Date.now()) + 1) * 30_000 + 5_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a stolen access token alone cannot enrol: no password, no pending secret", async () => {
    const r = await register();
    for (const body of [undefined, {}]) {
      const res = await enroll(r, body);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe("VALIDATION_FAILED");
    }
    expect((await userRow(r.user.id))?.totp_pending_secret).toBeNull();
  });

  it("refuses enrolment with a wrong password (403 REAUTH_FAILED, audited) and stores nothing", async () => {
    const r = await register();
    const res = await enroll(r, { password: "not the password at all" });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("REAUTH_FAILED");
    expect((await userRow(r.user.id))?.totp_pending_secret).toBeNull();
    expect(await auditCount(r.user.id, "auth.2fa.enroll", "failure", "REAUTH_FAILED")).toBe(1);
    expect(await auditCount(r.user.id, "auth.2fa.enroll", "success")).toBe(0);
  });

  it("refuses enrolment while 2FA is on, even with the password", async () => {
    const u = await patientWithTwoFactor();
    const res = await enroll(u, { password: PASSWORD });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe("MFA_ALREADY_ENABLED");
  });

  it("a stolen access token alone cannot confirm, even with a right code; a wrong password is audited", async () => {
    const r = await register();
    const secret = await enrolWithPassword(r);
    const code = await codeAt(secret);

    const tokenOnly = await confirm(r, { code });
    expect(tokenOnly.status).toBe(400);
    expect((await errorOf(tokenOnly)).code).toBe("VALIDATION_FAILED");

    const wrong = await confirm(r, { password: "not the password at all", code });
    expect(wrong.status).toBe(403);
    expect((await errorOf(wrong)).code).toBe("REAUTH_FAILED");
    expect(await auditCount(r.user.id, "auth.2fa.confirm", "failure", "REAUTH_FAILED")).toBe(1);

    const row = await userRow(r.user.id);
    expect(row?.totp_secret).toBeNull();
    const me = (await (await call("/api/v1/me", { token: r.accessToken })).json()) as { user: { mfaEnabled: boolean } };
    expect(me.user.mfaEnabled).toBe(false);
    // The right code was not spent by the refused attempts: the owner confirms with it.
    expect((await confirm(r, { password: PASSWORD, code })).status).toBe(200);
  });

  it("a stolen access token alone cannot disable; a wrong password with a right code is refused and audited", async () => {
    const u = await patientWithTwoFactor();
    const tokenOnly = await disable(u, { code: await codeAt(u.secret) });
    expect(tokenOnly.status).toBe(400);
    const wrong = await disable(u, { password: "not the password at all", code: await codeAt(u.secret) });
    expect(wrong.status).toBe(403);
    expect((await errorOf(wrong)).code).toBe("REAUTH_FAILED");
    expect(await auditCount(u.user.id, "auth.2fa.disable", "failure", "REAUTH_FAILED")).toBe(1);
    const noCode = await disable(u, { password: PASSWORD, code: "000000" });
    expect(noCode.status).toBe(403);
    expect((await userRow(u.user.id))?.totp_secret).not.toBeNull();
  });

  it("turning 2FA on ends every other session of the user and keeps this one", async () => {
    const here = await register();
    const other = await login(here.email, PASSWORD);
    // A session that ran out on its own long ago is no device the patient still has: not counted.
    await env.DB.prepare(
      "INSERT INTO sessions (id, user_id, created_at, expires_at, last_used_at) VALUES (?, ?, ?, ?, ?)",
    )
      .bind(crypto.randomUUID(), here.user.id, 0, 1, 0)
      .run();
    const secret = await enrolWithPassword(here);
    const res = await confirm(here, { password: PASSWORD, code: await codeAt(secret) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { enabled: boolean; recoveryCodes: string[]; otherSessionsEnded: number };
    expect(body).toMatchObject({ enabled: true, otherSessionsEnded: 1 });
    expect(body.recoveryCodes).toHaveLength(10);

    const stolen = await call("/api/v1/me", { token: other.accessToken });
    expect(stolen.status).toBe(401);
    expect((await refresh(other.cookie)).status).toBe(401);
    expect((await call("/api/v1/me", { token: here.accessToken })).status).toBe(200);
    const sessions = (await (await call("/api/v1/auth/sessions", { token: here.accessToken })).json()) as {
      items: { current: boolean }[];
    };
    expect(sessions.items).toEqual([expect.objectContaining({ current: true })]);
    expect(await auditCount(here.user.id, "auth.2fa.confirm", "success")).toBe(1);
    const reason = await env.DB.prepare(
      "SELECT revoked_reason FROM sessions WHERE user_id = ? AND revoked_at IS NOT NULL",
    )
      .bind(here.user.id)
      .all<{ revoked_reason: string }>();
    expect(reason.results.map((r) => r.revoked_reason)).toEqual(["2fa_enabled", "2fa_enabled"]);
  });

  it("turning 2FA off ends every other session of the user and keeps this one", async () => {
    const u = await patientWithTwoFactor();
    // A second device signs in with the second factor.
    const step = await call("/api/v1/auth/login", { body: { email: u.email, password: PASSWORD } });
    const { mfaToken } = (await step.json()) as { mfaToken: string };
    const verified = await call("/api/v1/auth/2fa/verify", { body: { mfaToken, code: await codeAt(u.secret) } });
    expect(verified.status).toBe(200);
    const other = (await verified.json()) as { accessToken: string };
    expect((await call("/api/v1/me", { token: other.accessToken })).status).toBe(200);

    const res = await disable(u, { password: PASSWORD, code: u.recoveryCodes[0] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ enabled: false, otherSessionsEnded: 1 });
    expect((await call("/api/v1/me", { token: other.accessToken })).status).toBe(401);
    expect((await call("/api/v1/me", { token: u.accessToken })).status).toBe(200);
    expect(await auditCount(u.user.id, "auth.2fa.disable", "success")).toBe(1);
  });

  it("enrol, confirm and disable share the per-user 2FA limit: over it, even the right password gets 429", async () => {
    const r = await register();
    const { limit, windowSeconds } = RATE_LIMITS.twoFactorPerUser;
    await startOfAFullWindow(windowSeconds);
    for (let i = 0; i < limit; i++) {
      const res = await enroll(r, { password: `wrong guess number ${i}` });
      expect(res.status).toBe(403);
    }
    const blocked = await enroll(r, { password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect((await confirm(r, { password: PASSWORD, code: "123456" })).status).toBe(429);
    expect((await disable(r, { password: PASSWORD, code: "123456" })).status).toBe(429);
    expect((await userRow(r.user.id))?.totp_pending_secret).toBeNull();
  });
});
