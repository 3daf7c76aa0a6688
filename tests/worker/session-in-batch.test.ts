import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../worker/app-env";
import { handleError } from "../../worker/lib/errors";
import { requireAuthInBatch } from "../../worker/middleware/require-auth";
import { call, createUserAndLogin, errorOf, staffBeforeTwoFactor } from "./helpers";

/**
 * Issue 15: the hot paths check the session inside their own D1 batch (GET /progress, GET
 * /sync/pull, GET /staff/patients) or inside the user's Durable Object's state load (POST
 * /moods), instead of in a round trip of their own (middleware/require-auth.ts,
 * requireAuthInBatch). They must answer exactly as requireAuth and requireRole did: a revoked
 * session stops at once, nothing is written for it, a refused role is audited, and bad input
 * from a refused caller gets the refusal, not the 400.
 */
const mood = () => ({ opId: crypto.randomUUID(), mood: 6, sleepQuality: 6 });

const PATIENT_ROUTES = [
  { name: "GET /progress", path: "/api/v1/progress" },
  { name: "GET /sync/pull", path: "/api/v1/sync/pull?limit=10" },
  { name: "POST /moods", path: "/api/v1/moods", body: mood },
] as const;

async function outcome(path: string, token: string, body?: () => unknown) {
  const res = await call(path, { token, body: body?.() });
  return res.ok ? { status: res.status } : { status: res.status, code: (await errorOf(res)).code };
}

async function moodCount(userId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM moods WHERE user_id = ?")
    .bind(userId)
    .first<{ n: number }>();
  return row?.n ?? -1;
}

describe("the session checked in the route's own batch", () => {
  for (const route of PATIENT_ROUTES) {
    it(`${route.name}: a signed-out session stops at once (DEVICE_SIGNED_OUT), and nothing is written`, async () => {
      const p = await createUserAndLogin("patient");
      const body = "body" in route ? route.body : undefined;
      expect((await outcome(route.path, p.accessToken, body)).status).toBeLessThan(300);
      const before = await moodCount(p.user.id);
      expect((await call("/api/v1/auth/logout", { method: "POST", token: p.accessToken })).status).toBe(204);
      expect(await outcome(route.path, p.accessToken, body)).toEqual({ status: 401, code: "DEVICE_SIGNED_OUT" });
      expect(await moodCount(p.user.id)).toBe(before);
    });

    it(`${route.name}: a disabled account is refused (ACCOUNT_DISABLED) while its session row still stands`, async () => {
      const p = await createUserAndLogin("patient");
      await env.DB.prepare("UPDATE users SET status = 'disabled' WHERE id = ?").bind(p.user.id).run();
      const body = "body" in route ? route.body : undefined;
      expect(await outcome(route.path, p.accessToken, body)).toEqual({ status: 403, code: "ACCOUNT_DISABLED" });
      expect(await moodCount(p.user.id)).toBe(0);
    });

    it(`${route.name}: staff are refused (403) and the refusal is audited`, async () => {
      const t = await createUserAndLogin("therapist");
      const body = "body" in route ? route.body : undefined;
      expect(await outcome(route.path, t.accessToken, body)).toEqual({ status: 403, code: "FORBIDDEN" });
      const event = await env.DB.prepare(
        "SELECT role, target FROM audit_events WHERE user_id = ? AND action = 'authz.denied' ORDER BY id DESC",
      )
        .bind(t.user.id)
        .first<{ role: string; target: string }>();
      expect(event).toEqual({
        role: "therapist",
        target: `${"body" in route ? "POST" : "GET"} ${route.path.split("?")[0]}`,
      });
      expect(await moodCount(t.user.id)).toBe(0);
    });
  }

  it("bad input from a refused session gets the refusal, not 400 (the check runs before the 400 is answered)", async () => {
    const p = await createUserAndLogin("patient");
    expect((await call("/api/v1/auth/logout", { method: "POST", token: p.accessToken })).status).toBe(204);
    const signedOut = { status: 401, code: "DEVICE_SIGNED_OUT" };
    expect(await outcome("/api/v1/sync/pull?limit=oops", p.accessToken)).toEqual(signedOut);
    expect(await outcome("/api/v1/sync/pull?cursor=forged", p.accessToken)).toEqual(signedOut);
    expect(await outcome("/api/v1/moods", p.accessToken, () => ({ mood: 99 }))).toEqual(signedOut);
    // …and a live session still gets its 400.
    const q = await createUserAndLogin("patient");
    expect(await outcome("/api/v1/moods", q.accessToken, () => ({ mood: 99 }))).toMatchObject({ status: 400 });
    expect(await outcome("/api/v1/sync/pull?cursor=forged", q.accessToken)).toMatchObject({ status: 400 });
  });

  it("GET /staff/patients: a signed-out therapist stops at once, a patient is refused, staff without 2FA must enrol", async () => {
    const t = await createUserAndLogin("therapist");
    expect((await outcome("/api/v1/staff/patients", t.accessToken)).status).toBe(200);
    expect((await call("/api/v1/auth/logout", { method: "POST", token: t.accessToken })).status).toBe(204);
    expect(await outcome("/api/v1/staff/patients", t.accessToken)).toEqual({ status: 401, code: "DEVICE_SIGNED_OUT" });
    const p = await createUserAndLogin("patient");
    expect(await outcome("/api/v1/staff/patients", p.accessToken)).toEqual({ status: 403, code: "FORBIDDEN" });
    const fresh = await staffBeforeTwoFactor("clinician");
    expect(await outcome("/api/v1/staff/patients", fresh.accessToken)).toEqual({
      status: 403,
      code: "MFA_ENROLMENT_REQUIRED",
    });
    expect(await outcome("/api/v1/staff/patients?sort=sideways", fresh.accessToken)).toEqual({
      status: 403,
      code: "MFA_ENROLMENT_REQUIRED",
    });
  });

  it("a role change takes effect at once on the batched routes", async () => {
    const p = await createUserAndLogin("patient");
    // A therapist with 2FA set up, so the refusal is the role's, not the enrolment rule's.
    await env.DB.prepare("UPDATE users SET role = 'therapist', totp_secret = 'JBSWY3DPEHPK3PXP' WHERE id = ?")
      .bind(p.user.id)
      .run();
    expect(await outcome("/api/v1/progress", p.accessToken)).toEqual({ status: 403, code: "FORBIDDEN" });
    expect(await outcome("/api/v1/moods", p.accessToken, mood)).toEqual({ status: 403, code: "FORBIDDEN" });
    expect(await moodCount(p.user.id)).toBe(0);
  });

  it("a route that answers without checking the session answers 500, not its data", async () => {
    const p = await createUserAndLogin("patient");
    const careless = new Hono<AppEnv>()
      .use(async (c, next) => {
        c.set("requestId", crypto.randomUUID());
        c.set("ipHash", "test");
        await next();
      })
      .get("/careless", requireAuthInBatch("patient"), (c) => c.json({ secret: "data" }));
    careless.onError(handleError);
    const res = await careless.request("/careless", { headers: { Authorization: `Bearer ${p.accessToken}` } }, env);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("data");
  });
});
