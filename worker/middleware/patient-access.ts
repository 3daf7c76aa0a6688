import { createMiddleware } from "hono/factory";
import { ApiError } from "../../shared/errors";
import type { Role } from "../../shared/roles";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { staffMayReachPatient } from "../db/staff-queries";
import { auditDenial } from "../lib/audit";

/**
 * Staff reach a patient's data only while assigned to them — or while an unresolved flag of the
 * patient is escalated to them as the on-call contact (db/staff-queries.ts staffMayReachPatient) —
 * checked on every request (so removing an assignment, or resolving the flag, ends access at once)
 * and only for the roles given. Anything else —
 * not assigned, not a patient, no such user, wrong role — is the same 404, so staff cannot
 * probe which patients exist; each refusal is an audit event.
 */
export function requirePatientAccess(...roles: Extract<Role, "therapist" | "clinician">[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const auth = c.get("auth");
    const patientId = c.req.param("id") ?? "";
    const allowed =
      (roles as Role[]).includes(auth.role) &&
      /^[0-9a-f-]{36}$/i.test(patientId) &&
      (await staffMayReachPatient(database(c.env.DB), auth.userId, patientId));
    if (!allowed) {
      await auditDenial(c, "NOT_FOUND");
      throw new ApiError("NOT_FOUND");
    }
    c.set("patientId", patientId);
    await next();
  });
}
