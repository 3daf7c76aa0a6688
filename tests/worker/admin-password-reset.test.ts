import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { RATE_LIMITS } from "../../shared/limits";
import { PASSWORD_RESET_CODE_TTL_MS } from "../../shared/schemas/admin";
import {
  call,
  codeAt,
  createUserAndLogin,
  errorOf,
  json,
  login,
  PASSWORD,
  type Registered,
  randomIp,
  register,
  startOfAFullWindow,
} from "./helpers";

const NEW_PASSWORD = "a brand new passphrase for haven";
const REDEEM = "/api/v1/auth/password-reset/redeem";

let admin: Registered | null = null;
async function adminToken(): Promise<string> {
  admin ??= await createUserAndLogin("admin");
  return admin.accessToken;
}

async function issue(userId: string): Promise<{ code: string; expiresAt: string }> {
  const res = await call(`/api/v1/admin/users/${userId}/password-reset`, { method: "POST", token: await adminToken() });
  expect(res.status).toBe(201);
  return json(res);
}

function redeem(body: Record<string, unknown>, ip = randomIp()): Promise<Response> {
  return call(REDEEM, { body, ip });
}

async function expectRefused(res: Response): Promise<void> {
  expect(res.status).toBe(401);
  const error = await errorOf(res);
  expect(error.code).toBe("RESET_CODE_INVALID");
  expect(error.message).toBe("The email or reset code is not correct, or the code has expired or been used.");
}

async function auditRows(action: string, userId: string) {
  const { results } = await env.DB.prepare(
    "SELECT outcome, error_code AS errorCode, target FROM audit_events WHERE action = ? AND (user_id = ? OR target = ?) ORDER BY id",
  )
    .bind(action, userId, userId)
    .all<{ outcome: string; errorCode: string | null; target: string | null }>();
  return results;
}

describe("POST /admin/users/:id/password-reset", () => {
  it("issues a high-entropy code, shown once, valid 24 hours, stored only as a hash, and audited", async () => {
    const patient = await register();
    const before = Date.now();
    const { code, expiresAt } = await issue(patient.user.id);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
    expect(Date.parse(expiresAt)).toBeGreaterThanOrEqual(before + PASSWORD_RESET_CODE_TTL_MS - 1000);
    expect(Date.parse(expiresAt)).toBeLessThanOrEqual(Date.now() + PASSWORD_RESET_CODE_TTL_MS);
    const row = await env.DB.prepare("SELECT * FROM password_reset_codes WHERE user_id = ?")
      .bind(patient.user.id)
      .first<Record<string, unknown>>();
    expect(row?.code_hash).toMatch(/^[0-9a-f]{64}$/);
    const plain = code.replaceAll("-", "");
    expect(JSON.stringify(row)).not.toContain(plain);
    expect(await auditRows("admin.user.password_reset_code", patient.user.id)).toEqual([
      { outcome: "success", errorCode: null, target: patient.user.id },
    ]);
    const leaked = await env.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE target LIKE ?")
      .bind(`%${plain}%`)
      .first<{ n: number }>();
    expect(leaked?.n).toBe(0);
    // Two codes are never the same.
    expect((await issue(patient.user.id)).code).not.toBe(code);
  });

  it("refuses everyone but admins (403), and an unknown account is 404", async () => {
    const patient = await register();
    const therapist = await createUserAndLogin("therapist");
    const clinician = await createUserAndLogin("clinician");
    for (const token of [patient.accessToken, therapist.accessToken, clinician.accessToken]) {
      const res = await call(`/api/v1/admin/users/${patient.user.id}/password-reset`, { method: "POST", token });
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe("FORBIDDEN");
    }
    expect((await call(`/api/v1/admin/users/${patient.user.id}/password-reset`, { method: "POST" })).status).toBe(401);
    const missing = await call(`/api/v1/admin/users/${crypto.randomUUID()}/password-reset`, {
      method: "POST",
      token: await adminToken(),
    });
    expect(missing.status).toBe(404);
    const none = await env.DB.prepare("SELECT count(*) AS n FROM password_reset_codes WHERE user_id = ?")
      .bind(patient.user.id)
      .first<{ n: number }>();
    expect(none?.n).toBe(0);
  });
});

