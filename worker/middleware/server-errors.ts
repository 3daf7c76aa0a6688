import { createMiddleware } from "hono/factory";
import { ApiError } from "../../shared/errors";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { recordServerError } from "../db/server-errors";

/**
 * Records every 5xx answer of the API (an unhandled exception answered 500 INTERNAL by the error
 * handler, or any other 5xx) in D1, for the admin health's "last errors" count. It runs after the
 * config guard: a service that refuses to serve writes nothing. Waited for, so the count is
 * exact when the answer arrives; a failed write (the database itself failing) is logged as a
 * warning and the answer still goes out unchanged.
 */
export const recordServerErrors = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.res.status < 500) return;
  const code = c.error instanceof ApiError ? c.error.code : c.error ? "INTERNAL" : `HTTP_${c.res.status}`;
  try {
    await recordServerError(database(c.env.DB), { requestId: c.get("requestId"), status: c.res.status, code });
  } catch (err) {
    // A warning, not a second error: the 5xx itself was logged once, under the same request id.
    console.warn(
      JSON.stringify({
        level: "warn",
        event: "server_error_not_recorded",
        requestId: c.get("requestId"),
        message: err instanceof Error ? err.message : String(err),
      }),
    );
  }
});
