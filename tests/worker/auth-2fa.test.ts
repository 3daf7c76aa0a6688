import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { hotp, totpStep } from "../../worker/auth/totp";
import { sha256Hex } from "../../worker/lib/crypto";
import { call, errorOf, PASSWORD, type Registered, register } from "./helpers";

interface Enrolled extends Registered {
  secret: string;
  recoveryCodes: string[];
}

/** The code an authenticator shows `offset` steps from now. */
const codeAt = (secret: string, offset = 0) => hotp(secret, totpStep(Date.now()) + offset);

async function enrolled(): Promise<Enrolled> {
  const r = await register();
  const enroll = await call("/api/v1/auth/2fa/enroll", { token: r.accessToken, body: { password: PASSWORD } });
  expect(enroll.status).toBe(200);
  const { secret, otpauthUri } = (await enroll.json()) as { secret: string; otpauthUri: string };
  expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Haven%3A/);
  expect(new URL(otpauthUri).searchParams.get("secret")).toBe(secret);
  // Confirming with the previous step's code keeps the current and next steps free for the tests.
  const confirm = await call("/api/v1/auth/2fa/confirm", {
    token: r.accessToken,
    body: { password: PASSWORD, code: await codeAt(secret, -1) },
  });
  expect(confirm.status).toBe(200);
  const { recoveryCodes } = (await confirm.json()) as { recoveryCodes: string[] };
  return { ...r, secret, recoveryCodes };
}

async function passwordStep(email: string): Promise<string> {
  const res = await call("/api/v1/auth/login", { body: { email, password: PASSWORD } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { mfaRequired?: boolean; mfaToken?: string; accessToken?: string };
  expect(body).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });
  return body.mfaToken ?? "";
}

const verify = (mfaToken: string, code: string) => call("/api/v1/auth/2fa/verify", { body: { mfaToken, code } });

