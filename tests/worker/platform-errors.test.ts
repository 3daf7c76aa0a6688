import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ErrorBody } from "../../shared/errors";
import { app } from "../../worker/app";
import { call, PASSWORD, randomIp, register, uniqueEmail } from "./helpers";

/** Reads the unified error body and checks its shape and its tie to X-Request-Id. */
async function unifiedError(res: Response): Promise<ErrorBody["error"]> {
  const body = (await res.json()) as ErrorBody;
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error).toEqual(
    expect.objectContaining({ code: expect.any(String), message: expect.any(String), requestId: expect.any(String) }),
  );
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(res.headers.get("X-Request-Id")).toBe(body.error.requestId);
  return body.error;
}

/** A D1 binding whose statements all fail with an internal detail that must never reach a client. */
function explodingDb(): D1Database {
  const boom = () => {
    throw new Error("boom secret detail");
  };
  return {
    prepare: () => ({ bind: boom, first: boom, all: boom, raw: boom, run: boom }),
    batch: boom,
    exec: boom,
  } as unknown as D1Database;
}

/**
 * A USER_COMMANDS namespace whose objects fail every call as the platform fails a Durable Object call
 * it could not deliver (an object reset, a lost connection: `retryable`) or one it shed (`overloaded`).
 */
function failingObjects(flags: { retryable?: boolean; overloaded?: boolean }): DurableObjectNamespace {
  const fail = async () => {
    throw Object.assign(new Error("Network connection lost. secret detail"), flags);
  };
  return {
    idFromName: (name: string) => env.USER_COMMANDS.idFromName(name),
    get: () => ({ execute: fail, executeChecked: fail }),
  } as unknown as DurableObjectNamespace;
}

