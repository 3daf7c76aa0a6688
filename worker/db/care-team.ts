/**
 * The care team, read from the assignments on every request (an unassignment removes someone at
 * once): for a patient the staff assigned to them, for staff the patients they look after.
 */
import { and, asc, eq, ne } from "drizzle-orm";
import { canMessage } from "../../shared/messaging-policy";
import type { Role } from "../../shared/roles";
import type { CareTeamMember } from "../../shared/schemas/me";
import type { Database } from "./client";
import { assignments, users } from "./schema";

/**
 * The active people on `userId`'s care team (a patient: their staff; staff: their patients), by
 * name, each with whether the messaging policy lets `role` start a message to them. Admins are
 * never assigned: nobody.
 */
export async function careTeamOf(db: Database, userId: string, role: Role): Promise<CareTeamMember[]> {
  if (role === "admin") return [];
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
  return rows.map((r) => ({ ...r, canMessage: canMessage(role, r.role) }));
}
