import { createMiddleware } from "hono/factory";
import { checkDeploymentConfig } from "../../shared/config-guard";
import { ApiError } from "../../shared/errors";
import type { AppEnv } from "../app-env";

/**
 * Outside development the Worker refuses to serve anything (503 SERVICE_MISCONFIGURED) while its
 * configuration is unsafe: a missing, default or weak signing secret, or a wildcard CORS
 * origin. The problem is logged (names of settings only, never their values); the client learns
 * only that the service is misconfigured.
 */
export const configGuard = createMiddleware<AppEnv>(async (c, next) => {
  const problems = checkDeploymentConfig(c.env);
  if (problems.length > 0) {
    console.error(
      JSON.stringify({
        level: "error",
        event: "config_guard_refused",
        requestId: c.get("requestId"),
        environment: c.env.ENVIRONMENT,
        problems: problems.map((p) => `${p.key} ${p.problem}`),
      }),
    );
    throw new ApiError("SERVICE_MISCONFIGURED");
  }
  await next();
});
