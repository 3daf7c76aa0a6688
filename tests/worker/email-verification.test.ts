/**
 * Email confirmation and changing my email (issue 18, item 2): registration mails a 6-digit code
 * (with a link when APP_URL is set) without waiting for the email; the code confirms the address
 * once, within 30 minutes and 5 tries; a new code replaces the old one (5 an hour); a change of
 * address needs the password, refuses another account's address, leaves the new one unconfirmed,
 * mails a code to it and a notice to the old one; a code for an earlier address never confirms
 * the current one. Email goes through the capture server (worker/scripts/mailbox.ts).
 */

import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { RATE_LIMITS } from "../../shared/limits";
import type { PublicUser } from "../../shared/schemas/auth";
import { EMAIL_VERIFICATION_MAX_ATTEMPTS } from "../../shared/schemas/email-verification";
import { app } from "../../worker/app";
import { sha256Hex } from "../../worker/lib/crypto";
import { contractViolation } from "./contract-check";
import { CAPTURE, emailEnv, emailsTo } from "./flag-alerts-helpers";
import { call, errorOf, login, PASSWORD, randomIp, register, uniqueEmail } from "./helpers";

const APP_URL = "https://app.haven.test";

/** The real app with email through the capture server; waits for the emails sent in the background. */
async function send(
  path: string,
  options: { method?: string; token?: string; body?: unknown; env?: Env } = {},
): Promise<Response> {
  const headers: Record<string, string> = { "CF-Connecting-IP": randomIp() };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const method = options.method ?? (options.body === undefined ? "GET" : "POST");
  const ctx = createExecutionContext();
  const res = await app.request(
    `http://localhost${path}`,
    { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) },
    options.env ?? { ...emailEnv(), APP_URL },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  const problem = await contractViolation(method, `http://localhost${path}`, res);
  if (problem) throw new Error(`API contract broken: ${problem}`);
  return res;
}

interface Signed {
  email: string;
  user: PublicUser;
  accessToken: string;
}

