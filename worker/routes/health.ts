import { Hono } from "hono";
import pkg from "../../package.json";
import { ApiError } from "../../shared/errors";
import { type HealthResponse, healthResponse } from "../../shared/schemas/wellbeing";
import type { AppEnv } from "../app-env";
import { appliedMigrations } from "../db/wellbeing";
import { json, operation } from "../lib/openapi";

/** GET /api/v1/health: liveness plus a real D1 round trip (the applied migrations). */
export const health = new Hono<AppEnv>().get(
  "/",
  operation({
    summary: "Liveness, with a database round trip: the version and the applied migrations",
    responses: { 200: json(healthResponse, "Up, and the database answers") },
  }),
  async (c) => {
    let applied: string[];
    try {
      applied = await appliedMigrations(c.env.DB);
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
    const body: HealthResponse = {
      status: "ok",
      version: pkg.version,
      migrations: { applied: applied.length, latest: applied.at(-1) ?? null },
    };
    return c.json(body);
  },
);
