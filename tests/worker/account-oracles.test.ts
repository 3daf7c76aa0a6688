import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, errorOf, PASSWORD, register, uniqueEmail } from "./helpers";

/**
 * Issue 13, item 10: nobody outside may learn from an answer whether an email has an account
 * (registration) or whether a disabled account's password was right (login).
 */

const registerBody = (email: string) => ({ email, password: PASSWORD, displayName: "Someone", timezone: "UTC" });

/** The shape of a JSON value: keys and value types, not the values themselves. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shape(v)]),
    );
  }
  return typeof value;
}

/** What an outsider sees of a registration answer: status, body shape, cookie attributes. */
async function outside(res: Response) {
  const body = (await res.json()) as { user: Record<string, unknown>; accessToken: string };
  const cookie = res.headers.getSetCookie().find((h) => /haven_refresh=/.test(h)) ?? "";
  return {
    status: res.status,
    shape: shape(body),
    user: { ...body.user, id: typeof body.user.id, email: typeof body.user.email },
    tokenParts: body.accessToken.split(".").length,
    cookie: cookie.replace(/=[^;]*/, "=…"),
  };
}

async function userCount(email: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM users WHERE lower(email) = ?")
    .bind(email.toLowerCase())
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe("registration does not reveal whether an email has an account", () => {
  it("answers an existing email exactly like a new one, in any case, without creating or signing in to an account", async () => {
    const existing = await register({ email: uniqueEmail("Owner") });
    const fresh = await call("/api/v1/auth/register", { body: registerBody(uniqueEmail()) });
    const taken = await call("/api/v1/auth/register", { body: registerBody(existing.email.toUpperCase()) });
    const [a, b] = [await outside(fresh), await outside(taken)];
    expect(b).toEqual(a);
    expect(b.status).toBe(201);
    // Nothing was created, and the answer holds nothing that opens the existing account.
    expect(await userCount(existing.email)).toBe(1);
    const sessions = await env.DB.prepare("SELECT count(*) AS n FROM sessions WHERE user_id = ?")
      .bind(existing.user.id)
      .first<{ n: number }>();
    expect(sessions?.n).toBe(1);
  });

  it("the decoy's token and cookie open nothing", async () => {
    const existing = await register();
    const taken = await call("/api/v1/auth/register", { body: registerBody(existing.email) });
    const body = (await taken.json()) as { user: { id: string }; accessToken: string };
    expect(body.user.id).not.toBe(existing.user.id);
    const me = await call("/api/v1/me", { token: body.accessToken });
    expect(me.status).toBe(401);
    const cookie = (taken.headers.getSetCookie().find((h) => /haven_refresh=/.test(h)) ?? "").split(";")[0] ?? "";
    const refreshed = await call("/api/v1/auth/refresh", {
      method: "POST",
      cookie,
      headers: { Origin: "http://localhost" },
    });
    expect(refreshed.status).toBe(401);
    expect((await errorOf(refreshed)).code).toBe("REFRESH_INVALID");
    // The owner can still sign in with their own password, and the audit log records the attempt.
    const login = await call("/api/v1/auth/login", { body: { email: existing.email, password: PASSWORD } });
    expect(login.status).toBe(200);
    const audited = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_events WHERE action = 'auth.register' AND outcome = 'failure' AND error_code = 'EMAIL_TAKEN'",
    ).first<{ n: number }>();
    expect(audited?.n).toBeGreaterThan(0);
  });
});

describe("a disabled account answers alike for the right and a wrong password", () => {
  it("401 INVALID_CREDENTIALS for both, with the same body", async () => {
    const r = await register();
    await env.DB.prepare("UPDATE users SET status = 'disabled' WHERE id = ?").bind(r.user.id).run();
    const right = await call("/api/v1/auth/login", { body: { email: r.email, password: PASSWORD } });
    const wrong = await call("/api/v1/auth/login", { body: { email: r.email, password: "not the password" } });
    const unknown = await call("/api/v1/auth/login", { body: { email: uniqueEmail(), password: PASSWORD } });
    const seen = async (res: Response) => {
      const { requestId: _, ...error } = await errorOf(res);
      return { status: res.status, error };
    };
    const [a, b, c] = [await seen(right), await seen(wrong), await seen(unknown)];
    expect(a).toEqual(b);
    expect(a).toEqual(c);
    expect(a.error.code).toBe("INVALID_CREDENTIALS");
  });
});