async function registerWithEmail(withEnv?: Env): Promise<Signed> {
  const email = uniqueEmail("verify");
  const res = await send("/api/v1/auth/register", {
    body: { email, password: PASSWORD, displayName: "Verify Me", timezone: "Europe/London" },
    env: withEnv,
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { user: PublicUser; accessToken: string };
  return { email, ...body };
}

/** The codes mailed to `address` for confirmation, oldest first. */
async function codesTo(address: string): Promise<string[]> {
  const mails = (await emailsTo(address)).filter((m) => m.subject === "Confirm your Haven email address");
  return mails.map((m) => /confirmation code: (\d{6})/.exec(m.text)?.[1] ?? "none");
}

async function lastCodeTo(address: string): Promise<string> {
  const codes = await codesTo(address);
  const code = codes.at(-1);
  if (!code) throw new Error(`no confirmation code mailed to ${address}`);
  return code;
}

const verify = (token: string, code: string) => send("/api/v1/me/email/verify", { token, body: { code } });
const resend = (token: string) => send("/api/v1/me/email/verification", { token, method: "POST" });
const changeEmail = (token: string, email: string, password = PASSWORD) =>
  send("/api/v1/me/email", { token, method: "PATCH", body: { email, password } });

async function me(token: string): Promise<PublicUser> {
  const res = await call("/api/v1/me", { token });
  return ((await res.json()) as { user: PublicUser }).user;
}

async function codeRow(userId: string) {
  return env.DB.prepare("SELECT email, code_hash, expires_at, attempts FROM email_verification_codes WHERE user_id = ?")
    .bind(userId)
    .first<{ email: string; code_hash: string; expires_at: number; attempts: number }>();
}

async function auditCount(userId: string, action: string, outcome: string): Promise<number> {
  const row = await env.DB.prepare(
    "SELECT count(*) AS n FROM audit_events WHERE user_id = ? AND action = ? AND outcome = ?",
  )
    .bind(userId, action, outcome)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** A code that is not `code` (same length, so only its value is wrong). */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

describe("registration sends a confirmation code", () => {
  it("mails the code and the link, and the code confirms the address (once)", async () => {
    const r = await registerWithEmail();
    expect(r.user.emailVerified).toBe(false);
    const [mail] = (await emailsTo(r.email)).filter((m) => m.subject === "Confirm your Haven email address");
    expect(mail?.text).toMatch(/Your confirmation code: \d{6}\n/);
    const code = await lastCodeTo(r.email);
    expect(mail?.text).toContain(`${APP_URL}/verify-email?code=${code}`);
    expect(mail?.text).toContain("30 minutes");
    // Only a keyed hash is stored: neither the code nor its plain SHA-256.
    const row = await codeRow(r.user.id);
    expect(row?.email).toBe(r.email);
    expect(row?.code_hash).not.toContain(code);
    expect(row?.code_hash).not.toBe(await sha256Hex(code));
    // Unconfirmed, the account works as usual.
    const habit = await call("/api/v1/habits", { token: r.accessToken });
    expect(habit.status).toBe(200);

    const res = await verify(r.accessToken, code);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: PublicUser }).user.emailVerified).toBe(true);
    expect((await me(r.accessToken)).emailVerified).toBe(true);
    expect(await codeRow(r.user.id)).toBeNull();
    expect(await auditCount(r.user.id, "account.email.verify", "success")).toBe(1);
    // A code typed with a space or pasted with a dash is the same code.
    expect((await verify(r.accessToken, `${code.slice(0, 3)} ${code.slice(3)}`)).status).toBe(200);
    // Confirmed, there is nothing to send.
    const again = await resend(r.accessToken);
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe("EMAIL_ALREADY_VERIFIED");
  });

  it("without APP_URL the email carries the code alone", async () => {
    const r = await registerWithEmail({ ...emailEnv(), APP_URL: "" } as Env);
    const [mail] = await emailsTo(r.email);
    expect(mail?.subject).toBe("Confirm your Haven email address");
    expect(mail?.text).toMatch(/Your confirmation code: \d{6}/);
    expect(mail?.text).not.toContain("http");
  });

  it("registration neither waits for nor fails with the email: a provider error, or no email configured", async () => {
    const email = uniqueEmail("mailfail");
    await fetch(`${CAPTURE}/failures`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ to: email, status: 500, count: 1 }),
    });
    const failed = await send("/api/v1/auth/register", {
      body: { email, password: PASSWORD, displayName: "Mail Fails", timezone: "UTC" },
    });
    expect(failed.status).toBe(201);
    expect(await emailsTo(email)).toEqual([]);
    // The default test bindings send no email at all: registration is the same.
    const plain = await register();
    expect(plain.user.emailVerified).toBe(false);
    expect(await codeRow(plain.user.id)).not.toBeNull();
  });

  it("a taken email gets the decoy answer, and nothing is stored or mailed for it", async () => {
    const owner = await registerWithEmail();
    const before = await codesTo(owner.email);
    const res = await send("/api/v1/auth/register", {
      body: { email: owner.email.toUpperCase(), password: PASSWORD, displayName: "Again", timezone: "UTC" },
    });
    expect(res.status).toBe(201);
    expect(await codesTo(owner.email)).toEqual(before);
  });
});

