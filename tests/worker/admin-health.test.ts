import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../../worker/db/client";
import {
  recordServerError,
  SERVER_ERROR_RETENTION_MS,
  SERVER_ERROR_WINDOW_MS,
  serverErrorSummary,
} from "../../worker/db/server-errors";
import { call, createUserAndLogin, errorOf, json, register } from "./helpers";

interface AdminHealth {
  status: string;
  version: string;
  migrations: { applied: number; latest: string | null };
  errors24h: number;
  lastErrorAt: string | null;
}

const HOUR = 60 * 60 * 1000;

describe("GET /api/v1/admin/health", () => {
  it("gives admins the version, the applied migrations and the server errors of the last 24 hours", async () => {
    const admin = await createUserAndLogin("admin");
    const res = await call("/api/v1/admin/health", { token: admin.accessToken });
    expect(res.status).toBe(200);
    const body = await json<AdminHealth>(res);
    expect(body.status).toBe("ok");
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(body.migrations).toEqual({
      applied: env.TEST_MIGRATIONS.length,
      latest: env.TEST_MIGRATIONS.at(-1)?.name ?? null,
    });
    expect(Number.isInteger(body.errors24h)).toBe(true);
  });

  it("refuses everyone but admins", async () => {
    const patient = await register();
    const therapist = await createUserAndLogin("therapist");
    for (const token of [patient.accessToken, therapist.accessToken]) {
      const res = await call("/api/v1/admin/health", { token });
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe("FORBIDDEN");
    }
    expect((await call("/api/v1/admin/health")).status).toBe(401);
  });

  it("counts a real 500 (an unhandled database error) the moment it is answered", async () => {
    const admin = await createUserAndLogin("admin");
    const before = await json<AdminHealth>(await call("/api/v1/admin/health", { token: admin.accessToken }));
    // The database refuses one patient's profile change (as a failing disk or a broken migration
    // would): the route does not expect it, so the error handler answers 500 INTERNAL.
    const patient = await register();
    const trigger = `refuse_${crypto.randomUUID().replaceAll("-", "")}`;
    await env.DB.exec(
      `CREATE TRIGGER ${trigger} BEFORE UPDATE ON users WHEN NEW.id = '${patient.user.id}' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`,
    );
    const t0 = Date.now();
    let failed: Response;
    try {
      failed = await call("/api/v1/me", {
        method: "PATCH",
        token: patient.accessToken,
        body: { displayName: "Renamed" },
      });
    } finally {
      await env.DB.exec(`DROP TRIGGER ${trigger}`);
    }
    expect(failed.status).toBe(500);
    const error = await errorOf(failed);
    expect(error.code).toBe("INTERNAL");
    const row = await env.DB.prepare("SELECT status, code, at FROM server_errors WHERE request_id = ?")
      .bind(error.requestId)
      .first<{ status: number; code: string; at: number }>();
    expect(row).toMatchObject({ status: 500, code: "INTERNAL" });
    expect(row?.at).toBeGreaterThanOrEqual(t0);

    const after = await json<AdminHealth>(await call("/api/v1/admin/health", { token: admin.accessToken }));
    expect(after.errors24h).toBeGreaterThanOrEqual(before.errors24h + 1);
    expect(Date.parse(after.lastErrorAt ?? "")).toBeGreaterThanOrEqual(t0);
  });

  it("does not count answers below 500", async () => {
    const admin = await createUserAndLogin("admin");
    const before = await env.DB.prepare("SELECT count(*) AS n FROM server_errors").first<{ n: number }>();
    expect(
      (await call("/api/v1/admin/users/not-a-uuid", { method: "PATCH", token: admin.accessToken, body: {} })).status,
    ).toBe(400);
    expect((await call("/api/v1/nowhere")).status).toBe(404);
    const after = await env.DB.prepare("SELECT count(*) AS n FROM server_errors").first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });
});

describe("recording server errors", () => {
  it("counts the last 24 hours, keeps the latest time, and drops rows past the retention", async () => {
    const db = database(env.DB);
    // A clock a year back, so the rows other tests write (now) never fall in its windows, and
    // its retention never deletes theirs.
    const now = Date.now() - 365 * 24 * HOUR;
    const old = now - SERVER_ERROR_RETENTION_MS - 2 * HOUR;
    await recordServerError(db, { requestId: "old", status: 500, code: "INTERNAL" }, old);
    await recordServerError(db, { requestId: "yesterday", status: 503, code: "DATABASE_UNAVAILABLE" }, now - 25 * HOUR);
    expect(await serverErrorSummary(db, now)).toMatchObject({ errors24h: 0 });
    await recordServerError(db, { requestId: "recent-1", status: 500, code: "INTERNAL" }, now - 2 * HOUR);
    await recordServerError(db, { requestId: "recent-2", status: 502, code: "COMPANION_UNAVAILABLE" }, now - HOUR);
    const summary = await serverErrorSummary(db, now);
    expect(summary.errors24h).toBe(2);
    expect(summary.lastErrorAt).toBe(now - HOUR);
    expect(SERVER_ERROR_WINDOW_MS).toBe(24 * HOUR);
    // Written past the old row's retention: it is gone, the rest stay.
    const ids = await env.DB.prepare(
      "SELECT request_id FROM server_errors WHERE request_id IN ('old', 'yesterday', 'recent-1', 'recent-2') ORDER BY at",
    ).all<{ request_id: string }>();
    expect(ids.results.map((r) => r.request_id)).toEqual(["yesterday", "recent-1", "recent-2"]);
  });
});
