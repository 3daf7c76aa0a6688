import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import { parseOrigins } from "../../shared/config-guard";
import type { AppEnv } from "../app-env";

/** Any port on localhost or 127.0.0.1: the Vite dev server and friends, development only. */
const DEV_ORIGIN = /^https?:\/\/(?:localhost|127\.0\.0\.1)(?::\d{1,5})?$/;

/** Whether `origin` may call the API cross-origin under this configuration. */
export function corsAllows(env: Pick<Env, "ENVIRONMENT" | "CORS_ORIGINS">, origin: string): boolean {
  if (parseOrigins(env.CORS_ORIGINS).includes(origin)) return true;
  return env.ENVIRONMENT === "development" && DEV_ORIGIN.test(origin);
}

/**
 * CORS only for configured origins (the PWA is same-origin and needs none). Credentials are
 * allowed for those origins so a separately hosted client can refresh.
 */
export const apiCors = createMiddleware<AppEnv>((c, next) =>
  cors({
    origin: (origin) => (corsAllows(c.env, origin) ? origin : null),
    credentials: true,
    allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
    allowHeaders: ["Authorization", "Content-Type"],
    exposeHeaders: ["X-Request-Id", "Retry-After", "X-Haven-Signature"],
    maxAge: 600,
  })(c, next),
);
