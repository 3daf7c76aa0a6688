import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { REFRESH_ABSOLUTE_SECONDS, REFRESH_GRACE_SECONDS, REFRESH_IDLE_SECONDS } from "../../shared/limits";
import { call, errorOf, refresh, refreshCookieFrom, register } from "./helpers";

const sidOf = (token: string) => JSON.parse(atob(token.split(".")[1] ?? "")).sid as string;

async function sessionRow(id: string) {
  return env.DB.prepare("SELECT * FROM sessions WHERE id = ?").bind(id).first<{
    revoked_at: number | null;
    revoked_reason: string | null;
    expires_at: number;
    last_used_at: number;
  }>();
}

/** Moves the spent-at time of every used token of a session into the past. */
async function ageUsedTokens(sessionId: string, seconds: number) {
  await env.DB.prepare("UPDATE refresh_tokens SET used_at = used_at - ? WHERE session_id = ? AND used_at IS NOT NULL")
    .bind(seconds * 1000, sessionId)
    .run();
}

/** Moves the spent-at time of one token (given as its `Cookie` header value) into the past. */
async function ageToken(cookie: string, seconds: number) {
  const token = decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1));
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  const hash = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  const res = await env.DB.prepare("UPDATE refresh_tokens SET used_at = used_at - ? WHERE token_hash = ?")
    .bind(seconds * 1000, hash)
    .run();
  if (res.meta.changes !== 1) throw new Error("no such spent token");
}

