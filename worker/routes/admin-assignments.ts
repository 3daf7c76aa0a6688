import { Hono } from "hono";
import { ApiError } from "../../shared/errors";
import {
  assignmentBody,
  assignmentCreatedResponse,
  assignmentsQuery,
  assignmentsResponse,
} from "../../shared/schemas/admin";
import type { AppEnv } from "../app-env";
import { assignmentsMatching, assignmentView, deleteAssignment, insertAssignment } from "../db/assignments";
import { database } from "../db/client";
import { findUserById } from "../db/users";
import { audit, auditStatement } from "../lib/audit";
import { json, noBody, operation } from "../lib/openapi";
import { jsonBody, queryParams } from "../lib/validate";

/** /api/v1/admin/assignments: which therapist or clinician looks after which patient. */
export const adminAssignments = new Hono<AppEnv>()
  .get(
    "/",
    operation({
      summary: "Assignments of staff to patients (filter by staff member or patient)",
      responses: { 200: json(assignmentsResponse, "The matching assignments") },
    }),
    queryParams(assignmentsQuery),
    async (c) => {
      const rows = await assignmentsMatching(database(c.env.DB), c.req.valid("query"));
      const items = rows.map(assignmentView);
      return c.json({ items });
    },
  )
  .post(
    "/",
    operation({
      summary: "Assign a therapist or clinician to a patient",
      responses: { 201: json(assignmentCreatedResponse, "Assigned (also when the pair already was)") },
    }),
    jsonBody(assignmentBody),
    async (c) => {
      const { staffId, patientId } = c.req.valid("json");
      const db = database(c.env.DB);
      const [staff, patient] = await Promise.all([findUserById(db, staffId), findUserById(db, patientId)]);
      const staffOk = staff && (staff.role === "therapist" || staff.role === "clinician") && staff.status === "active";
      if (!staffOk || patient?.role !== "patient") {
        await audit(c, {
          action: "admin.assignment.create",
          outcome: "failure",
          target: `${staffId}>${patientId}`,
          errorCode: "ASSIGNMENT_INVALID",
        });
        throw new ApiError("ASSIGNMENT_INVALID");
      }
      const row = { staffId, patientId, createdAt: Date.now(), createdBy: c.get("auth").userId };
      await insertAssignment(
        db,
        row,
        auditStatement(c, { action: "admin.assignment.create", outcome: "success", target: `${staffId}>${patientId}` }),
      );
      return c.json({ assignment: { staffId, patientId } }, 201);
    },
  )
  .delete(
    "/",
    operation({
      summary: "End an assignment: the staff member loses access to the patient at once",
      responses: { 204: noBody("Unassigned") },
    }),
    jsonBody(assignmentBody),
    async (c) => {
      const { staffId, patientId } = c.req.valid("json");
      const removed = await deleteAssignment(database(c.env.DB), staffId, patientId);
      const target = `${staffId}>${patientId}`;
      if (!removed) {
        await audit(c, { action: "admin.assignment.delete", outcome: "failure", target, errorCode: "NOT_FOUND" });
        throw new ApiError("NOT_FOUND");
      }
      // Access ends with the row: every staff read checks the assignment on each request.
      await audit(c, { action: "admin.assignment.delete", outcome: "success", target });
      return c.body(null, 204);
    },
  );
