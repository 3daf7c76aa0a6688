import { createMiddleware } from "hono/factory";
import { ApiError } from "../../shared/errors";
import type { AppEnv } from "../app-env";
import { audit } from "../lib/audit";
import { corsAllows } from "./cors";

/**
 * For cookie-authenticated endpoints: the browser's Origin header must be this site's origin
 * or an allowed CORS origin. A missing Origin is refused too: every browser sends one on a
 * POST from script, so only non-browser or forged requests lack it.
 */
export const requireSameOrigin = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header("Origin");
  const own = new URL(c.req.url).origin;
  if (!origin || (origin !== own && !corsAllows(c.env, origin))) {
    await audit(c, { action: "auth.origin_check", outcome: "failure", errorCode: "ORIGIN_REJECTED" });
    throw new ApiError("ORIGIN_REJECTED");
  }
  await next();
});
