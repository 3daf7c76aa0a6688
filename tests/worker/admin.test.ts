import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  call,
  codeAt,
  createUserAndLogin,
  errorOf,
  json,
  login,
  loginWithCode,
  PASSWORD,
  register,
  uniqueEmail,
} from "./helpers";

type UserView = { id: string; email: string; role: string; status: string; mfaEnabled: boolean };
type Page = { items: UserView[]; cursor: string | null; hasMore: boolean };

async function auditActions(target: string): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT action FROM audit_events WHERE target = ? ORDER BY id")
    .bind(target)
    .all<{ action: string }>();
  return results.map((r) => r.action);
}

describe("admin: users", () => {
  it("creates a staff user with a role, who can then sign in; the action is audited", async () => {
    const admin = await createUserAndLogin("admin");
    const email = uniqueEmail("newclin");
    const res = await call("/api/v1/admin/users", {
      token: admin.accessToken,
      body: { email, displayName: "Dr New", role: "clinician", password: PASSWORD },
    });
    expect(res.status).toBe(201);
    const { user } = await json<{ user: UserView }>(res);
    expect(user).toMatchObject({ email, role: "clinician", status: "active" });
    expect(user).not.toHaveProperty("passwordHash");
    expect((await login(email, PASSWORD)).user.role).toBe("clinician");
    expect(await auditActions(user.id)).toContain("admin.user.create");
    const dup = await call("/api/v1/admin/users", {
      token: admin.accessToken,
      body: { email: email.toUpperCase(), displayName: "Twin", role: "therapist", password: PASSWORD },
    });
    expect(dup.status).toBe(409);
    const patientRole = await call("/api/v1/admin/users", {
      token: admin.accessToken,
      body: { email: uniqueEmail(), displayName: "P", role: "patient", password: PASSWORD },
    });
    expect(patientRole.status).toBe(400);
  });

  it("lists and searches users, treating LIKE wildcards in the search as plain text", async () => {
    const admin = await createUserAndLogin("admin");
    const tag = crypto.randomUUID().slice(0, 8);
    const displayName = `Deal 50%_off ${tag}`;
    const created = await call("/api/v1/admin/users", {
      token: admin.accessToken,
      body: { email: uniqueEmail("search"), displayName, role: "therapist", password: PASSWORD },
    });
    const { user } = await json<{ user: UserView }>(created);
    const found = await json<Page>(
      await call(`/api/v1/admin/users?q=${encodeURIComponent(`50%_off ${tag}`)}`, { token: admin.accessToken }),
    );
    expect(found.items.map((u) => u.id)).toEqual([user.id]);
    // As wildcards, "%" and "_" would match this name; as the literal text they do not.
    for (const q of [`5%off ${tag}`, `50%_of_ ${tag}`, `Deal_50`]) {
      const res = await json<Page>(
        await call(`/api/v1/admin/users?q=${encodeURIComponent(q)}`, { token: admin.accessToken }),
      );
      expect(res.items, q).toEqual([]);
    }
    const therapists = await json<Page>(
      await call("/api/v1/admin/users?role=therapist&limit=100", { token: admin.accessToken }),
    );
    expect(therapists.items.every((u) => u.role === "therapist")).toBe(true);
    const paged = await json<Page>(await call("/api/v1/admin/users?limit=1", { token: admin.accessToken }));
    expect(paged.hasMore).toBe(true);
    const next = await json<Page>(
      await call(`/api/v1/admin/users?limit=1&cursor=${paged.cursor}`, { token: admin.accessToken }),
    );
    expect(next.items[0]?.id).not.toBe(paged.items[0]?.id);
  });

  it("disabling a user ends their sessions and stops their unexpired access token at once; enabling lets them sign in", async () => {
    const admin = await createUserAndLogin("admin");
    const staff = await createUserAndLogin("therapist");
    const res = await call(`/api/v1/admin/users/${staff.user.id}`, {
      method: "PATCH",
      token: admin.accessToken,
      body: { status: "disabled" },
    });
    expect(res.status).toBe(200);
    const me = await call("/api/v1/me", { token: staff.accessToken });
    expect(me.status).toBe(401);
    const refreshed = await call("/api/v1/auth/refresh", {
      method: "POST",
      cookie: staff.cookie,
      headers: { Origin: "http://localhost" },
    });
    expect(refreshed.status).toBe(401);
    // A disabled account's right password is answered like a wrong one (issue 13, item 10).
    expect((await call("/api/v1/auth/login", { body: { email: staff.email, password: PASSWORD } })).status).toBe(401);
    await call(`/api/v1/admin/users/${staff.user.id}`, {
      method: "PATCH",
      token: admin.accessToken,
      body: { status: "active" },
    });
    // Staff sign in with the second factor (the next step's code: sign-up used this one).
    await loginWithCode(staff.email, PASSWORD, await codeAt(staff.secret ?? "", 1));
    expect(await auditActions(staff.user.id)).toEqual(["admin.user.disable", "admin.user.enable"]);
  });

  it("refuses an admin disabling themselves, and 404s an unknown user", async () => {
    const admin = await createUserAndLogin("admin");
    const self = await call(`/api/v1/admin/users/${admin.user.id}`, {
      method: "PATCH",
      token: admin.accessToken,
      body: { status: "disabled" },
    });
    expect(self.status).toBe(409);
    expect((await errorOf(self)).code).toBe("CANNOT_CHANGE_SELF");
    const unknown = await call(`/api/v1/admin/users/${crypto.randomUUID()}`, {
      method: "PATCH",
      token: admin.accessToken,
      body: { status: "disabled" },
    });
    expect(unknown.status).toBe(404);
  });

  it("resets a user's 2FA so they sign in with the password alone", async () => {
    const admin = await createUserAndLogin("admin");
    const r = await register();
    await env.DB.prepare("UPDATE users SET totp_secret = 'JBSWY3DPEHPK3PXP' WHERE id = ?").bind(r.user.id).run();
    const mfa = await json(await call("/api/v1/auth/login", { body: { email: r.email, password: PASSWORD } }));
    expect(mfa).toHaveProperty("mfaRequired", true);
    const res = await call(`/api/v1/admin/users/${r.user.id}/2fa/reset`, { method: "POST", token: admin.accessToken });
    expect(res.status).toBe(200);
    expect((await json<{ user: UserView }>(res)).user.mfaEnabled).toBe(false);
    await login(r.email, PASSWORD);
  });

  it("is for admins only", async () => {
    for (const role of ["patient", "therapist", "clinician"] as const) {
      const u = await createUserAndLogin(role);
      expect((await call("/api/v1/admin/users", { token: u.accessToken })).status).toBe(403);
    }
  });
});