describe("TOTP two-factor sign-in", () => {
  // Freeze Date (the Worker runs in this isolate) a few seconds into a TOTP step, so the step a
  // test computes a code for is the step the server checks it against.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime((totpStep(Date.now()) + 1) * 30_000 + 5_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("after enrolment, login asks for the second factor and a TOTP code completes it", async () => {
    const u = await enrolled();
    expect(u.recoveryCodes).toHaveLength(10);
    const res = await verify(await passwordStep(u.email), await codeAt(u.secret));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accessToken: string; user: { mfaEnabled: boolean } };
    expect(body.user.mfaEnabled).toBe(true);
    expect((await call("/api/v1/me", { token: body.accessToken })).status).toBe(200);
    expect(res.headers.getSetCookie().join()).toMatch(/haven_refresh=/);
  });

  it("accepts a TOTP code once: the same code replayed is refused", async () => {
    const u = await enrolled();
    const code = await codeAt(u.secret);
    expect((await verify(await passwordStep(u.email), code)).status).toBe(200);
    const replay = await verify(await passwordStep(u.email), code);
    expect(replay.status).toBe(401);
    expect((await errorOf(replay)).code).toBe("MFA_CODE_INVALID");
  });

  it("accepts each recovery code once, in any case and without the dash", async () => {
    const u = await enrolled();
    const [first, second] = u.recoveryCodes as [string, string];
    expect((await verify(await passwordStep(u.email), first)).status).toBe(200);
    expect((await verify(await passwordStep(u.email), first)).status).toBe(401);
    expect((await verify(await passwordStep(u.email), second.replace("-", "").toUpperCase())).status).toBe(200);
    const stored = await env.DB.prepare("SELECT code_hash FROM recovery_codes WHERE user_id = ?").bind(u.user.id).all();
    const hashes = stored.results.map((r) => r.code_hash as string);
    expect(hashes).toHaveLength(10);
    for (const code of u.recoveryCodes) expect(hashes.join()).not.toContain(code.replace("-", ""));
  });

  // Issue 13, item 12: a keyed hash, so a copy of the table alone cannot be searched for codes.
  it("stores recovery codes under a keyed hash, never their plain SHA-256", async () => {
    const u = await enrolled();
    const stored = await env.DB.prepare("SELECT code_hash FROM recovery_codes WHERE user_id = ?").bind(u.user.id).all();
    const hashes = new Set(stored.results.map((r) => r.code_hash as string));
    expect(hashes.size).toBe(10);
    for (const code of u.recoveryCodes) {
      const normalised = code.replace("-", "").toLowerCase();
      expect(hashes.has(await sha256Hex(normalised))).toBe(false);
    }
  });

  it("still accepts a recovery code stored under the old unkeyed hash, and upgrades the user's old rows", async () => {
    const u = await enrolled();
    // Rows as the previous version wrote them: plain SHA-256 of the normalised code.
    const legacy = ["abcde-fghjk", "mnpqr-stuvw"];
    await env.DB.prepare("DELETE FROM recovery_codes WHERE user_id = ?").bind(u.user.id).run();
    for (const code of legacy) {
      await env.DB.prepare("INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)")
        .bind(u.user.id, await sha256Hex(code.replace("-", "")))
        .run();
    }
    expect((await verify(await passwordStep(u.email), legacy[0] ?? "")).status).toBe(200);
    expect((await verify(await passwordStep(u.email), legacy[0] ?? "")).status).toBe(401);
    const rows = await env.DB.prepare("SELECT code_hash, used_at FROM recovery_codes WHERE user_id = ?")
      .bind(u.user.id)
      .all<{ code_hash: string; used_at: number | null }>();
    // No row is left under the unkeyed hash; the unused one still works.
    for (const code of legacy) {
      expect(rows.results.map((r) => r.code_hash)).not.toContain(await sha256Hex(code.replace("-", "")));
    }
    expect((await verify(await passwordStep(u.email), legacy[1] ?? "")).status).toBe(200);
  });

  it("refuses a wrong code and audits the failure", async () => {
    const u = await enrolled();
    const good = await codeAt(u.secret);
    const wrong = good === "000000" ? "111111" : "000000";
    const res = await verify(await passwordStep(u.email), wrong);
    expect(res.status).toBe(401);
    const row = await env.DB.prepare(
      "SELECT outcome, error_code FROM audit_events WHERE user_id = ? AND action = 'auth.2fa.verify'",
    )
      .bind(u.user.id)
      .first();
    expect(row).toEqual({ outcome: "failure", error_code: "MFA_CODE_INVALID" });
  });

  it("refuses a forged or access token in place of the MFA token", async () => {
    const u = await enrolled();
    const res = await verify(u.accessToken, await codeAt(u.secret));
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("MFA_TOKEN_INVALID");
  });

  it("refuses a wrong confirmation code and confirming without enrolment", async () => {
    const r = await register();
    const early = await call("/api/v1/auth/2fa/confirm", {
      token: r.accessToken,
      body: { password: PASSWORD, code: "123456" },
    });
    expect(early.status).toBe(409);
    expect((await errorOf(early)).code).toBe("MFA_NOT_ENROLLED");
    const enroll = await call("/api/v1/auth/2fa/enroll", { token: r.accessToken, body: { password: PASSWORD } });
    const { secret } = (await enroll.json()) as { secret: string };
    const good = await codeAt(secret);
    const wrong = await call("/api/v1/auth/2fa/confirm", {
      token: r.accessToken,
      body: { password: PASSWORD, code: good === "999999" ? "999998" : "999999" },
    });
    expect(wrong.status).toBe(403);
    expect((await errorOf(wrong)).code).toBe("REAUTH_FAILED");
    const login = await call("/api/v1/auth/login", { body: { email: r.email, password: PASSWORD } });
    expect(((await login.json()) as { accessToken?: string }).accessToken).toBeDefined();
  });

  it("refuses a second enrolment while 2FA is on", async () => {
    const u = await enrolled();
    const res = await call("/api/v1/auth/2fa/enroll", { token: u.accessToken, body: { password: PASSWORD } });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe("MFA_ALREADY_ENABLED");
  });

  it("disables 2FA only with the password and a valid code, and then login needs no code", async () => {
    const u = await enrolled();
    const noPassword = await call("/api/v1/auth/2fa/disable", {
      token: u.accessToken,
      body: { password: "not the password", code: await codeAt(u.secret) },
    });
    expect(noPassword.status).toBe(403);
    const res = await call("/api/v1/auth/2fa/disable", {
      token: u.accessToken,
      body: { password: PASSWORD, code: u.recoveryCodes[3] },
    });
    expect(res.status).toBe(200);
    const left = await env.DB.prepare("SELECT count(*) AS n FROM recovery_codes WHERE user_id = ?")
      .bind(u.user.id)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
    const login = await call("/api/v1/auth/login", { body: { email: u.email, password: PASSWORD } });
    expect(((await login.json()) as { accessToken?: string }).accessToken).toBeDefined();
    const again = await call("/api/v1/auth/2fa/disable", {
      token: u.accessToken,
      body: { password: PASSWORD, code: "123456" },
    });
    expect(again.status).toBe(409);
  });
});
