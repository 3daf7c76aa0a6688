import { Hono } from "hono";
import { type AdminHealth, adminHealthResponse } from "../../shared/schemas/admin";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { serverErrorSummary } from "../db/server-errors";
import { readHealth } from "../lib/health";
import { json, operation } from "../lib/openapi";

/**
 * GET /api/v1/admin/health (mounted behind the admin guard): the public health (version, applied
 * migrations) plus how many 5xx answers the service gave in the last 24 hours and when the last
 * one was (recorded by middleware/server-errors.ts).
 */
export const adminHealth = new Hono<AppEnv>().get(
  "/",
  operation({
    summary: "System health for admins: version, applied migrations, and server errors (5xx) in the last 24 hours",
    responses: { 200: json(adminHealthResponse, "The service's health") },
  }),
  async (c) => {
    const { health, more: errors } = await readHealth(c, () => serverErrorSummary(database(c.env.DB)));
    const body: AdminHealth = {
      ...health,
      errors24h: errors.errors24h,
      lastErrorAt: errors.lastErrorAt === null ? null : new Date(errors.lastErrorAt).toISOString(),
    };
    return c.json(body);
  },
);