describe("POST /api/v1/auth/refresh", () => {
  it("rotates: a new access token and a new cookie, and the old access token's session lives on", async () => {
    const r = await register();
    const res = await refresh(r.cookie);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accessToken: string; user: { id: string } };
    expect(body.user.id).toBe(r.user.id);
    expect(sidOf(body.accessToken)).toBe(sidOf(r.accessToken));
    const next = refreshCookieFrom(res);
    expect(next).not.toBe(r.cookie);
    expect((await call("/api/v1/me", { token: body.accessToken })).status).toBe(200);
    expect((await refresh(next)).status).toBe(200);
  });

  it("never extends the family's absolute lifetime: the cookie's Max-Age counts down", async () => {
    const r = await register();
    const sid = sidOf(r.accessToken);
    const before = await sessionRow(sid);
    // Pretend the sign-in happened 10 days ago.
    const shift = 10 * 24 * 3600 * 1000;
    await env.DB.prepare("UPDATE sessions SET created_at = created_at - ?, expires_at = expires_at - ? WHERE id = ?")
      .bind(shift, shift, sid)
      .run();
    const res = await refresh(r.cookie);
    expect(res.status).toBe(200);
    const after = await sessionRow(sid);
    expect(after?.expires_at).toBe((before?.expires_at ?? 0) - shift);
    const maxAge = Number(/Max-Age=(\d+)/.exec(res.headers.getSetCookie().join())?.[1]);
    expect(maxAge).toBeLessThanOrEqual(REFRESH_ABSOLUTE_SECONDS - 10 * 24 * 3600);
    expect(maxAge).toBeGreaterThan(REFRESH_ABSOLUTE_SECONDS - 10 * 24 * 3600 - 60);
  });

  it("revokes the whole family when a spent token comes back after the grace window", async () => {
    const r = await register();
    const sid = sidOf(r.accessToken);
    const first = await refresh(r.cookie);
    const child = refreshCookieFrom(first);
    const childAccess = ((await first.json()) as { accessToken: string }).accessToken;
    await ageUsedTokens(sid, REFRESH_GRACE_SECONDS + 1);
    const reuse = await refresh(r.cookie);
    expect(reuse.status).toBe(401);
    expect((await errorOf(reuse)).code).toBe("REFRESH_REUSED");
    expect((await sessionRow(sid))?.revoked_reason).toBe("refresh_reuse");
    // The legitimate child and its access token die with the family.
    expect((await refresh(child)).status).toBe(401);
    expect((await call("/api/v1/me", { token: childAccess })).status).toBe(401);
    const events = await env.DB.prepare(
      "SELECT outcome, error_code FROM audit_events WHERE action = 'auth.refresh.reuse' AND user_id = ?",
    )
      .bind(r.user.id)
      .all();
    expect(events.results).toEqual([{ outcome: "failure", error_code: "REFRESH_REUSED" }]);
  });

  it("issue 11 defect 6: gives a spent token re-presented inside the grace window a sibling in the same family (a lost response)", async () => {
    const r = await register();
    const sid = sidOf(r.accessToken);
    const first = await refresh(r.cookie);
    expect(first.status).toBe(200);
    const child = refreshCookieFrom(first);
    // The response carrying `child` was lost (the page reloaded): the browser still holds the parent.
    await ageUsedTokens(sid, REFRESH_GRACE_SECONDS - 2);
    const again = await refresh(r.cookie);
    expect(again.status).toBe(200);
    const body = (await again.json()) as { accessToken: string; user: { id: string } };
    expect(body.user.id).toBe(r.user.id);
    expect(sidOf(body.accessToken)).toBe(sid);
    const sibling = refreshCookieFrom(again);
    expect(sibling).not.toBe(child);
    expect(sibling).not.toBe(r.cookie);
    expect((await sessionRow(sid))?.revoked_at).toBeNull();
    expect((await call("/api/v1/me", { token: body.accessToken })).status).toBe(200);
    // Both children are live members of the family, each single-use as ever.
    expect((await refresh(sibling)).status).toBe(200);
    expect((await refresh(child)).status).toBe(200);
    const failures = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_events WHERE action LIKE 'auth.refresh%' AND outcome = 'failure' AND user_id = ?",
    )
      .bind(r.user.id)
      .first<{ n: number }>();
    expect(failures?.n).toBe(0);
  });

  it("issue 11 defect 6: a sibling never extends the grace window; the parent presented after it still revokes the family", async () => {
    const r = await register();
    const sid = sidOf(r.accessToken);
    const first = await refresh(r.cookie);
    const child = refreshCookieFrom(first);
    await ageToken(r.cookie, REFRESH_GRACE_SECONDS - 2);
    const sibling = await refresh(r.cookie);
    expect(sibling.status).toBe(200);
    // The parent was spent GRACE - 2 s ago; three more seconds put it past the window, sibling or not.
    await ageToken(r.cookie, 3);
    const reuse = await refresh(r.cookie);
    expect(reuse.status).toBe(401);
    expect((await errorOf(reuse)).code).toBe("REFRESH_REUSED");
    expect((await sessionRow(sid))?.revoked_reason).toBe("refresh_reuse");
    expect((await refresh(child)).status).toBe(401);
    expect((await refresh(refreshCookieFrom(sibling))).status).toBe(401);
  });

  it("issue 11 defect 6: the grace window is short (at most 30 s)", () => {
    expect(REFRESH_GRACE_SECONDS).toBeGreaterThan(0);
    expect(REFRESH_GRACE_SECONDS).toBeLessThanOrEqual(30);
  });

  it("issue 11 defect 6: no sibling for a disabled account or a revoked session inside the grace window", async () => {
    const disabled = await register();
    await refresh(disabled.cookie);
    await env.DB.prepare("UPDATE users SET status = 'disabled' WHERE id = ?").bind(disabled.user.id).run();
    const refused = await refresh(disabled.cookie);
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe("ACCOUNT_DISABLED");

    const signedOut = await register();
    const first = await refresh(signedOut.cookie);
    const access = ((await first.json()) as { accessToken: string }).accessToken;
    expect((await call("/api/v1/auth/logout", { method: "POST", token: access })).status).toBe(204);
    const after = await refresh(signedOut.cookie);
    expect(after.status).toBe(401);
    expect((await errorOf(after)).code).toBe("DEVICE_SIGNED_OUT");
  });

  it("issue 11 defect 6: both of two concurrent refreshes get a child in the same family; nobody is signed out", async () => {
    const r = await register();
    const sid = sidOf(r.accessToken);
    const results = await Promise.all([refresh(r.cookie), refresh(r.cookie), refresh(r.cookie)]);
    expect(results.map((res) => res.status)).toEqual([200, 200, 200]);
    const cookies = results.map(refreshCookieFrom);
    expect(new Set(cookies).size).toBe(3);
    const tokens = await env.DB.prepare("SELECT count(*) AS n FROM refresh_tokens WHERE session_id = ?")
      .bind(sid)
      .first<{ n: number }>();
    expect(tokens?.n).toBe(4); // the spent parent and three siblings
    for (const cookie of cookies) expect((await refresh(cookie)).status).toBe(200);
    expect((await sessionRow(sid))?.revoked_at).toBeNull();
  });

  it("ends a family idle for more than 7 days", async () => {
    const r = await register();
    const sid = sidOf(r.accessToken);
    await env.DB.prepare("UPDATE sessions SET last_used_at = ? WHERE id = ?")
      .bind(Date.now() - (REFRESH_IDLE_SECONDS + 60) * 1000, sid)
      .run();
    const res = await refresh(r.cookie);
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("REFRESH_INVALID");
    expect((await sessionRow(sid))?.revoked_reason).toBe("expired");
  });

  it("ends a family past its absolute lifetime even when used daily", async () => {
    const r = await register();
    const sid = sidOf(r.accessToken);
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE id = ?")
      .bind(Date.now() - 1000, sid)
      .run();
    expect((await refresh(r.cookie)).status).toBe(401);
  });

  it("checks the user still exists and is active", async () => {
    const disabled = await register();
    await env.DB.prepare("UPDATE users SET status = 'disabled' WHERE id = ?").bind(disabled.user.id).run();
    const res = await refresh(disabled.cookie);
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("ACCOUNT_DISABLED");
    const deleted = await register();
    await env.DB.prepare("DELETE FROM users WHERE id = ?").bind(deleted.user.id).run();
    expect((await refresh(deleted.cookie)).status).toBe(401);
  });

  it("refuses a missing or foreign Origin with 403 ORIGIN_REJECTED, without spending the token", async () => {
    const r = await register();
    const noOrigin = await call("/api/v1/auth/refresh", { method: "POST", cookie: r.cookie });
    expect(noOrigin.status).toBe(403);
    expect((await errorOf(noOrigin)).code).toBe("ORIGIN_REJECTED");
    const evil = await refresh(r.cookie, "https://evil.example");
    expect(evil.status).toBe(403);
    expect((await refresh(r.cookie)).status).toBe(200);
  });

  it("answers 401 REFRESH_INVALID without a cookie or with an unknown token", async () => {
    const none = await call("/api/v1/auth/refresh", { method: "POST", headers: { Origin: "http://localhost" } });
    expect(none.status).toBe(401);
    expect((await errorOf(none)).code).toBe("REFRESH_INVALID");
    expect((await refresh("haven_refresh=not-a-real-token")).status).toBe(401);
  });

  it("uses a __Host- cookie that is Secure, HttpOnly, SameSite=Strict and Path=/ over https", async () => {
    const res = await call("https://haven.example/api/v1/auth/register", {
      body: {
        email: `secure-${crypto.randomUUID().slice(0, 8)}@example.org`,
        password: "correct horse battery staple",
        displayName: "S",
        timezone: "UTC",
      },
    });
    expect(res.status).toBe(201);
    const cookie = res.headers.getSetCookie().find((h) => h.startsWith("__Host-haven_refresh=")) ?? "";
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).not.toMatch(/Domain=/);
    const rotated = await call("https://haven.example/api/v1/auth/refresh", {
      method: "POST",
      cookie: cookie.split(";")[0],
      headers: { Origin: "https://haven.example" },
    });
    expect(rotated.status).toBe(200);
  });
});
