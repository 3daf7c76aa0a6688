/**
 * DELETE /me's re-check of who is asking (issue 13, item 8): the password check is rate-limited
 * (no password oracle that burns scrypt CPU) and, with 2FA on, the current second factor is
 * required too.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RATE_LIMITS } from "../../shared/limits";
import { totpStep } from "../../worker/auth/totp";
import { call, codeAt, errorOf, PASSWORD, patientWithTwoFactor, type Registered, register } from "./helpers";

const deleteMe = (r: Registered, body: Record<string, unknown>) =>
  call("/api/v1/me", { method: "DELETE", token: r.accessToken, body });

describe("DELETE /me: re-authentication", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime((totpStep(Date.now()) + 1) * 30_000 + 5_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("rate-limits password guesses: over the limit it answers 429 with Retry-After, even for the right password", async () => {
    const p = await register();
    const { limit } = RATE_LIMITS.deleteAccountPerUser;
    for (let i = 0; i < limit; i++) {
      const res = await deleteMe(p, { password: `wrong guess number ${i}` });
      expect(res.status, `guess ${i + 1}`).toBe(403);
    }
    const blocked = await deleteMe(p, { password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect((await errorOf(blocked)).code).toBe("RATE_LIMITED");
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await call("/api/v1/me", { token: p.accessToken })).status).toBe(200);
  });

  it("with 2FA on, needs the current code as well as the password", async () => {
    const p = await patientWithTwoFactor();
    const passwordOnly = await deleteMe(p, { password: PASSWORD });
    expect(passwordOnly.status).toBe(403);
    expect((await errorOf(passwordOnly)).code).toBe("REAUTH_FAILED");
    const wrongCode = await deleteMe(p, { password: PASSWORD, code: "000000" });
    expect(wrongCode.status).toBe(403);
    expect((await errorOf(wrongCode)).code).toBe("REAUTH_FAILED");
    // A right code with a wrong password spends nothing and deletes nothing.
    const wrongPassword = await deleteMe(p, { password: "not my password", code: await codeAt(p.secret) });
    expect(wrongPassword.status).toBe(403);
    expect((await call("/api/v1/me", { token: p.accessToken })).status).toBe(200);
    const ok = await deleteMe(p, { password: PASSWORD, code: await codeAt(p.secret) });
    expect(ok.status).toBe(204);
    expect((await call("/api/v1/me", { token: p.accessToken })).status).toBe(401);
  });

  it("with 2FA on, accepts a recovery code instead of the TOTP code", async () => {
    const p = await patientWithTwoFactor();
    const ok = await deleteMe(p, { password: PASSWORD, code: p.recoveryCodes[0] });
    expect(ok.status).toBe(204);
  });
});
