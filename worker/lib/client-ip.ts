import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { hmacSha256 } from "./crypto";
import { toHex } from "./encoding";

/**
 * The caller's address as Cloudflare's edge reports it. The edge overwrites any
 * CF-Connecting-IP a client sends, so it is safe to key rate limits on; wrangler dev sets it
 * locally. Absent (a direct call in tests), all such callers share one bucket.
 */
export function clientIp(c: Context<AppEnv>): string {
  return c.req.header("CF-Connecting-IP") ?? "unknown";
}

/**
 * Sets `ipHash`: a keyed hash of the caller's address for audit rows and sessions, which lets an
 * operator see that two events came from one address without storing the address.
 */
export const hashClientIp = createMiddleware<AppEnv>(async (c, next) => {
  const mac = await hmacSha256(`ip-hash:${c.env.JWT_SECRET}`, clientIp(c));
  c.set("ipHash", toHex(mac).slice(0, 32));
  await next();
});
