/**
 * Issue 18, item 4: staff onboarding by invitation. An admin invites a therapist or clinician by
 * email; the invited account cannot sign in until its code sets a password; every bad code is the
 * same 401; an invite's code and a password-reset code never stand in for each other; at the
 * first sign-in the new staff member sets up two-factor sign-in before anything else.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { RATE_LIMITS } from "../../shared/limits";
import { INVITE_CODE_TTL_MS, type InviteResult } from "../../shared/schemas/invites";
import { app } from "../../worker/app";
import { SCRYPT_PARAMS } from "../../worker/auth/password";
import { contractViolation } from "./contract-check";
import { emailEnv, emailsTo } from "./flag-alerts-helpers";
import {
  call,
  createUserAndLogin,
  errorOf,
  json,
  login,
  ORIGIN,
  PASSWORD,
  type Registered,
  randomIp,
  register,
  startOfAFullWindow,
  turnOnTwoFactor,
  uniqueEmail,
} from "./helpers";

const APP_URL = "https://haven.example";
const ACCEPT = "/api/v1/auth/invite/accept";
const REDEEM = "/api/v1/auth/password-reset/redeem";
const CODE_PATTERN = /[0-9A-HJKMNP-TV-Z]{5}(?:-[0-9A-HJKMNP-TV-Z]{5}){3}/;

let admin: (Registered & { secret: string | null }) | null = null;
async function theAdmin() {
  admin ??= await createUserAndLogin("admin");
  return admin;
}

/** Calls the app with these bindings (email through the capture server), holding the answer to the contract. */
async function callWith(bindings: Env, path: string, options: { token?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { "CF-Connecting-IP": randomIp() };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const res = await app.request(
    path,
    { method: "POST", headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) },
    bindings,
  );
  const problem = await contractViolation("POST", `${ORIGIN}${path}`, res);
  if (problem) throw new Error(`API contract broken: ${problem}`);
  return res;
}

const mailing = (): Env => ({ ...emailEnv(), APP_URL }) as Env;

