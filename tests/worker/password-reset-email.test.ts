/**
 * "Forgot password" (issue 18): POST /auth/password-reset/request emails a one-time code that
 * POST /auth/password-reset/redeem accepts like an admin's. The requests that must send mail run
 * the real app with the email settings pointed at the capture server (worker/scripts/mailbox.ts),
 * in an execution context the test waits on (the email goes out after the answer, by waitUntil).
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { PASSWORD_RESET_EMAIL_TTL_MS, RATE_LIMITS } from "../../shared/limits";
import { PASSWORD_RESET_CODE_TTL_MS } from "../../shared/schemas/admin";
import { PASSWORD_RESET_REQUESTED_MESSAGE } from "../../shared/schemas/password-reset-request";
import { app } from "../../worker/app";
import { emailAuditHash } from "../../worker/lib/audit";
import type { CapturedEmail } from "../../worker/scripts/mailbox";
import { contractViolation } from "./contract-check";
import {
  call,
  codeAt,
  createUserAndLogin,
  errorOf,
  json,
  login,
  ORIGIN,
  PASSWORD,
  type Registered,
  randomIp,
  refresh,
  register,
  uniqueEmail,
} from "./helpers";

const REQUEST = "/api/v1/auth/password-reset/request";
const REDEEM = "/api/v1/auth/password-reset/redeem";
const NEW_PASSWORD = "a brand new passphrase for haven";
const CAPTURE = inject("emailCaptureUrl");
const APP_URL = "https://haven.example.org";

/** The worker's bindings with email sent through the capture server (Resend's API). */
function mailEnv(appUrl = APP_URL): Env {
  return {
    ...env,
    EMAIL_PROVIDER: "resend",
    EMAIL_FROM: "Haven <haven@haven.test>",
    EMAIL_API_URL: CAPTURE,
    EMAIL_API_KEY: inject("emailCaptureKey"),
    APP_URL: appUrl,
  } as Env;
}

/**
 * POST /auth/password-reset/request through the real app with `bindings` (default: email through
 * the capture server), waiting for what it does after answering; the answer is held to the contract.
 */
async function requestReset(email: string, options: { ip?: string; bindings?: Env } = {}): Promise<{ res: Response }> {
  const url = `${ORIGIN}${REQUEST}`;
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "CF-Connecting-IP": options.ip ?? randomIp() },
      body: JSON.stringify({ email }),
    }),
    options.bindings ?? mailEnv(),
    ctx,
  );
  await waitOnExecutionContext(ctx);
  const problem = await contractViolation("POST", url, res.clone());
  if (problem) throw new Error(`API contract broken: ${problem}`);
  return { res };
}

async function emailsTo(address: string): Promise<CapturedEmail[]> {
  const res = await fetch(`${CAPTURE}/messages?to=${encodeURIComponent(address)}`);
  return ((await res.json()) as { messages: CapturedEmail[] }).messages;
}

/** The code in the newest reset email to `address`. */
async function emailedCode(address: string): Promise<string> {
  const mails = await emailsTo(address);
  const last = mails.at(-1);
  const code = /Your reset code: ([0-9A-Z-]+)/.exec(last?.text ?? "")?.[1];
  if (!code) throw new Error(`no reset code emailed to ${address}`);
  return code;
}

function redeem(body: Record<string, unknown>): Promise<Response> {
  return call(REDEEM, { body, ip: randomIp() });
}

async function expectRefused(res: Response): Promise<void> {
  expect(res.status).toBe(401);
  expect((await errorOf(res)).code).toBe("RESET_CODE_INVALID");
}

async function codeRow(userId: string) {
  return env.DB.prepare(
    "SELECT purpose, created_at AS createdAt, expires_at AS expiresAt, created_by AS createdBy, code_hash AS codeHash FROM password_reset_codes WHERE user_id = ?",
  )
    .bind(userId)
    .first<{ purpose: string; createdAt: number; expiresAt: number; createdBy: string; codeHash: string }>();
}

async function requestEvents(email: string) {
  const { results } = await env.DB.prepare(
    "SELECT outcome, error_code AS errorCode, user_id AS userId, target FROM audit_events WHERE action = 'auth.password_reset.request' AND target = ? ORDER BY id",
  )
    .bind(await emailAuditHash(env, email))
    .all<{ outcome: string; errorCode: string | null; userId: string | null; target: string }>();
  return results;
}

let admin: Registered | null = null;
async function adminToken(): Promise<string> {
  admin ??= await createUserAndLogin("admin");
  return admin.accessToken;
}

