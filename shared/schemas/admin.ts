import { z } from "zod";
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from "../limits";
import { displayName, email, newPassword, timezone } from "./auth";

const instant = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));

/** `GET /api/v1/admin/audit` filters; times are ISO 8601 instants, `to` exclusive. */
export const auditQuery = z.strictObject({
  userId: z.uuid().optional(),
  action: z.string().min(1).max(64).optional(),
  outcome: z.enum(["success", "failure", "blocked"]).optional(),
  requestId: z.uuid().optional(),
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
  cursor: z.string().max(128).optional(),
});

/** An audit event as admins read it; a crisis event's who, what and request are null (aggregate only). */
export interface AuditEventView {
  id: number;
  at: string;
  requestId: string | null;
  userId: string | null;
  role: string | null;
  action: string;
  target: string | null;
  outcome: "success" | "failure" | "blocked";
  errorCode: string | null;
  ipHash: string | null;
}

/** Staff accounts an admin creates; patients register themselves. */
export const createUserBody = z.strictObject({
  email,
  displayName,
  role: z.enum(["therapist", "clinician", "admin"]),
  timezone: timezone.optional(),
  /** An initial password the admin hands over; the same policy as registration. */
  password: newPassword,
});

export const usersQuery = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  role: z.enum(["patient", "therapist", "clinician", "admin"]).optional(),
  status: z.enum(["active", "disabled"]).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
  cursor: z.string().max(128).optional(),
});

export const updateUserBody = z.strictObject({
  status: z.enum(["active", "disabled"]).optional(),
  displayName: displayName.optional(),
});

export const assignmentBody = z.strictObject({ staffId: z.uuid(), patientId: z.uuid() });
export const assignmentsQuery = z.strictObject({ staffId: z.uuid().optional(), patientId: z.uuid().optional() });

/** A user as admins see them: identity and account state, never clinical content. */
export interface AdminUserView {
  id: string;
  email: string;
  role: string;
  status: string;
  displayName: string;
  timezone: string;
  mfaEnabled: boolean;
  createdAt: string;
}
