/**
 * PUT/DELETE /api/v1/push/subscription and GET /push/key (issue 17): validation with a code of
 * its own, the caller's session owning the row, sign-out removing only that session's device.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { signAccessToken } from "../../worker/auth/tokens";
import { createSubscriber } from "../support/push-service-client";
import { call, errorOf, json, login, randomIp, register } from "./helpers";
import { PUSH_SERVICE_URL, storedSubscription, subscribeDevice } from "./push-helpers";

const b64u = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

const STRONG_SECRET = "Zq8f3Jw0nR5tLx2bV7cYp1Hs9Ke4Md6Ua0Gi3Wo8Qz5Tn2Bf";

const GOOD_KEYS = (() => {
  const p = new Uint8Array(65);
  crypto.getRandomValues(p);
  p[0] = 0x04;
  return { p256dh: b64u(p), auth: b64u(crypto.getRandomValues(new Uint8Array(16))) };
})();

function put(token: string | undefined, body: unknown) {
  return call("/api/v1/push/subscription", { method: "PUT", token, body });
}

describe("GET /push/key", () => {
  it("gives the VAPID public key: the uncompressed point of the configured key", async () => {
    const { accessToken } = await register();
    const res = await call("/api/v1/push/key", { token: accessToken });
    expect(res.status).toBe(200);
    const { publicKey } = await json<{ publicKey: string }>(res);
    const jwk = JSON.parse(env.VAPID_PRIVATE_KEY) as { x: string; y: string };
    const bytes = Uint8Array.from(atob(publicKey.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
    expect(bytes.length).toBe(65);
    expect(bytes[0]).toBe(4);
    expect(b64u(bytes.slice(1, 33))).toBe(jwk.x);
    expect(b64u(bytes.slice(33))).toBe(jwk.y);
  });

  it("is for signed-in users only", async () => {
    const res = await call("/api/v1/push/key");
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("UNAUTHENTICATED");
  });
});

describe("PUT /push/subscription", () => {
  it("stores the subscription for the caller's session (201), then 200 when sent again", async () => {
    const { accessToken, user } = await register();
    const sub = await createSubscriber(PUSH_SERVICE_URL);
    const first = await put(accessToken, { endpoint: sub.endpoint, keys: sub.keys });
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ created: true });
    const again = await put(accessToken, { endpoint: sub.endpoint, keys: sub.keys });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ created: false });
    const row = await storedSubscription(sub.endpoint);
    expect(row?.user_id).toBe(user.id);
    const session = await env.DB.prepare("SELECT revoked_at FROM sessions WHERE id = ?")
      .bind(row?.session_id)
      .first<{ revoked_at: number | null }>();
    expect(session).toEqual({ revoked_at: null });
  });

  it("refuses anyone signed out", async () => {
    const res = await put(undefined, { endpoint: "https://push.example/abc", keys: GOOD_KEYS });
    expect(res.status).toBe(401);
  });

  it.each([
    ["not a URL", { endpoint: "not a url", keys: GOOD_KEYS }, "endpoint"],
    ["ftp", { endpoint: "ftp://push.example/abc", keys: GOOD_KEYS }, "endpoint"],
    ["http to a remote host", { endpoint: "http://push.example/abc", keys: GOOD_KEYS }, "endpoint"],
    ["credentials in the URL", { endpoint: "https://a:b@push.example/abc", keys: GOOD_KEYS }, "endpoint"],
    ["too long", { endpoint: `https://push.example/${"a".repeat(2048)}`, keys: GOOD_KEYS }, "endpoint"],
    [
      "p256dh too short",
      { endpoint: "https://push.example/a", keys: { ...GOOD_KEYS, p256dh: GOOD_KEYS.p256dh.slice(0, 80) } },
      "keys.p256dh",
    ],
    [
      "p256dh not a point",
      { endpoint: "https://push.example/a", keys: { ...GOOD_KEYS, p256dh: `C${GOOD_KEYS.p256dh.slice(1)}` } },
      "keys.p256dh",
    ],
    [
      "p256dh not base64url",
      { endpoint: "https://push.example/a", keys: { ...GOOD_KEYS, p256dh: `${GOOD_KEYS.p256dh.slice(0, 86)}+` } },
      "keys.p256dh",
    ],
    [
      "auth of 15 bytes",
      { endpoint: "https://push.example/a", keys: { ...GOOD_KEYS, auth: b64u(new Uint8Array(15)) } },
      "keys.auth",
    ],
    [
      "auth of 17 bytes",
      { endpoint: "https://push.example/a", keys: { ...GOOD_KEYS, auth: b64u(new Uint8Array(17)) } },
      "keys.auth",
    ],
  ])("refuses %s with 400 PUSH_SUBSCRIPTION_INVALID", async (_name, body, path) => {
    const { accessToken } = await register();
    const res = await put(accessToken, body);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("PUSH_SUBSCRIPTION_INVALID");
    expect(error.fields?.map((f) => f.path)).toContain(path);
  });

  it("refuses unknown fields and missing keys with VALIDATION_FAILED", async () => {
    const { accessToken } = await register();
    const extra = await put(accessToken, { endpoint: "https://push.example/a", keys: GOOD_KEYS, expirationTime: null });
    expect(extra.status).toBe(400);
    expect((await errorOf(extra)).code).toBe("VALIDATION_FAILED");
    const missing = await put(accessToken, { endpoint: "https://push.example/a" });
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).code).toBe("VALIDATION_FAILED");
  });

  it("accepts a loopback http endpoint only in development", async () => {
    const { accessToken, user } = await register();
    const sub = await createSubscriber(PUSH_SERVICE_URL);
    const body = JSON.stringify({ endpoint: sub.endpoint, keys: sub.keys });
    // The same request to a Worker configured for production (settings the config guard accepts).
    const session = await env.DB.prepare("SELECT id FROM sessions WHERE user_id = ?")
      .bind(user.id)
      .first<{ id: string }>();
    const production = {
      ...env,
      ENVIRONMENT: "production",
      JWT_SECRET: STRONG_SECRET,
      VAPID_SUBJECT: "mailto:ops@haven.example",
    } as Env;
    const token = await signAccessToken(STRONG_SECRET, {
      userId: user.id,
      role: "patient",
      sessionId: session?.id ?? "",
    });
    const res = await app.request(
      "http://localhost/api/v1/push/subscription",
      {
        method: "PUT",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${token}`,
          "cf-connecting-ip": randomIp(),
        },
        body,
      },
      production,
    );
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("PUSH_SUBSCRIPTION_INVALID");
    expect(await storedSubscription(sub.endpoint)).toBeNull();
    expect((await put(accessToken, JSON.parse(body))).status).toBe(201);
  });

  it("moves a browser's endpoint to whoever subscribes it now", async () => {
    const a = await register();
    const b = await register();
    const sub = await subscribeDevice(a.accessToken);
    const res = await put(b.accessToken, { endpoint: sub.endpoint, keys: sub.keys });
    expect(res.status).toBe(200);
    expect((await storedSubscription(sub.endpoint))?.user_id).toBe(b.user.id);
  });
});

describe("DELETE /push/subscription", () => {
  it("removes the caller's subscription, and never another user's", async () => {
    const a = await register();
    const b = await register();
    const mine = await subscribeDevice(a.accessToken);
    const theirs = await subscribeDevice(b.accessToken);
    const del = (token: string, endpoint: string) =>
      call("/api/v1/push/subscription", { method: "DELETE", token, body: { endpoint } });
    expect((await del(a.accessToken, theirs.endpoint)).status).toBe(204);
    expect(await storedSubscription(theirs.endpoint)).not.toBeNull();
    expect((await del(a.accessToken, mine.endpoint)).status).toBe(204);
    expect(await storedSubscription(mine.endpoint)).toBeNull();
    const bad = await del(a.accessToken, "javascript:alert(1)");
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe("PUSH_SUBSCRIPTION_INVALID");
  });
});

describe("signing out", () => {
  it("removes that session's subscription only", async () => {
    const first = await register();
    const second = await login(first.email, first.password);
    const here = await subscribeDevice(first.accessToken);
    const there = await subscribeDevice(second.accessToken);
    const res = await call("/api/v1/auth/logout", { method: "POST", token: first.accessToken, cookie: first.cookie });
    expect(res.status).toBe(204);
    expect(await storedSubscription(here.endpoint)).toBeNull();
    expect((await storedSubscription(there.endpoint))?.user_id).toBe(first.user.id);
  });
});
