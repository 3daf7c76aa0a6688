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

interface LoggedError {
  name: string;
  message: string;
  stack?: string;
  cause?: LoggedError;
}

/**
 * What of an error may go to the log. drizzle wraps a failed query as "Failed query: <sql>
 * params: <values>", and the values are user data (emails, hashes, health notes): everything
 * from "params:" on is cut, from the message and the stack alike. The cause (D1's own error)
 * is kept, because it is what an operator needs.
 */
export function loggableError(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error)) return { name: "NonError", message: typeof err };
  const cut = (text: string) => text.replace(/\nparams:[\s\S]*?(?=\n\s+at |$)/, "\nparams: [redacted]");
  const out: LoggedError = { name: err.name, message: cut(err.message) };
  if (err.stack) out.stack = cut(err.stack);
  if (err.cause !== undefined && depth < 3) out.cause = loggableError(err.cause, depth + 1);
  return out;
}

/**
 * Whether the platform, not Haven's code, failed the call: a Durable Object call it could not
 * deliver (the object was reset or moved, the connection was lost) is marked `retryable`, and one
 * it shed under load `overloaded` (Cloudflare's Durable Objects error handling).
 * @example isPlatformUnavailable(Object.assign(new Error("Network connection lost."), { retryable: true })) // true
 */
export function isPlatformUnavailable(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const flags = err as { retryable?: unknown; overloaded?: unknown };
  return flags.retryable === true || flags.overloaded === true;
}

/** Seconds a client is asked to wait after a platform failure: the platform recovers in about that. */
const PLATFORM_RETRY_AFTER = "2";

/**
 * The one error handler. ApiErrors map to their catalogue entry. A call the platform could not
 * make (`isPlatformUnavailable`) is logged once as a warning and answered 503
 * TEMPORARILY_UNAVAILABLE with Retry-After. The call may or may not have run; a write sent again
 * with the same opId is applied once, so the client can always retry. Anything else is logged
 * once as structured JSON (with the stack, server-side only) and answered as 500 INTERNAL with no
 * detail, so nothing internal reaches the client.
 */
export function handleError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof ApiError) return errorResponse(c, err);
  if (err instanceof HTTPException && err.status === 400) {
    // Hono's own validator raises this for a body it cannot parse.
    return errorResponse(c, new ApiError("MALFORMED_JSON"));
  }
  if (isPlatformUnavailable(err)) {
    console.warn(requestLogLine(c, "warn", "platform_unavailable", err));
    return errorResponse(
      c,
      new ApiError("TEMPORARILY_UNAVAILABLE", { headers: { "Retry-After": PLATFORM_RETRY_AFTER } }),
    );
  }
  console.error(requestLogLine(c, "error", "unhandled_error", err));
  return errorResponse(c, new ApiError("INTERNAL"));
}

/** One JSON log line for an error a request ended on: the request, then what may be logged of the error. */
function requestLogLine(c: Context<AppEnv>, level: "warn" | "error", event: string, err: Error): string {
  return JSON.stringify({
    level,
    event,
    requestId: c.get("requestId"),
    method: c.req.method,
    path: new URL(c.req.url).pathname,
    ...loggableError(err),
  });
}
