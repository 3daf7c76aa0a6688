import { Hono } from "hono";
import { careTeamResponse } from "../../shared/schemas/me";
import type { AppEnv } from "../app-env";
import { careTeamOf } from "../db/care-team";
import { database } from "../db/client";
import { json, operation } from "../lib/openapi";

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
    return c.json({ items: await careTeamOf(database(c.env.DB), userId, role) });
  },
);
