import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";

/**
 * Gives every request a fresh id, returned as `X-Request-Id` and written to audit events and
 * logs. A client-sent id is not trusted (it would let a caller forge correlation in the audit
 * log); it is ignored.
 */
export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const id = crypto.randomUUID();
  c.set("requestId", id);
  await next();
  c.res.headers.set("X-Request-Id", id);
});
