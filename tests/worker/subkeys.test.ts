/**
 * JWT_SECRET keys the JWTs only; every other use gets its own HKDF subkey (issue 13, item 14):
 * the IP hash and the sync cursor tag. A value made the old way (an HMAC keyed with the raw
 * secret) is no longer accepted or reproduced.
 */
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../worker/app-env";
import { hashClientIp } from "../../worker/lib/client-ip";
import { hmacSha256 } from "../../worker/lib/crypto";
import { toBase64Url, toHex } from "../../worker/lib/encoding";
import { SUBKEY_PURPOSES, subkeyMac } from "../../worker/lib/subkeys";
import { call, errorOf, fastPatient, json } from "./helpers";

const MESSAGE = "203.0.113.7";

describe("HKDF subkeys of JWT_SECRET", () => {
  it("gives every purpose its own key, none of them the secret itself or the old prefixed keys", async () => {
    const macs = [
      toHex(await hmacSha256(env.JWT_SECRET, MESSAGE)),
      toHex(await hmacSha256(`ip-hash:${env.JWT_SECRET}`, MESSAGE)),
      toHex(await hmacSha256(`sync-cursor:${env.JWT_SECRET}`, MESSAGE)),
    ];
    for (const purpose of SUBKEY_PURPOSES) macs.push(toHex(await subkeyMac(env.JWT_SECRET, purpose, MESSAGE)));
    expect(SUBKEY_PURPOSES.length).toBeGreaterThanOrEqual(2);
    expect(new Set(macs).size).toBe(macs.length);
  });

  it("is deterministic per secret and changes with the secret", async () => {
    const a = toHex(await subkeyMac(env.JWT_SECRET, "ip-hash", MESSAGE));
    expect(toHex(await subkeyMac(env.JWT_SECRET, "ip-hash", MESSAGE))).toBe(a);
    expect(toHex(await subkeyMac(`${env.JWT_SECRET}x`, "ip-hash", MESSAGE))).not.toBe(a);
  });

  it("the IP hash is an HMAC under the ip-hash subkey, not under the raw secret", async () => {
    const probe = new Hono<AppEnv>().use(hashClientIp).get("/", (c) => c.text(c.get("ipHash")));
    const res = await probe.request("/", { headers: { "CF-Connecting-IP": MESSAGE } }, env);
    const hash = await res.text();
    expect(hash).toBe(toHex(await subkeyMac(env.JWT_SECRET, "ip-hash", MESSAGE)).slice(0, 32));
    expect(hash).not.toBe(toHex(await hmacSha256(`ip-hash:${env.JWT_SECRET}`, MESSAGE)).slice(0, 32));
  });

  it("a sync cursor tagged with the raw secret (before this change) is refused; the subkey's is accepted", async () => {
    const p = await fastPatient();
    const first = await json<{ cursor: string }>(await call("/api/v1/sync/pull", { token: p.accessToken }));
    const seq = Number.parseInt(first.cursor.split(".")[0] ?? "", 36);
    const tag = async (mac: Promise<Uint8Array>) => `${seq.toString(36)}.${toBase64Url((await mac).slice(0, 16))}`;
    const legacy = await tag(hmacSha256(`sync-cursor:${env.JWT_SECRET}`, `${p.userId}:${seq}`));
    const derived = await tag(subkeyMac(env.JWT_SECRET, "sync-cursor", `${p.userId}:${seq}`));
    expect(first.cursor).toBe(derived);
    const old = await call(`/api/v1/sync/pull?cursor=${legacy}`, { token: p.accessToken });
    expect(old.status).toBe(400);
    expect((await errorOf(old)).code).toBe("INVALID_CURSOR");
    expect((await call(`/api/v1/sync/pull?cursor=${derived}`, { token: p.accessToken })).status).toBe(200);
  });
});