async function invite(
  body: Partial<{ email: string; displayName: string; role: string }> = {},
  bindings: Env = mailing(),
): Promise<InviteResult & { email: string }> {
  const email = body.email ?? uniqueEmail("invitee");
  const res = await callWith(bindings, "/api/v1/admin/invites", {
    token: (await theAdmin()).accessToken,
    body: { email, displayName: "Dr Invited", role: "clinician", ...body },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return { ...(await json<InviteResult>(res)), email };
}

/** The code in the latest invite email to `address`. */
async function mailedCode(address: string): Promise<string> {
  const mail = (await emailsTo(address)).at(-1);
  const code = mail?.text.match(CODE_PATTERN)?.[0];
  if (!code) throw new Error(`no invite code mailed to ${address}`);
  return code;
}

function accept(body: Record<string, unknown>, ip = randomIp()): Promise<Response> {
  return call(ACCEPT, { body, ip });
}

async function expectRefused(res: Response): Promise<void> {
  expect(res.status).toBe(401);
  const error = await errorOf(res);
  expect(error.code).toBe("INVITE_CODE_INVALID");
  expect(error.message).toBe("The email or invite code is not correct, or the invite has expired or been used.");
}

async function signInFails(email: string, password: string): Promise<void> {
  const res = await call("/api/v1/auth/login", { body: { email, password } });
  expect(res.status).toBe(401);
  expect((await errorOf(res)).code).toBe("INVALID_CREDENTIALS");
}

async function auditRows(action: string, key: string) {
  const { results } = await env.DB.prepare(
    "SELECT outcome, error_code AS errorCode, target, user_id AS userId FROM audit_events WHERE action = ? AND (user_id = ? OR target = ?) ORDER BY id",
  )
    .bind(action, key, key)
    .all<{ outcome: string; errorCode: string | null; target: string | null; userId: string | null }>();
  return results;
}

describe("POST /admin/invites", () => {
  it("creates the invited account, emails the code and the link (nothing else), and audits it", async () => {
    const before = Date.now();
    const result = await invite({ role: "therapist", displayName: "Robin Therapist" });
    expect(result.user).toMatchObject({
      email: result.email,
      role: "therapist",
      status: "active",
      displayName: "Robin Therapist",
      mfaEnabled: false,
    });
    expect(result.emailed).toBe("sent");
    // The code goes only by email.
    expect(result.code).toBeUndefined();
    expect(Date.parse(result.inviteExpiresAt)).toBeGreaterThanOrEqual(before + INVITE_CODE_TTL_MS - 1000);
    expect(Date.parse(result.inviteExpiresAt)).toBeLessThanOrEqual(Date.now() + INVITE_CODE_TTL_MS);
    expect(result.user.invitedAt).not.toBeNull();
    expect(result.user.inviteExpiresAt).toBe(result.inviteExpiresAt);

    const mails = await emailsTo(result.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.subject).toBe("You're invited to Haven");
    const code = await mailedCode(result.email);
    const inviter = (await theAdmin()).user.displayName;
    expect(mail?.text).toContain(`${inviter} has invited you to join Haven as a therapist.`);
    expect(mail?.text).toContain(`${APP_URL}/invite?${new URLSearchParams({ email: result.email, code })}`);
    expect(mail?.text).toContain("7 days");
    expect(mail?.text).toContain("two-factor sign-in");
    // No health content, no other person.
    expect(mail?.text).not.toMatch(/patient|flag|mood|check-in|risk/i);

    // The account, as D1 keeps it: invited, unverified, a well-formed hash of today's work that
    // no password matches, and the code only as its hash, for an invite.
    const row = await env.DB.prepare(
      "SELECT password_hash, invited_at, email_verified_at, totp_secret FROM users WHERE id = ?",
    )
      .bind(result.user.id)
      .first<{ password_hash: string; invited_at: number; email_verified_at: number | null; totp_secret: null }>();
    expect(row?.invited_at).toBeGreaterThanOrEqual(before);
    expect(row?.email_verified_at).toBeNull();
    expect(row?.password_hash).toMatch(
      new RegExp(`^scrypt\\$${SCRYPT_PARAMS.N}\\$${SCRYPT_PARAMS.r}\\$${SCRYPT_PARAMS.p}\\$[\\w-]{22}\\$[\\w-]{43}$`),
    );
    const stored = await env.DB.prepare("SELECT * FROM password_reset_codes WHERE user_id = ?")
      .bind(result.user.id)
      .first<Record<string, unknown>>();
    expect(stored?.purpose).toBe("invite");
    expect(stored?.expires_at).toBe(Date.parse(result.inviteExpiresAt));
    expect(JSON.stringify(stored)).not.toContain(code.replaceAll("-", ""));

    expect(await auditRows("admin.user.invite", result.user.id)).toEqual([
      { outcome: "success", errorCode: null, target: result.user.id, userId: (await theAdmin()).user.id },
    ]);
    const leaked = await env.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE target LIKE ? OR target LIKE ?")
      .bind(`%${code.replaceAll("-", "")}%`, `%${result.email}%`)
      .first<{ n: number }>();
    expect(leaked?.n).toBe(0);

    // The listing shows the account as invited, with the invite's expiry.
    const list = await call(`/api/v1/admin/users?q=${encodeURIComponent(result.email)}`, {
      token: (await theAdmin()).accessToken,
    });
    const { items } = await json<{ items: { id: string; invitedAt: string | null; inviteExpiresAt: string | null }[] }>(
      list,
    );
    expect(items).toEqual([
      expect.objectContaining({
        id: result.user.id,
        invitedAt: result.user.invitedAt,
        inviteExpiresAt: result.inviteExpiresAt,
      }),
    ]);
  });

  it("the invited account cannot sign in before accepting: INVALID_CREDENTIALS, not a 500", async () => {
    const { email } = await invite();
    await signInFails(email, PASSWORD);
    await signInFails(email, "any other long passphrase");
    const failures = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_events WHERE action = 'auth.login' AND error_code = 'INVALID_CREDENTIALS' AND user_id = (SELECT id FROM users WHERE email = ?)",
    )
      .bind(email)
      .first<{ n: number }>();
    // Each attempt ran the password check (scrypt on the unusable hash) and was recorded.
    expect(failures?.n).toBe(2);
  });

  it("a taken email (any case) is the same 409 as creating a user; a patient or admin role is a 400", async () => {
    const patient = await register();
    const token = (await theAdmin()).accessToken;
    const taken = await call("/api/v1/admin/invites", {
      token,
      body: { email: patient.email.toUpperCase(), displayName: "Someone", role: "clinician" },
    });
    expect(taken.status).toBe(409);
    expect((await errorOf(taken)).code).toBe("EMAIL_TAKEN");
    for (const role of ["patient", "admin"]) {
      const res = await call("/api/v1/admin/invites", {
        token,
        body: { email: uniqueEmail(), displayName: "Someone", role },
      });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe("VALIDATION_FAILED");
    }
  });

  it("without email configured, answers the code this once for the admin to hand over", async () => {
    const result = await invite({}, env as Env);
    expect(result.emailed).toBe("not-configured");
    expect(result.code).toMatch(new RegExp(`^${CODE_PATTERN.source}$`));
    expect(await emailsTo(result.email)).toEqual([]);
    // The code works.
    expect((await accept({ email: result.email, code: result.code, password: PASSWORD })).status).toBe(204);
  });

  it("a failing email provider is reported (and the code is not answered)", async () => {
    const email = uniqueEmail("invite-fail");
    const failing = await fetch(`${emailEnv().EMAIL_API_URL}/failures`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ to: email, status: 500, count: 1 }),
    });
    expect(failing.ok).toBe(true);
    const result = await invite({ email });
    expect(result.emailed).toBe("failed");
    expect(result.code).toBeUndefined();
  });
});

