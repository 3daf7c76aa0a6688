import { Hono } from "hono";
import { type AdminHealth, adminHealthResponse } from "../../shared/schemas/admin";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { escalationConfig, unacknowledgedHighFlags } from "../db/flag-alerts";
import { serverErrorSummary } from "../db/server-errors";
import { readHealth } from "../lib/health";
import { json, operation } from "../lib/openapi";

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * GET /api/v1/admin/health (mounted behind the admin guard): the public health (version, applied
 * migrations) plus how many 5xx answers the service gave in the last 24 hours and when the last
 * one was (recorded by middleware/server-errors.ts), the high risk flags nobody has acknowledged
 * (how long open, whether and to whom they escalated: never the patient or anything clinical),
 * and the escalation settings (so a missing on-call contact shows).
 */
export const adminHealth = new Hono<AppEnv>().get(
  "/",
  operation({
    summary:
      "System health for admins: version, applied migrations, server errors (5xx) in the last 24 hours, unacknowledged high flags and the escalation settings",
    responses: { 200: json(adminHealthResponse, "The service's health") },
  }),
  async (c) => {
    const db = database(c.env.DB);
    const { health, more } = await readHealth(c, () =>
      Promise.all([serverErrorSummary(db), unacknowledgedHighFlags(db), escalationConfig(db)]),
    );
    const [errors, flags, escalation] = more;
    const now = Date.now();
    const body: AdminHealth = {
      ...health,
      errors24h: errors.errors24h,
      lastErrorAt: errors.lastErrorAt === null ? null : iso(errors.lastErrorAt),
      unacknowledgedHighCount: flags.count,
      unacknowledgedHigh: flags.items.map((f) => ({
        flagId: f.flagId,
        openedAt: iso(f.createdAt),
        minutesOpen: Math.max(0, Math.floor((now - f.createdAt) / 60_000)),
        escalatedAt: f.escalatedAt === null ? null : iso(f.escalatedAt),
        escalatedTo: f.escalatedAt === null ? null : (f.escalatedToName ?? null),
      })),
      escalation: {
        minutes: escalation.minutes,
        onCall: escalation.onCall
          ? { id: escalation.onCall.id, displayName: escalation.onCall.displayName, role: escalation.onCall.role }
          : null,
      },
    };
    return c.json(body);
  },
);
