import type { Context } from "hono";
import pkg from "../../package.json";
import { ApiError } from "../../shared/errors";
import type { HealthResponse } from "../../shared/schemas/wellbeing";
import type { AppEnv } from "../app-env";
import { appliedMigrations } from "../db/wellbeing";

/**
 * The service's health with a real D1 round trip (the applied migrations), plus whatever `more`
 * reads from the database alongside; 503 DATABASE_UNAVAILABLE, logged once, when D1 cannot be read.
 */
export async function readHealth<T>(
  c: Context<AppEnv>,
  more: () => Promise<T>,
): Promise<{ health: HealthResponse; more: T }> {
  try {
    const [applied, extra] = await Promise.all([appliedMigrations(c.env.DB), more()]);
    return {
      health: {
        status: "ok",
        version: pkg.version,
        migrations: { applied: applied.length, latest: applied.at(-1) ?? null },
      },
      more: extra,
    };
  } catch (err) {
    console.error(
      JSON.stringify({
        level: "error",
        event: "health_db_unreachable",
        requestId: c.get("requestId"),
        message: err instanceof Error ? err.message : String(err),
      }),
    );
    throw new ApiError("DATABASE_UNAVAILABLE");
  }
}
