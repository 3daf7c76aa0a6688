import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { boundedCache } from "../../shared/bounded-cache";
import type { AppEnv } from "../app-env";
import { toHex } from "./encoding";
import { subkeyMac } from "./subkeys";

/**
 * Whether CF-Connecting-IP may be believed. Cloudflare's edge sets it on every request and
 * overwrites any value a client sent, so behind the edge it is the caller's address (ASVS
 * 15.3.4). Anywhere else — wrangler dev, workerd on its own, another proxy in front — it is
 * whatever the client chose to send. Only TRUST_CF_CONNECTING_IP = "true" (set in wrangler.toml's
 * production env) turns it on; unset or anything else is off, so a deployment that forgets it
 * fails closed.
 */
export function trustsConnectingIp(env: Pick<Env, "TRUST_CF_CONNECTING_IP">): boolean {
  return env.TRUST_CF_CONNECTING_IP === "true";
}

/**
 * The caller's address, for per-IP rate limits and the audit hash. When the header is not
 * trusted (or absent), every caller is "unknown" and shares one bucket: a forged header can
 * neither escape a per-IP limit nor put another address in the audit log, at the price of one
 * shared per-IP limit (the per-account limits still apply per account).
 */
export function clientIp(c: Context<AppEnv>): string {
  if (!trustsConnectingIp(c.env)) return "unknown";
  return c.req.header("CF-Connecting-IP") ?? "unknown";
}

/**
 * Sets `ipHash`: a keyed hash of the caller's address for audit rows and sessions, which lets an
 * operator see that two events came from one address without storing the address. Keyed with
 * the "ip-hash" subkey of JWT_SECRET (lib/subkeys.ts).
 */
export const hashClientIp = createMiddleware<AppEnv>(async (c, next) => {
  c.set("ipHash", await ipHash(c.env.JWT_SECRET, clientIp(c)));
  await next();
});

// The same caller makes many requests: a keyed hash, once made, is remembered for the isolate's
// life (a pure function of the secret and the address; bounded, emptied when full). Issue 15: an
// HMAC per request was 3% of a hot read.
const hashes = boundedCache<Promise<string>>(1_000);

function ipHash(secret: string, ip: string): Promise<string> {
  return hashes(`${ip}\u0000${secret}`, async () => toHex(await subkeyMac(secret, "ip-hash", ip)).slice(0, 32));
}
