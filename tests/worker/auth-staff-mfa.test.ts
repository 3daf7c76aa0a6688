/**
 * Issue 13, item 5 (second half): two-factor sign-in is mandatory for staff (therapist,
 * clinician, admin). A staff account without it signs in with its password into a session that
 * can only set 2FA up, read who it is, and sign out; every other route answers 403
 * MFA_ENROLMENT_REQUIRED, including ones added later (checked over the app's whole route table).
 * Staff cannot turn 2FA off; an admin's reset signs them out and sends them back to set-up.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MFA_REQUIRED_ROLES } from "../../shared/roles";
import { app } from "../../worker/app";
import {
  call,
  codeAt,
  createUserAndLogin,
  errorOf,
  json,
  login,
  loginWithCode,
  PASSWORD,
  type Registered,
  register,
  staffBeforeTwoFactor,
  turnOnTwoFactor,
  uniqueEmail,
} from "./helpers";

/** Sets up 2FA as the enrolment screen does: password, then a code from the new secret. */
const enrolAndConfirm = async (r: Registered) => (await turnOnTwoFactor(r)).secret;

async function auditCount(userId: string, action: string, errorCode: string | null) {
  const row = await env.DB.prepare(
    "SELECT count(*) AS n FROM audit_events WHERE user_id = ? AND action = ? AND error_code IS ?",
  )
    .bind(userId, action, errorCode)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

const STAFF_ROUTE = { therapist: "/api/v1/staff/patients", clinician: "/api/v1/staff/patients" } as const;
const roleRoute = (role: string) => (role === "admin" ? "/api/v1/admin/users" : "/api/v1/staff/patients");

describe("mandatory two-factor sign-in for staff", () => {
  it("covers therapists, clinicians and admins, not patients", () => {
    expect([...MFA_REQUIRED_ROLES].sort()).toEqual(["admin", "clinician", "therapist"]);
  });

  for (const role of ["therapist", "clinician", "admin"] as const) {
    it(`a ${role} without 2FA signs in to set-up only, and has the role's access once it is on`, async () => {
      const staff = await staffBeforeTwoFactor(role);
      expect(staff.user).toMatchObject({ role, mfaEnabled: false });

      const me = await call("/api/v1/me", { token: staff.accessToken });
      expect(me.status).toBe(200);
      for (const path of [roleRoute(role), "/api/v1/auth/sessions", "/api/v1/me/export", "/api/v1/messages"]) {
        const res = await call(path, { token: staff.accessToken });
        expect(res.status, path).toBe(403);
        expect((await errorOf(res)).code, path).toBe("MFA_ENROLMENT_REQUIRED");
      }
      // A password change is not a way around it either.
      const password = await call("/api/v1/auth/password", {
        token: staff.accessToken,
        body: { currentPassword: PASSWORD, newPassword: "another long passphrase here" },
      });
      expect((await errorOf(password)).code).toBe("MFA_ENROLMENT_REQUIRED");

      await enrolAndConfirm(staff);
      // The same session now has the role's access: it proved both factors at confirmation.
      expect((await call(roleRoute(role), { token: staff.accessToken })).status).toBe(200);
      expect((await call("/api/v1/auth/sessions", { token: staff.accessToken })).status).toBe(200);
    });
  }

  it("a patient without 2FA is not asked to set it up", async () => {
    const patient = await register();
    expect((await call("/api/v1/auth/sessions", { token: patient.accessToken })).status).toBe(200);
    expect((await call("/api/v1/habits", { token: patient.accessToken })).status).toBe(200);
  });

  it("signing out works before set-up", async () => {
    const staff = await staffBeforeTwoFactor("clinician");
    expect((await call("/api/v1/auth/logout", { method: "POST", token: staff.accessToken })).status).toBe(204);
    expect((await errorOf(await call("/api/v1/me", { token: staff.accessToken }))).code).toBe("DEVICE_SIGNED_OUT");
  });

  it("after set-up, signing in asks for the code", async () => {
    const staff = await staffBeforeTwoFactor("therapist");
    const secret = await enrolAndConfirm(staff);
    const res = await call("/api/v1/auth/login", { body: { email: staff.email, password: PASSWORD } });
    expect(await json(res)).toMatchObject({ mfaRequired: true });
    // The confirmation used this step's code; the next one signs in.
    const again = await loginWithCode(staff.email, PASSWORD, await codeAt(secret, 1));
    expect((await call(STAFF_ROUTE.therapist, { token: again.accessToken })).status).toBe(200);
  });

  it("every route but set-up, /me and sign-out refuses a staff session without 2FA (deny by default)", async () => {
    const staff = await staffBeforeTwoFactor("admin");
    const open = new Set([
      "GET /api/v1/me",
      "POST /api/v1/auth/2fa/enroll",
      "POST /api/v1/auth/2fa/confirm",
      "POST /api/v1/auth/logout",
    ]);
    const routes = [
      ...new Set(
        app.routes
          .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/v1/"))
          .map((r) => `${r.method} ${r.path.replace(/:[A-Za-z]+/g, crypto.randomUUID())}`),
      ),
    ];
    expect(routes.length).toBeGreaterThan(40);
    const refusedWithoutSession = new Set<string>();
    for (const route of routes) {
      const [method, path] = route.split(" ") as [string, string];
      if (open.has(route)) continue;
      const res = await call(path, { method, token: staff.accessToken, body: method === "GET" ? undefined : {} });
      const code = res.status === 403 ? (await errorOf(res)).code : `${res.status}`;
      // Routes that take no access token (sign-in, refresh, redeeming a reset code, health, public keys, the API document…) never see it.
      if (code !== "MFA_ENROLMENT_REQUIRED") refusedWithoutSession.add(`${route} → ${code}`);
    }
    const unauthenticated = [...refusedWithoutSession].filter(
      (r) =>
        !/^(POST \/api\/v1\/auth\/(register|login|refresh|2fa\/verify|password-reset\/(redeem|request)|invite\/accept)|GET \/api\/v1\/(health|fhir\/jwks\.json|openapi\.json|docs))/.test(
          r,
        ),
    );
    expect(unauthenticated).toEqual([]);
  });

  it("staff cannot turn 2FA off, even with both factors (403 MFA_REQUIRED_FOR_ROLE, audited)", async () => {
    const staff = await createUserAndLogin("clinician");
    const res = await call("/api/v1/auth/2fa/disable", {
      token: staff.accessToken,
      body: { password: PASSWORD, code: await codeAt(staff.secret ?? "", 1) },
    });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("MFA_REQUIRED_FOR_ROLE");
    expect(await auditCount(staff.user.id, "auth.2fa.disable", "MFA_REQUIRED_FOR_ROLE")).toBe(1);
    const row = await env.DB.prepare("SELECT totp_secret FROM users WHERE id = ?")
      .bind(staff.user.id)
      .first<{ totp_secret: string | null }>();
    expect(row?.totp_secret).toBe(staff.secret);
  });

  it("an admin's 2FA reset signs the staff member out; the next sign-in goes straight to set-up", async () => {
    const admin = await createUserAndLogin("admin");
    const staff = await createUserAndLogin("therapist");
    const reset = await call(`/api/v1/admin/users/${staff.user.id}/2fa/reset`, {
      method: "POST",
      token: admin.accessToken,
    });
    expect(reset.status).toBe(200);
    expect((await errorOf(await call("/api/v1/me", { token: staff.accessToken }))).code).toBe("DEVICE_SIGNED_OUT");
    const again = await login(staff.email, PASSWORD);
    expect(again.user.mfaEnabled).toBe(false);
    expect((await errorOf(await call(STAFF_ROUTE.therapist, { token: again.accessToken }))).code).toBe(
      "MFA_ENROLMENT_REQUIRED",
    );
    // The admin's own session is untouched.
    expect((await call("/api/v1/admin/users", { token: admin.accessToken })).status).toBe(200);
  });

  it("a clinician an admin just created must set up 2FA at first sign-in", async () => {
    const admin = await createUserAndLogin("admin");
    const email = uniqueEmail("newstaff");
    const created = await call("/api/v1/admin/users", {
      token: admin.accessToken,
      body: { email, displayName: "Dr First Day", role: "clinician", password: PASSWORD },
    });
    expect(created.status).toBe(201);
    const first = await login(email, PASSWORD);
    expect((await errorOf(await call(STAFF_ROUTE.clinician, { token: first.accessToken }))).code).toBe(
      "MFA_ENROLMENT_REQUIRED",
    );
    await enrolAndConfirm(first);
    expect((await call(STAFF_ROUTE.clinician, { token: first.accessToken })).status).toBe(200);
  });
});
