import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { AuditEventView } from "../../shared/schemas/admin";
import type { Page } from "../../shared/schemas/common";
import { hotp, totpStep } from "../../worker/auth/totp";
import { call, createUserAndLogin, errorOf, PASSWORD, refresh, refreshCookieFrom, register } from "./helpers";

async function auditPage(token: string, query: string): Promise<Page<AuditEventView>> {
  const res = await call(`/api/v1/admin/audit?${query}`, { token });
  expect(res.status).toBe(200);
  return (await res.json()) as Page<AuditEventView>;
}

describe("GET /api/v1/admin/audit", () => {
  it("is for admins only: 401 without a token, 403 for patients and staff", async () => {
    expect((await call("/api/v1/admin/audit")).status).toBe(401);
    for (const role of ["patient", "therapist", "clinician"] as const) {
      const u = await createUserAndLogin(role);
      const res = await call("/api/v1/admin/audit", { token: u.accessToken });
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe("FORBIDDEN");
    }
  });

  it("filters by user, action, outcome and request id, newest first", async () => {
    const admin = await createUserAndLogin("admin");
    const r = await register();
    await call("/api/v1/auth/login", { body: { email: r.email, password: "not the password" } });
    const mine = await auditPage(admin.accessToken, `userId=${r.user.id}`);
    expect(mine.items.map((e) => e.action)).toEqual(["auth.login", "auth.register"]);
    expect(mine.items.every((e) => e.userId === r.user.id)).toBe(true);
    const failures = await auditPage(admin.accessToken, `userId=${r.user.id}&outcome=failure`);
    expect(failures.items).toHaveLength(1);
    expect(failures.items[0]).toMatchObject({ action: "auth.login", errorCode: "INVALID_CREDENTIALS" });
    const byAction = await auditPage(admin.accessToken, `userId=${r.user.id}&action=auth.register`);
    expect(byAction.items).toHaveLength(1);
    const requestId = byAction.items[0]?.requestId ?? "";
    const byRequest = await auditPage(admin.accessToken, `requestId=${requestId}`);
    expect(byRequest.items.map((e) => e.id)).toEqual([byAction.items[0]?.id]);
  });

  it("records each read of the audit log as an admin action", async () => {
    const admin = await createUserAndLogin("admin");
    await auditPage(admin.accessToken, "limit=1");
    const reads = await auditPage(admin.accessToken, `userId=${admin.user.id}&action=admin.audit.read`);
    // The read that answers this query is recorded after its own rows were fetched.
    expect(reads.items).toHaveLength(1);
    expect(reads.items[0]).toMatchObject({ role: "admin", outcome: "success" });
  });

  it("filters by a time range, `to` exclusive", async () => {
    const admin = await createUserAndLogin("admin");
    const r = await register();
    const [event] = (await auditPage(admin.accessToken, `userId=${r.user.id}&action=auth.register`)).items;
    const at = event?.at ?? "";
    const later = new Date(Date.parse(at) + 1).toISOString();
    expect((await auditPage(admin.accessToken, `userId=${r.user.id}&from=${at}&to=${later}`)).items).toHaveLength(1);
    expect((await auditPage(admin.accessToken, `userId=${r.user.id}&to=${at}`)).items).toHaveLength(0);
    const bad = await call("/api/v1/admin/audit?from=yesterday", { token: admin.accessToken });
    expect(bad.status).toBe(400);
  });

  it("pages with an opaque cursor, without gaps or repeats, and refuses a forged one", async () => {
    const admin = await createUserAndLogin("admin");
    const r = await register();
    for (let i = 0; i < 4; i++) await call("/api/v1/auth/login", { body: { email: r.email, password: `wrong!!${i}` } });
    const all = await auditPage(admin.accessToken, `userId=${r.user.id}&limit=100`);
    expect(all.items).toHaveLength(5);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<AuditEventView> = await auditPage(
        admin.accessToken,
        `userId=${r.user.id}&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...page.items.map((e) => e.id));
      expect(page.hasMore).toBe(page.cursor !== null);
      cursor = page.cursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((e) => e.id));
    for (const forged of ["not-a-cursor", btoa('{"v":1,"id":"1 OR 1=1"}'), btoa('{"v":2,"id":5}')]) {
      const res = await call(`/api/v1/admin/audit?cursor=${encodeURIComponent(forged)}`, { token: admin.accessToken });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe("INVALID_CURSOR");
    }
    const tooMany = await call("/api/v1/admin/audit?limit=101", { token: admin.accessToken });
    expect(tooMany.status).toBe(400);
  });
});

describe("the audit log", () => {
  it("is append-only: the database refuses UPDATE and DELETE", async () => {
    await register();
    await expect(env.DB.prepare("UPDATE audit_events SET outcome = 'success'").run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("DELETE FROM audit_events").run()).rejects.toThrow(/append-only/);
  });

  it("never contains a password, token, cookie, TOTP secret, recovery code or email address", async () => {
    const r = await register();
    const secrets: string[] = [r.password, r.accessToken, r.cookie.split("=")[1] ?? "", r.email];
    await call("/api/v1/auth/login", { body: { email: r.email, password: "a wrong password 1" } });
    secrets.push("a wrong password 1");
    const rotated = await refresh(r.cookie);
    secrets.push(refreshCookieFrom(rotated).split("=")[1] ?? "");
    const enroll = await call("/api/v1/auth/2fa/enroll", { token: r.accessToken, body: { password: PASSWORD } });
    const { secret } = (await enroll.json()) as { secret: string };
    const code = await hotp(secret, totpStep(Date.now()));
    const confirm = await call("/api/v1/auth/2fa/confirm", {
      token: r.accessToken,
      body: { password: PASSWORD, code },
    });
    const { recoveryCodes } = (await confirm.json()) as { recoveryCodes: string[] };
    secrets.push(secret, code, ...recoveryCodes);
    await call("/api/v1/auth/password", {
      token: r.accessToken,
      body: { currentPassword: PASSWORD, newPassword: "another long passphrase 77" },
    });
    secrets.push("another long passphrase 77");
    const { results } = await env.DB.prepare("SELECT * FROM audit_events WHERE user_id = ?").bind(r.user.id).all();
    expect(results.length).toBeGreaterThanOrEqual(5);
    const dump = JSON.stringify(results);
    for (const s of secrets) {
      expect(s.length).toBeGreaterThan(5);
      expect(dump).not.toContain(s);
    }
    expect(dump).not.toContain(r.email.split("@")[0]);
    // The address is kept only as a keyed hash.
    for (const row of results) expect(String(row.ip_hash)).toMatch(/^[0-9a-f]{32}$/);
  });
});