describe("POST /auth/password-reset/request", () => {
  it("answers a known, an unknown and a disabled address alike, and mails only the active account", async () => {
    const known = await register();
    const disabled = await register();
    const off = await call(`/api/v1/admin/users/${disabled.user.id}`, {
      method: "PATCH",
      token: await adminToken(),
      body: { status: "disabled" },
    });
    expect(off.status).toBe(200);
    const unknown = uniqueEmail("nobody");

    const answers = [];
    for (const email of [known.email, unknown, disabled.email]) {
      const { res } = await requestReset(email);
      expect(res.status, email).toBe(202);
      answers.push({ headers: [...res.headers.keys()].filter((h) => h !== "x-request-id"), body: await res.text() });
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(JSON.parse(answers[0]?.body ?? "{}")).toEqual({
      message: PASSWORD_RESET_REQUESTED_MESSAGE,
      expiresInMinutes: 30,
    });

    // Only the active account got a code and an email.
    const row = await codeRow(known.user.id);
    expect(row?.purpose).toBe("email");
    expect(row?.createdBy).toBe(known.user.id);
    expect((row?.expiresAt ?? 0) - (row?.createdAt ?? 0)).toBe(PASSWORD_RESET_EMAIL_TTL_MS);
    expect(await codeRow(disabled.user.id)).toBeNull();
    expect(await emailsTo(known.email)).toHaveLength(1);
    expect(await emailsTo(unknown)).toHaveLength(0);
    expect(await emailsTo(disabled.email)).toHaveLength(0);

    // Audited under the address's keyed hash, never the address; the failures say why.
    expect(await requestEvents(known.email)).toEqual([
      { outcome: "success", errorCode: null, userId: known.user.id, target: await emailAuditHash(env, known.email) },
    ]);
    expect((await requestEvents(unknown)).map((e) => [e.outcome, e.errorCode, e.userId])).toEqual([
      ["failure", "NOT_FOUND", null],
    ]);
    expect((await requestEvents(disabled.email)).map((e) => [e.outcome, e.errorCode, e.userId])).toEqual([
      ["failure", "ACCOUNT_DISABLED", disabled.user.id],
    ]);
    const leaked = await env.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE target LIKE ? OR target LIKE ?")
      .bind(`%${known.email}%`, `%${unknown}%`)
      .first<{ n: number }>();
    expect(leaked?.n).toBe(0);
  });

  it("emails the code and a link to the reset form; never the code in clear at rest", async () => {
    const patient = await register();
    // Typed in another case: the email goes to the address the account uses.
    const { res } = await requestReset(patient.email.toUpperCase());
    expect(res.status).toBe(202);
    const [mail, ...more] = await emailsTo(patient.email);
    expect(more).toHaveLength(0);
    expect(mail?.to).toEqual([patient.email]);
    expect(mail?.from).toBe("Haven <haven@haven.test>");
    expect(mail?.subject).toBe("Reset your Haven password");
    const code = await emailedCode(patient.email);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
    expect(mail?.text).toContain(
      `${APP_URL}/reset-password?${new URLSearchParams({ email: patient.email, code }).toString()}`,
    );
    expect(mail?.text).toContain("If you didn't ask for this, ignore this email; your password has not changed.");
    expect(mail?.text).toContain("30 minutes");
    const row = await codeRow(patient.user.id);
    expect(row?.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(code.replaceAll("-", ""));
  });

  it("without APP_URL, the email carries the code alone", async () => {
    const patient = await register();
    await requestReset(patient.email, { bindings: mailEnv("") });
    const [mail] = await emailsTo(patient.email);
    expect(mail?.text).toContain(`Your reset code: ${await emailedCode(patient.email)}`);
    expect(mail?.text).not.toMatch(/https?:\/\//);
  });

  it("with email not configured, still answers 202 and issues the code (nothing is sent)", async () => {
    const patient = await register();
    const res = await call(REQUEST, { body: { email: patient.email } });
    expect(res.status).toBe(202);
    expect((await codeRow(patient.user.id))?.purpose).toBe("email");
    expect(await emailsTo(patient.email)).toHaveLength(0);
  });

  it("gives the same answer when the provider refuses the email (it is sent after answering)", async () => {
    const patient = await register();
    // The capture server refuses the first message: the answer is the same 202 anyway.
    await fetch(`${CAPTURE}/failures`, {
      method: "POST",
      body: JSON.stringify({ to: patient.email, status: 503, count: 1 }),
    });
    const { res } = await requestReset(patient.email);
    expect(res.status).toBe(202);
    expect(await emailsTo(patient.email)).toHaveLength(0);
  });

  it(`limits each address to ${RATE_LIMITS.passwordResetRequestPerAccount.limit} an hour, known or not, from any client address`, async () => {
    const { limit } = RATE_LIMITS.passwordResetRequestPerAccount;
    const patient = await register();
    const unknown = uniqueEmail("nobody");
    for (const email of [patient.email, unknown]) {
      for (let i = 0; i < limit; i++) {
        expect((await requestReset(email, { bindings: env })).res.status, `${email} #${i + 1}`).toBe(202);
      }
      const { res } = await requestReset(email, { bindings: env });
      expect(res.status).toBe(429);
      expect((await errorOf(res)).code).toBe("RATE_LIMITED");
      expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect(Number(res.headers.get("Retry-After"))).toBeLessThanOrEqual(
        RATE_LIMITS.passwordResetRequestPerAccount.windowSeconds,
      );
    }
    // The blocked request issued no new code: the last code issued is still live.
    const blocked = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_events WHERE action = 'rate_limit.block' AND target = 'passwordResetRequestPerAccount'",
    ).first<{ n: number }>();
    expect(blocked?.n).toBeGreaterThanOrEqual(2);
    // Another address is not affected.
    expect((await requestReset(uniqueEmail(), { bindings: env })).res.status).toBe(202);
  });

  it(`limits each client address to ${RATE_LIMITS.passwordResetRequestPerIp.limit} an hour, whatever it asks about`, async () => {
    const { limit } = RATE_LIMITS.passwordResetRequestPerIp;
    const ip = randomIp();
    const results = await Promise.all(
      Array.from({ length: limit + 5 }, () => requestReset(uniqueEmail(), { ip, bindings: env })),
    );
    const statuses = results.map((r) => r.res.status);
    // Counted atomically: exactly `limit` get through a parallel burst.
    expect(statuses.filter((s) => s === 202)).toHaveLength(limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    // Another client address is not affected.
    expect((await requestReset(uniqueEmail(), { bindings: env })).res.status).toBe(202);
  });

  it("refuses bad input with 400, never 500", async () => {
    for (const body of [{}, { email: "not an email" }, { email: "a@b.org", extra: 1 }, { email: 42 }, []]) {
      const res = await call(REQUEST, { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(res)).code).toBe("VALIDATION_FAILED");
    }
    const malformed = await call(REQUEST, { body: "{not json" });
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).code).toBe("MALFORMED_JSON");
  });
});

describe("redeeming an emailed code", () => {
  it("sets the password, signs out every device, spends the code, and is audited", async () => {
    const patient = await register();
    const second = await login(patient.email, PASSWORD);
    await requestReset(patient.email);
    const code = await emailedCode(patient.email);
    expect((await redeem({ email: patient.email, code, newPassword: NEW_PASSWORD })).status).toBe(204);
    // Every session ended: the old access tokens and refresh cookies are refused.
    for (const r of [patient, second]) {
      const me = await call("/api/v1/me", { token: r.accessToken });
      expect(me.status).toBe(401);
      expect((await refresh(r.cookie)).status).toBe(401);
    }
    // The old password fails, the new one works.
    const old = await call("/api/v1/auth/login", { body: { email: patient.email, password: PASSWORD } });
    expect(old.status).toBe(401);
    expect((await login(patient.email, NEW_PASSWORD)).user.id).toBe(patient.user.id);
    // Single use: the same code again is refused, and the code is gone.
    await expectRefused(await redeem({ email: patient.email, code, newPassword: `${NEW_PASSWORD} again` }));
    expect(await codeRow(patient.user.id)).toBeNull();
    const { results } = await env.DB.prepare(
      "SELECT action, outcome, error_code AS errorCode FROM audit_events WHERE user_id = ? AND action LIKE 'auth.password_reset.%' ORDER BY id",
    )
      .bind(patient.user.id)
      .all<{ action: string; outcome: string; errorCode: string | null }>();
    expect(results).toEqual([
      { action: "auth.password_reset.request", outcome: "success", errorCode: null },
      { action: "auth.password_reset.redeem", outcome: "success", errorCode: null },
      { action: "auth.password_reset.redeem", outcome: "failure", errorCode: "RESET_CODE_INVALID" },
    ]);
  });

  it("keeps two-factor sign-in: a staff member still gives their code at the next sign-in", async () => {
    const therapist = await createUserAndLogin("therapist");
    await requestReset(therapist.email);
    const code = await emailedCode(therapist.email);
    expect((await redeem({ email: therapist.email, code, newPassword: NEW_PASSWORD })).status).toBe(204);
    expect((await call("/api/v1/me", { token: therapist.accessToken })).status).toBe(401);
    const res = await call("/api/v1/auth/login", { body: { email: therapist.email, password: NEW_PASSWORD } });
    expect(res.status).toBe(200);
    const body = await json<{ mfaToken?: string; accessToken?: string }>(res);
    expect(body.accessToken).toBeUndefined();
    expect(body.mfaToken).toEqual(expect.any(String));
    const verify = await call("/api/v1/auth/2fa/verify", {
      body: { mfaToken: body.mfaToken, code: await codeAt(therapist.secret ?? "", 1) },
    });
    expect(verify.status).toBe(200);
  });

  it("refuses an expired, a tampered, a replaced or another address's code alike (401 RESET_CODE_INVALID)", async () => {
    const patient = await register();
    const other = await register();
    await requestReset(patient.email);
    const first = await emailedCode(patient.email);
    // A new request replaces the earlier code.
    await requestReset(patient.email);
    const code = await emailedCode(patient.email);
    expect(code).not.toBe(first);
    await expectRefused(await redeem({ email: patient.email, code: first, newPassword: NEW_PASSWORD }));
    // Tampered: one character changed.
    const last = code.at(-1) === "A" ? "B" : "A";
    await expectRefused(
      await redeem({ email: patient.email, code: `${code.slice(0, -1)}${last}`, newPassword: NEW_PASSWORD }),
    );
    // Another account's address with this code.
    await expectRefused(await redeem({ email: other.email, code, newPassword: NEW_PASSWORD }));
    // Expired: a moment past its 30 minutes.
    const row = await codeRow(patient.user.id);
    const issuedAt = row?.createdAt ?? 0;
    await env.DB.prepare("UPDATE password_reset_codes SET created_at = ?, expires_at = ? WHERE user_id = ?")
      .bind(Date.now() - PASSWORD_RESET_EMAIL_TTL_MS - 1000, Date.now() - 1000, patient.user.id)
      .run();
    expect(issuedAt).toBeGreaterThan(0);
    await expectRefused(await redeem({ email: patient.email, code, newPassword: NEW_PASSWORD }));
    // None of it changed anything.
    expect((await call("/api/v1/me", { token: patient.accessToken })).status).toBe(200);
    expect((await call("/api/v1/me", { token: other.accessToken })).status).toBe(200);
    expect((await login(patient.email, PASSWORD)).user.id).toBe(patient.user.id);
  });

  it("leaves an admin's code valid 24 hours, until a reset by email replaces it", async () => {
    const patient = await register();
    const issued = await call(`/api/v1/admin/users/${patient.user.id}/password-reset`, {
      method: "POST",
      token: await adminToken(),
    });
    const { code: adminCode } = await json<{ code: string }>(issued);
    const row = await codeRow(patient.user.id);
    expect(row?.purpose).toBe("admin");
    expect((row?.expiresAt ?? 0) - (row?.createdAt ?? 0)).toBe(PASSWORD_RESET_CODE_TTL_MS);
    // Still good after the 30 minutes an emailed code would have.
    await env.DB.prepare("UPDATE password_reset_codes SET created_at = ?, expires_at = ? WHERE user_id = ?")
      .bind(
        Date.now() - 2 * PASSWORD_RESET_EMAIL_TTL_MS,
        Date.now() - 2 * PASSWORD_RESET_EMAIL_TTL_MS + PASSWORD_RESET_CODE_TTL_MS,
        patient.user.id,
      )
      .run();
    expect((await redeem({ email: patient.email, code: adminCode, newPassword: NEW_PASSWORD })).status).toBe(204);

    // An admin's code, then a reset by email: only the emailed code works (one live code).
    const again = await call(`/api/v1/admin/users/${patient.user.id}/password-reset`, {
      method: "POST",
      token: await adminToken(),
    });
    const { code: secondAdminCode } = await json<{ code: string }>(again);
    await requestReset(patient.email);
    expect((await codeRow(patient.user.id))?.purpose).toBe("email");
    await expectRefused(await redeem({ email: patient.email, code: secondAdminCode, newPassword: PASSWORD }));
    const emailed = await emailedCode(patient.email);
    expect((await redeem({ email: patient.email, code: emailed, newPassword: PASSWORD })).status).toBe(204);
  });
});
