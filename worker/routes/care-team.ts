import { and, asc, eq, ne } from "drizzle-orm";
import { Hono } from "hono";
import { canMessage } from "../../shared/messaging-policy";
import { type CareTeamMember, careTeamResponse } from "../../shared/schemas/me";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { assignments, users } from "../db/schema";
import { json, operation } from "../lib/openapi";

/** Kept for the PWA, which imports the type from here (pwa/src/data/types.ts). */
export type { CareTeamMember };

/**
 * GET /api/v1/me/care-team (mounted under `me`, so `requireAuth` already ran): the people I may
 * look for in Messages, read from the assignments on every request, so an unassignment removes
 * someone at once.
 *
 * - a patient: the staff currently assigned to them;
 * - a therapist or clinician: the patients currently assigned to them (the people they look
 *   after), so staff screens can use the same call;
 * - an admin: nobody (admins are never assigned).
 *
 * Disabled accounts are left out: a message to them would be refused. `canMessage` comes from the
 * one policy table (`shared/messaging-policy.ts`): a patient sees their clinician, marked as
 * someone they cannot write to, rather than a name that silently disappears.
 *
 * @example
 * // as a patient: { items: [{ id, displayName: "Tess Therapist", role: "therapist", canMessage: true },
 * //                         { id, displayName: "Dr Chidi Okafor", role: "clinician", canMessage: false }] }
 */
export const careTeam = new Hono<AppEnv>().get(
  "/",
  operation({
    summary: "My care team (a patient) or the patients I look after (staff), and whom I may message",
    responses: { 200: json(careTeamResponse, "The people, by name") },
  }),
  async (c) => {
    const { userId, role } = c.get("auth");
    if (role === "admin") return c.json({ items: [] as CareTeamMember[] });
    const db = database(c.env.DB);
    // A patient reads assignments by patient (indexed); staff by staff (the primary key's prefix).
    const [mine, theirs] =
      role === "patient" ? [assignments.patientId, assignments.staffId] : [assignments.staffId, assignments.patientId];
    const rows = await db
      .select({ id: users.id, displayName: users.displayName, role: users.role })
      .from(assignments)
      .innerJoin(users, eq(users.id, theirs))
      .where(
        and(
          eq(mine, userId),
          eq(users.status, "active"),
          // A patient's team is staff; staff look after patients.
          role === "patient" ? ne(users.role, "patient") : eq(users.role, "patient"),
        ),
      )
      .orderBy(asc(users.displayName), asc(users.id))
      .all();
    const items: CareTeamMember[] = rows.map((r) => ({ ...r, canMessage: canMessage(role, r.role) }));
    return c.json({ items });
  },
);
