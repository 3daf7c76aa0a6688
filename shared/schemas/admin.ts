import { z } from "zod";
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from "../limits";
import { ROLES } from "../roles";
import { displayName, email, newPassword, timezone } from "./auth";
import { isoTime, pageOf } from "./common";

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

// ---------------------------------------------------------------------------------------------
// Responses: what /api/v1/admin answers (the OpenAPI document declares these; the contract
// tests hold every answer to them).

/** An audit event as admins read it; a crisis event's who, what and request are null (aggregate only). */
export const auditEventViewSchema = z.strictObject({
  id: z.number().int(),
  at: isoTime,
  requestId: z.string().nullable(),
  userId: z.uuid().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.enum(["success", "failure", "blocked"]),
  errorCode: z.string().nullable(),
  ipHash: z.string().nullable(),
});
export type AuditEventView = z.infer<typeof auditEventViewSchema>;

/** `GET /admin/audit`: a page of the audit trail, newest first. */
export const auditPageResponse = pageOf(auditEventViewSchema);

/** A user as admins see them: identity and account state, never clinical content. */
export const adminUserViewSchema = z.strictObject({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(ROLES),
  status: z.enum(["active", "disabled"]),
  displayName: z.string(),
  timezone: z.string(),
  mfaEnabled: z.boolean(),
  createdAt: isoTime,
  /** A staff member invited by email who has not set a password yet (issue 18); null otherwise. */
  invitedAt: isoTime.nullable(),
  /** When that invite's code expires (in the listing and the invite answers; null otherwise). */
  inviteExpiresAt: isoTime.nullable(),
});
export type AdminUserView = z.infer<typeof adminUserViewSchema>;

/** `GET /admin/users`: a page of accounts, newest first. */
export const usersPageResponse = pageOf(adminUserViewSchema);

/** `POST /admin/users`, `PATCH /admin/users/:id`, `POST /admin/users/:id/2fa/reset`: the account as it is now. */
export const adminUserResponse = z.strictObject({ user: adminUserViewSchema });

/** Who looks after whom: a therapist or clinician and their patient, since when and set by which admin. */
export const assignmentViewSchema = z.strictObject({
  staffId: z.uuid(),
  patientId: z.uuid(),
  createdAt: isoTime,
  createdBy: z.uuid(),
});
export type AssignmentView = z.infer<typeof assignmentViewSchema>;

/** `GET /admin/assignments`: every assignment matching the filters. */
export const assignmentsResponse = z.strictObject({ items: z.array(assignmentViewSchema) });

/** `POST /admin/assignments`: the pair now assigned (201, also when it already was). */
export const assignmentCreatedResponse = z.strictObject({
  assignment: z.strictObject({ staffId: z.uuid(), patientId: z.uuid() }),
});

// ---------------------------------------------------------------------------------------------
// Escalation of unacknowledged high risk flags (issue 17, item 3): after how many minutes a high
// flag nobody acknowledged goes to the on-call contact, and who that is.

export const ESCALATION_MINUTES_MIN = 1;
export const ESCALATION_MINUTES_MAX = 240;
export const ESCALATION_MINUTES_DEFAULT = 15;

/** `PUT /admin/escalation`: the minutes (1–240) and the on-call therapist or clinician (null: nobody). */
export const escalationBody = z.strictObject({
  minutes: z.number().int().min(ESCALATION_MINUTES_MIN).max(ESCALATION_MINUTES_MAX),
  onCallUserId: z.uuid().nullable(),
});
export type EscalationBody = z.infer<typeof escalationBody>;

/** The on-call contact as admins see them: identity only. */
export const onCallViewSchema = z.strictObject({
  id: z.uuid(),
  displayName: z.string(),
  role: z.enum(["therapist", "clinician"]),
});

/** `GET`/`PUT /admin/escalation`: the settings; `onCall` null when nobody (active) is on call. */
export const escalationResponse = z.strictObject({
  minutes: z.number().int().min(ESCALATION_MINUTES_MIN).max(ESCALATION_MINUTES_MAX),
  onCall: onCallViewSchema.nullable(),
});
export type EscalationSettingsView = z.infer<typeof escalationResponse>;

/**
 * A high flag nobody has acknowledged, as the admin health screen shows it: when it was raised,
 * for how long, and whether (to whom) it escalated. No clinical content: no patient, category or text.
 */
export const unacknowledgedFlagSchema = z.strictObject({
  flagId: z.string(),
  openedAt: isoTime,
  minutesOpen: z.number().int().min(0),
  escalatedAt: isoTime.nullable(),
  escalatedTo: z.string().nullable(),
});
export type UnacknowledgedFlag = z.infer<typeof unacknowledgedFlagSchema>;

// ---------------------------------------------------------------------------------------------
// System health for admins (GET /admin/health).

/** `GET /admin/health`: the public health plus the service's own server errors (5xx answers). */
export const adminHealthResponse = z.strictObject({
  status: z.literal("ok"),
  version: z.string(),
  migrations: z.strictObject({ applied: z.number().int(), latest: z.string().nullable() }),
  /** 5xx answers (unhandled exceptions included) in the last 24 hours. */
  errors24h: z.number().int().min(0),
  /** The latest 5xx answer still kept (7 days), or null. */
  lastErrorAt: isoTime.nullable(),
  /** How many high flags are open with nobody having acknowledged them. */
  unacknowledgedHighCount: z.number().int().min(0),
  /** The oldest of them (up to 50). */
  unacknowledgedHigh: z.array(unacknowledgedFlagSchema),
  /** The escalation settings: with `onCall` null, unacknowledged high flags escalate to nobody. */
  escalation: escalationResponse,
});
export type AdminHealth = z.infer<typeof adminHealthResponse>;

// ---------------------------------------------------------------------------------------------
// One-time password-reset codes: an admin issues one (POST /admin/users/:id/password-reset) for
// a user without email access, hands it over in person, and the user redeems it signed out
// (POST /auth/password-reset/redeem).

/** How long an issued code stays valid. */
export const PASSWORD_RESET_CODE_TTL_MS = 24 * 60 * 60 * 1000;

/** `POST /admin/users/:id/password-reset` (201): the code, shown once (only its hash is kept). */
export const passwordResetCodeResponse = z.strictObject({ code: z.string(), expiresAt: isoTime });
export type PasswordResetCode = z.infer<typeof passwordResetCodeResponse>;

/**
 * A one-time code, `XXXXX-XXXXX-XXXXX-XXXXX` in Crockford's base 32: spaces, dashes and case do
 * not matter, and the letters read as digits (O, I, L) are read as them. `message` says where
 * the code came from when it has the wrong shape.
 */
export const oneTimeCode = (message: string) =>
  z
    .string()
    .max(64)
    .transform((s) =>
      s
        .replace(/[\s-]+/g, "")
        .toUpperCase()
        .replace(/O/g, "0")
        .replace(/[IL]/g, "1"),
    )
    .pipe(z.string().regex(/^[A-Z0-9]{20}$/, message));

/** `POST /auth/password-reset/redeem`: the new password follows the same policy as registration. */
export const redeemPasswordResetBody = z.strictObject({
  email,
  code: oneTimeCode("Enter the 20-character code your admin gave you."),
  newPassword,
});
