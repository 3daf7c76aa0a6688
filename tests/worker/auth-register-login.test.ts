import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { hashPassword } from "../../worker/auth/password";
import { call, errorOf, login, PASSWORD, register, uniqueEmail } from "./helpers";

const STRONG_SECRET = "Zq8f3Jw0nR5tLx2bV7cYp1Hs9Ke4Md6Ua0Gi3Wo8Qz5Tn2Bf";

async function auditRows(userId: string) {
  const { results } = await env.DB.prepare("SELECT * FROM audit_events WHERE user_id = ? ORDER BY id")
    .bind(userId)
    .all();
  return results as Record<string, unknown>[];
}

describe("POST /api/v1/auth/register", () => {
  it("creates a patient, answers 201 with the user and an access token that works, and sets the refresh cookie", async () => {
    const r = await register();
    expect(r.user).toMatchObject({ email: r.email, role: "patient", timezone: "Europe/London", dayStartHour: 4 });
    expect(r.user).not.toHaveProperty("passwordHash");
    const me = await call("/api/v1/me", { token: r.accessToken });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { id: string } }).user.id).toBe(r.user.id);
    expect(r.cookie).toMatch(/^haven_refresh=[A-Za-z0-9_-]{43}$/);
  });

  it("stores the email lowercased; the same address in another case creates no second account", async () => {
    const email = uniqueEmail("Case");
    const r = await register({ email });
    expect(r.user.email).toBe(email.toLowerCase());
    const again = await call("/api/v1/auth/register", {
      body: { email: email.toUpperCase(), password: PASSWORD, displayName: "Twin", timezone: "UTC" },
    });
    // Answered like a new registration (no account oracle: account-oracles.test.ts), but nothing is created.
    expect(again.status).toBe(201);
    const n = await env.DB.prepare("SELECT count(*) AS n FROM users WHERE lower(email) = ?")
      .bind(email.toLowerCase())
      .first<{ n: number }>();
    expect(n?.n).toBe(1);
  });

  it("refuses a common password with 422 PASSWORD_TOO_COMMON", async () => {
    const res = await call("/api/v1/auth/register", {
      body: { email: uniqueEmail(), password: "Qwerty123456", displayName: "A", timezone: "UTC" },
    });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).code).toBe("PASSWORD_TOO_COMMON");
  });

  it("refuses passwords outside 12–128 characters, bad emails and unknown time zones with field paths", async () => {
    const res = await call("/api/v1/auth/register", {
      body: { email: "not-an-email", password: "short", displayName: "", timezone: "Mars/Olympus" },
    });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.fields?.map((f) => f.path).sort()).toEqual(["displayName", "email", "password", "timezone"]);
    const long = await call("/api/v1/auth/register", {
      body: { email: uniqueEmail(), password: "x".repeat(129), displayName: "A", timezone: "UTC" },
    });
    expect(long.status).toBe(400);
  });

  it("ignores any attempt to choose a role: the schema refuses the unknown field", async () => {
    const res = await call("/api/v1/auth/register", {
      body: { email: uniqueEmail(), password: PASSWORD, displayName: "Mallory", timezone: "UTC", role: "admin" },
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).fields?.[0]?.path).toBe("role");
  });
});

describe("POST /api/v1/auth/login", () => {
  it("signs in with the email in any case and writes a success audit event", async () => {
    const r = await register();
    const again = await login(r.email.toUpperCase(), PASSWORD);
    expect(again.user.id).toBe(r.user.id);
    const rows = await auditRows(r.user.id);
    expect(rows.map((row) => [row.action, row.outcome])).toContainEqual(["auth.login", "success"]);
  });

  it("answers 401 INVALID_CREDENTIALS alike for a wrong password and an unknown email, auditing both", async () => {
    const r = await register();
    const wrong = await call("/api/v1/auth/login", { body: { email: r.email, password: "wrong password 123" } });
    const unknown = await call("/api/v1/auth/login", { body: { email: uniqueEmail(), password: PASSWORD } });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe("INVALID_CREDENTIALS");
    }
    const rows = await auditRows(r.user.id);
    expect(rows.some((row) => row.action === "auth.login" && row.error_code === "INVALID_CREDENTIALS")).toBe(true);
    const anonymous = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_events WHERE action = 'auth.login' AND user_id IS NULL AND outcome = 'failure'",
    ).first<{ n: number }>();
    expect(anonymous?.n).toBeGreaterThan(0);
  });

  it("refuses a disabled account with the right password as if it were wrong (401 INVALID_CREDENTIALS), auditing why", async () => {
    const r = await register();
    await env.DB.prepare("UPDATE users SET status = 'disabled' WHERE id = ?").bind(r.user.id).run();
    const res = await call("/api/v1/auth/login", { body: { email: r.email, password: PASSWORD } });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("INVALID_CREDENTIALS");
    const rows = await auditRows(r.user.id);
    expect(rows.some((row) => row.action === "auth.login" && row.error_code === "ACCOUNT_DISABLED")).toBe(true);
  });

  it("never lets a demo account sign in outside development", async () => {
    const email = `patient-${crypto.randomUUID().slice(0, 6)}@demo.haven`;
    const now = Date.now();
    await env.DB.prepare(
      `INSERT INTO users (id, email, role, display_name, timezone, password_hash, created_at, updated_at)
       VALUES (?, ?, 'patient', 'Demo', 'UTC', ?, ?, ?)`,
    )
      .bind(crypto.randomUUID(), email, await hashPassword(PASSWORD), now, now)
      .run();
    const init = {
      method: "POST",
      headers: { "Content-Type": "application/json", "CF-Connecting-IP": "10.9.9.9" },
      body: JSON.stringify({ email, password: PASSWORD }),
    };
    const prod = await app.request("/api/v1/auth/login", init, {
      ...env,
      ENVIRONMENT: "production",
      JWT_SECRET: STRONG_SECRET,
    });
    expect(prod.status).toBe(401);
    expect((await errorOf(prod)).code).toBe("INVALID_CREDENTIALS");
    const dev = await call("/api/v1/auth/login", { body: { email, password: PASSWORD } });
    expect(dev.status).toBe(200);
  });

  it("upgrades a hash made with weaker scrypt parameters at the next good sign-in", async () => {
    const r = await register();
    const weak = await hashPassword(PASSWORD, { N: 2 ** 12, r: 8, p: 1 });
    await env.DB.prepare("UPDATE users SET password_hash = ? WHERE id = ?").bind(weak, r.user.id).run();
    await login(r.email, PASSWORD);
    const row = await env.DB.prepare("SELECT password_hash FROM users WHERE id = ?").bind(r.user.id).first<{
      password_hash: string;
    }>();
    expect(row?.password_hash).toMatch(/^scrypt\$32768\$8\$3\$/);
    await login(r.email, PASSWORD);
  });
});

describe("GET and PATCH /api/v1/me", () => {
  it("changes display name, time zone and day-start hour, and refuses an invalid time zone", async () => {
    const r = await register();
    const res = await call("/api/v1/me", {
      method: "PATCH",
      token: r.accessToken,
      body: { displayName: "New Name", timezone: "Asia/Kolkata", dayStartHour: 5 },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: object }).user).toMatchObject({
      displayName: "New Name",
      timezone: "Asia/Kolkata",
      dayStartHour: 5,
    });
    const bad = await call("/api/v1/me", { method: "PATCH", token: r.accessToken, body: { timezone: "+05:30" } });
    expect(bad.status).toBe(400);
    const role = await call("/api/v1/me", { method: "PATCH", token: r.accessToken, body: { role: "admin" } });
    expect(role.status).toBe(400);
  });
});