describe("POST /auth/invite/accept", () => {
  it("sets the password; the sign-in that follows must set up 2FA first; then the role's access", async () => {
    const { email, user } = await invite();
    const code = await mailedCode(email);
    // Case, spaces and dashes do not matter.
    expect((await accept({ email: email.toUpperCase(), code: code.toLowerCase(), password: PASSWORD })).status).toBe(
      204,
    );

    const row = await env.DB.prepare("SELECT invited_at, email_verified_at FROM users WHERE id = ?")
      .bind(user.id)
      .first<{ invited_at: number | null; email_verified_at: number | null }>();
    expect(row?.invited_at).toBeNull();
    expect(row?.email_verified_at).not.toBeNull();
    const left = await env.DB.prepare("SELECT count(*) AS n FROM password_reset_codes WHERE user_id = ?")
      .bind(user.id)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);

    const staff = await login(email, PASSWORD);
    expect(staff.user).toMatchObject({ role: "clinician", mfaEnabled: false });
    const blocked = await call("/api/v1/staff/patients", { token: staff.accessToken });
    expect(blocked.status).toBe(403);
    expect((await errorOf(blocked)).code).toBe("MFA_ENROLMENT_REQUIRED");
    await turnOnTwoFactor(staff);
    expect((await call("/api/v1/staff/patients", { token: staff.accessToken })).status).toBe(200);

    const target = (await auditRows("auth.invite.accept", user.id)).at(-1);
    expect(target).toMatchObject({ outcome: "success", errorCode: null, userId: user.id });
    expect(target?.target).toMatch(/^[0-9a-f]{64}$/);

    // The listing no longer shows an invite.
    const list = await call(`/api/v1/admin/users?q=${encodeURIComponent(email)}`, {
      token: (await theAdmin()).accessToken,
    });
    expect((await json<{ items: unknown[] }>(list)).items).toEqual([
      expect.objectContaining({ id: user.id, invitedAt: null, inviteExpiresAt: null }),
    ]);
  });

  it("refuses a reused, tampered, expired or replaced code, a wrong or unknown email, alike", async () => {
    const { email, user } = await invite();
    const code = await mailedCode(email);
    const raw = code.replaceAll("-", "");
    const tampered = `${raw.slice(0, 19)}${raw.at(19) === "0" ? "1" : "0"}`;
    await expectRefused(await accept({ email, code: tampered, password: PASSWORD }));
    const other = await invite();
    await expectRefused(await accept({ email: other.email, code, password: PASSWORD }));
    await expectRefused(await accept({ email: uniqueEmail("nobody"), code, password: PASSWORD }));

    // Expired: the code's seven days are over.
    await env.DB.prepare("UPDATE password_reset_codes SET expires_at = ? WHERE user_id = ?")
      .bind(Date.now() - 1, user.id)
      .run();
    await expectRefused(await accept({ email, code, password: PASSWORD }));
    await signInFails(email, PASSWORD);

    // Replaced: sending again makes the old code useless and the new one work, once.
    const resent = await callWith(mailing(), `/api/v1/admin/invites/${user.id}/resend`, {
      token: (await theAdmin()).accessToken,
    });
    expect(resent.status).toBe(200);
    const fresh = await mailedCode(email);
    expect(fresh).not.toBe(code);
    expect(await emailsTo(email)).toHaveLength(2);
    await expectRefused(await accept({ email, code, password: PASSWORD }));
    expect((await accept({ email, code: fresh, password: PASSWORD })).status).toBe(204);
    // Reused.
    await expectRefused(await accept({ email, code: fresh, password: "another long passphrase" }));
    expect((await login(email, PASSWORD)).user.id).toBe(user.id);

    const failures = (await auditRows("auth.invite.accept", user.id)).filter((r) => r.outcome === "failure");
    expect(failures.map((r) => r.errorCode)).toEqual([
      "INVITE_CODE_INVALID",
      "INVITE_CODE_INVALID",
      "INVITE_CODE_INVALID",
      "INVITE_NOT_PENDING",
    ]);
  });

  it("refuses an account that is not invited, and a disabled invited one", async () => {
    const patient = await register();
    const token = (await theAdmin()).accessToken;
    const issued = await call(`/api/v1/admin/users/${patient.user.id}/password-reset`, { method: "POST", token });
    const { code } = await json<{ code: string }>(issued);
    // A patient's admin reset code is no invite.
    await expectRefused(await accept({ email: patient.email, code, password: PASSWORD }));

    const invited = await invite();
    const inviteCode = await mailedCode(invited.email);
    const disable = await call(`/api/v1/admin/users/${invited.user.id}`, {
      method: "PATCH",
      token,
      body: { status: "disabled" },
    });
    expect(disable.status).toBe(200);
    await expectRefused(await accept({ email: invited.email, code: inviteCode, password: PASSWORD }));
    expect((await auditRows("auth.invite.accept", invited.user.id)).map((r) => r.errorCode)).toEqual([
      "ACCOUNT_DISABLED",
    ]);
  });

  it("an invite's code never resets a password, and a reset code never accepts an invite", async () => {
    // Invite as reset: the redeem route refuses it (the purpose differs), and the invite still works.
    const { email, user } = await invite();
    const code = await mailedCode(email);
    const asReset = await call(REDEEM, { body: { email, code, newPassword: PASSWORD } });
    expect(asReset.status).toBe(401);
    expect((await errorOf(asReset)).code).toBe("RESET_CODE_INVALID");
    await signInFails(email, PASSWORD);

    // Reset as invite: an admin reset code issued to the invited account replaces the invite's
    // code, and is refused by the invite route.
    const token = (await theAdmin()).accessToken;
    const issued = await call(`/api/v1/admin/users/${user.id}/password-reset`, { method: "POST", token });
    const { code: resetCode } = await json<{ code: string }>(issued);
    await expectRefused(await accept({ email, code: resetCode, password: PASSWORD }));
    await expectRefused(await accept({ email, code, password: PASSWORD }));
    // It still resets the password (someone without email access), which ends the invite too.
    expect((await call(REDEEM, { body: { email, code: resetCode, newPassword: PASSWORD } })).status).toBe(204);
    const row = await env.DB.prepare("SELECT invited_at FROM users WHERE id = ?")
      .bind(user.id)
      .first<{ invited_at: number | null }>();
    expect(row?.invited_at).toBeNull();
    expect((await login(email, PASSWORD)).user.mfaEnabled).toBe(false);
  });

  it("applies the registration password policy and the sign-in limits", async () => {
    const { email } = await invite();
    const code = await mailedCode(email);
    const short = await accept({ email, code, password: "short" });
    expect(short.status).toBe(400);
    expect((await errorOf(short)).code).toBe("VALIDATION_FAILED");
    // The common password's attempt counts against the account's limit too: all in one window.
    await startOfAFullWindow(RATE_LIMITS.loginPerAccount.windowSeconds);
    const common = await accept({ email, code, password: "password1234" });
    expect(common.status).toBe(422);
    expect((await errorOf(common)).code).toBe("PASSWORD_TOO_COMMON");

    // Per account: the limit's worth of wrong codes from different addresses, then 429 even with the right one.
    const wrong = "AAAAA-BBBBB-CCCCC-DDDDD";
    const { limit } = RATE_LIMITS.loginPerAccount;
    // The common password above was already counted against this account (the short one never got past the schema).
    for (let i = 1; i < limit; i++) await expectRefused(await accept({ email, code: wrong, password: PASSWORD }));
    const limited = await accept({ email, code, password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toMatch(/^\d+$/);
  });
});

describe("POST /admin/invites/:id/resend", () => {
  it("is refused for an accepted invite (409), an account never invited (409) and an unknown id (404)", async () => {
    const token = (await theAdmin()).accessToken;
    const result = await invite({}, env as Env);
    expect((await accept({ email: result.email, code: result.code, password: PASSWORD })).status).toBe(204);
    const accepted = await call(`/api/v1/admin/invites/${result.user.id}/resend`, { method: "POST", token });
    expect(accepted.status).toBe(409);
    expect((await errorOf(accepted)).code).toBe("INVITE_NOT_PENDING");
    const patient = await register();
    const never = await call(`/api/v1/admin/invites/${patient.user.id}/resend`, { method: "POST", token });
    expect(never.status).toBe(409);
    const unknown = await call(`/api/v1/admin/invites/${crypto.randomUUID()}/resend`, { method: "POST", token });
    expect(unknown.status).toBe(404);
    expect(await auditRows("admin.user.invite_resend", result.user.id)).toEqual([]);
  });

  it("without email configured, answers the new code once; audited", async () => {
    const token = (await theAdmin()).accessToken;
    const first = await invite({}, env as Env);
    const res = await call(`/api/v1/admin/invites/${first.user.id}/resend`, { method: "POST", token });
    expect(res.status).toBe(200);
    const again = await json<InviteResult>(res);
    expect(again.emailed).toBe("not-configured");
    expect(again.code).toMatch(CODE_PATTERN);
    expect(again.code).not.toBe(first.code);
    expect(again.user.invitedAt).toBe(first.user.invitedAt);
    await expectRefused(await accept({ email: first.email, code: first.code, password: PASSWORD }));
    expect((await accept({ email: first.email, code: again.code, password: PASSWORD })).status).toBe(204);
    expect(await auditRows("admin.user.invite_resend", first.user.id)).toEqual([
      { outcome: "success", errorCode: null, target: first.user.id, userId: (await theAdmin()).user.id },
    ]);
  });

  it("is for admins only", async () => {
    const { user } = await invite({}, env as Env);
    for (const role of ["therapist", "clinician"] as const) {
      const staff = await createUserAndLogin(role);
      const resend = await call(`/api/v1/admin/invites/${user.id}/resend`, {
        method: "POST",
        token: staff.accessToken,
      });
      expect(resend.status).toBe(403);
      const create = await call("/api/v1/admin/invites", {
        token: staff.accessToken,
        body: { email: uniqueEmail(), displayName: "X", role: "clinician" },
      });
      expect(create.status).toBe(403);
    }
    const patient = await register();
    expect(
      (await call(`/api/v1/admin/invites/${user.id}/resend`, { method: "POST", token: patient.accessToken })).status,
    ).toBe(403);
    expect((await call(`/api/v1/admin/invites/${user.id}/resend`, { method: "POST" })).status).toBe(401);
  });
});
