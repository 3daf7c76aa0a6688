import { Hono } from "hono";
import { healthResponse } from "../../shared/schemas/wellbeing";
import type { AppEnv } from "../app-env";
import { readHealth } from "../lib/health";
import { json, operation } from "../lib/openapi";

/** GET /api/v1/health: liveness plus a real D1 round trip (the applied migrations). */
export const health = new Hono<AppEnv>().get(
  "/",
  operation({
    summary: "Liveness, with a database round trip: the version and the applied migrations",
    responses: { 200: json(healthResponse, "Up, and the database answers") },
  }),
  async (c) => c.json((await readHealth(c, async () => null)).health),
);