/** A patient's mood check-in sent with `objects` as the users' Durable Objects. */
async function logMoodThrough(objects: DurableObjectNamespace, token: string): Promise<Response> {
  return app.request(
    "/api/v1/moods",
    {
      method: "POST",
      headers: { "Content-Type": "application/json", "CF-Connecting-IP": randomIp(), Authorization: `Bearer ${token}` },
      body: JSON.stringify({ mood: 6, sleepQuality: 5 }),
    },
    { ...env, USER_COMMANDS: objects },
  );
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the unified error body", () => {
  it("answers an unknown /api/v1 route with 404 NOT_FOUND", async () => {
    const res = await call("/api/v1/no-such-thing");
    expect(res.status).toBe(404);
    expect((await unifiedError(res)).code).toBe("NOT_FOUND");
  });

  it("gives every request its own request id", async () => {
    const [a, b] = await Promise.all([call("/api/v1/no-such-thing"), call("/api/v1/no-such-thing")]);
    const [ea, eb] = await Promise.all([unifiedError(a), unifiedError(b)]);
    expect(ea.requestId).not.toBe(eb.requestId);
  });

  it("ignores a client-sent X-Request-Id", async () => {
    const forged = "00000000-0000-0000-0000-000000000000";
    const res = await call("/api/v1/no-such-thing", { headers: { "X-Request-Id": forged } });
    const error = await unifiedError(res);
    expect(error.requestId).not.toBe(forged);
  });

  it("answers DELETE on /api/v1/health with 405 METHOD_NOT_ALLOWED and Allow: GET, HEAD", async () => {
    const res = await call("/api/v1/health", { method: "DELETE" });
    expect(res.status).toBe(405);
    expect((await unifiedError(res)).code).toBe("METHOD_NOT_ALLOWED");
    expect((res.headers.get("Allow") ?? "").split(/,\s*/)).toEqual(["GET", "HEAD"]);
  });

  it("answers PUT on /api/v1/auth/login with 405 METHOD_NOT_ALLOWED and Allow: POST", async () => {
    const res = await call("/api/v1/auth/login", { method: "PUT", body: {} });
    expect(res.status).toBe(405);
    expect((await unifiedError(res)).code).toBe("METHOD_NOT_ALLOWED");
    expect((res.headers.get("Allow") ?? "").split(/,\s*/)).toEqual(["POST"]);
  });

  it("answers malformed JSON with 400 MALFORMED_JSON", async () => {
    const res = await call("/api/v1/auth/login", { body: '{"email": "a@example.org", "password": ' });
    expect(res.status).toBe(400);
    expect((await unifiedError(res)).code).toBe("MALFORMED_JSON");
  });

  it("answers invalid fields with 400 VALIDATION_FAILED naming each field", async () => {
    const res = await call("/api/v1/auth/register", {
      body: { email: "not-an-email", password: "short", displayName: "Someone", timezone: "Europe/London" },
    });
    expect(res.status).toBe(400);
    const error = await unifiedError(res);
    expect(error.code).toBe("VALIDATION_FAILED");
    const paths = (error.fields ?? []).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["email", "password"]));
    expect(paths).not.toContain("displayName");
    for (const field of error.fields ?? []) expect(field.message.length).toBeGreaterThan(0);
  });

  it("answers an unknown field with 400 VALIDATION_FAILED naming that field", async () => {
    const res = await call("/api/v1/auth/register", {
      body: {
        email: uniqueEmail(),
        password: PASSWORD,
        displayName: "Someone",
        timezone: "Europe/London",
        role: "admin",
      },
    });
    expect(res.status).toBe(400);
    const error = await unifiedError(res);
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.fields).toEqual([expect.objectContaining({ path: "role" })]);
  });

  it("answers GET /api/v1/me without a token with 401 UNAUTHENTICATED", async () => {
    const res = await call("/api/v1/me");
    expect(res.status).toBe(401);
    expect((await unifiedError(res)).code).toBe("UNAUTHENTICATED");
  });

  it("answers a patient calling GET /api/v1/admin/audit with 403 FORBIDDEN", async () => {
    const patient = await register();
    const res = await call("/api/v1/admin/audit", { token: patient.accessToken });
    expect(res.status).toBe(403);
    expect((await unifiedError(res)).code).toBe("FORBIDDEN");
  });

  it("answers an unexpected exception with 500 INTERNAL, leaking nothing, and logs it once as JSON", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await app.request(
      "/api/v1/auth/login",
      {
        method: "POST",
        headers: { "Content-Type": "application/json", "CF-Connecting-IP": randomIp() },
        body: JSON.stringify({ email: uniqueEmail(), password: PASSWORD }),
      },
      { ...env, DB: explodingDb() },
    );
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/boom/i);
    expect(text).not.toMatch(/secret detail/);
    expect(text).not.toMatch(/\bat \S+/);
    expect(text).not.toMatch(/stack/i);
    const error = await unifiedError(new Response(text, { headers: res.headers }));
    expect(error.code).toBe("INTERNAL");
    expect(error.fields).toBeUndefined();

    expect(logged).toHaveBeenCalledTimes(1);
    const line = logged.mock.calls[0]?.[0];
    expect(typeof line).toBe("string");
    const entry = JSON.parse(line as string) as Record<string, unknown>;
    expect(entry).toMatchObject({
      level: "error",
      event: "unhandled_error",
      requestId: error.requestId,
      method: "POST",
      path: "/api/v1/auth/login",
    });
    // The detail stays server-side: the log carries the error and its stack.
    expect(entry.message).toEqual(expect.any(String));
    expect(entry.stack).toMatch(/\n\s+at /);
  });

  it("logs a failed query's cause but never its bound values (user data)", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const email = uniqueEmail("private");
    const res = await app.request(
      "/api/v1/auth/login",
      {
        method: "POST",
        headers: { "Content-Type": "application/json", "CF-Connecting-IP": randomIp() },
        body: JSON.stringify({ email, password: PASSWORD }),
      },
      { ...env, DB: explodingDb() },
    );
    expect(res.status).toBe(500);
    const line = String(logged.mock.calls[0]?.[0]);
    expect(line).not.toContain(email);
    expect(line).not.toContain(email.split("@")[0]);
    expect(line).toContain("params: [redacted]");
    expect(JSON.parse(line).cause).toMatchObject({ name: "Error", message: "boom secret detail" });
  });

  it("answers a Durable Object the platform could not reach or shed with 503 TEMPORARILY_UNAVAILABLE and Retry-After, not 500", async () => {
    const patient = await register();
    for (const flags of [{ retryable: true }, { overloaded: true }]) {
      const errors = vi.spyOn(console, "error").mockImplementation(() => {});
      const warnings = vi.spyOn(console, "warn").mockImplementation(() => {});
      const res = await logMoodThrough(failingObjects(flags), patient.accessToken);
      expect(res.status, JSON.stringify(flags)).toBe(503);
      expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
      const text = await res.text();
      expect(text).not.toMatch(/secret detail/);
      expect((await unifiedError(new Response(text, { headers: res.headers }))).code).toBe("TEMPORARILY_UNAVAILABLE");
      // Not a bug: logged once as a warning, never in the error log.
      expect(errors).not.toHaveBeenCalled();
      expect(warnings).toHaveBeenCalledTimes(1);
      expect(JSON.parse(String(warnings.mock.calls[0]?.[0]))).toMatchObject({
        level: "warn",
        event: "platform_unavailable",
        path: "/api/v1/moods",
      });
      vi.restoreAllMocks();
    }
    // The failing object never ran, so nothing was written.
    const moods = await call("/api/v1/moods", { token: patient.accessToken });
    expect(((await moods.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it("still answers a Durable Object's own failure (a bug, not the platform) with 500 INTERNAL", async () => {
    const patient = await register();
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await logMoodThrough(failingObjects({}), patient.accessToken);
    expect(res.status).toBe(500);
    expect((await unifiedError(res)).code).toBe("INTERNAL");
  });

  it("keeps errors from the error catalogue out of the error log", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await call("/api/v1/no-such-thing");
    expect(res.status).toBe(404);
    expect(logged).not.toHaveBeenCalled();
  });
});
