import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ApiError, type ErrorBody } from "../../shared/errors";
import type { AppEnv } from "../app-env";

/** Builds the unified error response for an ApiError. */
export function errorResponse(c: Context<AppEnv>, err: ApiError): Response {
  const body: ErrorBody = {
    error: {
      code: err.code,
      message: err.message,
      requestId: c.get("requestId") ?? "",
      ...(err.fields ? { fields: err.fields } : {}),
    },
  };
  const res = c.json(body, err.status as 400);
  for (const [name, value] of Object.entries(err.headers ?? {})) res.headers.set(name, value);
  return res;
}

/**
 * The one error handler. ApiErrors map to their catalogue entry; anything else is logged once
 * as structured JSON (with the stack, server-side only) and answered as 500 INTERNAL with no
 * detail, so nothing internal reaches the client.
 */
export function handleError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof ApiError) return errorResponse(c, err);
  if (err instanceof HTTPException && err.status === 400) {
    // Hono's own validator raises this for a body it cannot parse.
    return errorResponse(c, new ApiError("MALFORMED_JSON"));
  }
  console.error(
    JSON.stringify({
      level: "error",
      event: "unhandled_error",
      requestId: c.get("requestId"),
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      name: err.name,
      message: err.message,
      stack: err.stack,
    }),
  );
  return errorResponse(c, new ApiError("INTERNAL"));
}
