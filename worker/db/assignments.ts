/** Assignments: which therapist or clinician looks after which patient (the admin's side). */
import { and, eq, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { AssignmentView } from "../../shared/schemas/admin";
import type { Database } from "./client";
import { assignments } from "./schema";

export type AssignmentRow = typeof assignments.$inferSelect;

/** An assignment as admins see it. */
export function assignmentView(r: AssignmentRow): AssignmentView {
  return {
    staffId: r.staffId,
    patientId: r.patientId,
    createdAt: new Date(r.createdAt).toISOString(),
    createdBy: r.createdBy,
  };
}

/** Every assignment of this staff member and/or this patient (all of them with neither). */
export function assignmentsMatching(
  db: Database,
  filter: { staffId?: string; patientId?: string },
): Promise<AssignmentRow[]> {
  const filters: SQL[] = [];
  if (filter.staffId) filters.push(eq(assignments.staffId, filter.staffId));
  if (filter.patientId) filters.push(eq(assignments.patientId, filter.patientId));
  return db
    .select()
    .from(assignments)
    .where(and(...filters))
    .all();
}

/** Assigns, in one batch with `audit`; assigning a pair already assigned changes nothing. */
export async function insertAssignment(db: Database, row: AssignmentRow, audit: BatchItem<"sqlite">): Promise<void> {
  await db.batch([db.insert(assignments).values(row).onConflictDoNothing(), audit]);
}

/** Ends an assignment; false when there was none. */
export async function deleteAssignment(db: Database, staffId: string, patientId: string): Promise<boolean> {
  const removed = await db
    .delete(assignments)
    .where(and(eq(assignments.staffId, staffId), eq(assignments.patientId, patientId)))
    .returning();
  return removed.length > 0;
}
