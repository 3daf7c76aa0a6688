import { env } from "cloudflare:workers";
import { SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { signAccessToken, signMfaToken } from "../../worker/auth/tokens";
import { call, errorOf, login, PASSWORD, register } from "./helpers";

const key = new TextEncoder().encode(env.JWT_SECRET);

async function meStatus(token: string): Promise<{ status: number; code?: string }> {
  const res = await call("/api/v1/me", { token });
  return res.status === 200 ? { status: 200 } : { status: res.status, code: (await errorOf(res)).code };
}

/** A token like ours, with one thing changed. */
function forged(
  claims: { sub: string; sid: string; role?: string },
  tweak: (jwt: SignJWT) => SignJWT,
  header: { alg: string; typ?: string } = { alg: "HS256", typ: "at+jwt" },
) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ role: claims.role ?? "patient", sid: claims.sid })
    .setProtectedHeader(header)
    .setSubject(claims.sub)
    .setIssuer("haven")
    .setAudience("haven-api")
    .setIssuedAt(now)
    .setExpirationTime(now + 600);
  return tweak(jwt).sign(key);
}

describe("access tokens", () => {
  it("accepts the token the server issued", async () => {
    const r = await register();
    expect(await meStatus(r.accessToken)).toEqual({ status: 200 });
  });

  it("refuses alg=none, even with valid claims", async () => {
    const r = await register();
    const sid = JSON.parse(atob(r.accessToken.split(".")[1] ?? "")).sid as string;
    const none = new UnsecuredJWT({ role: "patient", sid })
      .setSubject(r.user.id)
      .setIssuer("haven")
      .setAudience("haven-api")
      .setIssuedAt()
      .setExpirationTime("10m")
      .encode();
    expect(await meStatus(none)).toEqual({ status: 401, code: "UNAUTHENTICATED" });
  });

  it("refuses a token whose payload was tampered with", async () => {
    const r = await register();
    const other = await register();
    const [h, p, s] = r.accessToken.split(".") as [string, string, string];
    const payload = JSON.parse(atob(p.replaceAll("-", "+").replaceAll("_", "/")));
    payload.sub = other.user.id;
    const p2 = btoa(JSON.stringify(payload)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
    expect(await meStatus(`${h}.${p2}.${s}`)).toEqual({ status: 401, code: "UNAUTHENTICATED" });
  });

  it("answers TOKEN_EXPIRED for an expired token and UNAUTHENTICATED for one without exp", async () => {
    const r = await register();
    const sid = JSON.parse(atob(r.accessToken.split(".")[1] ?? "")).sid as string;
    const past = Date.now() - 16 * 60 * 1000;
    const expired = await signAccessToken(env.JWT_SECRET, { userId: r.user.id, role: "patient", sessionId: sid }, past);
    expect(await meStatus(expired)).toEqual({ status: 401, code: "TOKEN_EXPIRED" });
    const noExp = await new SignJWT({ role: "patient", sid })
      .setProtectedHeader({ alg: "HS256", typ: "at+jwt" })
      .setSubject(r.user.id)
      .setIssuer("haven")
      .setAudience("haven-api")
      .setIssuedAt()
      .sign(key);
    expect(await meStatus(noExp)).toEqual({ status: 401, code: "UNAUTHENTICATED" });
  });

  it("refuses a wrong audience, a wrong issuer, a wrong typ and a wrong key", async () => {
    const r = await register();
    const sid = JSON.parse(atob(r.accessToken.split(".")[1] ?? "")).sid as string;
    const claims = { sub: r.user.id, sid };
    expect(await meStatus(await forged(claims, (j) => j.setAudience("haven-mfa")))).toMatchObject({ status: 401 });
    expect(await meStatus(await forged(claims, (j) => j.setIssuer("evil")))).toMatchObject({ status: 401 });
    expect(await meStatus(await forged(claims, (j) => j, { alg: "HS256", typ: "JWT" }))).toMatchObject({
      status: 401,
    });
    const otherKey = await new SignJWT({ role: "patient", sid })
      .setProtectedHeader({ alg: "HS256", typ: "at+jwt" })
      .setSubject(r.user.id)
      .setIssuer("haven")
      .setAudience("haven-api")
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(new TextEncoder().encode("another-secret-another-secret-another-secret"));
    expect(await meStatus(otherKey)).toEqual({ status: 401, code: "UNAUTHENTICATED" });
    // The well-formed control: the same forging path with nothing changed is accepted.
    expect(await meStatus(await forged(claims, (j) => j))).toEqual({ status: 200 });
  });

  it("refuses an MFA-step token used as an access token", async () => {
    const r = await register();
    expect(await meStatus(await signMfaToken(env.JWT_SECRET, r.user.id))).toEqual({
      status: 401,
      code: "UNAUTHENTICATED",
    });
  });

  it("takes the role from the user row, not from the token", async () => {
    const r = await register();
    const sid = JSON.parse(atob(r.accessToken.split(".")[1] ?? "")).sid as string;
    const claimsAdmin = await forged({ sub: r.user.id, sid, role: "admin" }, (j) => j);
    const res = await call("/api/v1/admin/audit", { token: claimsAdmin });
    expect(res.status).toBe(403);
  });
});

describe("ending sessions stops their access tokens at once", () => {
  it("logout revokes the session: its access token and refresh cookie stop working", async () => {
    const r = await register();
    const res = await call("/api/v1/auth/logout", { method: "POST", token: r.accessToken, cookie: r.cookie });
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().join()).toMatch(/haven_refresh=;.*Max-Age=0/);
    expect(await meStatus(r.accessToken)).toEqual({ status: 401, code: "DEVICE_SIGNED_OUT" });
    const refreshed = await call("/api/v1/auth/refresh", {
      method: "POST",
      cookie: r.cookie,
      headers: { Origin: "http://localhost" },
    });
    expect(refreshed.status).toBe(401);
  });

  it("disabling the user stops the token at once with 403 ACCOUNT_DISABLED", async () => {
    const r = await register();
    await env.DB.prepare("UPDATE users SET status = 'disabled' WHERE id = ?").bind(r.user.id).run();
    expect(await meStatus(r.accessToken)).toEqual({ status: 403, code: "ACCOUNT_DISABLED" });
  });

  it("a deleted user's token stops working", async () => {
    const r = await register();
    await env.DB.prepare("DELETE FROM users WHERE id = ?").bind(r.user.id).run();
    expect(await meStatus(r.accessToken)).toEqual({ status: 401, code: "DEVICE_SIGNED_OUT" });
  });

  it("lists my sessions, marks the current one, and signs another one out", async () => {
    const first = await register();
    const second = await login(first.email, PASSWORD);
    const list = await call("/api/v1/auth/sessions", { token: second.accessToken });
    const items = ((await list.json()) as { items: { id: string; current: boolean }[] }).items;
    expect(items).toHaveLength(2);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    const firstSid = items.find((s) => !s.current)?.id ?? "";
    const del = await call(`/api/v1/auth/sessions/${firstSid}`, { method: "DELETE", token: second.accessToken });
    expect(del.status).toBe(204);
    expect(await meStatus(first.accessToken)).toEqual({ status: 401, code: "DEVICE_SIGNED_OUT" });
    expect(await meStatus(second.accessToken)).toEqual({ status: 200 });
  });

  it("answers 404 for another user's session and leaves it alone", async () => {
    const mine = await register();
    const theirs = await register();
    const theirSid = JSON.parse(atob(theirs.accessToken.split(".")[1] ?? "")).sid as string;
    const res = await call(`/api/v1/auth/sessions/${theirSid}`, { method: "DELETE", token: mine.accessToken });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("NOT_FOUND");
    expect(await meStatus(theirs.accessToken)).toEqual({ status: 200 });
  });

  it("a password change keeps this session, signs out the others, and the new password works", async () => {
    const here = await register();
    const elsewhere = await login(here.email, PASSWORD);
    const newPassword = "a much better passphrase 2026";
    const wrong = await call("/api/v1/auth/password", {
      token: here.accessToken,
      body: { currentPassword: "not my password!", newPassword },
    });
    expect(wrong.status).toBe(403);
    expect((await errorOf(wrong)).code).toBe("REAUTH_FAILED");
    const res = await call("/api/v1/auth/password", {
      token: here.accessToken,
      body: { currentPassword: PASSWORD, newPassword },
    });
    expect(res.status).toBe(204);
    expect(await meStatus(here.accessToken)).toEqual({ status: 200 });
    expect(await meStatus(elsewhere.accessToken)).toEqual({ status: 401, code: "DEVICE_SIGNED_OUT" });
    await expect(login(here.email, PASSWORD)).rejects.toThrow(/401/);
    await login(here.email, newPassword);
  });

  it("refuses a common new password on change", async () => {
    const r = await register();
    const res = await call("/api/v1/auth/password", {
      token: r.accessToken,
      body: { currentPassword: PASSWORD, newPassword: "password1234" },
    });
    expect(res.status).toBe(422);
  });
});