describe("POST /auth/password-reset/redeem", () => {
  it("sets the new password, ends every session, spends the code, and is audited", async () => {
    const patient = await register();
    const { code } = await issue(patient.user.id);
    // Typed by hand: lower case, without the dashes, O for 0 and I or L for 1 all work.
    const typed = code.replaceAll("-", "").toLowerCase().replaceAll("0", "o").replaceAll("1", "l");
    const res = await redeem({ email: patient.email.toUpperCase(), code: typed, newPassword: NEW_PASSWORD });
    expect(res.status).toBe(204);
    // Every session of the account has ended.
    const me = await call("/api/v1/me", { token: patient.accessToken });
    expect(me.status).toBe(401);
    expect((await errorOf(me)).code).toBe("DEVICE_SIGNED_OUT");
    // The new password signs in; the old one no longer does.
    expect((await login(patient.email, NEW_PASSWORD)).user.id).toBe(patient.user.id);
    const old = await call("/api/v1/auth/login", { body: { email: patient.email, password: PASSWORD } });
    expect(old.status).toBe(401);
    // Single use.
    await expectRefused(await redeem({ email: patient.email, code, newPassword: `${NEW_PASSWORD} again` }));
    expect((await login(patient.email, NEW_PASSWORD)).user.id).toBe(patient.user.id);
    const events = await auditRows("auth.password_reset.redeem", patient.user.id);
    expect(events.map((e) => [e.outcome, e.errorCode])).toEqual([
      ["success", null],
      ["failure", "RESET_CODE_INVALID"],
    ]);
  });

  it("answers a wrong code, an unknown email, an expired code and a replaced code alike", async () => {
    const patient = await register();
    const first = await issue(patient.user.id);
    const second = await issue(patient.user.id);
    // The first code was replaced by the second.
    await expectRefused(await redeem({ email: patient.email, code: first.code, newPassword: NEW_PASSWORD }));
    // A wrong code.
    await expectRefused(
      await redeem({ email: patient.email, code: "ABCDE-FGHJK-MNPQR-STVWX", newPassword: NEW_PASSWORD }),
    );
    // An email nobody has, with a real code of someone else.
    await expectRefused(
      await redeem({ email: "nobody-here@example.org", code: second.code, newPassword: NEW_PASSWORD }),
    );
    // Another account's email with this account's code.
    const other = await register();
    await expectRefused(await redeem({ email: other.email, code: second.code, newPassword: NEW_PASSWORD }));
    // Expired: a second past its 24 hours.
    await env.DB.prepare("UPDATE password_reset_codes SET expires_at = ? WHERE user_id = ?")
      .bind(Date.now() - 1000, patient.user.id)
      .run();
    await expectRefused(await redeem({ email: patient.email, code: second.code, newPassword: NEW_PASSWORD }));
    // None of it changed the password or ended the session.
    expect((await call("/api/v1/me", { token: patient.accessToken })).status).toBe(200);
    expect((await login(patient.email, PASSWORD)).user.id).toBe(patient.user.id);
    const failures = await auditRows("auth.password_reset.redeem", patient.user.id);
    expect(failures.map((e) => [e.outcome, e.errorCode])).toEqual([
      ["failure", "RESET_CODE_INVALID"],
      ["failure", "RESET_CODE_INVALID"],
      ["failure", "RESET_CODE_INVALID"],
    ]);
    // The unknown email's failure is recorded too, naming nobody.
    const unknown = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_events WHERE action = 'auth.password_reset.redeem' AND user_id IS NULL AND outcome = 'failure'",
    ).first<{ n: number }>();
    expect(unknown?.n).toBeGreaterThanOrEqual(1);
  });

  it("refuses a disabled account with the same answer", async () => {
    const patient = await register();
    const { code } = await issue(patient.user.id);
    const off = await call(`/api/v1/admin/users/${patient.user.id}`, {
      method: "PATCH",
      token: await adminToken(),
      body: { status: "disabled" },
    });
    expect(off.status).toBe(200);
    await expectRefused(await redeem({ email: patient.email, code, newPassword: NEW_PASSWORD }));
    const events = await auditRows("auth.password_reset.redeem", patient.user.id);
    expect(events.map((e) => e.errorCode)).toEqual(["ACCOUNT_DISABLED"]);
  });

  it("holds the new password to the registration policy, without spending the code", async () => {
    const patient = await register();
    const { code } = await issue(patient.user.id);
    const short = await redeem({ email: patient.email, code, newPassword: "short" });
    expect(short.status).toBe(400);
    const shortError = await errorOf(short);
    expect(shortError.code).toBe("VALIDATION_FAILED");
    expect(shortError.fields?.map((f) => f.path)).toEqual(["newPassword"]);
    const common = await redeem({ email: patient.email, code, newPassword: "Qwerty123456" });
    expect(common.status).toBe(422);
    expect((await errorOf(common)).code).toBe("PASSWORD_TOO_COMMON");
    for (const bad of [
      { email: patient.email, code: "too-short", newPassword: NEW_PASSWORD },
      { email: "not an email", code, newPassword: NEW_PASSWORD },
      { email: patient.email, code, newPassword: NEW_PASSWORD, role: "admin" },
      { email: patient.email, newPassword: NEW_PASSWORD },
    ]) {
      const res = await redeem(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect((await errorOf(res)).code).toBe("VALIDATION_FAILED");
    }
    // The code still works after all of that.
    expect((await redeem({ email: patient.email, code, newPassword: NEW_PASSWORD })).status).toBe(204);
  });

  it("limits attempts per account like sign-in: the limit's last attempt is answered, the next is 429", async () => {
    const patient = await register();
    const { code } = await issue(patient.user.id);
    const { limit, windowSeconds } = RATE_LIMITS.loginPerAccount;
    await startOfAFullWindow(windowSeconds);
    // From a new address each time: the per-account limit holds however the guesses are spread.
    for (let i = 0; i < limit; i++) {
      await expectRefused(
        await redeem({ email: patient.email, code: "ABCDE-FGHJK-MNPQR-STVWX", newPassword: NEW_PASSWORD }),
      );
    }
    const limited = await redeem({ email: patient.email, code, newPassword: NEW_PASSWORD });
    expect(limited.status).toBe(429);
    expect((await errorOf(limited)).code).toBe("RATE_LIMITED");
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Even the right code waits: nothing changed.
    expect((await login(patient.email, PASSWORD)).user.id).toBe(patient.user.id);
    // Sign-in's own counter is separate: the account still signs in (above), and another
    // account's redeeming is not limited by this one's.
    const other = await register();
    const otherCode = await issue(other.user.id);
    expect((await redeem({ email: other.email, code: otherCode.code, newPassword: NEW_PASSWORD })).status).toBe(204);
  });

  it("limits attempts per address too", async () => {
    const ip = randomIp();
    const { limit, windowSeconds } = RATE_LIMITS.loginPerIp;
    await startOfAFullWindow(windowSeconds);
    for (let i = 0; i < limit; i++) {
      const res = await redeem(
        { email: `guess-${i}@example.org`, code: "ABCDE-FGHJK-MNPQR-STVWX", newPassword: NEW_PASSWORD },
        ip,
      );
      expect(res.status).toBe(401);
    }
    const limited = await redeem(
      { email: "one-more@example.org", code: "ABCDE-FGHJK-MNPQR-STVWX", newPassword: NEW_PASSWORD },
      ip,
    );
    expect(limited.status).toBe(429);
  }, 60_000);

  it("keeps two-factor sign-in on: a staff member still gives their code at the next sign-in", async () => {
    const therapist = await createUserAndLogin("therapist");
    const { code } = await issue(therapist.user.id);
    expect((await redeem({ email: therapist.email, code, newPassword: NEW_PASSWORD })).status).toBe(204);
    const res = await call("/api/v1/auth/login", { body: { email: therapist.email, password: NEW_PASSWORD } });
    expect(res.status).toBe(200);
    const body = await json<{ mfaRequired?: boolean; mfaToken?: string }>(res);
    expect(body.mfaRequired).toBe(true);
    const verify = await call("/api/v1/auth/2fa/verify", {
      body: { mfaToken: body.mfaToken, code: await codeAt(therapist.secret ?? "", 1) },
    });
    expect(verify.status).toBe(200);
    const mfa = await env.DB.prepare("SELECT totp_secret IS NOT NULL AS on_ FROM users WHERE id = ?")
      .bind(therapist.user.id)
      .first<{ on_: number }>();
    expect(mfa?.on_).toBe(1);
  });

  it("lets one of two racing redeems through, never both", async () => {
    const patient = await register();
    const { code } = await issue(patient.user.id);
    const [a, b] = await Promise.all([
      redeem({ email: patient.email, code, newPassword: `${NEW_PASSWORD} one` }),
      redeem({ email: patient.email, code, newPassword: `${NEW_PASSWORD} two` }),
    ]);
    expect([a.status, b.status].sort()).toEqual([204, 401]);
    const won = a.status === 204 ? `${NEW_PASSWORD} one` : `${NEW_PASSWORD} two`;
    expect((await login(patient.email, won)).user.id).toBe(patient.user.id);
  });
});
