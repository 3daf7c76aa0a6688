/**
 * Audit hygiene (issue 13, item 11): fixed action names for unknown sync operations, one row per
 * push for them, crisis events that admins see only in aggregate, and keyed email hashes.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { AuditEventView } from "../../shared/schemas/admin";
import type { SyncResult } from "../../shared/schemas/sync";
import { sha256Hex } from "../../worker/lib/crypto";
import { call, createUserAndLogin, isoIn, json, register, uniqueEmail } from "./helpers";

const op = (type: string, payload: Record<string, unknown> = {}) => ({
  opId: crypto.randomUUID(),
  type,
  at: isoIn(-1000),
  payload,
});
const push = async (token: string, operations: unknown[]) => {
  const res = await call("/api/v1/sync/push", { token, body: { clientId: "phone", operations } });
  expect(res.status, await res.clone().text()).toBe(200);
  return {
    results: (await json<{ results: SyncResult[] }>(res)).results,
    requestId: res.headers.get("X-Request-Id") ?? "",
  };
};

async function auditOf(userId: string) {
  const { results } = await env.DB.prepare(
    "SELECT action, target, outcome, error_code FROM audit_events WHERE user_id = ? ORDER BY id",
  )
    .bind(userId)
    .all<{ action: string; target: string | null; outcome: string; error_code: string | null }>();
  return results;
}

describe("unknown sync operations in the audit log", () => {
  it("are stored under a fixed action name, never the client's type (no control or bidi characters)", async () => {
    const p = await register();
    const nasty = "x\u202Eevil\u0000\n\u200Fadmin.user.create";
    const { results } = await push(p.accessToken, [op(nasty)]);
    expect(results[0]).toMatchObject({ status: "rejected", error: { code: "VALIDATION_FAILED" } });
    const rows = await auditOf(p.user.id);
    expect(rows.filter((r) => r.outcome === "failure")).toEqual([
      { action: "sync.unknown_operation", target: "count:1", outcome: "failure", error_code: "VALIDATION_FAILED" },
    ]);
    for (const r of rows) expect(r.action).toMatch(/^[a-z0-9_.]+$/);
  });

  it("write one row per push however many there are, with the count", async () => {
    const p = await register();
    const { results } = await push(
      p.accessToken,
      Array.from({ length: 100 }, (_, i) => op(`made.up.${i}`)),
    );
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    const rows = (await auditOf(p.user.id)).filter((r) => r.outcome === "failure");
    expect(rows).toEqual([
      { action: "sync.unknown_operation", target: "count:100", outcome: "failure", error_code: "VALIDATION_FAILED" },
    ]);
  });
});

describe("crisis events in the admin audit view", () => {
  it("cannot be found per patient: a user or request filter leaves them out, and listed they name nobody", async () => {
    const p = await register();
    const admin = await createUserAndLogin("admin");
    const flagId = crypto.randomUUID();
    const { requestId } = await push(p.accessToken, [
      op("risk.flag", { id: flagId, source: "sos", at: isoIn(-1000) }),
      op("mood.log", { mood: 7, sleepQuality: 7 }),
    ]);
    const get = async (query: string) => {
      const res = await call(`/api/v1/admin/audit?${query}`, { token: admin.accessToken });
      expect(res.status).toBe(200);
      return (await json<{ items: AuditEventView[] }>(res)).items;
    };
    const crisis = (items: AuditEventView[]) => items.filter((e) => e.action === "patient.sos");
    expect(crisis(await get(`userId=${p.user.id}&limit=100`))).toEqual([]);
    expect(crisis(await get(`requestId=${requestId}&limit=100`))).toEqual([]);
    expect(await get(`userId=${p.user.id}&action=patient.sos`)).toEqual([]);
    // By action alone, the admin sees that it happened (and when, and the role), not who or which flag.
    const listed = crisis(await get("action=patient.sos&limit=100"));
    expect(listed.length).toBeGreaterThan(0);
    for (const e of listed) {
      expect(e).toMatchObject({ userId: null, target: null, ipHash: null, requestId: null, role: "patient" });
    }
    expect(JSON.stringify(await get("limit=100"))).not.toContain(flagId);
  });
});

describe("email hashes in audit targets", () => {
  it("are keyed: the target of a failed sign-in is not a plain hash of the address", async () => {
    const email = uniqueEmail("keyed");
    const res = await call("/api/v1/auth/login", { body: { email, password: "some wrong password" } });
    expect(res.status).toBe(401);
    const requestId = res.headers.get("X-Request-Id");
    const row = await env.DB.prepare("SELECT target FROM audit_events WHERE request_id = ? AND action = 'auth.login'")
      .bind(requestId)
      .first<{ target: string }>();
    expect(row?.target).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.target).not.toBe(await sha256Hex(`email:${email}`));
    expect(row?.target).not.toBe(await sha256Hex(email));
  });
});
