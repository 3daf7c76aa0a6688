import { Hono } from "hono";
import pkg from "../../package.json";
import { ApiError } from "../../shared/errors";
import type { AppEnv } from "../app-env";

/** GET /api/v1/health: liveness plus a real D1 round trip (the applied migrations). */
export const health = new Hono<AppEnv>().get("/", async (c) => {
  let applied: { name: string }[];
  try {
    const result = await c.env.DB.prepare("SELECT name FROM d1_migrations ORDER BY id").all<{ name: string }>();
    applied = result.results;
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
  return c.json({
    status: "ok" as const,
    version: pkg.version,
    migrations: { applied: applied.length, latest: applied.at(-1)?.name ?? null },
  });
});