describe("refusals: every one is 400 VERIFICATION_CODE_INVALID", () => {
  async function refused(res: Response): Promise<void> {
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("VERIFICATION_CODE_INVALID");
  }

  it("a wrong code is refused and counted; the right one still works", async () => {
    const r = await registerWithEmail();
    const code = await lastCodeTo(r.email);
    await refused(await verify(r.accessToken, wrong(code)));
    expect((await codeRow(r.user.id))?.attempts).toBe(1);
    expect((await me(r.accessToken)).emailVerified).toBe(false);
    expect(await auditCount(r.user.id, "account.email.verify", "failure")).toBe(1);
    expect((await verify(r.accessToken, code)).status).toBe(200);
  });

  it("a code past its 30 minutes is refused", async () => {
    const r = await registerWithEmail();
    const code = await lastCodeTo(r.email);
    await env.DB.prepare("UPDATE email_verification_codes SET expires_at = ? WHERE user_id = ?")
      .bind(Date.now() - 1, r.user.id)
      .run();
    await refused(await verify(r.accessToken, code));
    expect((await me(r.accessToken)).emailVerified).toBe(false);
  });

  it("a used code is spent: it does not confirm again", async () => {
    const r = await registerWithEmail();
    const code = await lastCodeTo(r.email);
    expect((await verify(r.accessToken, code)).status).toBe(200);
    // Were the address unconfirmed again, the spent code would not bring it back.
    await env.DB.prepare("UPDATE users SET email_verified_at = NULL WHERE id = ?").bind(r.user.id).run();
    await refused(await verify(r.accessToken, code));
  });

  it(`after ${EMAIL_VERIFICATION_MAX_ATTEMPTS} wrong tries the code is dead, the right one included; a new code works`, async () => {
    const r = await registerWithEmail();
    const code = await lastCodeTo(r.email);
    for (let i = 0; i < EMAIL_VERIFICATION_MAX_ATTEMPTS; i++) await refused(await verify(r.accessToken, wrong(code)));
    await refused(await verify(r.accessToken, code));
    expect((await resend(r.accessToken)).status).toBe(204);
    const fresh = await lastCodeTo(r.email);
    expect((await verify(r.accessToken, fresh)).status).toBe(200);
  });

  it("the tries are counted atomically: a parallel burst compares at most 5 guesses", async () => {
    const r = await registerWithEmail();
    const code = await lastCodeTo(r.email);
    const guesses = Array.from({ length: 12 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0"));
    const answers = await Promise.all(guesses.map((g) => verify(r.accessToken, g)));
    expect(answers.map((a) => a.status)).toEqual(guesses.map(() => 400));
    expect((await codeRow(r.user.id))?.attempts).toBe(EMAIL_VERIFICATION_MAX_ATTEMPTS);
    await refused(await verify(r.accessToken, code));
  });

  it("no code at all (never sent, or replaced) is refused", async () => {
    const r = await registerWithEmail();
    const first = await lastCodeTo(r.email);
    expect((await resend(r.accessToken)).status).toBe(204);
    const second = await lastCodeTo(r.email);
    expect(second).not.toBe("none");
    // The first code was replaced (unless the two happen to be equal, one chance in a million).
    if (first !== second) await refused(await verify(r.accessToken, first));
    await env.DB.prepare("DELETE FROM email_verification_codes WHERE user_id = ?").bind(r.user.id).run();
    await refused(await verify(r.accessToken, second));
  });

  it("a malformed code is a validation error, not a try", async () => {
    const r = await registerWithEmail();
    for (const code of ["12345", "1234567", "abcdef", ""]) {
      const res = await verify(r.accessToken, code);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe("VALIDATION_FAILED");
    }
    expect((await codeRow(r.user.id))?.attempts).toBe(0);
  });
});

describe("sending a new code", () => {
  it(`${RATE_LIMITS.emailVerificationSendPerUser.limit} an hour per user, the next one 429; each replaces the last`, async () => {
    const r = await registerWithEmail();
    const { limit } = RATE_LIMITS.emailVerificationSendPerUser;
    for (let i = 0; i < limit; i++) expect((await resend(r.accessToken)).status).toBe(204);
    const over = await resend(r.accessToken);
    expect(over.status).toBe(429);
    expect((await errorOf(over)).code).toBe("RATE_LIMITED");
    // Registration's code plus one per allowed resend, none for the refused one.
    expect(await codesTo(r.email)).toHaveLength(limit + 1);
    expect((await verify(r.accessToken, await lastCodeTo(r.email))).status).toBe(200);
  });

  it("a parallel burst of resends sends exactly the limit", async () => {
    const r = await registerWithEmail();
    const { limit } = RATE_LIMITS.emailVerificationSendPerUser;
    const answers = await Promise.all(Array.from({ length: limit + 4 }, () => resend(r.accessToken)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 204)).toHaveLength(limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
  });
});

describe("changing my email", () => {
  it("needs my password: a wrong one is 403 REAUTH_FAILED and changes nothing", async () => {
    const r = await registerWithEmail();
    const res = await changeEmail(r.accessToken, uniqueEmail("new"), "not my password at all");
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("REAUTH_FAILED");
    expect((await me(r.accessToken)).email).toBe(r.email);
    expect(await auditCount(r.user.id, "account.email.change", "failure")).toBe(1);
  });

  it("refuses an address another account has (any case) with 409 EMAIL_TAKEN", async () => {
    const r = await registerWithEmail();
    const other = await register();
    const res = await changeEmail(r.accessToken, other.email.toUpperCase());
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe("EMAIL_TAKEN");
    expect((await me(r.accessToken)).email).toBe(r.email);
    expect(await codesTo(other.email)).toEqual([]);
  });

  it("sets the new address unconfirmed, mails a code to it and a notice to the old one; old codes are void", async () => {
    const r = await registerWithEmail();
    const oldCode = await lastCodeTo(r.email);
    expect((await verify(r.accessToken, oldCode)).status).toBe(200);
    const next = uniqueEmail("moved");
    const res = await changeEmail(r.accessToken, next.toUpperCase());
    expect(res.status).toBe(200);
    const { user } = (await res.json()) as { user: PublicUser };
    expect(user).toMatchObject({ email: next, emailVerified: false });
    expect(await me(r.accessToken)).toMatchObject({ email: next, emailVerified: false });
    expect(await auditCount(r.user.id, "account.email.change", "success")).toBe(1);

    const notices = (await emailsTo(r.email)).filter((m) => m.subject === "Your Haven email was changed");
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain(`${next.slice(0, 1)}•••@example.org`);
    expect(notices[0]?.text).not.toContain(next);
    const newCode = await lastCodeTo(next);
    // The old address's code (spent or not) never confirms the new one.
    if (oldCode !== newCode) {
      const stale = await verify(r.accessToken, oldCode);
      expect(stale.status).toBe(400);
    }
    expect((await verify(r.accessToken, newCode)).status).toBe(200);
    expect((await me(r.accessToken)).emailVerified).toBe(true);
    // Signing in is with the new address now.
    expect((await login(next, PASSWORD)).user.email).toBe(next);
    const old = await call("/api/v1/auth/login", { body: { email: r.email, password: PASSWORD } });
    expect(old.status).toBe(401);
  });

  it("an unused code for the previous address does not confirm the new one", async () => {
    const r = await registerWithEmail();
    const oldCode = await lastCodeTo(r.email);
    const next = uniqueEmail("moved");
    expect((await changeEmail(r.accessToken, next)).status).toBe(200);
    const row = await codeRow(r.user.id);
    expect(row?.email).toBe(next);
    const newCode = await lastCodeTo(next);
    if (oldCode !== newCode) {
      const res = await verify(r.accessToken, oldCode);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe("VERIFICATION_CODE_INVALID");
    }
    expect((await me(r.accessToken)).emailVerified).toBe(false);
  });

  it("a code row for another address (however it got there) never confirms the current one", async () => {
    const r = await registerWithEmail();
    const code = await lastCodeTo(r.email);
    await env.DB.prepare("UPDATE users SET email = ? WHERE id = ?").bind(uniqueEmail("elsewhere"), r.user.id).run();
    const res = await verify(r.accessToken, code);
    expect(res.status).toBe(400);
  });

  it("the same address again changes nothing and sends nothing", async () => {
    const r = await registerWithEmail();
    const before = await codesTo(r.email);
    const res = await changeEmail(r.accessToken, r.email.toUpperCase());
    expect(res.status).toBe(200);
    expect(await codesTo(r.email)).toEqual(before);
  });

  it("counts against the codes-an-hour limit", async () => {
    const r = await registerWithEmail();
    const { limit } = RATE_LIMITS.emailVerificationSendPerUser;
    for (let i = 0; i < limit; i++) expect((await changeEmail(r.accessToken, uniqueEmail("hop"))).status).toBe(200);
    const over = await changeEmail(r.accessToken, uniqueEmail("hop"));
    expect(over.status).toBe(429);
  });

  it("rejects a malformed address or a missing password with 400", async () => {
    const r = await registerWithEmail();
    for (const body of [{ email: "not an email", password: PASSWORD }, { email: uniqueEmail() }, {}]) {
      const res = await send("/api/v1/me/email", { token: r.accessToken, method: "PATCH", body });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe("VALIDATION_FAILED");
    }
  });
});
