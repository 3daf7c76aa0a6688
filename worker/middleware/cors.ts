import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import { parseOrigins } from "../../shared/config-guard";
import type { AppEnv } from "../app-env";

/**
 * Whether `origin` may call the API cross-origin: only the exact origins CORS_ORIGINS lists, in
 * every environment. Development has no wildcard for localhost: a page on any local port is
 * same-site with the Worker (ports do not count), so the refresh cookie goes along, and allowing
 * it with credentials would hand it access tokens (issue 13, item 14). `npm start` and `vite dev`
 * (which proxies /api) are same-origin and need nothing; a separately served dev client is listed
 * in .dev.vars (development alone may list http origins; the config guard refuses them elsewhere).
 */
export function corsAllows(env: Pick<Env, "CORS_ORIGINS">, origin: string): boolean {
  return parseOrigins(env.CORS_ORIGINS).includes(origin);
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
