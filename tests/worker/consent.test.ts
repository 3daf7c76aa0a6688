import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { PublicUser } from "../../shared/schemas/auth";
import { call, createUserAndLogin, errorOf, json, register } from "./helpers";

async function me(token: string): Promise<PublicUser> {
  const res = await call("/api/v1/me", { token });
  expect(res.status).toBe(200);
  return (await json<{ user: PublicUser }>(res)).user;
}

function patch(token: string, body: unknown): Promise<Response> {
  return call("/api/v1/me", { method: "PATCH", token, body });
}

interface AuditRow {
  action: string;
  target: string | null;
  outcome: string;
}

async function auditOf(userId: string, action: string): Promise<AuditRow[]> {
  const { results } = await env.DB.prepare(
    "SELECT action, target, outcome FROM audit_events WHERE user_id = ? AND action = ? ORDER BY id",
  )
    .bind(userId, action)
    .all<AuditRow>();
  return results;
}

describe("consent settings", () => {
  it("start off for a new registration, and are shown on every auth answer", async () => {
    const r = await register();
    expect(r.user.consent).toEqual({ companion: false, research: false });
    expect((await me(r.accessToken)).consent).toEqual({ companion: false, research: false });
  });

  it("start off for an account created straight in the database (the column default)", async () => {
    const patient = await createUserAndLogin("patient");
    expect(patient.user.consent).toEqual({ companion: false, research: false });
  });

  it("turns the AI companion on and off without touching research consent", async () => {
    const r = await register();
    const on = await patch(r.accessToken, { consent: { companion: true } });
    expect(on.status).toBe(200);
    expect((await json<{ user: PublicUser }>(on)).user.consent).toEqual({ companion: true, research: false });
    expect((await me(r.accessToken)).consent).toEqual({ companion: true, research: false });
    const off = await patch(r.accessToken, { consent: { companion: false } });
    expect((await json<{ user: PublicUser }>(off)).user.consent).toEqual({ companion: false, research: false });
  });

  it("turns research donation on without touching the companion, and both at once", async () => {
    const r = await register();
    await patch(r.accessToken, { consent: { research: true } });
    expect((await me(r.accessToken)).consent).toEqual({ companion: false, research: true });
    await patch(r.accessToken, { consent: { companion: true, research: false } });
    expect((await me(r.accessToken)).consent).toEqual({ companion: true, research: false });
  });

  it("changes consent together with the profile in one request", async () => {
    const r = await register();
    const res = await patch(r.accessToken, { displayName: "Consenting Adult", consent: { companion: true } });
    expect(res.status).toBe(200);
    expect((await json<{ user: PublicUser }>(res)).user).toMatchObject({
      displayName: "Consenting Adult",
      consent: { companion: true, research: false },
    });
    expect(await auditOf(r.user.id, "me.update")).toHaveLength(1);
    expect(await auditOf(r.user.id, "me.consent")).toEqual([
      { action: "me.consent", target: "companion:on", outcome: "success" },
    ]);
  });

  it("audits each consent that changes, naming which one and its new state", async () => {
    const r = await register();
    await patch(r.accessToken, { consent: { companion: true } });
    await patch(r.accessToken, { consent: { companion: true, research: true } });
    await patch(r.accessToken, { consent: { companion: false, research: false } });
    expect((await auditOf(r.user.id, "me.consent")).map((e) => e.target)).toEqual([
      "companion:on",
      // the second request left the companion as it was: only research is recorded
      "research:on",
      "companion:off",
      "research:off",
    ]);
    // A consent-only change is not a profile update.
    expect(await auditOf(r.user.id, "me.update")).toEqual([]);
  });

  it("records nothing for a consent sent with the value it already has", async () => {
    const r = await register();
    const res = await patch(r.accessToken, { consent: { research: false } });
    expect(res.status).toBe(200);
    expect(await auditOf(r.user.id, "me.consent")).toEqual([]);
  });

  it.each([
    ["a string", { consent: { companion: "yes" } }],
    ["a number", { consent: { research: 1 } }],
    ["null", { consent: { companion: null } }],
    ["an unknown consent", { consent: { marketing: true } }],
    ["no consent at all", { consent: {} }],
    ["a bare boolean", { consent: true }],
  ])("refuses %s with a 400 and changes nothing", async (_name, body) => {
    const r = await register();
    const res = await patch(r.accessToken, body);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("VALIDATION_FAILED");
    expect((await me(r.accessToken)).consent).toEqual({ companion: false, research: false });
    expect(await auditOf(r.user.id, "me.consent")).toEqual([]);
  });

  it("needs a signed-in user", async () => {
    const res = await call("/api/v1/me", { method: "PATCH", body: { consent: { companion: true } } });
    expect(res.status).toBe(401);
  });
});