describe("admin: assignments", () => {
  it("assigns and unassigns staff to a patient, auditing both", async () => {
    const admin = await createUserAndLogin("admin");
    const staff = await createUserAndLogin("clinician");
    const patient = await register();
    const body = { staffId: staff.user.id, patientId: patient.user.id };
    const created = await call("/api/v1/admin/assignments", { token: admin.accessToken, body });
    expect(created.status).toBe(201);
    const list = await json<{ items: { staffId: string; patientId: string }[] }>(
      await call(`/api/v1/admin/assignments?patientId=${patient.user.id}`, { token: admin.accessToken }),
    );
    expect(list.items).toMatchObject([body]);
    const removed = await call("/api/v1/admin/assignments", { method: "DELETE", token: admin.accessToken, body });
    expect(removed.status).toBe(204);
    const again = await call("/api/v1/admin/assignments", { method: "DELETE", token: admin.accessToken, body });
    expect(again.status).toBe(404);
    expect(await auditActions(`${staff.user.id}>${patient.user.id}`)).toEqual([
      "admin.assignment.create",
      "admin.assignment.delete",
      "admin.assignment.delete",
    ]);
  });

  it("refuses to assign a patient to a patient, an admin as staff, or unknown users (422)", async () => {
    const admin = await createUserAndLogin("admin");
    const a = await register();
    const b = await register();
    for (const body of [
      { staffId: a.user.id, patientId: b.user.id },
      { staffId: admin.user.id, patientId: b.user.id },
      { staffId: crypto.randomUUID(), patientId: b.user.id },
    ]) {
      const res = await call("/api/v1/admin/assignments", { token: admin.accessToken, body });
      expect(res.status).toBe(422);
      expect((await errorOf(res)).code).toBe("ASSIGNMENT_INVALID");
    }
  });
});
