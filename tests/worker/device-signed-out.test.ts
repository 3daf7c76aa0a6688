import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { REFRESH_GRACE_SECONDS, REFRESH_IDLE_SECONDS } from "../../shared/limits";
import { call, createUserAndLogin, errorOf, login, PASSWORD, refresh, refreshCookieFrom, register } from "./helpers";

/**
 * Issue 13 item 7: a session that was REVOKED (signed out from another device or the sessions
 * list, a password or 2FA change ending the others, refresh-token reuse, a disabled or deleted
 * account) answers its own code, DEVICE_SIGNED_OUT, on the access path and at refresh, so the
 * device wipes its copy of the patient's data. A session that merely EXPIRED keeps its codes.
 */
const sidOf = (token: string) => JSON.parse(atob(token.split(".")[1] ?? "")).sid as string;

async function me(token: string) {
  const res = await call("/api/v1/me", { token });
  return res.ok ? { status: res.status } : { status: res.status, code: (await errorOf(res)).code };
}

const SIGNED_OUT = { status: 401, code: "DEVICE_SIGNED_OUT" };

describe("a revoked session answers DEVICE_SIGNED_OUT", () => {
  it("signed out from the sessions list of another device: access token and refresh", async () => {
    const phone = await register();
    const laptop = await login(phone.email, PASSWORD);
    const del = await call(`/api/v1/auth/sessions/${sidOf(phone.accessToken)}`, {
      method: "DELETE",
      token: laptop.accessToken,
    });
    expect(del.status).toBe(204);
    expect(await me(phone.accessToken)).toEqual(SIGNED_OUT);
    const res = await refresh(phone.cookie);
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("DEVICE_SIGNED_OUT");
    expect(await me(laptop.accessToken)).toEqual({ status: 200 });
  });

  it("a password change elsewhere ends this device's session", async () => {
    const phone = await register();
    const laptop = await login(phone.email, PASSWORD);
    const res = await call("/api/v1/auth/password", {
      token: laptop.accessToken,
      body: { currentPassword: PASSWORD, newPassword: "a much better passphrase 2026" },
    });
    expect(res.status).toBe(204);
    expect(await me(phone.accessToken)).toEqual(SIGNED_OUT);
    expect((await errorOf(await refresh(phone.cookie))).code).toBe("DEVICE_SIGNED_OUT");
  });

  it("refresh-token reuse: the reuser gets REFRESH_REUSED, every holder of the family DEVICE_SIGNED_OUT", async () => {
    const r = await register();
    const first = await refresh(r.cookie);
    const child = refreshCookieFrom(first);
    const access = ((await first.json()) as { accessToken: string }).accessToken;
    await env.DB.prepare("UPDATE refresh_tokens SET used_at = used_at - ? WHERE session_id = ? AND used_at IS NOT NULL")
      .bind((REFRESH_GRACE_SECONDS + 5) * 1000, sidOf(r.accessToken))
      .run();
    expect((await errorOf(await refresh(r.cookie))).code).toBe("REFRESH_REUSED");
    expect((await errorOf(await refresh(child))).code).toBe("DEVICE_SIGNED_OUT");
    expect(await me(access)).toEqual(SIGNED_OUT);
  });

  it("an admin disabling the account", async () => {
    const admin = await createUserAndLogin("admin");
    const patient = await register();
    const res = await call(`/api/v1/admin/users/${patient.user.id}`, {
      method: "PATCH",
      token: admin.accessToken,
      body: { status: "disabled" },
    });
    expect(res.status).toBe(200);
    expect(await me(patient.accessToken)).toEqual(SIGNED_OUT);
    expect((await errorOf(await refresh(patient.cookie))).code).toBe("DEVICE_SIGNED_OUT");
  });

  it("a deleted account's access token", async () => {
    const r = await register();
    await env.DB.prepare("DELETE FROM users WHERE id = ?").bind(r.user.id).run();
    expect(await me(r.accessToken)).toEqual(SIGNED_OUT);
  });

  it("this device's own logout, seen from another tab", async () => {
    const r = await register();
    expect((await call("/api/v1/auth/logout", { method: "POST", token: r.accessToken })).status).toBe(204);
    expect(await me(r.accessToken)).toEqual(SIGNED_OUT);
    expect((await errorOf(await refresh(r.cookie))).code).toBe("DEVICE_SIGNED_OUT");
  });
});

describe("an expired session keeps its codes", () => {
  it("idle past 7 days: REFRESH_INVALID at refresh, then SESSION_REVOKED for its access token", async () => {
    const r = await register();
    await env.DB.prepare("UPDATE sessions SET last_used_at = ? WHERE id = ?")
      .bind(Date.now() - (REFRESH_IDLE_SECONDS + 60) * 1000, sidOf(r.accessToken))
      .run();
    expect((await errorOf(await refresh(r.cookie))).code).toBe("REFRESH_INVALID");
    // The refresh recorded the expiry (revoked_reason "expired"): still an expiry, not a revocation.
    expect(await me(r.accessToken)).toEqual({ status: 401, code: "SESSION_REVOKED" });
    expect((await errorOf(await refresh(r.cookie))).code).toBe("REFRESH_INVALID");
  });

  it("past the absolute lifetime", async () => {
    const r = await register();
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE id = ?")
      .bind(Date.now() - 1000, sidOf(r.accessToken))
      .run();
    expect(await me(r.accessToken)).toEqual({ status: 401, code: "SESSION_REVOKED" });
    expect((await errorOf(await refresh(r.cookie))).code).toBe("REFRESH_INVALID");
  });

  it("no cookie or an unknown one stays REFRESH_INVALID", async () => {
    expect((await errorOf(await refresh("haven_refresh=nope"))).code).toBe("REFRESH_INVALID");
  });
});
